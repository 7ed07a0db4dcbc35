import WaymarkCore

/// Writes text from an article back as Markdown that stays text: what the article's author wrote
/// (or what its entities decoded into) can add no HTML, link, image or emphasis of its own.
///
/// ```
/// "<img src=x onerror=alert(1)>"   →  "\<img src=x onerror=alert(1)\>"
/// [Run](javascript:alert(1))       →  "Run"
/// ```
enum MarkdownText {
    /// `text` with the punctuation that starts Markdown syntax backslash-escaped, `&` as `&amp;`, and line breaks as
    /// spaces.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "~": out += "\\" + String(scalar)
            case "&": out += "&amp;"
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A step's runs: labels in bold, code in a code span, links with a safe target.
    static func runs(_ runs: [InlineRun]) -> String {
        runs.map { run in
            switch run.kind {
            case .plain: escaped(run.text)
            case .uiLabel: "**" + escaped(run.text) + "**"
            case .code: code(run.text)
            case .link(let target):
                isSafeLink(target) ? "[" + escaped(run.text) + "](<" + linkTarget(target) + ">)" : escaped(run.text)
            }
        }.joined().trimmingSpaces
    }

    /// A code span whose fence is longer than any run of backticks inside it.
    static func code(_ text: String) -> String {
        var longest = 0
        var current = 0
        for c in text.unicodeScalars {
            current = c == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let body = text.replacingOccurrences(of: "\n", with: " ")
        return fence + " " + body + " " + fence
    }

    /// False for the schemes a browser would run or load inline (`javascript:`, `vbscript:`,
    /// `data:`), however they are spelled: case, and the controls and spaces browsers skip.
    static func isSafeLink(_ target: String) -> Bool {
        let folded = String(
            String.UnicodeScalarView(target.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        ).lowercased()
        return !["javascript:", "vbscript:", "data:"].contains { folded.hasPrefix($0) }
    }

    /// A link target for the `<…>` form: the characters that would end it or a line percent-encoded.
    static func linkTarget(_ target: String) -> String {
        var out = ""
        for scalar in target.unicodeScalars {
            switch scalar {
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "\\": out += "%5C"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
