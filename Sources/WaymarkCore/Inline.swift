/// Inline content of a paragraph, heading or table cell.
public enum Inline: Sendable, Hashable {
    case text(String, SourceRange?)
    case code(String, SourceRange?)
    case emphasis([Inline], SourceRange?)
    case strong([Inline], SourceRange?)
    case strikethrough([Inline], SourceRange?)
    case link(destination: String, title: String, children: [Inline], range: SourceRange?)
    case image(source: String, title: String, alt: [Inline], range: SourceRange?)
    case html(String, SourceRange?)
    case softBreak(SourceRange?)
    case lineBreak(SourceRange?)

    /// Where the inline stands, when cmark-gfm reported it.
    public var range: SourceRange? {
        switch self {
        case .text(_, let r), .code(_, let r), .strong(_, let r), .html(_, let r): r
        case .emphasis(_, let r), .strikethrough(_, let r), .softBreak(let r), .lineBreak(let r): r
        case .link(_, _, _, let r), .image(_, _, _, let r): r
        }
    }

    /// A soft or hard line break.
    public var isBreak: Bool {
        switch self {
        case .softBreak, .lineBreak: true
        default: false
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
            case .emphasis(let c, _), .strong(let c, _), .strikethrough(let c, _): appendPlainText(of: c, to: &out)
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

extension Array where Element == Inline {
    /// The inlines as step text runs: bold is a UI label, links and code keep their kind.
    public var runs: [InlineRun] {
        var collector = RunCollector()
        Inline.walk(self, with: &collector)
        var out = collector.runs
        if let first = out.first, first.kind == .plain {
            out[0].text = String(first.text.drop { $0 == " " })
            if out[0].text.isEmpty { out.removeFirst() }
        }
        if let last = out.last, last.kind == .plain {
            let trimmed = last.text.trimmingSpaces
            if trimmed.isEmpty {
                out.removeLast()
            } else {
                var text = last.text
                while text.utf8.last == UInt8(ascii: " ") { text.removeLast() }
                out[out.count - 1].text = text
            }
        }
        return out
    }
}

extension InlineRun {
    /// A step's text runs as a reader sees them: a step whose whole text is bold is a heading
    /// for what follows, not a UI label to find on screen, so it is plain text.
    public static func step(_ runs: [InlineRun]) -> [InlineRun] {
        guard runs.count == 1, runs[0].kind == .uiLabel else { return runs }
        return [InlineRun(kind: .plain, text: runs[0].text)]
    }
}

extension Alert {
    /// The alert's text as runs: bold is a UI label, as in a step; paragraphs are joined by a
    /// space, and other blocks are their plain text.
    public var runs: [InlineRun] {
        var out: [InlineRun] = []
        for block in blocks {
            if !out.isEmpty { out.append(InlineRun(kind: .plain, text: " ")) }
            if case .paragraph(let paragraph) = block {
                out += paragraph.content.runs
            } else {
                let text = [block].plainText.trimmingSpaces
                if !text.isEmpty { out.append(InlineRun(kind: .plain, text: text)) }
            }
        }
        return out
    }
}

/// Bold, links and code are runs of their own; emphasis and strikethrough are entered.
private struct RunCollector: InlineVisitor {
    var runs: [InlineRun] = []

    mutating func add(_ kind: InlineRun.Kind, _ text: String, _ range: SourceRange? = nil) {
        guard !text.isEmpty else { return }
        if kind == .plain, let last = runs.last, last.kind == .plain {
            runs[runs.count - 1].text += text
        } else {
            runs.append(InlineRun(kind: kind, text: text, range: kind == .plain ? nil : range))
        }
    }

    mutating func visit(_ inline: Inline, depth: Int) -> Bool {
        switch inline {
        case .text(let s, _): add(.plain, s)
        case .code(let s, let r): add(.code, s, r)
        case .strong(let c, let r): add(.uiLabel, c.plainText, r)
        case .emphasis, .strikethrough: return true
        case .link(let target, _, let c, let r): add(.link(target: target), c.plainText, r)
        case .softBreak, .lineBreak: add(.plain, " ")
        case .image, .html: break
        }
        return false
    }
}
