import Foundation
import WaymarkCore

/// `--format sarif`: SARIF 2.1.0 for code-scanning tools, with the rule catalog as
/// `tool.driver.rules`, paths relative to `%SRCROOT%` (the working directory), columns in
/// Unicode code points and a line-independent `partialFingerprints` entry per result.
enum SARIFReport {
    static func write<E: Error>(_ report: Report, toolVersion: String, to emit: ([UInt8]) throws(E) -> Void)
        throws(E)
    {
        let rules = RuleInfo.all
        var index: [String: Int] = [:]
        for (i, r) in rules.enumerated() { index[r.id] = i }
        let descriptors = rules.map { r -> JSONValue in
            let summary = report.localize(r.summaryKey, [:])
            let explanation = report.localize(r.explanationKey, [:])
            return .object([
                ("id", .string(r.id)), ("name", .string(pascal(r.id))),
                ("shortDescription", .object([("text", .string(summary))])),
                ("fullDescription", .object([("text", .string(explanation))])),
                ("help", .object([("text", .string(explanation))])),
                (
                    "defaultConfiguration",
                    .object([("enabled", .bool(r.enabledByDefault)), ("level", .string(level(r.defaultSeverity)))])
                ),
                ("properties", .object([("category", .string(r.category))])),
            ])
        }
        let run: JSONValue = .object([
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", .string("waymark")), ("version", .string(toolVersion)),
                            ("informationUri", .string("https://github.com/waymark-docs/waymark")),
                            ("rules", .array(descriptors)),
                        ])
                    )
                ])
            ),
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string(workingDirectoryURI()))]))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .string(resultsMarker)),
        ])
        // The document around its results, cut where they go: they are written one slice at a time
        // between the two parts, at the depth the whole document would give them.
        var frame: [UInt8] = []
        JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")), ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ]).write(to: &frame, indent: 0)
        frame.append(UInt8(ascii: "\n"))
        let marker = Array("\"\(resultsMarker)\"".utf8)
        let cut =
            frame.indices.reversed().first { frame[$0...].starts(with: marker) } ?? frame.count
        try emit(Array(frame[..<cut]) + [UInt8(ascii: "[")])
        let findings = report.findings
        let ruleIndex = index
        try ReportSlices.write(
            count: findings.count, bytesPerItem: 1400, grouping: report.memoGrouping,
            memo: report.memo, separator: [UInt8(ascii: ",")], to: emit
        ) { position, out, _ in
            if position > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.newLine(8, to: &out)
            result(findings[position], report: report, ruleIndex: ruleIndex).write(to: &out, indent: 8)
        }
        var tail: [UInt8] = []
        if !findings.isEmpty { JSONValue.newLine(6, to: &tail) }
        tail.append(UInt8(ascii: "]"))
        tail += frame[min(frame.count, cut + marker.count)...]
        try emit(tail)
    }

    /// What stands for the results while the document around them is written: a string no rule's
    /// text or encoded path holds, quoted.
    private static let resultsMarker = "waymark-sarif-results-go-here"

    /// One finding as a SARIF result.
    private static func result(_ f: Diagnostic, report: Report, ruleIndex index: [String: Int]) -> JSONValue {
        var physical: [(String, JSONValue)] = [
            (
                "artifactLocation",
                .object([("uri", .string(uri(f.path ?? ""))), ("uriBaseId", .string("%SRCROOT%"))])
            )
        ]
        if let r = f.range {
            var region: [(String, JSONValue)] = [
                ("startLine", .int(r.start.line)),
                ("startColumn", .int(codePointColumn(r.start.column, in: f.sourceLine))),
            ]
            if r.end.line >= r.start.line {
                region.append(("endLine", .int(r.end.line)))
                if r.end.line == r.start.line, r.end.column >= r.start.column {
                    region.append(
                        ("endColumn", .int(codePointColumn(r.end.column, in: f.sourceLine) + 1)))
                }
            }
            physical.append(("region", .object(region)))
        }
        var fields: [(String, JSONValue)] = [("ruleId", .string(f.id))]
        if let i = index[f.id] { fields.append(("ruleIndex", .int(i))) }
        fields += [
            ("level", .string(level(f.severity))),
            ("message", .object([("text", .string(report.message(f)))])),
            ("locations", .array([.object([("physicalLocation", .object(physical))])])),
            ("partialFingerprints", .object([("waymarkFindingHash/v1", .string(f.fingerprint))])),
        ]
        // Notes are related locations; fix-its are fixes (SARIF 2.1.0 §3.27.22, §3.55).
        if !f.notes.isEmpty {
            fields.append(
                (
                    "relatedLocations",
                    .array(
                        f.notes.enumerated().map { index, note in
                            var location: [(String, JSONValue)] = [
                                ("id", .int(index)),
                                (
                                    "message",
                                    .object([("text", .string(report.localizeNote(note)))])
                                ),
                            ]
                            // A note without a place (a count) is a location with a message only.
                            if note.path != nil || note.range != nil {
                                location.append(("physicalLocation", physicalLocation(note.path ?? "", note.range)))
                            }
                            return .object(location)
                        })
                ))
        }
        if !f.fixIts.isEmpty {
            fields.append(("fixes", .array(f.fixIts.map { fix(report, $0, path: f.path ?? "") })))
        }
        return .object(fields)
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// `link-case-mismatch` → `LinkCaseMismatch`.
    static func pascal(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A relative URI reference: path segments percent-encoded, `/` kept. Over bytes: a report
    /// encodes the path of every finding.
    static func uri(_ path: String) -> String {
        guard !path.utf8.allSatisfy(isKept) else { return path }
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count + 32)
        for byte in path.utf8 {
            if isKept(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An ASCII letter or digit, or one of `-._~/!$&'()*+,;=:@`: written as it is.
    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"),
            UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"):
            true
        default: false
        }
    }

    /// A 1-based byte column as a 1-based code-point column, when the line is known.
    static func codePointColumn(_ byteColumn: Int, in line: String?) -> Int {
        guard let line else { return byteColumn }
        return line.utf8.prefix(max(0, byteColumn - 1)).count { ($0 & 0xC0) != 0x80 } + 1
    }

    static func workingDirectoryURI() -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return "file://" + uri(cwd.hasSuffix("/") ? cwd : cwd + "/")
    }

    /// A location by byte columns (no source line to count code points in).
    private static func physicalLocation(_ path: String, _ range: SourceRange?) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("artifactLocation", .object([("uri", .string(uri(path))), ("uriBaseId", .string("%SRCROOT%"))]))
        ]
        if let range {
            fields.append(
                ("region", .object([("startLine", .int(range.start.line)), ("startColumn", .int(range.start.column))])))
        }
        return .object(fields)
    }

    private static func fix(_ report: Report, _ fix: Diagnostic.FixIt, path: String) -> JSONValue {
        let byFile = Dictionary(grouping: fix.edits, by: { $0.path ?? path })
        let changes = byFile.keys.sorted().map { file -> JSONValue in
            .object([
                ("artifactLocation", .object([("uri", .string(uri(file))), ("uriBaseId", .string("%SRCROOT%"))])),
                (
                    "replacements",
                    .array(
                        byFile[file, default: []].map { edit in
                            .object([
                                (
                                    "deletedRegion",
                                    .object([
                                        ("startLine", .int(edit.range.start.line)),
                                        ("startColumn", .int(edit.range.start.column)),
                                        ("endLine", .int(edit.range.end.line)),
                                        ("endColumn", .int(edit.range.end.column)),
                                    ])
                                ),
                                ("insertedContent", .object([("text", .string(edit.replacement))])),
                            ])
                        })
                ),
            ])
        }
        return .object([
            ("description", .object([("text", .string(report.localize(fix.messageKey, fix.arguments)))])),
            ("artifactChanges", .array(changes)),
        ])
    }
}
