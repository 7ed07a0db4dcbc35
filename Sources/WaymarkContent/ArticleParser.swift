import Foundation
import WaymarkCore

/// Parses Microsoft Learn style Markdown articles into `Article` values.
///
/// ```swift
/// let article = try ArticleParser().parse(fileAt: "docs/tr-tr/remove-a-relationship.md")
/// article.stepGraph.stepIDs  // [how-to-remove-a-relationship/1, …/1.1, …]
/// ```
///
/// Never throws on author content: problems become `diagnostics`. Throws `ContentError` only when
/// the file itself cannot be read.
public struct ArticleParser: Sendable {
    public struct Options: Sendable {
        /// Includes may not reach outside this folder. `nil`: found from the article's path (the
        /// nearest folder holding `.openpublishing.publish.config.json`, `.git` or `docfx.json`),
        /// else the article's own folder.
        public var root: String?
        /// Larger files are not parsed (one error diagnostic instead).
        public var maximumFileSize: Int
        public var maximumIncludeDepth: Int
        /// Read and parse each include file once for all the articles this parser (and its copies)
        /// parses, and resolve each written include path once: for a run over a tree taken as it
        /// stands, such as validation. Off by default, so a long-lived parser sees edits.
        public var cachesIncludes: Bool

        public init(
            root: String? = nil, maximumFileSize: Int = 16 * 1024 * 1024, maximumIncludeDepth: Int = 8,
            cachesIncludes: Bool = false
        ) {
            self.root = root
            self.maximumFileSize = maximumFileSize
            self.maximumIncludeDepth = maximumIncludeDepth
            self.cachesIncludes = cachesIncludes
        }
    }

    public var options: Options
    /// Shared by copies of the parser; used when `options.cachesIncludes` is on.
    let includeCache = IncludeCache()

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Forgets the parsed includes (with `cachesIncludes`), for a caller that has parsed every
    /// article it will: they are the largest thing such a parser holds.
    public func releaseIncludes() {
        includeCache.removeAll()
    }

    /// Reads and parses the file at `path`.
    public func parse(fileAt path: String) throws -> Article {
        let bytes = try ArticleParser.read(path, limit: options.maximumFileSize)
        let root = options.root ?? ArticleParser.docsRoot(for: path)
        switch bytes {
        case .tooLarge(let size):
            return Article(
                path: path, locale: ArticleParser.locale(fromPath: path), frontMatter: FrontMatter(), blocks: [],
                title: nil,
                diagnostics: [
                    ContentDiagnostic.fileTooLarge.make(
                        SourceRange(line: 1, column: 1),
                        ["size": String(size), "limit": String(options.maximumFileSize)])
                ])
        case .bytes(let data):
            return parse(bytes: data, path: path, root: root)
        }
    }

    /// Parses `bytes` as the content of the file at `path` (used for relative includes and the locale).
    public func parse(bytes: some Collection<UInt8>, path: String, root: String? = nil) -> Article {
        parseKeepingText(bytes: bytes, path: path, root: root).article
    }

    /// Parses like `parse(bytes:path:root:)` and also returns the decoded text (line ends turned
    /// into LF, a byte-order mark dropped) that every range of the article points into, for tools
    /// that quote source lines.
    public func parseKeepingText(
        bytes: some Collection<UInt8>, path: String, root: String? = nil
    ) -> (article: Article, text: String) {
        let source = SourceText(bytes: bytes)
        var diagnostics = source.diagnostics
        let blank = source.text.isBlank
        if blank {
            diagnostics.append(ContentDiagnostic.fileEmpty.make(SourceRange(line: 1, column: 1)))
        }
        let split = FrontMatterParser.split(source.text, requireFrontMatter: !blank)
        diagnostics += split.diagnostics
        var converter = MarkdownConverter(lineOffset: split.bodyLineOffset)
        var blocks = converter.convert(split.body)
        diagnostics += converter.diagnostics

        var resolver = IncludeResolver(
            root: root ?? options.root ?? ArticleParser.docsRoot(for: path), parser: self,
            maximumDepth: options.maximumIncludeDepth)
        if converter.containsInclude {
            let cache = options.cachesIncludes ? includeCache : nil
            blocks = resolver.resolve(
                blocks, from: path, chain: [IncludeCache.byFolder(path, cache?.absoluteFolders, ArticleParser.absolute)]
            )
        }
        diagnostics += resolver.diagnostics

        let locale =
            split.frontMatter.contentLocale.map(ArticleParser.canonicalLocale) ?? ArticleParser.locale(fromPath: path)
        let name = ArticleParser.baseName(path)
        let builder = StepGraphBuilder(cues: CueMatcher.forLocale(locale), fallbackAnchor: SlugRegistry.slug(name))
        let parts = builder.build(blocks)
        var collector = LinksAndAnchors()
        Block.walk(blocks, with: &collector)
        let (links, anchors) = (collector.links.links, collector.anchors.anchors)
        let firstHeading = blocks.lazy.compactMap { b -> String? in
            if case .heading(let h) = b, h.level == 1 { h.text } else { nil }
        }.first
        let article = Article(
            path: path, locale: locale, frontMatter: split.frontMatter, blocks: blocks,
            title: split.frontMatter.title ?? firstHeading, roles: parts.roles, consequences: parts.consequences,
            prerequisites: parts.prerequisites, nextSteps: parts.nextSteps, anchors: anchors,
            links: links,
            stepGraph: StepGraph(procedures: parts.procedures, aliases: parts.legacyIDs), diagnostics: diagnostics)
        return (article, source.text)
    }

    /// The text every range of an article parsed from `bytes` points into: line ends turned into
    /// LF and a byte-order mark dropped, as `parseKeepingText` returns it.
    public static func decodedText(_ bytes: some Collection<UInt8>) -> String {
        SourceText(bytes: bytes).text
    }

    /// Parses an included file: front matter optional, no step graph of its own.
    func parseInclude(bytes: [UInt8], path: String, lineDiagnosticsFile: String) -> ([Block], [Diagnostic]) {
        let source = SourceText(bytes: bytes)
        let split = FrontMatterParser.split(source.text, requireFrontMatter: false)
        var converter = MarkdownConverter(lineOffset: split.bodyLineOffset)
        let blocks = converter.convert(split.body)
        let diagnostics = (source.diagnostics + split.diagnostics + converter.diagnostics).map {
            $0.inFile(lineDiagnosticsFile)
        }
        return (blocks, diagnostics)
    }

    /// Makes the tables every parser shares (the step cues of each language, cmark-gfm's
    /// extensions) now rather than in the first parse. Optional: a parse makes them when needed.
    public static func prepare() {
        _ = CueMatcher.forLocale(nil)
        MarkdownConverter.prepare()
    }

    // MARK: - Files

    enum ReadResult {
        case bytes([UInt8])
        case tooLarge(Int)
    }

    static func read(_ path: String, limit: Int) throws -> ReadResult {
        do {
            return .bytes(try FileReader.read(path, limit: limit))
        } catch {
            switch error {
            case .notFound: throw ContentError.notFound(path: path)
            case .isDirectory: throw ContentError.isDirectory(path: path)
            case .tooLarge(let size, _): return .tooLarge(size)
            default: throw ContentError.unreadable(path: path, reason: error.description)
            }
        }
    }

    package static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The folder includes may not leave, found from marker files above the article.
    /// (By path text and `access`, not `URL`s and `FileManager`: a walkthrough's first screen
    /// waits for this, three times.)
    package static func docsRoot(for path: String) -> String {
        // The folder of a file: its path up to the last `/` (`/` itself for a file at the root).
        func parent(_ path: String) -> String {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
            return slash == path.utf8.startIndex ? "/" : String(Substring(path.utf8[..<slash]))
        }
        func exists(_ name: String, in dir: String) -> Bool {
            access(dir == "/" ? "/" + name : dir + "/" + name, F_OK) == 0
        }
        let start = parent(absolute(path))
        var dir = start
        var outermostDocfx: String?
        while true {
            if exists(".openpublishing.publish.config.json", in: dir)
                || exists(".openpublishing.redirection.json", in: dir) || exists(".git", in: dir)
            {
                return dir
            }
            if exists("docfx.json", in: dir) { outermostDocfx = dir }
            if dir == "/" || !dir.hasPrefix("/") { break }
            dir = parent(dir)
        }
        return outermostDocfx ?? start
    }

    /// The file name without its extension: `docs/tr-tr/add-a-user.md` → `add-a-user`.
    static func baseName(_ path: String) -> String {
        // The usual case by bytes: a last component `<name>.md` that does not start with a dot.
        let bytes = path.utf8
        let start = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        let file = bytes[start...]
        if file.count > 3, file.first != UInt8(ascii: "."), file.suffix(3).elementsEqual(".md".utf8) {
            return String(Substring(file.dropLast(3)))
        }
        return ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// `tr-tr`, `tr_TR`, `TR-tr` → `tr-TR`.
    package static func canonicalLocale(_ tag: String) -> String {
        let parts = tag.trimmingSpaces.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let language = parts.first else { return tag }
        var out = language.lowercased()
        for part in parts.dropFirst() {
            out += "-" + (part.count == 2 ? part.uppercased() : part.count == 4 ? part.capitalized : part.lowercased())
        }
        return out
    }

    /// The locale named by a path component such as `tr-tr` or `hu-HU`.
    package static func locale(fromPath path: String) -> String? {
        let isLetter = { (b: UInt8) in (b | 0x20) >= 97 && (b | 0x20) <= 122 }
        let field = path.utf8Field(separatedBy: UInt8(ascii: "/"), fromEnd: true) { c in
            c.count == 5 && c[2] == UInt8(ascii: "-") && isLetter(c[0]) && isLetter(c[1]) && isLetter(c[3])
                && isLetter(c[4])
        }
        return field.map { canonicalLocale(path.utf8Slice($0)) }
    }
}
