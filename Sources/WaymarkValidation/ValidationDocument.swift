import WaymarkCore

/// One article being validated: where it stands in the tree, its locale and its source-layout key,
/// the parsed `Article` and the text its ranges point into.
struct ValidationDocument: Sendable {
    /// Path shown in reports (relative to the working directory when under it).
    var displayPath: String
    /// Path relative to the tree root, `/`-separated (`tr-tr/partner-center/x.md`).
    var treePath: String
    /// Canonical locale (`tr-TR`).
    var locale: String
    /// The locale's folder relative to the tree root (`tr-tr`), or "" when the tree has no locale folders.
    var localeRoot: String
    /// The path in the source locale's layout that aligns translations (`partner-center/x.md`).
    var key: String
    var isSource: Bool
    /// A file under an include folder: checked for its content, not as an article.
    var isInclude: Bool
    /// Whether a locale was found at all (from the folder or `ms.contentlocale`).
    var localeKnown: Bool
    var article: Article
    /// The front matter the published page has: the article's own, then what its docset's
    /// `docfx.json` supplies (`supplied`) for the keys it lacks. The front-matter rules read this.
    var frontMatter: FrontMatter
    /// The keys `docfx.json` gives this file, with their origin.
    var supplied: [DocFXMetadata.Supplied] = [] {
        didSet { frontMatter = article.frontMatter.merging(supplied) }
    }
    /// The text every range points into; `lines` are cut from it.
    var text: String
    var lines: LineTable
    var disabled: InlineDisable
    /// The body's prose segments, for the language rules that read them (Turkish articles only).
    var proseSegments: [ProseScanner.Segment] = []
    /// Every link and image, with the include it is written in.
    var references: [ReferenceCollector.Reference]
    /// `Heading.textAnchor` of every heading, includes' headings too.
    var headingTextAnchors: [String]
    /// The relative links and images with how each resolves; filled in once before the rules run.
    var checkedLinks:
        [(reference: ReferenceCollector.Reference, kind: ReferenceCollector.Reference.Kind, check: LinkCheck)] = []
    /// Absolute path of the tree root, to place includes in the tree.
    var treeRoot: String
    /// The lines findings and facts have quoted so far: shared by the copies of this value.
    let quoted = QuotedLines()

    init(
        displayPath: String, treePath: String, locale: String, localeRoot: String, key: String, isSource: Bool,
        isInclude: Bool = false, localeKnown: Bool, article: Article, text: String, treeRoot: String
    ) {
        self.treeRoot = treeRoot
        self.displayPath = displayPath
        self.treePath = treePath
        self.locale = locale
        self.localeRoot = localeRoot
        self.key = key
        self.isSource = isSource
        self.isInclude = isInclude
        self.localeKnown = localeKnown
        self.article = article
        self.frontMatter = article.frontMatter
        self.text = text
        self.lines = LineTable(text)
        self.disabled = InlineDisable(lines: lines, text: text)
        (self.references, self.headingTextAnchors) = ReferenceCollector.collect(article.blocks)
        if language == "tr" {
            self.proseSegments = ProseScanner.segments(of: lines, from: bodyStartLine)
        }
    }

    /// The tree-relative path of a file the parser named (an include), or of the article for `nil`.
    func treePath(ofFile file: String?) -> String {
        guard let file else { return treePath }
        let prefix = treeRoot.hasSuffix("/") ? treeRoot : treeRoot + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    /// Where a relative link written in `file` (an include, or the article for `nil`) points in
    /// the tree; `nil` when it climbs out of the tree.
    func resolve(_ relative: String, in file: String?) -> String? {
        TreePath.normalizeOrNil(TreePath.join(TreePath.parent(of: treePath(ofFile: file)), relative))
    }

    /// The language subtag (`tr`).
    var language: String { String(locale.prefix { $0 != "-" }).lowercased() }

    /// The text of 1-based `line`, or `nil` outside the file.
    func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1])
    }

    /// `line(number)` for a finding or a fact that keeps it: one string for each line, however
    /// many findings and facts quote it (a step's line is also its list's, a link's, a
    /// finding's), where each had a copy of its own for the whole run.
    func quotedLine(_ number: Int) -> String? { quoted.line(number, of: lines) }

    /// An edit that replaces `text` where it is written inside `range` of this article, or `nil`
    /// when it is not written there exactly once (escaped, or split over lines): a fix-it must
    /// never guess.
    func edit(replacing text: String, from range: SourceRange?, with replacement: String) -> Diagnostic.TextEdit? {
        guard let range, !text.isEmpty, let line = line(range.start.line) else { return nil }
        let bytes = Array(line.utf8)
        let needle = Array(text.utf8)
        let from = max(0, range.start.column - 1)
        let to = range.end.line == range.start.line ? min(bytes.count, range.end.column) : bytes.count
        guard from < to, to - from >= needle.count else { return nil }
        let starts = (from...(to - needle.count)).filter { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
        guard starts.count == 1, let start = starts.first else { return nil }
        return Diagnostic.TextEdit(
            range: SourceRange(line: range.start.line, column: start + 1, endColumn: start + 1 + needle.count),
            replacement: replacement)
    }

    /// The first line of the article body (after the front matter).
    var bodyStartLine: Int {
        (article.frontMatter.range?.end.line).map { $0 + 1 } ?? 1
    }

    /// Where findings about the front matter as a whole point: its opening line.
    var frontMatterRange: SourceRange {
        article.frontMatter.range.map { SourceRange(start: $0.start, end: $0.start) } ?? SourceRange(line: 1, column: 1)
    }
}

/// The lines a document's findings and facts quote, by number.
///
/// Unchecked: a document is checked by one worker, which alone reads and writes this; the
/// facts and findings it makes keep the strings, not this table.
final class QuotedLines: @unchecked Sendable {
    /// By line, from the first; empty until a line is quoted. (Not checked for exclusive access
    /// at each use: one thread uses it, as above.)
    @exclusivity(unchecked) private var lines: [String?] = []

    /// The text of 1-based line `number` of `table`, or `nil` outside it.
    func line(_ number: Int, of table: LineTable) -> String? {
        guard number >= 1, number <= table.count else { return nil }
        if lines.isEmpty { lines = Array(repeating: nil, count: table.count) }
        if let known = lines[number - 1] { return known }
        let text = String(table[number - 1])
        lines[number - 1] = text
        return text
    }
}
