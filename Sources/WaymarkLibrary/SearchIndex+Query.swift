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
        var candidates: [(result: SearchResult, covers: Bool, order: Int)] = []
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
            let rows = try queue.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.docsPath, a.locale, a.title, a.procedures, a.body,
                          terms.title || ' ' || terms.headings || ' ' || terms.labels || ' ' || terms.body
                        FROM terms JOIN article a ON a.id = terms.rowid
                        WHERE terms MATCH ? AND a.language = ?
                          AND (? = 0 OR NOT EXISTS (SELECT 1 FROM article t WHERE t.docsPath = a.docsPath AND t.language = ?))
                        ORDER BY bm25(terms, \(SearchIndex.weights)), a.docsPath LIMIT ?
                        """,
                    arguments: [match, language, fallback ? 1 : 0, languages[0], limit * 3])
            }
            for row in rows {
                let docsPath: String = row[0]
                guard seen.insert(docsPath).inserted else { continue }
                let documentTerms = Set((row[5] as String).split(separator: " ").map(String.init))
                let matched = queryTerms.filter { term in
                    documentTerms.contains(term) || (term.count >= 3 && documentTerms.contains { $0.hasPrefix(term) })
                }
                let result = SearchResult(
                    path: docsPath, locale: row[1], title: row[2], procedures: row[3],
                    snippet: SearchIndex.snippet(row[4], terms: queryTerms, with: terms), fallback: fallback)
                candidates.append((result, matched.count * 2 >= queryTerms.count, candidates.count))
            }
        }
        let ordered = candidates.sorted { a, b in a.covers != b.covers ? a.covers : a.order < b.order }
        return ordered.prefix(limit).map(\.result)
    }

    /// Up to about 160 characters of `body` around the first word that matches a query term, every
    /// matching word marked `«…»`.
    static func snippet(_ body: String, terms queryTerms: [String], with terms: SearchTerms) -> String {
        let words = body.split(separator: " ", omittingEmptySubsequences: true)
        func matches(_ word: Substring) -> Bool {
            SearchTerms.words(of: String(word)).contains { w in
                let term = terms.term(w)
                return queryTerms.contains { term == $0 || ($0.count >= 3 && term.hasPrefix($0)) }
            }
        }
        let first = words.firstIndex(where: matches) ?? 0
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
