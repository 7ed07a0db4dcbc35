import Foundation
import Testing
import WaymarkContent
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// A cached run takes its tree's sorted listing and its articles from the memo of the run before
/// when its walk gave the same listing (`ListingMemo`): the articles it takes are the ones it
/// would have worked out, in the same order; a memo that is damaged, cut short, forged or made
/// for another key is not used; and the key changes with the listing, the docsets and the
/// configuration.
@Suite(.serialized) struct ListingMemoTests {
    /// Random listings with accented and decomposed names, a Turkish İ, upper and lower case:
    /// the articles the memo gives are `TextOrder.sorted` of the articles, whichever files are
    /// articles.
    @Test func theArticlesComeInTheOrderASortOfThemAloneGives() {
        var random = SystemRandomNumberGenerator()
        let pieces = [
            "a", "B", "en-us", "tr-tr", "İ", "i", "é", "e\u{301}", "ü", "Z", "z", "partner-center", "_x", "1", "10",
            "-",
        ]
        for round in 0..<200 {
            var seen: Set<[UInt8]> = []
            var listing: [String] = []
            for _ in 0..<Int.random(in: 1...60, using: &random) {
                let depth = Int.random(in: 1...3, using: &random)
                let path = (0..<depth).map { _ in pieces.randomElement(using: &random)! }.joined(separator: "/") + ".md"
                // Distinct file names by their bytes, as a folder holds them.
                if seen.insert(Array(path.utf8)).inserted { listing.append(path) }
            }
            // All ASCII now and then, so that both ways of sorting are met.
            if round % 3 == 0 { listing = listing.filter { $0.utf8.allSatisfy { $0 < 0x80 } } }
            let articles = listing.indices.filter { _ in Bool.random(using: &random) }
            let memo = ListingMemo(order: TextOrder.indices(of: listing), articles: articles)
            #expect(
                memo.sortedArticles(of: listing) == TextOrder.sorted(articles.map { listing[$0] }),
                "\(listing) \(articles)")
        }
    }

    /// Written and read back; refused for another key or number of files, cut short anywhere,
    /// with any byte changed, and when its lists are not an order of the files and ascending
    /// articles, even with a checksum that matches.
    @Test func aMemoReadsBackAndADamagedOrForgedOneIsRefused() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("listing.bin").path
        let memo = ListingMemo(order: [3, 0, 2, 1, 4], articles: [0, 2, 3])
        #expect(memo.write(to: file, key: 42))
        #expect(ListingMemo.read(file, key: 42, count: 5) == memo)
        #expect(ListingMemo.read(file, key: 43, count: 5) == nil)
        #expect(ListingMemo.read(file, key: 42, count: 6) == nil)
        #expect(ListingMemo.read(dir.appendingPathComponent("none.bin").path, key: 42, count: 5) == nil)

        let bytes = memo.encoded(key: 42)
        for cut in 0..<bytes.count {
            #expect(throws: FactDecoder.Damaged.self) { try ListingMemo.parse(Array(bytes[0..<cut]), key: 42) }
        }
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 0x01
            #expect(throws: FactDecoder.Damaged.self) { try ListingMemo.parse(changed, key: 42) }
        }
        // Checksums that match, lists that do not hold.
        for forged in [
            ListingMemo(order: [3, 0, 2, 2, 4], articles: [0]),  // a file twice
            ListingMemo(order: [3, 0, 2, 1, 5], articles: [0]),  // past the end
            ListingMemo(order: [3, 0, 2, 1, 4], articles: [2, 0]),  // not ascending
            ListingMemo(order: [3, 0, 2, 1, 4], articles: [0, 5]),  // past the end
            ListingMemo(order: [3, 0, 2, 1, 4], articles: [0, 0]),  // twice
        ] {
            #expect(throws: FactDecoder.Damaged.self) { try ListingMemo.parse(forged.encoded(key: 42), key: 42) }
        }
        #expect(ListingMemo.readListing(bytes) == 5)
        #expect(ListingMemo.readListing(Array("not a memo".utf8)) == nil)
    }

    /// The key is the listing in the walk's order and what decides the articles: another path,
    /// another order, one file more or less, or another docset or configuration is another key.
    @Test func theKeyChangesWithTheListingAndWhatDecidesTheArticles() {
        let listing = ["en-us/a.md", "en-us/b.md", "tr-tr/a.md"]
        let key = ListingMemo.key(listing: listing, deciding: [1, 2])
        #expect(ListingMemo.key(listing: listing, deciding: [1, 2]) == key)
        for other in [
            ListingMemo.key(listing: ["en-us/a.md", "en-us/c.md", "tr-tr/a.md"], deciding: [1, 2]),
            ListingMemo.key(listing: ["en-us/b.md", "en-us/a.md", "tr-tr/a.md"], deciding: [1, 2]),
            ListingMemo.key(listing: Array(listing.dropLast()), deciding: [1, 2]),
            ListingMemo.key(listing: listing + ["x"], deciding: [1, 2]),
            ListingMemo.key(listing: ["en-us/a.mden-us/b.md", "tr-tr/a.md"], deciding: [1, 2]),
            ListingMemo.key(listing: listing, deciding: [1, 3]),
            ListingMemo.key(listing: listing, deciding: [2, 2]),
        ] {
            #expect(other != key)
        }
    }

    /// Through runs: a docset that excludes a file, then includes it, an ignore glob added, a file
    /// added and one removed; each cached run reports what a run without the cache reports, and
    /// a run whose listing did not change takes its articles from the memo (a memo changed to
    /// name one article fewer, its checksum made again, shows in what the next run checks).
    @Test func cachedRunsTakeTheirArticlesFromTheMemoOnlyWhileTheListingHolds() throws {
        var files: [String: String] = [:]
        for n in 1...4 {
            let front = "---\ntitle: Article \(n)\ndescription: The article numbered \(n), for a test of the listing.\n"
            files["docs/en-us/a\(n).md"] = front + "ms.date: 01/02/2026\n---\n\n# Article \(n)\n\n1. Open it.\n"
            files["docs/tr-tr/a\(n).md"] =
                front + "ms.date: 01/02/2026\nms.locale: tr-tr\n---\n\n# Makale \(n)\n\n1. Aç.\n"
        }
        files["docs/README.md"] = "# Not an article\n"
        let docfx = { (exclude: String) in
            "{ \"build\": { \"content\": [ { \"files\": [ \"**/*.md\" ], \"exclude\": [ \"\(exclude)\" ] } ] } }"
        }
        files["docs/docfx.json"] = docfx("**/a4.md")
        let w = try FactCacheTests.Workspace(
            files: files,
            configuration:
                "sourceLocale: en-US\nlocales:\n  en-US: { root: docs/en-us }\n  tr-TR: { root: docs/tr-tr }\n")
        let memoFile = ListingMemo.file(directory: w.cache.path, root: ArticleParser.absolute(w.tree.path))
        func checked(_ report: [UInt8]) -> Int {
            let json = try? JSONSerialization.jsonObject(with: Data(report)) as? [String: Any]
            return (json?["summary"] as? [String: Any])?["files"] as? Int ?? -1
        }
        let first = try w.compare("the first run")
        Validator.finishWrites()
        #expect(FileManager.default.fileExists(atPath: memoFile))
        let articles = checked(first.report)
        #expect(articles > 0)
        #expect(checked(try w.compare("nothing changed").report) == articles)

        // The docset includes a4.md now: two articles more.
        try Data(docfx("**/none.md").utf8).write(to: URL(fileURLWithPath: w.path("docs/docfx.json")))
        #expect(checked(try w.compare("the docset changed").report) == articles + 2)
        // An ignore glob.
        w.configuration.ignore = ["**/a3.md"]
        #expect(checked(try w.compare("a file ignored").report) == articles)
        // A file added, one removed.
        try Data((files["docs/en-us/a1.md"] ?? "").utf8).write(to: URL(fileURLWithPath: w.path("docs/en-us/a5.md")))
        try FileManager.default.removeItem(atPath: w.path("docs/tr-tr/a2.md"))
        #expect(checked(try w.compare("a file added, one removed").report) == articles)
        Validator.finishWrites()

        // The memo is what the next run with the same listing goes by.
        let bytes = try FileReader.read(memoFile)
        let key = try FactDecoder.reading(bytes, from: ListingMemo.magic.count) { d throws(FactDecoder.Damaged) in
            _ = try d.unsigned()
            return try d.fixed()
        }
        let memo = try ListingMemo.parse(bytes, key: key)
        try Data(ListingMemo(order: memo.order, articles: Array(memo.articles.dropFirst())).encoded(key: key))
            .write(to: URL(fileURLWithPath: memoFile))
        #expect(checked(try w.run(cached: true).report) == articles - 1)
    }
}
