extension Array where Element == Inline {
    /// A compact Markdown-like rendering used by tree dumps: **labels**, [text](target), `code`.
    public var summary: String {
        var out = ""
        for inline in self {
            switch inline {
            case .text(let s, _): out += s
            case .code(let s, _): out += "`" + s + "`"
            case .emphasis(let c, _): out += "*" + c.summary + "*"
            case .strong(let c, _): out += "**" + c.summary + "**"
            case .strikethrough(let c, _): out += "~~" + c.summary + "~~"
            case .link(let dest, _, let c, _): out += "[" + c.summary + "](" + dest + ")"
            case .image(let src, _, let alt, _): out += "![" + alt.summary + "](" + src + ")"
            case .html: break
            case .softBreak, .lineBreak: out += " "
            }
        }
        return out
    }
}

extension Array where Element == InlineRun {
    /// The runs rendered as in a tree dump: **labels**, [text](target), `code`.
    public var summary: String {
        map { run in
            switch run.kind {
            case .plain: run.text
            case .uiLabel: "**" + run.text + "**"
            case .link(let target): "[" + run.text + "](" + target + ")"
            case .code: "`" + run.text + "`"
            }
        }.joined().trimmingSpaces
    }
}
