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
    public func search(_ query: String, locale: LocaleTag, limit: Int = 10) throws -> [SearchResult] {
        var languages: [String] = []
        for tag in locale.fallbackChain where !languages.contains(tag.language) { languages.append(tag.language) }
        var candidates:
            [(result: SearchResult, covers: Bool, order: Int, queryTerms: [String], language: String, id: Int64)] = []
        var seen = Set<String>()
        for (index, language) in languages.enumerated() {
            let terms = SearchTerms(language: language)
            // Bounded work whatever is typed: the first 32 distinct words, 64 characters of each.
            var queryTerms: [String] = []
            for word in SearchTerms.words(of: query) where queryTerms.count < SearchIndex.maximumQueryWords {
                let term = terms.term(String(word.prefix(SearchIndex.maximumWordLength)))
                if !queryTerms.contains(term) { queryTerms.append(term) }
            }
            guard !queryTerms.isEmpty else { continue }
            let match = queryTerms.map { $0.count >= 3 ? "(\"\($0)\" OR \"\($0)\"*)" : "\"\($0)\"" }
                .joined(separator: " OR ")
            let fallback = index > 0
            let found = try queue.read { db -> (rows: [Row], hits: [Set<Int64>]) in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.docsPath, a.locale, a.title, a.procedures
                        FROM terms JOIN article a ON a.id = terms.rowid
                        WHERE terms MATCH ? AND a.language = ?
                          AND (? = 0 OR NOT EXISTS (SELECT 1 FROM article t WHERE t.docsPath = a.docsPath AND t.language = ?))
                        ORDER BY bm25(terms, \(SearchIndex.weights)), a.docsPath LIMIT ?
                        """,
                    arguments: [match, language, fallback ? 1 : 0, languages[0], limit * 3])
                // Which of the query's words each candidate has: one lookup of each word's documents.
                let hits = try queryTerms.map { term in
                    Set(
                        try Int64.fetchAll(
                            db, sql: "SELECT rowid FROM terms WHERE terms MATCH ?",
                            arguments: [term.count >= 3 ? "\"\(term)\"*" : "\"\(term)\""]))
                }
                return (rows, hits)
            }
            for row in found.rows {
                let docsPath: String = row[1]
                guard seen.insert(docsPath).inserted else { continue }
                let id: Int64 = row[0]
                let matched = found.hits.filter { $0.contains(id) }.count
                let result = SearchResult(
                    path: docsPath, locale: row[2], title: row[3], procedures: row[4], snippet: "", fallback: fallback)
                candidates.append((result, matched * 2 >= queryTerms.count, candidates.count, queryTerms, language, id))
            }
        }
        let ordered = candidates.sorted { a, b in a.covers != b.covers ? a.covers : a.order < b.order }
        // Snippets only for what is shown: each reads the body with the language's stemmer.
        var stemmers: [String: SearchTerms] = [:]
        return try ordered.prefix(limit).map { candidate in
            var result = candidate.result
            let terms = stemmers[candidate.language] ?? SearchTerms(language: candidate.language)
            stemmers[candidate.language] = terms
            let body = try queue.read { db in
                try String.fetchOne(db, sql: "SELECT body FROM article WHERE id = ?", arguments: [candidate.id]) ?? ""
            }
            result.snippet = SearchIndex.snippet(body, terms: candidate.queryTerms, with: terms)
            return result
        }
    }

    /// Up to about 160 characters of `body` around the first word that matches a query term, every
    /// matching word marked `«…»`.
    static func snippet(_ body: String, terms queryTerms: [String], with terms: SearchTerms) -> String {
        // The first 400 words are enough to find a place to show: a snippet costs little however
        // long the article is.
        let words = body.split(separator: " ", maxSplits: 400, omittingEmptySubsequences: true)
        // A word can only match when it starts with a query term's first letter (folded, lower-case).
        let heads = Set(queryTerms.compactMap(\.unicodeScalars.first))
        func matches(_ word: Substring) -> Bool {
            guard let first = word.unicodeScalars.first,
                let head = SearchTerms.folded(terms.lowercased(String(first))).unicodeScalars.first,
                heads.contains(head)
            else { return false }
            return SearchTerms.words(of: String(word)).contains { w in
                let term = terms.term(w)
                return queryTerms.contains { term == $0 || ($0.count >= 3 && term.hasPrefix($0)) }
            }
        }
        let first = words.prefix(400).firstIndex(where: matches) ?? 0
        let start = max(0, first - 8)
        var out: [String] = []
        var length = 0
        for word in words[start...] {
            guard length < 160 else { break }
            out.append(matches(word) ? "«" + word + "»" : String(word))
            length += word.count + 1
        }
        return (start > 0 ? "… " : "") + out.joined(separator: " ") + (start + out.count < words.count ? " …" : "")
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
