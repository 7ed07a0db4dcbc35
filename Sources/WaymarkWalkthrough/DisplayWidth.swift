import WaymarkCore

/// Terminal display width: combining marks take no column, East Asian wide characters and most
/// emoji take two, everything else one.
public enum DisplayWidth {
    public static func of(_ text: some StringProtocol) -> Int {
        var width = 0
        for scalar in text.unicodeScalars { width += of(scalar) }
        return width
    }

    public static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars { width += of(scalar) }
        return width
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.value < 0x20 { return 0 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }
}

/// A run of text with a style, the unit the renderer wraps and colours.
public struct Styled: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, label, heading, dim, alert, blocked, good, key
    }

    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// Wraps styled runs into lines no wider than `width` display columns, breaking at spaces (a word
/// longer than the line is cut).
public enum Wrapper {
    /// `indent` columns come before the first line, `indent + hang` before the others: a step's
    /// text wraps under its text, not under its number (`hang` is the number's width).
    public static func wrap(_ runs: [Styled], width: Int, indent: Int = 0, hang: Int = 0) -> [[Styled]] {
        let width = max(width, 10)
        let hang = max(0, min(hang, width - indent - 10))
        var lines: [[Styled]] = []
        var line: [Styled] = []
        var start = indent
        var used = indent
        func push(_ piece: String, _ style: Styled.Style) {
            if let last = line.last, last.style == style {
                line[line.count - 1].text += piece
            } else {
                line.append(Styled(piece, style))
            }
        }
        func newLine() {
            lines.append(line)
            line = []
            start = indent + hang
            used = start
        }
        for run in runs {
            // Text from outside is shown with its terminal controls visible, and measured that way.
            let text = TerminalText.visible(run.text)
            // Words with the spaces before them.
            var words: [String] = []
            var current = ""
            for ch in text {
                if ch == " ", !current.isEmpty, current.last != " " {
                    words.append(current)
                    current = ""
                }
                current.append(ch)
            }
            if !current.isEmpty { words.append(current) }
            for word in words {
                var w = word
                var wWidth = DisplayWidth.of(w)
                if used + wWidth > width, used > start {
                    newLine()
                    w = String(w.drop { $0 == " " })
                    wWidth = DisplayWidth.of(w)
                }
                if wWidth > width - start {
                    // Longer than a line: cut in one pass, each piece filling the rest of its line.
                    var head = ""
                    var headWidth = 0
                    for ch in w {
                        let chWidth = DisplayWidth.of(ch)
                        if headWidth + chWidth > width - used, !head.isEmpty || used > start {
                            if !head.isEmpty { push(head, run.style) }
                            newLine()
                            head = ""
                            headWidth = 0
                        }
                        head.append(ch)
                        headWidth += chWidth
                    }
                    if !head.isEmpty {
                        push(head, run.style)
                        used += headWidth
                    }
                } else if !w.isEmpty {
                    push(w, run.style)
                    used += wWidth
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
