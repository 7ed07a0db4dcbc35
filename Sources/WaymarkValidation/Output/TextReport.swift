import WaymarkCore

/// The human format: `path:line:col: severity: message [rule]`, the source line and a caret
/// under the span, then a summary. Colour only when asked (a terminal without NO_COLOR).
///
/// ```
/// tr-TR/x.md:23:1: warning: "Iş" is written with a dotless I; Turkish spells it "İş" [turkish-dotless-capital-i]
///    23 | Iş Ortağı Merkezi'nde …
///       | ^~
/// ```
enum TextReport {
    static func render(_ report: Report, color: Bool) -> String {
        var out = ""
        for finding in report.findings {
            var place = finding.path
            if let range = finding.range { place += ":\(range.start.line):\(range.start.column)" }
            let severity = finding.severity.rawValue
            let painted = color ? paint(severity, finding.severity) : severity
            let head = color ? "\u{1B}[1m\(place):\u{1B}[0m" : place + ":"
            out += "\(head) \(painted): \(report.message(finding)) [\(finding.rule)]\n"
            if let line = finding.sourceLine, let range = finding.range {
                out += excerpt(line, range: range, color: color)
            }
        }
        out += report.summary + "\n"
        return out
    }

    private static func paint(_ text: String, _ severity: Severity) -> String {
        let code =
            switch severity {
            case .error: "31"
            case .warning: "33"
            case .note: "36"
            }
        return "\u{1B}[1;\(code)m\(text)\u{1B}[0m"
    }

    /// The line (tabs as spaces) with `^~~~` under the range's columns on that line.
    static func excerpt(_ line: String, range: SourceRange, color: Bool) -> String {
        let number = String(range.start.line)
        let gutter = String(repeating: " ", count: max(4, number.count + 1))
        let bytes = line.utf8Bytes
        let startByte = min(max(0, range.start.column - 1), bytes.count)
        let endByte =
            range.end.line == range.start.line ? min(max(startByte + 1, range.end.column), bytes.count) : bytes.count
        func width(_ slice: ArraySlice<UInt8>) -> Int {
            String(decoding: slice, as: UTF8.self).unicodeScalars.count { ($0.value & 0xC0) != 0x80 }
        }
        let pad = width(bytes[0..<startByte])
        let span = max(1, width(bytes[startByte..<max(startByte, endByte)]))
        let shown =
            line.utf8.contains(9) ? String(decoding: line.utf8.map { $0 == 9 ? 0x20 : $0 }, as: UTF8.self) : line
        var caret = "^" + String(repeating: "~", count: span - 1)
        if color { caret = "\u{1B}[32m\(caret)\u{1B}[0m" }
        let lead = String(gutter.dropLast(number.count)) + number
        return "\(lead) | \(shown)\n\(gutter) | \(String(repeating: " ", count: pad))\(caret)\n"
    }
}
