import WaymarkCore

/// `--format json`: every finding with its rule, severity, place, localized message, message key
/// and arguments, and fingerprint; then the counts.
enum JSONReport {
    static func bytes(_ report: Report) -> [UInt8] {
        var out = Array("{\n  \"version\": 1,\n  \"findings\": [".utf8)
        // Findings are put into words and written in slices on every processor, then joined in order.
        let parts = ParallelSlices.map(count: report.findings.count) { range -> [UInt8] in
            var part: [UInt8] = []
            for index in range {
                if index > 0 { part.append(UInt8(ascii: ",")) }
                JSONValue.newLine(4, to: &part)
                json(report.findings[index], report).write(to: &part, indent: 4)
            }
            return part
        }
        for part in parts { out += part }
        if !report.findings.isEmpty { JSONValue.newLine(2, to: &out) }
        out += Array("],\n  \"summary\": ".utf8)
        let summary: JSONValue = .object([
            ("files", .int(report.articlesChecked)), ("errors", .int(report.count(.error))),
            ("warnings", .int(report.count(.warning))), ("notes", .int(report.count(.note))),
            ("baselined", .int(report.baselined)),
        ])
        summary.write(to: &out, indent: 2)
        out += Array("\n}\n".utf8)
        return out
    }

    private static func json(_ f: Finding, _ report: Report) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("rule", .string(f.rule)), ("severity", .string(f.severity.rawValue)), ("path", .string(f.path)),
        ]
        if let r = f.range {
            fields += [
                ("line", .int(r.start.line)), ("column", .int(r.start.column)),
                ("endLine", .int(r.end.line)), ("endColumn", .int(r.end.column)),
            ]
        }
        fields += [
            ("message", .string(report.message(f))), ("messageKey", .string(f.messageKey)),
            ("arguments", .object(f.arguments.keys.sorted().map { ($0, .string(f.arguments[$0] ?? "")) })),
            ("fingerprint", .string(f.fingerprint)),
        ]
        return .object(fields)
    }
}
