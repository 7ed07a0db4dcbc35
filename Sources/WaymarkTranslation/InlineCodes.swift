import WaymarkCore

/// A unit's Markdown syntax as XLIFF inline codes, so that a translator moves whole codes and
/// cannot break the Markdown: bold, emphasis, strike-through and links are `<pc>` (a link's target
/// stays out of the translatable text, in `originalData`), code spans, images and inline HTML
/// `<ph>`; a hard line break is a `<ph>` too.
struct InlineCodes {
    enum Code: Equatable {
        /// Paired: the Markdown before and after the content.
        case paired(start: String, end: String, kind: String)
        case placeholder(String, kind: String)
    }

    /// Code id → code, in order of first use.
    private(set) var codes: [(id: String, code: Code)] = []
    /// Where a hard line break's next line starts (the unit's column).
    var indent = 0

    /// `inlines` as the content of an XLIFF `<source>`, giving each code an id in order.
    mutating func xml(_ inlines: [Inline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline {
            case .text(let s, _): out += s.markupEscaped()
            case .softBreak: out += " "
            case .lineBreak: out += placeholder("\\\n" + String(repeating: " ", count: indent), kind: "lb")
            case .code(let c, _): out += placeholder(InlineCodes.codeSpan(c), kind: "code")
            case .html(let h, _): out += placeholder(h, kind: "html")
            case .image(let source, let title, let alt, _):
                out += placeholder(
                    "![" + InlineCodes.markdown(alt) + "](" + InlineCodes.destination(source, title) + ")",
                    kind: "image")
            case .strong(let children, _): out += paired("**", "**", kind: "bold", children)
            case .emphasis(let children, _): out += paired("*", "*", kind: "italic", children)
            case .strikethrough(let children, _): out += paired("~~", "~~", kind: "strike", children)
            case .link(let destination, let title, let children, _):
                out += paired("[", "](" + InlineCodes.destination(destination, title) + ")", kind: "link", children)
            }
        }
        return out
    }

    private mutating func placeholder(_ markdown: String, kind: String) -> String {
        let id = String(codes.count + 1)
        codes.append((id, .placeholder(markdown, kind: kind)))
        return "<ph id=\"\(id)\" dataRef=\"d\(id)\" canDelete=\"no\" type=\"fmt\" subType=\"wm:\(kind)\"/>"
    }

    private mutating func paired(_ start: String, _ end: String, kind: String, _ children: [Inline]) -> String {
        let id = String(codes.count + 1)
        codes.append((id, .paired(start: start, end: end, kind: kind)))
        // A link must stay a link; emphasis may be dropped where the language has none.
        let keep = kind == "link" ? " canDelete=\"no\"" : ""
        let inner = xml(children)
        return
            "<pc id=\"\(id)\" dataRefStart=\"d\(id)s\" dataRefEnd=\"d\(id)e\"\(keep) type=\"fmt\" subType=\"wm:\(kind)\">"
            + inner + "</pc>"
    }

    /// The `<originalData>` element holding every code's Markdown, or "" when there is none.
    var originalData: String {
        guard !codes.isEmpty else { return "" }
        var out = "<originalData>"
        for (id, code) in codes {
            switch code {
            case .paired(let start, let end, _):
                out +=
                    "<data id=\"d\(id)s\">\(start.markupEscaped())</data><data id=\"d\(id)e\">\(end.markupEscaped())</data>"
            case .placeholder(let markdown, _):
                out += "<data id=\"d\(id)\">\(markdown.markupEscaped())</data>"
            }
        }
        return out + "</originalData>"
    }

    // MARK: - Markdown

    /// A code span around `code`, with more backticks than any run inside it.
    static func codeSpan(_ code: String) -> String {
        var longest = 0
        var run = 0
        for ch in code {
            run = ch == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = code.hasPrefix("`") || code.hasSuffix("`") ? " " : ""
        return fence + pad + code + pad + fence
    }

    /// A link destination (in `<>` when it has spaces or parentheses) and its title.
    static func destination(_ destination: String, _ title: String) -> String {
        let needsBrackets = destination.contains { $0 == " " || $0 == "(" || $0 == ")" }
        var out = needsBrackets ? "<" + destination + ">" : destination
        if !title.isEmpty { out += " \"" + title.replacingAll("\"", with: "\\\"") + "\"" }
        return out
    }

    /// An image's alternative text as Markdown.
    static func markdown(_ inlines: [Inline]) -> String {
        escaped(inlines.plainText, atLineStart: false)
    }

    /// Text as Markdown: the characters that would start syntax are escaped, and so is what would
    /// start a block at the beginning of a line (`2.`, `#`, `-`, `+`, `>`).
    static func escaped(_ text: String, atLineStart: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<": out.append("\\")
            default: break
            }
            out.append(ch)
        }
        guard atLineStart else { return out }
        if let first = out.first, "#-+>".contains(first) { return "\\" + out }
        let digits = out.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count < 10, let next = out.dropFirst(digits.count).first, next == "." || next == ")"
        {
            return digits + "\\" + out.dropFirst(digits.count)
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
