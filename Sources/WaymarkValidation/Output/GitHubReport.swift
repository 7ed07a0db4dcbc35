import WaymarkCore

/// `--format github`: GitHub Actions workflow commands, one per finding, which the Actions runner
/// turns into annotations on the pull request.
///
/// `::error file=docs/x.md,line=3,col=5,endLine=3,endColumn=9,title=link-missing-target::link target "y.md" does not exist`
enum GitHubReport {
    static func render(_ report: Report) -> String {
        var out = ""
        for f in report.findings {
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
            out += "::\(command) \(properties.joined(separator: ","))::\(data(body))\n"
        }
        out += data(report.summary) + "\n"
        return out
    }

    /// Escapes a command's message (`%`, CR, LF).
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value (also `:` and `,`).
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
