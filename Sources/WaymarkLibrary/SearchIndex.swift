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

    public init(path: String, locale: String, title: String, procedures: Int, snippet: String, fallback: Bool) {
        self.path = path
        self.locale = locale
        self.title = title
        self.procedures = procedures
        self.snippet = snippet
        self.fallback = fallback
    }
}

/// The search index of a `DocsLibrary`: SQLite FTS5 over each article's terms (`SearchTerms`:
/// cased, stemmed, folded), one table per language so that each is ranked against its own
/// vocabulary, title and headings weighing more than UI labels, labels more than body text,
/// ranked by BM25.
///
/// Kept in a cache file and brought up to date incrementally: a file whose size and modification
/// time are unchanged is not read; one whose content hash is unchanged is not parsed again. A file
/// that is not this index (corrupt, foreign, another version) is deleted and rebuilt, never trusted.
public final class SearchIndex {
    public let path: String
    let queue: DatabaseQueue
    /// Identifies Waymark's index files (`PRAGMA application_id`), and their layout.
    static let applicationID: Int32 = 0x5759_4D4B
    static let version = 4

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
        configuration.prepareDatabase { db in
            // A query reads the doclists and sizes of many documents: keep them in memory.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    static func isOurs(_ queue: DatabaseQueue) throws -> Bool {
        try queue.read { db in
            let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? ""
            let tables = try db.tableExists("article") && db.tableExists("body") && db.tableExists("language")
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
                      title TEXT NOT NULL, procedures INTEGER NOT NULL);
                    CREATE INDEX article_by_path ON article(docsPath, language);
                    CREATE INDEX article_by_language ON article(language, docsPath);
                    CREATE TABLE body (id INTEGER PRIMARY KEY, lead TEXT NOT NULL, leadTerms TEXT NOT NULL);
                    CREATE TABLE language (language TEXT PRIMARY KEY, documents INTEGER NOT NULL);
                    """)
        }
    }

    /// The FTS5 table of a language's terms: `terms_tr`, `terms_hu`, … (letters only, so the name
    /// is always a safe identifier).
    static func termsTable(_ language: String) -> String {
        let letters = language.lowercased().unicodeScalars.filter { $0.value >= 0x61 && $0.value <= 0x7A }
        return "terms_" + (letters.isEmpty ? "und" : String(String.UnicodeScalarView(letters.prefix(8))))
    }

    /// Creates `table` when the index has none yet, ranked by BM25 with the columns' weights.
    static func ensureTermsTable(_ table: String, in db: Database) throws {
        guard try !db.tableExists(table) else { return }
        // No prefix index: it triples the cost of indexing, and saves a query little over
        // vocabularies the size of a docs tree.
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE \(table) USING fts5(title, headings, labels, body, tokenize = 'unicode61');
                INSERT INTO \(table)(\(table), rank) VALUES('rank', 'bm25(\(weights))');
                """)
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
    ///
    /// Files whose size or modification time changed are read, hashed, parsed and turned into
    /// terms on every core, while this thread writes the finished ones, in order, in one
    /// transaction; the workers stay at most a few dozen files ahead of the writer, so memory does
    /// not grow with the tree.
    @discardableResult
    public func update(_ files: [DocsFile], progress: ((Int, Int) -> Void)? = nil) throws -> UpdateSummary {
        var stored: [String: StoredArticle] = [:]
        try queue.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, file, size, mtime, hash, language FROM article")
            while let row = try rows.next() {
                stored[row[1]] = StoredArticle(id: row[0], size: row[2], mtime: row[3], hash: row[4], language: row[5])
            }
        }
        var summary = UpdateSummary()
        var changed: [ChangedFile] = []
        for file in files {
            var info = stat()
            guard stat(file.path, &info) == 0 else { continue }
            let size = Int(info.st_size)
            let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            let old = stored[file.path]
            if let old, old.size == size, old.mtime == mtime {
                summary.unchanged += 1
                continue
            }
            changed.append(ChangedFile(file: file, size: size, mtime: mtime, old: old))
        }
        let alreadyDone = summary.unchanged
        progress?(alreadyDone, files.count)
        let board = IndexingBoard(count: changed.count)
        let workers = DispatchGroup()
        defer {
            board.cancel()
            workers.wait()
        }
        if !changed.isEmpty {
            let work = changed
            // One parser per tree, each include file read and parsed once for the whole update.
            var parsers: [String: ArticleParser] = [:]
            for item in work where parsers[item.file.tree] == nil {
                parsers[item.file.tree] = ArticleParser(
                    options: ArticleParser.Options(
                        root: item.file.tree.isEmpty ? nil : item.file.tree, cachesIncludes: true))
            }
            let parserByTree = parsers
            let count = max(1, min(ProcessInfo.processInfo.activeProcessorCount, work.count))
            DispatchQueue.global().async(group: workers) {
                DispatchQueue.concurrentPerform(iterations: count) { _ in
                    // Each worker has its own stemmers (and their memo of terms).
                    var termsByLanguage: [String: SearchTerms] = [:]
                    while let index = board.next() {
                        let item = work[index]
                        let language = item.file.locale.language
                        let terms = termsByLanguage[language] ?? SearchTerms(language: language)
                        termsByLanguage[language] = terms
                        board.put(
                            index,
                            IndexingOutcome.make(
                                item, parser: parserByTree[item.file.tree] ?? ArticleParser(), terms: terms))
                    }
                }
            }
        }
        let present = Set(files.map(\.path))
        try queue.write { db in
            for (path, old) in stored where !present.contains(path) {
                try SearchIndex.delete(old, in: db)
                summary.removed += 1
            }
            for (index, item) in changed.enumerated() {
                switch board.take(index) {
                case .unreadable:
                    break
                case .sameContent:
                    guard let old = item.old else { break }
                    try db.execute(
                        sql: "UPDATE article SET size = ?, mtime = ? WHERE id = ?",
                        arguments: [item.size, item.mtime, old.id])
                    summary.unchanged += 1
                case .indexed(let entry, let hash):
                    if let old = item.old { try SearchIndex.delete(old, in: db) }
                    try SearchIndex.insert(item, entry: entry, hash: hash, in: db)
                    summary.indexed += 1
                }
                progress?(alreadyDone + index + 1, files.count)
            }
            if summary.indexed + summary.removed > 0 {
                // How many articles each language has, for telling common words from rare ones.
                try db.execute(
                    sql: """
                        DELETE FROM language;
                        INSERT INTO language SELECT language, count(*) FROM article GROUP BY language;
                        """)
            }
        }
        progress?(files.count, files.count)
        return summary
    }

    private static func delete(_ old: StoredArticle, in db: Database) throws {
        let table = termsTable(old.language)
        if try db.tableExists(table) {
            try db.execute(sql: "DELETE FROM \(table) WHERE rowid = ?", arguments: [old.id])
        }
        try db.execute(sql: "DELETE FROM body WHERE id = ?", arguments: [old.id])
        try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [old.id])
    }

    private static func insert(_ item: ChangedFile, entry: IndexEntry, hash: String, in db: Database) throws {
        let file = item.file
        let table = termsTable(file.locale.language)
        try ensureTermsTable(table, in: db)
        try db.execute(
            sql: """
                INSERT INTO article (file, locale, language, docsPath, size, mtime, hash, title, procedures)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                file.path, file.locale.description, file.locale.language, file.docsPath, item.size, item.mtime, hash,
                entry.title, entry.procedures,
            ])
        let id = db.lastInsertedRowID
        try db.execute(
            sql: "INSERT INTO body (id, lead, leadTerms) VALUES (?, ?, ?)",
            arguments: [id, entry.lead, entry.leadTerms])
        try db.execute(
            sql: "INSERT INTO \(table) (rowid, title, headings, labels, body) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, entry.titleTerms, entry.headingTerms, entry.labelTerms, entry.bodyTerms])
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

/// An article as the index has it, to compare with its file.
struct StoredArticle: Sendable {
    var id: Int64
    var size: Int
    var mtime: Double
    var hash: String
    var language: String
}
