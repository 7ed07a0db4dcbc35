import WaymarkCore

/// `--format json`: every finding with its rule, severity, place, localized message, message key
/// and arguments, and fingerprint; then the counts.
enum JSONReport {
    static func render(_ report: Report) -> String {
        let findings = report.findings.map { f -> JSONValue in
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
        let summary: JSONValue = .object([
            ("files", .int(report.articlesChecked)), ("errors", .int(report.count(.error))),
            ("warnings", .int(report.count(.warning))), ("notes", .int(report.count(.note))),
            ("baselined", .int(report.baselined)),
        ])
        return JSONValue.object([("version", .int(1)), ("findings", .array(findings)), ("summary", summary)])
            .serialized() + "\n"
    }
}
