import Foundation
import Testing
import WaymarkTestSupport

/// `waymark search` and `waymark index` run as a user would, over the real corpus (skipped, with
/// the reason printed, when it is absent) and over hostile input.
@Suite(.serialized) struct SearchCommandTests {
    static let seed = "partner-center/remove-a-relationship.md"

    func search(_ query: String, _ locale: String, docs: String, cache: URL) throws -> [[String: Any]] {
        let r = try CommandRunner.run(
            ["--locale", locale, "search", query, "--docs", docs, "--limit", "3", "--format", "json"],
            environment: ["XDG_CACHE_HOME": cache.path])
        #expect(r.status == 0, "\(query): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func findsTheSeedArticleInTurkishAndHungarianHoweverTheQueryIsTyped() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("SearchCommandTests.findsTheSeedArticle") else { return }
        let docs = corpus.appendingPathComponent("partner-center").path
        let cache = try RepositoryPaths.temporaryDirectory()
        let queries = [
            ("tr-TR", "ilişkiyi kaldır"), ("tr-TR", "İLİŞKİYİ KALDIR"), ("tr-TR", "iliskiyi kaldir"),
            ("tr-TR", "aboneliklerini askıya al"), ("hu-HU", "kapcsolat eltávolítása"),
            ("hu-HU", "KAPCSOLAT ELTÁVOLÍTÁSA"), ("hu-HU", "kapcsolat eltavolitasa"),
            ("hu-HU", "viszonteladói kapcsolatok eltávolítás"),
        ]
        for (locale, query) in queries {
            let results = try search(query, locale, docs: docs, cache: cache)
            let top = results.prefix(3).map { $0["path"] as? String }
            #expect(top.contains(Self.seed), "\(locale) \(query): \(top)")
            let hit = results.first { $0["path"] as? String == Self.seed }
            #expect(hit?["locale"] as? String == locale)
            #expect(hit?["fallback"] as? Bool == false)
            #expect((hit?["snippet"] as? String)?.contains("«") == true)
            #expect((hit?["procedures"] as? Int ?? 0) >= 1)
        }
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func anEnglishOnlyArticleIsServedToATurkishReaderAsALabelledFallback() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("SearchCommandTests.englishOnlyFallback") else { return }
        let docs = corpus.appendingPathComponent("partner-center").path
        let english = "partner-center/developer/cancel-an-order-from-the-integration-sandbox.md"
        guard !FileManager.default.fileExists(atPath: docs + "/tr-tr/" + english.dropFirst("partner-center/".count)),
            !FileManager.default.fileExists(atPath: docs + "/tr-tr/" + english)
        else {
            Issue.record("the corpus now has a Turkish copy of \(english); pick another English-only article")
            return
        }
        let cache = try RepositoryPaths.temporaryDirectory()
        let results = try search("cancel an order from the integration sandbox", "tr-TR", docs: docs, cache: cache)
        let first = try #require(results.first)
        #expect(first["path"] as? String == english)
        #expect(first["locale"] as? String == "en-US")
        #expect(first["fallback"] as? Bool == true)
        let text = try CommandRunner.run(
            [
                "--locale", "tr-TR", "search", "cancel an order from the integration sandbox", "--docs", docs,
                "--limit", "1",
            ],
            environment: ["XDG_CACHE_HOME": cache.path])
        #expect(text.stdout.contains("tr-TR diline çevrilmemiş; en-US dilinde gösteriliyor"), "\(text.stdout)")
    }

    @Test func theIndexIsIncrementalAndRebuildsADamagedFile() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        let docs = dir.appendingPathComponent("docs")
        for (path, title) in [("en-us/a.md", "Remove"), ("en-us/b.md", "Cancel"), ("tr-tr/a.md", "Kaldırma")] {
            let url = docs.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("---\ntitle: \(title)\nms.date: 01/02/2024\n---\n# \(title)\n\nText.\n".utf8).write(to: url)
        }
        let env = ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path]
        func index() throws -> String {
            let r = try CommandRunner.run(["index", "--docs", docs.path], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout
        }
        // The shipped articles are a source too: count only what this tree adds.
        #expect(try index().contains("indexed"))
        #expect(try index().contains("(0 indexed, 0 removed"))
        try Data("---\ntitle: Remove it\nms.date: 01/02/2024\n---\n# Remove it\n\nNew text.\n".utf8).write(
            to: docs.appendingPathComponent("en-us/a.md"))
        #expect(try index().contains("(1 indexed, 0 removed"))
        try FileManager.default.removeItem(at: docs.appendingPathComponent("en-us/b.md"))
        #expect(try index().contains("(0 indexed, 1 removed"))
        // A damaged index file is rebuilt.
        let cacheFiles = try FileManager.default.contentsOfDirectory(
            atPath: dir.appendingPathComponent("cache/waymark").path)
        let file = try #require(cacheFiles.first { $0.hasSuffix(".sqlite") })
        try Data(repeating: 0x41, count: 8192).write(to: dir.appendingPathComponent("cache/waymark/" + file))
        let rebuilt = try index()
        #expect(!rebuilt.contains("(0 indexed"), "\(rebuilt)")
    }

    @Test(arguments: [
        "\"", "* OR NEAR(", ") AND (", "\u{1B}]0;x\u{7}", String(repeating: "ş", count: 50_000),
        Array(repeating: "kaldır", count: 5_000).joined(separator: " "),
    ])
    func hostileQueriesAreWordsNotSyntax(_ query: String) throws {
        let cache = try RepositoryPaths.temporaryDirectory()
        let r = try CommandRunner.run(["search", query], environment: ["XDG_CACHE_HOME": cache.path], timeout: 60)
        #expect(!r.signaled)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdoutBytes.contains(0x1B))
    }

    @Test func articlesListTitlesEachArticleInTheReadersLanguage() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        let docs = dir.appendingPathComponent("docs")
        let files = [
            ("en-us/a/remove.md", "Remove a user", "1. Open **Users**.\n2. Select **Remove**."),
            ("tr-tr/a/remove.md", "Kullanıcıyı kaldırma", "1. **Kullanıcılar**'ı açın.\n2. **Kaldır**'ı seçin."),
            ("en-us/a/english.md", "Only in English", "Text."), ("en-us/README.md", "Repository readme", "Text."),
        ]
        for (path, title, body) in files {
            let url = docs.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("---\ntitle: \(title)\nms.date: 01/02/2024\n---\n# \(title)\n\n## Steps\n\n\(body)\n".utf8).write(
                to: url)
        }
        let r = try CommandRunner.run(
            ["--locale", "tr-TR", "articles", "list", "--docs", docs.path, "--format", "json"],
            environment: ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path])
        #expect(r.status == 0, "\(r.stderr)")
        let list = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
        let byPath = Dictionary(uniqueKeysWithValues: list.compactMap { a in (a["path"] as? String).map { ($0, a) } })
        #expect(byPath["a/remove.md"]?["title"] as? String == "Kullanıcıyı kaldırma")
        #expect(byPath["a/remove.md"]?["locales"] as? [String] == ["en-US", "tr-TR"])
        #expect(byPath["a/remove.md"]?["procedures"] as? Int == 1)
        #expect(byPath["a/remove.md"]?["binding"] as? Bool == false)
        #expect(byPath["a/english.md"]?["locale"] as? String == "en-US")
        #expect(byPath["README.md"] == nil, "a repository's README is not an article")
        #expect(byPath["partner-center/remove-a-relationship.md"]?["binding"] as? Bool == true)
    }

    @Test func aFolderThatIsNotADocsTreeIsAUsageError() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        let r = try CommandRunner.run(["search", "x", "--docs", dir.path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("is not a docs tree"))
    }
}
