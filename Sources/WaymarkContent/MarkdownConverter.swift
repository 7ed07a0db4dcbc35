internal import CCmarkArena
internal import CCmarkGFM
import Foundation
import WaymarkCore

/// Parses Markdown with cmark-gfm (GFM tables on) and converts its tree into Waymark `Block`s.
///
/// The walk uses cmark's iterator and an explicit stack, never recursion; containers nested deeper
/// than `maximumDepth` are left out with one diagnostic, so hostile nesting costs time linear in
/// the input and bounded stack. DocFX constructs (alerts, includes, `:::image`, heading anchors)
/// are recognised as each node closes.
struct MarkdownConverter {
    static let maximumDepth = 48

    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static func prepare() { _ = registered }

    /// cmark-gfm allocates through this for the whole life of a parser and its tree, so it is made
    /// once and never changed or freed.
    private nonisolated(unsafe) static let regionAllocator: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(
            to: cmark_mem(calloc: waymark_arena_calloc, realloc: waymark_arena_realloc, free: waymark_arena_free))
        return memory
    }()

    /// Lines of the file that precede the Markdown text (the front matter).
    let lineOffset: Int
    var diagnostics: [Diagnostic] = []
    /// Whether an include block stands anywhere in what `convert` returned.
    private(set) var containsInclude = false
    private var slugs = SlugRegistry()
    /// The Markdown being converted (read back only where cmark's tree lost an escape).
    private var source: Substring = ""
    /// The UTF-8 offset where each line of `source` starts, then its length + 1; made on first use.
    private var lineStarts: [Int] = []

    init(lineOffset: Int) {
        self.lineOffset = lineOffset
    }

    /// Parses `markdown` and returns its top-level blocks.
    ///
    /// The parser and its tree live in a region of their own (`CCmarkArena`): their many small
    /// allocations are bumps of a pointer, and the region is let go whole when the blocks are made,
    /// so the tree is never freed node by node.
    mutating func convert(_ markdown: Substring) -> [Block] {
        _ = MarkdownConverter.registered
        let outer = waymark_arena_enter()
        defer { waymark_arena_leave(outer) }
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE, Self.regionAllocator)
        else { return [] }
        if let table = cmark_find_syntax_extension("table") {
            cmark_parser_attach_syntax_extension(parser, table)
        }
        source = markdown
        lineStarts = []
        defer { source = "" }
        var body = markdown
        body.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return [] }
        return walk(document)
    }

    // MARK: - Walk

    private enum FrameKind {
        case document, blockQuote, list, item, paragraph, heading, emphasis, strong, strikethrough
        case link, image, table, tableRow, tableCell, other
    }

    private struct Frame {
        var kind: FrameKind
        var node: OpaquePointer
        var blocks: [Block] = []
        var inlines: [Inline] = []
        var items: [ListItem] = []
        var cells: [[Inline]] = []
        var rows: [[[Inline]]] = []

        /// A frame with room for what its kind usually gathers, so that most frames allocate
        /// once rather than once for every doubling of an empty array.
        init(opening kind: FrameKind, node: OpaquePointer) {
            self.kind = kind
            self.node = node
            switch kind {
            case .document: blocks.reserveCapacity(32)
            case .paragraph, .heading: inlines.reserveCapacity(8)
            case .item, .blockQuote: blocks.reserveCapacity(2)
            case .list: items.reserveCapacity(4)
            case .table: rows.reserveCapacity(8)
            case .tableRow: cells.reserveCapacity(4)
            case .emphasis, .strong, .strikethrough, .link, .image, .tableCell, .other: break
            }
        }
    }

    /// Text not yet in the innermost frame's inlines: adjacent text nodes (cmark splits text at
    /// `[`, `!`, ...) are gathered as bytes and become one `.text` when something else follows.
    /// Only the innermost frame gathers text (a frame's text is put in its inlines before a child
    /// opens), so one buffer serves them all.
    private struct PendingText {
        var bytes: [UInt8] = []
        var range: SourceRange?
        var isOpen = false
        /// The last inline is text that must stay apart (an escaped `[`), so the next text does
        /// not join it.
        var sealed = false

        mutating func add(
            _ literal: UnsafePointer<CChar>?, range: @autoclosure () -> SourceRange?, in frame: inout Frame
        ) {
            if !isOpen {
                isOpen = true
                if !sealed, case .text(let previous, let r)? = frame.inlines.last {
                    // Text placed by other means (an extension's literal) still merges, as before.
                    frame.inlines.removeLast()
                    bytes.append(contentsOf: previous.utf8)
                    self.range = r
                } else {
                    self.range = range()
                }
                sealed = false
            }
            guard let literal else { return }
            literal.withMemoryRebound(to: UInt8.self, capacity: 1) { start in
                bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: strlen(literal)))
            }
        }

        mutating func flush(into frame: inout Frame) {
            guard isOpen else { return }
            frame.inlines.append(.text(UTF8Text.decoded(bytes), range))
            bytes.removeAll(keepingCapacity: true)
            isOpen = false
        }

        mutating func append(_ inline: Inline, to frame: inout Frame) {
            flush(into: &frame)
            frame.inlines.append(inline)
        }
    }

    private mutating func walk(_ document: OpaquePointer) -> [Block] {
        guard let iter = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iter) }
        var stack: [Frame] = []
        var text = PendingText()
        var reportedDepth = false
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                if let kind = containerKind(type, node) {
                    if stack.count > MarkdownConverter.maximumDepth {
                        if !reportedDepth {
                            reportedDepth = true
                            diagnostics.append(
                                ContentDiagnostic.nestingTooDeep.make(
                                    range(node), ["limit": String(MarkdownConverter.maximumDepth)]))
                        }
                        cmark_iter_reset(iter, node, CMARK_EVENT_EXIT)
                        continue
                    }
                    if !stack.isEmpty { text.flush(into: &stack[stack.count - 1]) }
                    stack.append(Frame(opening: kind, node: node))
                } else {
                    leaf(type, node, into: &stack[stack.count - 1], text: &text)
                }
            } else if event == CMARK_EVENT_EXIT {
                guard var frame = stack.popLast() else { break }
                text.flush(into: &frame)
                if stack.isEmpty { return frame.blocks }
                close(frame, into: &stack[stack.count - 1])
            }
        }
        return stack.first?.blocks ?? []
    }

    /// Extension node types met so far and what they open: the types are numbers cmark-gfm gives
    /// out when extensions register, so each is named once, then compared as a number.
    private var extensionKinds: [(type: cmark_node_type, kind: FrameKind?)] = []

    private mutating func containerKind(_ type: cmark_node_type, _ node: OpaquePointer) -> FrameKind? {
        switch type {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE,
            CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
            return nil
        default:
            // Extension nodes: named (the headers define no constants for them), then remembered.
            if let known = extensionKinds.first(where: { $0.type == type }) { return known.kind }
            guard let name = cmark_node_get_type_string(node) else { return .other }
            let kind: FrameKind?
            switch String(cString: name) {
            case "table": kind = .table
            case "table_row", "table_header": kind = .tableRow
            case "table_cell": kind = .tableCell
            case "strikethrough": kind = .strikethrough
            // A node of an unknown extension: a container where it has children this time.
            default: return cmark_node_first_child(node) == nil ? nil : .other
            }
            extensionKinds.append((type, kind))
            return kind
        }
    }

    private func range(_ node: OpaquePointer) -> SourceRange {
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        let endLine = Int(cmark_node_get_end_line(node))
        let endColumn = Int(cmark_node_get_end_column(node))
        return SourceRange(
            line: line + lineOffset, column: max(column, 1), endLine: max(endLine, line) + lineOffset,
            endColumn: max(endColumn, 1))
    }

    /// The inline range, or `nil` where cmark has none (it reports 0:0 for some inlines).
    private func inlineRange(_ node: OpaquePointer) -> SourceRange? {
        cmark_node_get_start_line(node) == 0 ? nil : range(node)
    }

    /// Where a line break stands: cmark reports no position for one, so it is placed just after
    /// what precedes it on its line.
    private func breakRange(_ node: OpaquePointer, after previous: Inline?) -> SourceRange? {
        if let own = inlineRange(node) { return own }
        guard let end = previous?.range?.end else { return nil }
        return SourceRange(line: end.line, column: end.column + 1)
    }

    private func literal(_ node: OpaquePointer) -> String {
        guard let c = cmark_node_get_literal(node) else { return "" }
        return String(cString: c)
    }

    private mutating func leaf(
        _ type: cmark_node_type, _ node: OpaquePointer, into frame: inout Frame, text: inout PendingText
    ) {
        switch type {
        case CMARK_NODE_TEXT:
            if let cut = escapedMarker(node) {
                // `\[!…` is text: the text is cut before that bracket and the rest kept apart, so
                // an escaped `\[!INCLUDE…]` is never taken for an include.
                let literal = Array(literal(node).utf8)
                let range = inlineRange(node)
                if cut > 0 { text.append(.text(UTF8Text.decoded(Array(literal[..<cut])), range), to: &frame) }
                text.append(.text("[", range), to: &frame)
                text.append(.text(UTF8Text.decoded(Array(literal[(cut + 1)...])), range), to: &frame)
                text.sealed = true
            } else {
                text.add(cmark_node_get_literal(node), range: inlineRange(node), in: &frame)
            }
        case CMARK_NODE_SOFTBREAK:
            text.flush(into: &frame)
            text.append(.softBreak(breakRange(node, after: frame.inlines.last)), to: &frame)
        case CMARK_NODE_LINEBREAK:
            text.flush(into: &frame)
            text.append(.lineBreak(breakRange(node, after: frame.inlines.last)), to: &frame)
        case CMARK_NODE_CODE: text.append(.code(literal(node), inlineRange(node)), to: &frame)
        case CMARK_NODE_HTML_INLINE: text.append(.html(literal(node), inlineRange(node)), to: &frame)
        case CMARK_NODE_CODE_BLOCK:
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            frame.blocks.append(.codeBlock(CodeBlock(info: info, code: literal(node), range: range(node))))
        case CMARK_NODE_HTML_BLOCK:
            frame.blocks.append(.htmlBlock(HTMLBlock(html: literal(node), range: range(node))))
        case CMARK_NODE_THEMATIC_BREAK:
            frame.blocks.append(.thematicBreak(range(node)))
        default:
            let literal = literal(node)
            if !literal.isEmpty { text.append(.text(literal, inlineRange(node)), to: &frame) }
        }
    }

    /// The byte offset in a text node's literal of a `[!` whose bracket the source escapes (`\[!`).
    /// cmark joins an escaped character into the text around it, so the source is read, only for
    /// a text with `[!` that spans more columns than its bytes (a sign of an escape).
    private mutating func escapedMarker(_ node: OpaquePointer) -> Int? {
        guard let literal = cmark_node_get_literal(node) else { return nil }
        let count = strlen(literal)
        guard count >= 2, memchr(literal, 0x5B, count) != nil else { return nil }
        let line = Int(cmark_node_get_start_line(node))
        let start = Int(cmark_node_get_start_column(node))
        let end = Int(cmark_node_get_end_column(node))
        guard line > 0, line == Int(cmark_node_get_end_line(node)), end - start + 1 > count else { return nil }
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: count)
        guard let lineText = sourceLine(line), start >= 1, end <= lineText.count else { return nil }
        // The brackets of the source span and of the literal, in order, are the same brackets.
        let span = lineText[(start - 1)..<end]
        var escaped: [Bool] = []
        var previous: UInt8 = 0
        for b in span {
            if b == 0x5B { escaped.append(previous == 0x5C) }
            previous = previous == 0x5C && b == 0x5C ? 0 : b
        }
        var k = 0
        for i in bytes.indices where bytes[i] == 0x5B {
            defer { k += 1 }
            if k < escaped.count, escaped[k], i + 1 < count, bytes[i + 1] == 0x21 { return i }
        }
        return nil
    }

    /// Line `n` (1-based) of the Markdown being converted, as bytes. Where each line starts is
    /// found once, when a line is first read back (an article may read back thousands).
    private mutating func sourceLine(_ n: Int) -> ArraySlice<UInt8>? {
        if lineStarts.isEmpty {
            var starts = [0]
            source.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return }
                var from = 0
                while from < bytes.count, let hit = memchr(base + from, 0x0A, bytes.count - from) {
                    from = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
                    starts.append(from)
                }
                starts.append(bytes.count + 1)
            }
            lineStarts = starts
        }
        guard n >= 1, n < lineStarts.count else { return nil }
        return source.withUTF8 { ArraySlice($0[lineStarts[n - 1]..<lineStarts[n] - 1]) }
    }

    /// Puts a finished frame into its parent. The parent gathers no text meanwhile: its text went into
    /// its inlines when this frame opened.
    private mutating func close(_ frame: Frame, into parent: inout Frame) {
        let node = frame.node
        switch frame.kind {
        case .document, .other:
            parent.blocks += frame.blocks
            parent.inlines += frame.inlines
        case .paragraph:
            if DocFXRecognizer.paragraph(
                SideBySide.strip(frame.inlines), range: range(node), into: &parent.blocks, diagnostics: &diagnostics)
            {
                containsInclude = true
            }
        case .heading:
            let content = SideBySide.strip(frame.inlines)
            let explicit = HTMLAnchor.name(in: content)
            let text = content.plainText.trimmingSpaces
            let (anchor, textAnchor) = slugs.register(explicit: explicit, text: text)
            parent.blocks.append(
                .heading(
                    Heading(
                        level: Int(cmark_node_get_heading_level(node)), content: content, explicitAnchor: explicit,
                        anchor: anchor, textAnchor: textAnchor, range: range(node))))
        case .blockQuote:
            parent.blocks += DocFXRecognizer.blockQuote(frame.blocks, range: range(node), diagnostics: &diagnostics)
        case .list:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            parent.blocks.append(
                .list(
                    List(
                        ordered: ordered, start: ordered ? Int(cmark_node_get_list_start(node)) : 0,
                        tight: cmark_node_get_list_tight(node) != 0, items: frame.items, range: range(node))))
        case .item:
            parent.items.append(ListItem(blocks: frame.blocks, range: range(node)))
        case .emphasis: parent.inlines.append(.emphasis(frame.inlines, inlineRange(node)))
        case .strong: parent.inlines.append(.strong(frame.inlines, inlineRange(node)))
        case .strikethrough: parent.inlines.append(.strikethrough(frame.inlines, inlineRange(node)))
        case .link:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
            parent.inlines.append(
                .link(destination: url, title: title, children: frame.inlines, range: inlineRange(node)))
        case .image:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
            parent.inlines.append(.image(source: url, title: title, alt: frame.inlines, range: inlineRange(node)))
        case .table:
            parent.blocks.append(.table(Table(rows: frame.rows, range: range(node))))
        case .tableRow:
            parent.rows.append(frame.cells)
        case .tableCell:
            parent.cells.append(frame.inlines)
        }
    }
}
