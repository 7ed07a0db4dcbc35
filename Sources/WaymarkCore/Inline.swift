/// Inline content of a paragraph, heading or table cell.
public enum Inline: Sendable, Hashable {
    case text(String, SourceRange?)
    case code(String, SourceRange?)
    case emphasis([Inline])
    case strong([Inline], SourceRange?)
    case strikethrough([Inline])
    case link(destination: String, title: String, children: [Inline], range: SourceRange?)
    case image(source: String, title: String, alt: [Inline], range: SourceRange?)
    case html(String, SourceRange?)
    case softBreak
    case lineBreak

    /// Where the inline stands, when cmark-gfm reported it.
    public var range: SourceRange? {
        switch self {
        case .text(_, let r), .code(_, let r), .strong(_, let r), .html(_, let r): r
        case .link(_, _, _, let r), .image(_, _, _, let r): r
        case .emphasis, .strikethrough, .softBreak, .lineBreak: nil
        }
    }

    /// The readable text of the inline, without markup; HTML tags contribute nothing.
    public var plainText: String {
        var out = ""
        Inline.appendPlainText(of: [self], to: &out)
        return out
    }

    static func appendPlainText(of inlines: [Inline], to out: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let s, _), .code(let s, _): out += s
            case .emphasis(let c), .strong(let c, _), .strikethrough(let c): appendPlainText(of: c, to: &out)
            case .link(_, _, let c, _): appendPlainText(of: c, to: &out)
            case .image(_, _, let alt, _): appendPlainText(of: alt, to: &out)
            case .html: break
            case .softBreak, .lineBreak: out += " "
            }
        }
    }
}

extension Array where Element == Inline {
    /// Plain text of a run of inlines, with soft breaks as spaces.
    public var plainText: String {
        var out = ""
        Inline.appendPlainText(of: self, to: &out)
        return out
    }
}
