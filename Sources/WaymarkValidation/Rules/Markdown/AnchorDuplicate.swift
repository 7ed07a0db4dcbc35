import WaymarkContent
import WaymarkCore

/// The same `<a name>` (or `id`) twice in one article.
struct AnchorDuplicate: DocumentRule {
    static let category = RuleCategory.markdown
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "The same anchor is written twice in one article.",
        "explanation":
            "A link to #name lands on the first of the two, whatever its author meant, and sections that take their StepIDs from the anchor get the same id. Translations often repeat an English anchor when a heading repeats; DocFX names the second one name-1. Give each anchor its own name.",
        "message": "anchor \"{anchor}\" is written {count} times in this article (first on line {first})",
        "first": "the first \"{anchor}\"",
        "other": "\"{anchor}\" again",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        struct Finder: BlockVisitor {
            var anchors: [(name: String, range: SourceRange)] = []
            mutating func visit(_ block: Block, depth: Int) -> Bool {
                switch block {
                case .include: return false
                case .htmlBlock(let html):
                    for name in HTMLAnchor.names(in: html.html) { anchors.append((name, html.range)) }
                case .heading(let heading): collect(heading.content)
                default: block.forEachInlineRun { collect($0) }
                }
                return true
            }
            mutating func collect(_ inlines: [Inline]) {
                for inline in inlines {
                    guard case .html(let html, let range?) = inline else { continue }
                    for name in HTMLAnchor.names(in: html) { anchors.append((name, range)) }
                }
            }
        }
        // Anchors are HTML, which starts with `<`: an article without one has none (and many
        // have none), so its blocks are not walked.
        guard document.text.containsUTF8Byte(UInt8(ascii: "<")) else { return }
        var finder = Finder()
        Block.walk(document.article.blocks, with: &finder)
        guard finder.anchors.count > 1 else { return }
        // Each name's places, two marks on one place (`<a name="x">` on the line before a heading
        // that carries the same anchor) counted once, since every link reaches them alike.
        var places: [String: [SourceRange]] = [:]
        var order: [String] = []
        for (name, range) in finder.anchors where !name.isEmpty {
            if let last = places[name]?.last {
                let adjacent =
                    range.start.line - last.start.line <= 2
                    && (last.start.line + 1..<range.start.line).allSatisfy { document.line($0)?.isBlank ?? true }
                if !adjacent { places[name]?.append(range) }
            } else {
                places[name] = [range]
                order.append(name)
            }
        }
        // One finding a name, at its second place, with notes at the others.
        for name in order {
            guard let ranges = places[name], ranges.count > 1 else { continue }
            var notes = [
                Diagnostic.Note(
                    path: document.displayPath, range: ranges[0], messageKey: key("first"), arguments: ["anchor": name])
            ]
            for range in ranges.dropFirst(2).prefix(Includers.listed) {
                notes.append(
                    Diagnostic.Note(
                        path: document.displayPath, range: range, messageKey: key("other"), arguments: ["anchor": name])
                )
            }
            findings.report(
                Self.self, at: ranges[1],
                ["anchor": name, "count": String(ranges.count), "first": String(ranges[0].start.line)], notes: notes)
        }
    }
}
