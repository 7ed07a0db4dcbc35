import WaymarkCore

/// `--format json`: every finding with its rule, severity, place, localized message, message key
/// and arguments, and fingerprint; then the counts.
enum JSONReport {
    static func bytes(_ report: Report) -> [UInt8] {
        let pieces = pieces(report)
        var out: [UInt8] = []
        out.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { out += piece }
        return out
    }

    /// The report in pieces that follow one another: findings are put into words and written in
    /// slices on every processor, and the slices are written out as they are, never joined.
    static func pieces(_ report: Report) -> [[UInt8]] {
        let head = Array("{\n  \"version\": 1,\n  \"findings\": [".utf8)
        let parts = ParallelSlices.map(count: report.findings.count) { range -> [UInt8] in
            var part: [UInt8] = []
            part.reserveCapacity(range.count * 640)
            // Taken once a slice, not read through `report` for every finding.
            let findings = report.findings
            let localize = report.localize
            for index in range {
                if index > 0 { part.append(UInt8(ascii: ",")) }
                JSONValue.newLine(4, to: &part)
                write(findings[index], localize: localize, to: &part)
            }
            return part
        }
        var tail: [UInt8] = []
        if !report.findings.isEmpty { JSONValue.newLine(2, to: &tail) }
        tail += Array("],\n  \"summary\": ".utf8)
        let summary: JSONValue = .object([
            ("files", .int(report.articlesChecked)), ("errors", .int(report.count(.error))),
            ("warnings", .int(report.count(.warning))), ("notes", .int(report.count(.note))),
            ("baselined", .int(report.baselined)),
        ])
        summary.write(to: &tail, indent: 2)
        tail += Array("\n}\n".utf8)
        return [head] + parts + [tail]
    }

    /// One finding as an object at depth 4, written straight as bytes: the same text as the
    /// `JSONValue` of its fields, without building that tree for each of thousands of findings.
    private static func write(_ f: borrowing Finding, localize: Localize, to out: inout [UInt8]) {
        append("{\n      \"rule\": ", to: &out)
        JSONValue.writeString(f.rule, to: &out)
        append(",\n      \"severity\": ", to: &out)
        JSONValue.writeString(f.severity.rawValue, to: &out)
        append(",\n      \"path\": ", to: &out)
        JSONValue.writeString(f.path, to: &out)
        if let r = f.range {
            append(",\n      \"line\": ", to: &out)
            JSONValue.writeInt(r.start.line, to: &out)
            append(",\n      \"column\": ", to: &out)
            JSONValue.writeInt(r.start.column, to: &out)
            append(",\n      \"endLine\": ", to: &out)
            JSONValue.writeInt(r.end.line, to: &out)
            append(",\n      \"endColumn\": ", to: &out)
            JSONValue.writeInt(r.end.column, to: &out)
        }
        append(",\n      \"message\": ", to: &out)
        JSONValue.writeString(localize(f.messageKey, f.arguments), to: &out)
        append(",\n      \"messageKey\": ", to: &out)
        JSONValue.writeString(f.messageKey, to: &out)
        append(",\n      \"arguments\": {", to: &out)
        if !f.arguments.isEmpty {
            for (index, (key, value)) in f.arguments.sorted(by: { $0.key < $1.key }).enumerated() {
                append(index == 0 ? "\n        " : ",\n        ", to: &out)
                JSONValue.writeString(key, to: &out)
                append(": ", to: &out)
                JSONValue.writeString(value, to: &out)
            }
            append("\n      ", to: &out)
        }
        out.append(UInt8(ascii: "}"))
        append(",\n      \"fingerprint\": ", to: &out)
        JSONValue.writeString(f.fingerprint, to: &out)
        append("\n    }", to: &out)
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
