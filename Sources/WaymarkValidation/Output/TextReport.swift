import WaymarkCore

/// The human format: `path:line:col: severity: message [rule]`, the source line and a caret
/// under the span, its notes (`path:line:col: note: …`) and fix-its, then a summary. Colour only when asked (a terminal without NO_COLOR).
///
/// ```
/// tr-TR/x.md:23:1: warning: "Iş" is written with a dotless I; Turkish spells it "İş" [turkish-dotless-capital-i]
///    23 | Iş Ortağı Merkezi'nde …
///       | ^~
/// ```
enum TextReport {
    static func write<E: Error>(_ report: Report, color: Bool, to emit: ([UInt8]) throws(E) -> Void) throws(E) {
        let findings = report.findings
        try ReportSlices.write(
            count: findings.count, bytesPerItem: 320, grouping: report.memoGrouping,
            memo: report.memo, separator: [], to: emit
        ) { index, out, _ in
            out += block(findings[index], report: report, color: color).utf8
        }
        try emit(Array((TerminalText.visible(report.summary) + "\n").utf8))
    }

    /// A finding's lines: its place, severity, message and rule, the excerpt, notes and fix-its.
    private static func block(_ finding: Diagnostic, report: Report, color: Bool) -> String {
        // Paths, messages and source lines come from the tree: their terminal controls are shown,
        // so a file name cannot start a line of its own (a `::warning` for a CI runner) or drive
        // the terminal. Only the report's own colours are sequences.
        var place = TerminalText.visible(finding.path ?? "")
        if let range = finding.range { place += ":\(range.start.line):\(range.start.column)" }
        let severity = finding.severity.rawValue
        let painted = color ? paint(severity, finding.severity) : severity
        let head = color ? "\u{1B}[1m\(place):\u{1B}[0m" : place + ":"
        var out = "\(head) \(painted): \(TerminalText.visible(report.message(finding))) [\(finding.id)]\n"
        if let line = finding.sourceLine, let range = finding.range {
            out += excerpt(line, range: range, color: color)
        }
        for note in finding.notes {
            let text = TerminalText.visible(report.localizeNote(note))
            out += "\(TerminalText.visible(note.lead)) \(text)\n"
        }
        for fix in finding.fixIts {
            out += "    fix-it: \(TerminalText.visible(report.localize(fix.messageKey, fix.arguments)))\n"
        }
        return out
    }

    /// `count` copies of an ASCII character (`String(repeating:count:)` appends them one by one).
    private static func repeated(_ byte: UInt8, _ count: Int) -> String {
        String(decoding: [UInt8](repeating: byte, count: max(0, count)), as: UTF8.self)
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
        let gutter = repeated(UInt8(ascii: " "), max(4, number.count + 1))
        let bytes = line.utf8Bytes
        let startByte = min(max(0, range.start.column - 1), bytes.count)
        let endByte =
            range.end.line == range.start.line ? min(max(startByte + 1, range.end.column), bytes.count) : bytes.count
        func width(_ slice: ArraySlice<UInt8>) -> Int {
            let text = String(decoding: slice, as: UTF8.self)
            let shown = TerminalText.needsEscaping(text) ? TerminalText.visible(text) : text
            return shown.unicodeScalars.count { ($0.value & 0xC0) != 0x80 }
        }
        let pad = width(bytes[0..<startByte])
        let span = max(1, width(bytes[startByte..<max(startByte, endByte)]))
        let spaced =
            line.utf8.contains(9) ? String(decoding: line.utf8.map { $0 == 9 ? 0x20 : $0 }, as: UTF8.self) : line
        let shown = TerminalText.visible(spaced)
        var caret = "^" + repeated(UInt8(ascii: "~"), span - 1)
        if color { caret = "\u{1B}[32m\(caret)\u{1B}[0m" }
        let lead = String(gutter.dropLast(number.count)) + number
        return "\(lead) | \(shown)\n\(gutter) | \(repeated(UInt8(ascii: " "), pad))\(caret)\n"
    }
}
