import WaymarkContent
import WaymarkCore

/// One translatable piece of an article: a step's text, a heading, a paragraph, a table cell, the
/// title or the description, with where it stands in the Markdown text.
public struct ArticleUnit: Sendable, Hashable {
    /// The unit's identity: a step's StepID (`how-to-remove-a-relationship/2.c`), else its section
    /// and position (`how-to-remove-a-relationship:p2`, `title`).
    public var key: String
    /// What the unit is: `step`, `heading`, `paragraph`, `cell`, `alert`, `title`, `description`.
    public var kind: String
    /// A step's kind (`navigate`, `select`, …), for the translator's note.
    public var stepKind: String?
    public var content: [Inline]
    /// The UTF-8 byte range of the content in the article's text; `nil` for front-matter values,
    /// which are rewritten by key.
    public var span: Range<Int>?
    /// The column (0-based, in bytes) the unit starts at: a hard line break inside it continues
    /// the next line there.
    public var indent: Int = 0
}

/// Finds an article's translatable units, in document order, with keys that are the same in every
/// locale (StepIDs, and section anchors with positions), and their places in the text.
public enum ArticleUnits {
    public static func of(_ article: Article, text: String) -> [ArticleUnit] {
        var finder = Finder(article: article, lines: LineStarts(text), text: Array(text.utf8))
        if let title = article.frontMatter.title, !title.isBlank {
            finder.units.append(ArticleUnit(key: "title", kind: "title", content: [.text(title, nil)]))
        }
        if let description = article.frontMatter.description, !description.isBlank {
            finder.units.append(
                ArticleUnit(key: "description", kind: "description", content: [.text(description, nil)]))
        }
        finder.walk(article.blocks)
        return finder.units
    }

    /// Byte offsets of the start of each line (1-based lines).
    struct LineStarts {
        var starts: [Int] = [0]
        init(_ text: String) {
            var offset = 0
            for byte in text.utf8 {
                offset += 1
                if byte == 0x0A { starts.append(offset) }
            }
        }

        /// The byte offset of a 1-based line and 1-based byte column.
        func offset(_ location: SourceLocation) -> Int? {
            guard location.line >= 1, location.line <= starts.count else { return nil }
            return starts[location.line - 1] + location.column - 1
        }
    }

    struct Finder {
        let article: Article
        let lines: LineStarts
        let text: [UInt8]
        var units: [ArticleUnit] = []
        var section = ""
        var counters: [String: Int] = [:]
        var claimed: [Range<Int>] = []
        var usedKeys: Set<String> = []
        /// Steps by the line they start on: a paragraph starting there is that step's text.
        let steps: [Int: Step]

        init(article: Article, lines: LineStarts, text: [UInt8]) {
            self.article = article
            self.lines = lines
            self.text = text
            var steps: [Int: Step] = [:]
            for step in article.stepGraph.allSteps where steps[step.range.start.line] == nil {
                steps[step.range.start.line] = step
            }
            self.steps = steps
        }

        mutating func walk(_ blocks: [Block], inAlert: Bool = false) {
            for block in blocks {
                switch block {
                case .heading(let h):
                    section = h.anchor.isEmpty ? (h.explicitAnchor ?? "") : h.anchor
                    // The heading's `<a name>` anchors stay in the skeleton: they are the same in
                    // every language and not the translator's.
                    var content = h.content[...]
                    while let first = content.first, isAnchorOrSpace(first) { content = content.dropFirst() }
                    add(kind: "heading", content: Array(content), range: h.range, fromContent: true)
                case .paragraph(let whole):
                    // Sub-steps joined to a paragraph by soft breaks (`a.` on the next line) are
                    // units of their own, one per line group.
                    for p in pieces(of: whole) {
                        if let step = steps[p.range.start.line], isStepParagraph(p, step) {
                            add(
                                kind: "step", key: step.id.description, stepKind: step.kind.rawValue,
                                content: withoutMarker(p.content, step), range: p.range, skip: markerLength(p, step))
                        } else {
                            add(
                                kind: inAlert ? "alert" : "paragraph", content: p.content, range: p.range,
                                fromContent: inAlert)
                        }
                    }
                case .list(let list):
                    for item in list.items { walk(item.blocks, inAlert: inAlert) }
                case .alert(let alert):
                    walk(alert.blocks, inAlert: true)
                case .blockQuote(let quote):
                    walk(quote.blocks, inAlert: inAlert)
                case .table(let table):
                    addCells(table)
                default:
                    break
                }
            }
        }

        func isAnchorOrSpace(_ inline: Inline) -> Bool {
            switch inline {
            case .html(let html, _): !HTMLAnchor.names(in: html).isEmpty || html.hasPrefix("</a")
            case .text(let t, _): t.isBlank
            default: false
            }
        }

        /// `p` cut before each line that starts a step of its own (a joined `a.` marker); each
        /// piece's range ends at the end of the line before the next piece.
        func pieces(of p: Paragraph) -> [Paragraph] {
            var cuts: [Int] = []
            for i in p.content.indices.dropLast() where p.content[i].isBreak {
                guard case .text(let t, let r) = p.content[i + 1], let line = r?.start.line, line > p.range.start.line,
                    let step = steps[line], let marker = step.id.path.last, marker.first?.isLetter == true,
                    t.hasPrefix(marker + ".")
                else { continue }
                cuts.append(i)
            }
            guard !cuts.isEmpty else { return [p] }
            var out: [Paragraph] = []
            var from = 0
            var start = p.range.start
            for cut in cuts + [p.content.count] {
                let content = Array(p.content[from..<cut])
                var end = p.range.end
                if cut < p.content.count, let nextLine = p.content[cut + 1].range?.start.line,
                    let nextStart = lines.offset(SourceLocation(line: nextLine, column: 1)), nextStart >= 2
                {
                    // The last byte of the line before (its line feed excluded).
                    let previousLine = nextLine - 1
                    let lineStart = lines.offset(SourceLocation(line: previousLine, column: 1)) ?? 0
                    end = SourceLocation(line: previousLine, column: max(1, nextStart - 1 - lineStart))
                }
                out.append(Paragraph(content: content, range: SourceRange(start: start, end: end)))
                if cut < p.content.count {
                    from = cut + 1
                    start = p.content[cut + 1].range?.start ?? start
                }
            }
            return out
        }

        /// Whether `p` is the paragraph a step was read from (its first line, same text start).
        func isStepParagraph(_ p: Paragraph, _ step: Step) -> Bool {
            guard let first = step.runs.first?.text.trimmingSpaces.prefix(12), !first.isEmpty else { return false }
            return withoutMarker(p.content, step).plainText.trimmingSpaces.hasPrefix(first)
        }

        /// The bytes of a sub-step's marker (`a. `) that open its paragraph, 0 for other steps.
        func markerLength(_ p: Paragraph, _ step: Step) -> Int {
            guard let marker = step.id.path.last, marker.first?.isLetter == true,
                case .text(let t, _)? = p.content.first, t.hasPrefix(marker + ".")
            else { return 0 }
            let rest = t.dropFirst(marker.count + 1)
            return marker.utf8.count + 1 + rest.prefix { $0 == " " }.utf8.count
        }

        /// A sub-step paragraph's content without its marker.
        func withoutMarker(_ content: [Inline], _ step: Step) -> [Inline] {
            guard let marker = step.id.path.last, marker.first?.isLetter == true,
                case .text(let t, let r)? = content.first, t.hasPrefix(marker + ".")
            else { return content }
            let rest = String(t.dropFirst(marker.count + 1).drop { $0 == " " })
            return (rest.isEmpty ? [] : [.text(rest, r)]) + content.dropFirst()
        }

        mutating func nextKey(_ kind: String) -> String {
            let name = "\(section):\(kind)"
            let n = counters[name, default: 0] + 1
            counters[name] = n
            return section.isEmpty ? "\(kind)\(n)" : "\(section):\(kind)\(n)"
        }

        mutating func add(
            kind: String, key: String? = nil, stepKind: String? = nil, content: [Inline], range: SourceRange,
            fromContent: Bool = false, skip: Int = 0
        ) {
            guard !content.plainText.isBlank else { return }
            let startLocation =
                fromContent ? (content.first { $0.range != nil }?.range?.start ?? range.start) : range.start
            guard let first = lines.offset(startLocation), var end = lines.offset(range.end) else { return }
            var start = first + skip
            // cmark's columns for text inside nested containers can be off by a byte or two:
            // where the text does not start there, it is looked for close by on the line.
            if fromContent, case .text(let t, _)? = content.first {
                let expected = Array(t.utf8.prefix(8))
                func matches(_ at: Int) -> Bool {
                    at >= 0 && at + expected.count <= text.count && Array(text[at..<(at + expected.count)]) == expected
                }
                if !expected.isEmpty, !matches(start),
                    let near = [-1, 1, -2, 2, -3, 3, -4, 4].map({ start + $0 }).first(where: matches)
                {
                    start = near
                }
            }
            // An alert's text that shares the marker's line starts after the `]`.
            if kind == "alert", start + 1 < text.count, text[start] == 0x5B, text[start + 1] == 0x21,
                let close = text[start...].firstIndex(of: 0x5D)
            {
                start = close + 1
                while start < text.count, text[start] == 0x20 { start += 1 }
            }
            end += 1
            guard start < end, end <= text.count else { return }
            // A heading's closing `#`s and spaces are not content.
            if kind == "heading" {
                while end > start, text[end - 1] == 0x0A || text[end - 1] == 0x20 || text[end - 1] == 0x23 { end -= 1 }
            }
            let span = start..<end
            // Pieces cut from one paragraph (around an inline include) share its range: the first
            // claims it, the rest stay as written.
            guard !claimed.contains(where: { $0.overlaps(span) }) else { return }
            claimed.append(span)
            var unitKey = key ?? nextKey(kind == "alert" ? "alert" : kind == "heading" ? "h" : "p")
            // The same StepID twice (a translation that numbers two lists alike): the second is
            // told apart, so no unit is lost.
            if usedKeys.contains(unitKey) {
                var n = 2
                while usedKeys.contains("\(unitKey)_\(n)") { n += 1 }
                unitKey = "\(unitKey)_\(n)"
            }
            usedKeys.insert(unitKey)
            let lineStart = lines.offset(SourceLocation(line: startLocation.line, column: 1)) ?? start
            units.append(
                ArticleUnit(
                    key: unitKey, kind: kind, stepKind: stepKind, content: content, span: span,
                    indent: max(0, start - lineStart)))
        }

        mutating func addCells(_ table: Table) {
            let t = nextKey("t")
            for (r, row) in table.rows.enumerated() {
                for (c, cell) in row.enumerated() where !cell.plainText.isBlank {
                    guard let start = cell.first(where: { $0.range != nil })?.range?.start,
                        let from = lines.offset(start)
                    else { continue }
                    // The cell runs to the next unescaped `|` or the end of the line.
                    var end = from
                    var escaped = false
                    while end < text.count, text[end] != 0x0A {
                        if text[end] == 0x7C, !escaped { break }
                        escaped = text[end] == 0x5C && !escaped
                        end += 1
                    }
                    while end > from, text[end - 1] == 0x20 { end -= 1 }
                    let span = from..<end
                    guard from < end, !claimed.contains(where: { $0.overlaps(span) }) else { continue }
                    claimed.append(span)
                    units.append(
                        ArticleUnit(key: "\(t).r\(r + 1)c\(c + 1)", kind: "cell", content: cell, span: span))
                }
            }
        }
    }
}
