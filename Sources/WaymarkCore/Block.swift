/// The kind of a DocFX alert (`> [!NOTE]`).
public enum AlertKind: String, Sendable, Hashable, CaseIterable {
    case note, tip, important, caution, warning
}

/// A block of an article, as Waymark understands it: CommonMark and GFM tables plus the DocFX
/// extensions the corpus uses. Every block carries its source range.
///
/// Indirect: each block is one reference, so the walks, the step graph and the rules copy a block
/// with one count instead of one per string and array of its largest case.
public indirect enum Block: Sendable, Hashable {
    case heading(Heading)
    case paragraph(Paragraph)
    case list(List)
    case blockQuote(BlockQuote)
    case alert(Alert)
    case codeBlock(CodeBlock)
    case htmlBlock(HTMLBlock)
    case table(Table)
    case thematicBreak(SourceRange)
    case include(Include)
    case docfxImage(DocFXImage)
    case video(Video)

    public var range: SourceRange {
        switch self {
        case .heading(let b): b.range
        case .paragraph(let b): b.range
        case .list(let b): b.range
        case .blockQuote(let b): b.range
        case .alert(let b): b.range
        case .codeBlock(let b): b.range
        case .htmlBlock(let b): b.range
        case .table(let b): b.range
        case .thematicBreak(let r): r
        case .include(let b): b.range
        case .docfxImage(let b): b.range
        case .video(let b): b.range
        }
    }
}

public struct Heading: Sendable, Hashable {
    public var level: Int
    public var content: [Inline]
    /// The `<a name="…">` written in the heading, if any.
    public var explicitAnchor: String?
    /// The anchor DocFX gives the heading: the explicit one, else the slug of its text.
    public var anchor: String
    /// The slug of the heading's text, which DocFX also answers to beside an explicit anchor.
    public var textAnchor: String
    public var range: SourceRange

    public init(
        level: Int, content: [Inline], explicitAnchor: String?, anchor: String, textAnchor: String? = nil,
        range: SourceRange
    ) {
        self.level = level
        self.content = content
        self.explicitAnchor = explicitAnchor
        self.anchor = anchor
        self.textAnchor = textAnchor ?? anchor
        self.range = range
    }

    public var text: String { content.plainText.trimmingSpaces }
}

public struct Paragraph: Sendable, Hashable {
    public var content: [Inline]
    public var range: SourceRange

    public init(content: [Inline], range: SourceRange) {
        self.content = content
        self.range = range
    }
}

public struct List: Sendable, Hashable {
    public var ordered: Bool
    /// The number of the first item of an ordered list.
    public var start: Int
    public var tight: Bool
    public var items: [ListItem]
    public var range: SourceRange

    public init(ordered: Bool, start: Int, tight: Bool, items: [ListItem], range: SourceRange) {
        self.ordered = ordered
        self.start = start
        self.tight = tight
        self.items = items
        self.range = range
    }
}

public struct ListItem: Sendable, Hashable {
    public var blocks: [Block]
    public var range: SourceRange

    public init(blocks: [Block], range: SourceRange) {
        self.blocks = blocks
        self.range = range
    }
}

public struct BlockQuote: Sendable, Hashable {
    public var blocks: [Block]
    public var range: SourceRange

    public init(blocks: [Block], range: SourceRange) {
        self.blocks = blocks
        self.range = range
    }
}

/// A DocFX alert: a block quote opened by `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!CAUTION]` or
/// `[!WARNING]` (any letter case). `blocks` is its body without the marker.
public struct Alert: Sendable, Hashable {
    public var kind: AlertKind
    public var blocks: [Block]
    public var range: SourceRange

    public init(kind: AlertKind, blocks: [Block], range: SourceRange) {
        self.kind = kind
        self.blocks = blocks
        self.range = range
    }

    public var text: String { blocks.plainText }
}

public struct CodeBlock: Sendable, Hashable {
    public var info: String
    public var code: String
    public var range: SourceRange

    public init(info: String, code: String, range: SourceRange) {
        self.info = info
        self.code = code
        self.range = range
    }
}

public struct HTMLBlock: Sendable, Hashable {
    public var html: String
    public var range: SourceRange

    public init(html: String, range: SourceRange) {
        self.html = html
        self.range = range
    }
}

public struct Table: Sendable, Hashable {
    /// Rows of cells; the first row is the header row.
    public var rows: [[[Inline]]]
    public var range: SourceRange

    public init(rows: [[[Inline]]], range: SourceRange) {
        self.rows = rows
        self.range = range
    }
}

/// `[!INCLUDE[title](path)]`, with the blocks of the included file when it could be resolved.
/// Ranges inside `blocks` point into `resolvedPath`.
public struct Include: Sendable, Hashable {
    public var title: String
    public var target: String
    public var resolvedPath: String?
    public var blocks: [Block]
    public var range: SourceRange
    /// Written in a line with other text: DocFX puts the included text into that sentence.
    public var isInline: Bool

    public init(
        title: String, target: String, resolvedPath: String?, blocks: [Block], range: SourceRange,
        isInline: Bool = false
    ) {
        self.title = title
        self.target = target
        self.resolvedPath = resolvedPath
        self.blocks = blocks
        self.range = range
        self.isInline = isInline
    }
}

/// `:::image type="content" source="…" alt-text="…":::`, kept but not rendered.
public struct DocFXImage: Sendable, Hashable {
    public var attributes: [String: String]
    public var range: SourceRange

    public init(attributes: [String: String], range: SourceRange) {
        self.attributes = attributes
        self.range = range
    }
}

/// `> [!VIDEO url]`, a DocFX video embed.
public struct Video: Sendable, Hashable {
    public var url: String
    public var range: SourceRange

    public init(url: String, range: SourceRange) {
        self.url = url
        self.range = range
    }
}

extension Array where Element == Block {
    /// The readable text of a run of blocks, paragraphs separated by a space.
    public var plainText: String {
        var parts: [String] = []
        for block in self {
            switch block {
            case .paragraph(let p): parts.append(p.content.plainText)
            case .heading(let h): parts.append(h.text)
            case .list(let l): parts.append(contentsOf: l.items.map { $0.blocks.plainText })
            case .blockQuote(let q): parts.append(q.blocks.plainText)
            case .alert(let a): parts.append(a.blocks.plainText)
            case .include(let i): parts.append(i.blocks.plainText)
            case .codeBlock(let c): parts.append(c.code)
            default: break
            }
        }
        return parts.map(\.trimmingSpaces).filter { !$0.isEmpty }.joined(separator: " ")
    }
}

extension String {
    /// The string without leading and trailing white space (spaces, tabs, newlines, NBSP).
    public var trimmingSpaces: String {
        // Fast path: nothing to trim when both ends are visible ASCII.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        // ASCII white space at the ends, cut by bytes; a non-ASCII end byte needs Unicode's list.
        let bytes = utf8
        var start = bytes.startIndex
        while start < bytes.endIndex, String.isASCIISpace(bytes[start]) { start = bytes.index(after: start) }
        if start == bytes.endIndex { return "" }
        var end = bytes.endIndex
        repeat { end = bytes.index(before: end) } while String.isASCIISpace(bytes[end])
        if bytes[start] < 0x80, bytes[end] < 0x80 {
            if start == bytes.startIndex, end == bytes.index(before: bytes.endIndex) { return self }
            return String(Substring(bytes[start...end]))
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// True when the string is empty or only white space (the test `trimmingSpaces.isEmpty` makes,
    /// without copying the text).
    public var isBlank: Bool {
        for byte in utf8 {
            if byte >= 0x80 { return unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
            if !String.isASCIISpace(byte) { return false }
        }
        return true
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space: the ASCII white space.
    @inline(__always)
    public static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
