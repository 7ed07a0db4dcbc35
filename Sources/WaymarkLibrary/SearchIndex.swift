import Foundation
internal import GRDB
import WaymarkContent
import WaymarkCore
import WaymarkLocalization

/// One search result.
public struct SearchResult: Sendable, Hashable {
    /// The docs path, the same in every locale.
    public var path: String
    /// The locale the article is served in.
    public var locale: String
    public var title: String
    /// How many procedures the article has.
    public var procedures: Int
    /// Where the query's words occur, each marked `«…»`.
    public var snippet: String
    /// Served from another language than the user's, because the article has no translation.
    public var fallback: Bool
}

/// The search index of a `DocsLibrary`: SQLite FTS5 over each article's terms (`SearchTerms`:
/// cased, stemmed, folded), title and headings weighing more than UI labels, labels more than body
/// text, ranked by BM25.
///
/// Kept in a cache file and brought up to date incrementally: a file whose size and modification
/// time are unchanged is not read; one whose content hash is unchanged is not parsed again. A file
/// that is not this index (corrupt, foreign, another version) is deleted and rebuilt, never trusted.
public final class SearchIndex {
    public let path: String
    let queue: DatabaseQueue
    /// Identifies Waymark's index files (`PRAGMA application_id`), and their layout.
    static let applicationID: Int32 = 0x5759_4D4B
    static let version = 2

    /// Column weights of `bm25`: title, headings, labels, body.
    static let weights = "10.0, 5.0, 3.0, 1.0"

    /// Opens (or creates, or rebuilds) the index at `path`.
    public init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if let queue = try? SearchIndex.open(path), (try? SearchIndex.isOurs(queue)) == true {
            self.queue = queue
            return
        }
        // Not ours, or damaged: start again.
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        queue = try SearchIndex.open(path)
        try SearchIndex.create(queue)
    }

    /// `$XDG_CACHE_HOME/waymark/index-<trees>.sqlite`, else `~/.cache/waymark/…`: one index per set
    /// of trees.
    public static func defaultPath(for library: DocsLibrary, environment: [String: String]) -> String {
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        }
        return base + "/waymark/index-" + hash(Array(library.trees.map(\.root).joined(separator: "\n").utf8))
            + ".sqlite"
    }

    static func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    static func isOurs(_ queue: DatabaseQueue) throws -> Bool {
        try queue.read { db in
            let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? ""
            let tables = try db.tableExists("article") && db.tableExists("terms")
            return id == applicationID && version == SearchIndex.version && check == "ok" && tables
        }
    }

    static func create(_ queue: DatabaseQueue) throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    PRAGMA application_id = \(applicationID);
                    PRAGMA user_version = \(SearchIndex.version);
                    CREATE TABLE article (
                      id INTEGER PRIMARY KEY, file TEXT NOT NULL UNIQUE, locale TEXT NOT NULL, language TEXT NOT NULL,
                      docsPath TEXT NOT NULL, size INTEGER NOT NULL, mtime REAL NOT NULL, hash TEXT NOT NULL,
                      title TEXT NOT NULL, procedures INTEGER NOT NULL, body TEXT NOT NULL);
                    CREATE INDEX article_by_path ON article(docsPath, language);
                    CREATE VIRTUAL TABLE terms USING fts5(
                      title, headings, labels, body, tokenize = 'unicode61', prefix = '3 4 5');
                    """)
        }
    }

    /// What an update did.
    public struct UpdateSummary: Sendable, Hashable {
        public var indexed = 0
        public var removed = 0
        public var unchanged = 0

        public init(indexed: Int = 0, removed: Int = 0, unchanged: Int = 0) {
            self.indexed = indexed
            self.removed = removed
            self.unchanged = unchanged
        }
    }

    /// Brings the index up to date with `files`; `progress` hears (done, total).
    @discardableResult
    public func update(_ files: [DocsFile], progress: ((Int, Int) -> Void)? = nil) throws -> UpdateSummary {
        struct Stored {
            var id: Int64
            var size: Int
            var mtime: Double
            var hash: String
        }
        var stored: [String: Stored] = [:]
        try queue.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, file, size, mtime, hash FROM article")
            while let row = try rows.next() {
                stored[row[1]] = Stored(id: row[0], size: row[2], mtime: row[3], hash: row[4])
            }
        }
        var summary = UpdateSummary()
        var touched: [(Int64, Int, Double)] = []
        var changed: [(file: DocsFile, size: Int, mtime: Double, bytes: [UInt8], hash: String, old: Int64?)] = []
        for (index, file) in files.enumerated() {
            progress?(index, files.count)
            var info = stat()
            guard stat(file.path, &info) == 0 else { continue }
            let size = Int(info.st_size)
            let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            let old = stored[file.path]
            if let old, old.size == size, old.mtime == mtime {
                summary.unchanged += 1
                continue
            }
            guard let bytes = try? FileReader.read(file.path, limit: 16 << 20) else { continue }
            let hash = SearchIndex.hash(bytes)
            if let old, old.hash == hash {
                touched.append((old.id, size, mtime))
                summary.unchanged += 1
                continue
            }
            changed.append((file, size, mtime, bytes, hash, old?.id))
        }
        // Parse and extract the changed articles on every core.
        var entries = [IndexEntry?](repeating: nil, count: changed.count)
        let work = changed
        // One parser per tree, each include file read and parsed once for the whole update.
        var parsers: [String: ArticleParser] = [:]
        for item in work where parsers[item.file.tree] == nil {
            parsers[item.file.tree] = ArticleParser(
                options: ArticleParser.Options(
                    root: item.file.tree.isEmpty ? nil : item.file.tree, cachesIncludes: true))
        }
        let parserByTree = parsers
        entries.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: work.count) { i in
                let changed = work
                let item = changed[i]
                out[i] = IndexEntry.make(
                    item.file, bytes: item.bytes, parser: parserByTree[item.file.tree] ?? ArticleParser())
            }
        }
        let present = Set(files.map(\.path))
        try queue.write { db in
            for (id, size, mtime) in touched {
                try db.execute(
                    sql: "UPDATE article SET size = ?, mtime = ? WHERE id = ?", arguments: [size, mtime, id])
            }
            for (path, old) in stored where !present.contains(path) {
                try db.execute(sql: "DELETE FROM terms WHERE rowid = ?", arguments: [old.id])
                try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [old.id])
                summary.removed += 1
            }
            for (item, entry) in zip(changed, entries) {
                guard let entry else { continue }
                if let old = item.old {
                    try db.execute(sql: "DELETE FROM terms WHERE rowid = ?", arguments: [old])
                    try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [old])
                }
                try db.execute(
                    sql: """
                        INSERT INTO article (file, locale, language, docsPath, size, mtime, hash, title, procedures, body)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        item.file.path, item.file.locale.description, item.file.locale.language, item.file.docsPath,
                        item.size, item.mtime, item.hash, entry.title, entry.procedures, entry.body,
                    ])
                try db.execute(
                    sql: "INSERT INTO terms (rowid, title, headings, labels, body) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        db.lastInsertedRowID, entry.titleTerms, entry.headingTerms, entry.labelTerms, entry.bodyTerms,
                    ])
                summary.indexed += 1
            }
        }
        progress?(files.count, files.count)
        return summary
    }

    /// FNV-1a of the bytes, as hex: the same on every machine and run, unlike Swift's `Hasher`.
    static func hash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    /// How many articles the index holds.
    public func count() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0 }
    }
}

/// What the index keeps of one article.
struct IndexEntry: Sendable {
    var title: String
    var procedures: Int
    var body: String
    var titleTerms: String
    var headingTerms: String
    var labelTerms: String
    var bodyTerms: String

    static func make(_ file: DocsFile, bytes: [UInt8], parser: ArticleParser) -> IndexEntry? {
        let article = parser.parse(bytes: bytes, path: file.path)
        var collector = TextCollector()
        Block.walk(article.blocks, with: &collector)
        let title = article.title ?? collector.headings.first ?? file.docsPath
        let terms = SearchTerms(language: file.locale.language)
        func joined(_ text: String) -> String { terms.terms(of: text).joined(separator: " ") }
        return IndexEntry(
            title: title, procedures: article.stepGraph.procedures.count, body: collector.body.joined(separator: " "),
            titleTerms: joined(title), headingTerms: joined(collector.headings.joined(separator: " ")),
            labelTerms: joined(collector.labels.joined(separator: " ")),
            bodyTerms: joined(collector.body.joined(separator: " ")))
    }
}

/// Headings, UI labels (bold text) and readable text of an article's blocks.
struct TextCollector: BlockVisitor {
    var headings: [String] = []
    var labels: [String] = []
    var body: [String] = []

    mutating func visit(_ block: Block, depth: Int) -> Bool {
        switch block {
        case .heading(let h): headings.append(h.text)
        case .paragraph(let p):
            body.append(p.content.plainText.trimmingSpaces)
            collectLabels(p.content)
        case .table(let t):
            for row in t.rows { for cell in row { body.append(cell.plainText.trimmingSpaces) } }
        default: break
        }
        return true
    }

    private mutating func collectLabels(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .strong(let children, _): labels.append(children.plainText)
            case .emphasis(let children), .strikethrough(let children): collectLabels(children)
            case .link(_, _, let children, _): collectLabels(children)
            default: break
            }
        }
    }
}
