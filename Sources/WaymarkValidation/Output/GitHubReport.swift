import WaymarkCore

/// `--format github`: GitHub Actions workflow commands, one per finding, which the Actions runner
/// turns into annotations on the pull request.
///
/// `::error file=docs/x.md,line=3,col=5,endLine=3,endColumn=9,title=link-missing-target::link target "y.md" does not exist`
enum GitHubReport {
    static func write<E: Error>(_ report: Report, to emit: ([UInt8]) throws(E) -> Void) throws(E) {
        let findings = report.findings
        try ReportSlices.write(
            count: findings.count, bytesPerItem: 200, grouping: report.memoGrouping,
            memo: report.memo, separator: [], to: emit
        ) { index, out, _ in
            out += command(findings[index], report: report).utf8
        }
        try emit(Array((data(report.summary) + "\n").utf8))
    }

    /// One finding's workflow command, its line break included.
    private static func command(_ f: Diagnostic, report: Report) -> String {
        let command =
            switch f.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
        var properties = ["file=\(property(f.path ?? ""))"]
        if let r = f.range {
            properties += ["line=\(r.start.line)", "col=\(r.start.column)", "endLine=\(r.end.line)"]
            if r.end.line == r.start.line { properties.append("endColumn=\(r.end.column)") }
        }
        properties.append("title=\(property(f.id))")
        let body = ([report.message(f)] + report.noteLines(f)).joined(separator: "\n")
        return "::\(command) \(properties.joined(separator: ","))::\(data(body))\n"
    }

    /// Escapes a command's message (`%`, CR, LF).
    static func data(_ text: String) -> String { escaped(text, alsoSeparators: false) }

    /// Escapes a property value (also `:` and `,`).
    static func property(_ text: String) -> String { escaped(text, alsoSeparators: true) }

    /// `%XX` for each byte the runner would read as syntax, over the bytes: the rest as is.
    private static func escaped(_ text: String, alsoSeparators: Bool) -> String {
        func escapes(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "%") || byte == 0x0D || byte == 0x0A
                || (alsoSeparators && (byte == UInt8(ascii: ":") || byte == UInt8(ascii: ",")))
        }
        guard text.utf8.contains(where: escapes) else { return text }
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if escapes(byte) {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
