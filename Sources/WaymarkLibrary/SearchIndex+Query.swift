import Foundation
internal import GRDB
import WaymarkLocalization

extension SearchIndex {
    static let maximumQueryWords = 32
    static let maximumWordLength = 64

    /// The articles that answer `query` for a reader of `locale`: those in the reader's language
    /// first, then, along the fallback chain, articles that have no translation in it (marked
    /// `fallback`). Each language is queried with its own stemmer. A document lacking one of the
    /// query's words ranks lower but is still found (BM25 over OR'd terms); a term matches its exact
    /// stem and, ranked below that, any stem it begins (so `kaldır` finds `kaldırma`), when it has
    /// three letters or more. A result that matches fewer than half of the query's words comes
    /// after those that match more, whatever their language.
    ///
    /// A word found in more than half of a language's articles (`is`, `partner` in an English
    /// tree) adds nothing to BM25 (FTS5 gives it an IDF of about zero), so when the query has
    /// rarer words the ranking reads only theirs; documents that have only the common words follow
    /// them, as they would have anyway. In a fallback language, an article with only common words
    /// is not a result.
    public func search(_ query: String, locale: LocaleTag, limit: Int = 10) throws -> [SearchResult] {
        var languages: [String] = []
        for tag in locale.fallbackChain where !languages.contains(tag.language) { languages.append(tag.language) }
        // One read transaction: every language, then the snippets of what is shown.
        return try queue.read { db in
            var candidates: [Candidate] = []
            var seen = Set<String>()
            for (index, language) in languages.enumerated() {
                let found = try SearchIndex.candidates(
                    query, language: language, reader: index > 0 ? languages[0] : nil, limit: limit * 3, in: db)
                for (row, matched) in zip(found.rows, found.matched) {
                    let docsPath: String = row[1]
                    guard seen.insert(docsPath).inserted else { continue }
                    let result = SearchResult(
                        path: docsPath, locale: row[2], title: row[3], procedures: row[4], snippet: "",
                        fallback: index > 0)
                    candidates.append(
                        Candidate(
                            result: result, covers: matched * 2 >= found.terms.count, order: candidates.count,
                            queryTerms: found.terms, id: row[0]))
                }
            }
            let ordered = candidates.sorted { a, b in a.covers != b.covers ? a.covers : a.order < b.order }
            // Snippets only for what is shown.
            return try ordered.prefix(limit).map { candidate in
                var result = candidate.result
                if let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT lead, leadTerms FROM body WHERE id = ?"), arguments: [candidate.id])
                {
                    result.snippet = SearchIndex.snippet(row[0], terms: row[1], matching: candidate.queryTerms)
                }
                return result
            }
        }
    }

    private struct Candidate {
        var result: SearchResult
        /// Has at least half of the query's words.
        var covers: Bool
        var order: Int
        var queryTerms: [String]
        var id: Int64
    }

    /// Up to `limit` articles of `language` that answer `query`, best first (rows of id, docs path,
    /// locale, title, procedures), with how many of the query's terms each has. With a `reader`
    /// language (a fallback), only articles that have no translation in it.
    private static func candidates(
        _ query: String, language: String, reader: String?, limit: Int, in db: Database
    ) throws -> (rows: [Row], matched: [Int], terms: [String]) {
        let stemmer = SearchTerms(language: language)
        // Bounded work whatever is typed: the first 32 distinct words, 64 characters of each.
        var queryTerms: [String] = []
        for word in SearchTerms.words(of: query) where queryTerms.count < maximumQueryWords {
            let term = stemmer.term(String(word.prefix(maximumWordLength)))
            if !queryTerms.contains(term) { queryTerms.append(term) }
        }
        let table = termsTable(language)
        guard !queryTerms.isEmpty,
            let documents = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT documents FROM language WHERE language = ?"), arguments: [language]),
            documents > 0
        else { return ([], [], queryTerms) }
        // Which documents have each of the query's words: for coverage, and how common it is.
        let hits = try queryTerms.map { term in
            Set(
                try Int64.fetchAll(
                    db.cachedStatement(sql: "SELECT rowid FROM \(table) WHERE \(table) MATCH ?"),
                    arguments: [anyOf([term])]))
        }
        let untranslated =
            reader == nil
            ? ""
            : """
            AND a.docsPath NOT IN (SELECT t.docsPath FROM article t WHERE t.language = ?)
            """
        func ranked(_ match: String, excluding: Set<Int64> = [], limit: Int) throws -> [Row] {
            // Statements are prepared once per connection (a process that searches often).
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.id, a.docsPath, a.locale, a.title, a.procedures
                        FROM \(table) f JOIN article a ON a.id = f.rowid
                        WHERE \(table) MATCH ? \(untranslated)
                        ORDER BY f.rank, a.docsPath LIMIT ?
                        """),
                arguments: reader.map { [match, $0, limit] } ?? [match, limit]
            ).filter { !excluding.contains($0[0]) }
        }
        var rows: [Row] = []
        let rare = zip(queryTerms, hits).filter { !$0.1.isEmpty && $0.1.count * 2 <= documents }.map(\.0)
        if !rare.isEmpty {
            // The exact stem, and (ranked below it) longer stems it begins.
            rows = try ranked(
                rare.map { $0.count >= 3 ? "(\"\($0)\" OR \"\($0)\"*)" : "\"\($0)\"" }.joined(separator: " OR "),
                limit: limit)
            if rows.count < limit, rare.count < queryTerms.count, reader == nil {
                let ids = Set(rows.map { $0[0] as Int64 })
                rows += try ranked(anyOf(queryTerms), excluding: ids, limit: limit + rows.count)
                    .prefix(limit - rows.count)
            }
        } else if reader == nil, hits.contains(where: { !$0.isEmpty }) {
            // Only common words, in the reader's language: what tells articles apart is where the
            // words are, so those with them in a title, heading or label come first, then the
            // rest, each ranked by how often it has them. Served from another language, common
            // words say nothing about an article (the English `is` of a Turkish `iş`): no
            // fallback results.
            rows = try ranked("{title headings labels} : (\(anyOf(queryTerms)))", limit: limit)
            if rows.count < limit {
                let ids = Set(rows.map { $0[0] as Int64 })
                rows += try ranked(anyOf(queryTerms), excluding: ids, limit: limit + rows.count)
                    .prefix(limit - rows.count)
            }
        }
        let matched = rows.map { row in
            let id: Int64 = row[0]
            return hits.filter { $0.contains(id) }.count
        }
        return (rows, matched, queryTerms)
    }

    /// An FTS5 query matching any of `terms`, each as a prefix when it has three letters or more.
    static func anyOf(_ terms: [String]) -> String {
        terms.map { $0.count >= 3 ? "\"\($0)\"*" : "\"\($0)\"" }.joined(separator: " OR ")
    }

    /// Up to about 160 characters of `text` around its first word that matches a query term,
    /// every matching word marked `«…»`.
    ///
    /// `terms` are the index's terms of the same text: one term per word, in order,
    /// separated by single spaces, so word *i* matches when term *i* is a query term or (a query
    /// term of three letters or more) begins with one. Nothing is stemmed here.
    static func snippet(_ text: String, terms: String, matching queryTerms: [String]) -> String {
        var text = text
        var terms = terms
        let wanted = queryTerms.map { (bytes: Array($0.utf8), orLonger: $0.count >= 3) }
        return text.withUTF8 { bytes in
            terms.withUTF8 { termBytes in
                var words: [Range<Int>] = []
                SearchTerms.forEachWord(in: bytes) { words.append($0) }
                var marked: [Bool] = []
                marked.reserveCapacity(words.count)
                var start = 0
                for index in termBytes.indices where marked.count < words.count {
                    guard termBytes[index] == 0x20 else { continue }
                    let term = UnsafeBufferPointer(rebasing: termBytes[start..<index])
                    marked.append(
                        wanted.contains { q in
                            term.count == q.bytes.count
                                ? term.elementsEqual(q.bytes) : q.orLonger && term.starts(with: q.bytes)
                        })
                    start = index + 1
                }
                guard !words.isEmpty else { return "" }
                func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
                func isScalarStart(_ byte: UInt8) -> Bool { byte & 0xC0 != 0x80 }
                let first = max(0, (marked.firstIndex(of: true) ?? 0) - 8)
                // About 160 characters of whole words from there.
                var last = first
                var shown = 0
                while last + 1 < words.count, shown < 160 {
                    shown = bytes[words[first].lowerBound..<words[last + 1].upperBound].count(where: isScalarStart)
                    last += 1
                }
                // With the punctuation that clings to the first and last words (`(`, `.`, `»`).
                var from = words[first].lowerBound
                while from > 0, !isSpace(bytes[from - 1]) { from -= 1 }
                var to = words[last].upperBound
                while to < bytes.count, !isSpace(bytes[to]) { to += 1 }
                var out: [UInt8] = first > 0 ? Array("… ".utf8) : []
                var word = first
                var index = from
                while index < to {
                    if word <= last, index == words[word].lowerBound {
                        let mark = word < marked.count && marked[word]
                        if mark { out.append(contentsOf: "«".utf8) }
                        out.append(contentsOf: bytes[words[word]])
                        if mark { out.append(contentsOf: "»".utf8) }
                        index = words[word].upperBound
                        word += 1
                        continue
                    }
                    // White space folded to one space.
                    if !isSpace(bytes[index]) {
                        out.append(bytes[index])
                    } else if out.last != 0x20 {
                        out.append(0x20)
                    }
                    index += 1
                }
                if last + 1 < words.count { out.append(contentsOf: " …".utf8) }
                return String(decoding: out, as: UTF8.self)
            }
        }
    }
}

/// An article of the library as `articles list` shows it.
public struct LibraryArticle: Sendable, Hashable {
    public var path: String
    /// The title in the reader's language, else along the fallback chain.
    public var title: String
    /// The locale of that title.
    public var locale: String
    /// Every locale the article is in.
    public var locales: [String]
    public var procedures: Int

    public init(path: String, title: String, locale: String, locales: [String], procedures: Int) {
        self.path = path
        self.title = title
        self.locale = locale
        self.locales = locales
        self.procedures = procedures
    }
}

extension SearchIndex {
    /// Every article of the index by docs path, titled for a reader of `locale`.
    public func articles(for locale: LocaleTag) throws -> [LibraryArticle] {
        let rows = try queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT docsPath, locale, language, title, procedures FROM article ORDER BY docsPath, locale")
        }
        let chain = locale.fallbackChain.map(\.language)
        var out: [LibraryArticle] = []
        var index = 0
        while index < rows.count {
            let path: String = rows[index][0]
            var group: [Row] = []
            while index < rows.count, rows[index][0] as String == path {
                group.append(rows[index])
                index += 1
            }
            let best =
                chain.lazy.compactMap { language in group.first { ($0[2] as String) == language } }.first ?? group[0]
            out.append(
                LibraryArticle(
                    path: path, title: best[3], locale: best[1],
                    locales: Array(Set(group.map { $0[1] as String })).sorted(),
                    procedures: best[4]))
        }
        return out
    }
}
