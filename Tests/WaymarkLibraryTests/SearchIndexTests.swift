import Foundation
import Testing
import WaymarkLocalization
import WaymarkTestSupport

@testable import WaymarkLibrary

/// The index over a small tree made here: incremental updates, deletions, a damaged index file,
/// fallbacks and ranking.
@Suite struct SearchIndexTests {
    func article(_ title: String, _ body: String) -> String {
        "---\ntitle: \(title)\nms.date: 01/02/2024\n---\n# \(title)\n\n\(body)\n"
    }

    func tree() throws -> URL {
        let dir = try RepositoryPaths.temporaryDirectory()
        let files = [
            "en-us/a/remove.md": article(
                "Remove a relationship", "Suspend every **Subscription** first.\n\n1. Select **Remove**."),
            "en-us/a/only-english.md": article("Sandbox orders", "Cancel an order from the integration sandbox."),
            "tr-tr/a/remove.md": article(
                "İlişkiyi kaldırma", "Önce tüm **Abonelikleri** askıya alın.\n\n1. **Kaldır**'ı seçin."),
            "tr-tr/a/account.md": article("Müşteri hesabı", "Hesap bilgilerini güncelleyin."),
        ]
        for (path, text) in files {
            let url = dir.appendingPathComponent("docs/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }

    func index(_ dir: URL) throws -> (SearchIndex, DocsLibrary) {
        let library = DocsLibrary(trees: [try #require(DocsTree(path: dir.appendingPathComponent("docs").path))])
        return (try SearchIndex(path: dir.appendingPathComponent("cache/index.sqlite").path), library)
    }

    let turkish = LocaleTag("tr-TR")!

    @Test func findsInflectedUnaccentedAndUpperCaseQueriesInTheReadersLanguage() throws {
        let dir = try tree()
        let (index, library) = try index(dir)
        try index.update(library.files())
        for query in ["ilişkiyi kaldır", "İLİŞKİYİ KALDIRMA", "iliskiyi kaldir", "aboneliklerini", "hesabını"] {
            let results = try index.search(query, locale: turkish)
            #expect(results.first?.locale == "tr-TR", "\(query): \(results)")
            #expect(results.first?.fallback == false)
        }
        #expect(try index.search("hesabını", locale: turkish).first?.path == "a/account.md")
        #expect(try index.search("kaldır", locale: turkish).first?.snippet.contains("«") == true)
    }

    @Test func anArticleWithoutATranslationIsALabelledFallback() throws {
        let dir = try tree()
        let (index, library) = try index(dir)
        try index.update(library.files())
        let results = try index.search("integration sandbox", locale: turkish)
        #expect(results.map(\.path) == ["a/only-english.md"])
        #expect(results.first?.fallback == true)
        #expect(results.first?.locale == "en-US")
        // An article that has a Turkish translation is never served in English to a Turkish reader.
        #expect(try index.search("suspend subscription", locale: turkish).allSatisfy { $0.path != "a/remove.md" })
    }

    @Test func aConfigurationsPathMapsGiveTranslationsTheSourcesDocsPath() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        for path in ["docs/source/pc/market/offer.md", "docs/turkish/market/offer.md"] {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(article("Teklif", "Teklif oluşturun.").utf8).write(to: url)
        }
        let config = dir.appendingPathComponent("docs.waymark.yml")
        try Data(
            """
            sourceLocale: en-US
            locales:
              en-US: { root: source }
              tr-TR:
                root: turkish
                paths: { "market/": "pc/market/" }
            """.utf8
        ).write(to: config)
        let tree = try #require(DocsTree(path: dir.appendingPathComponent("docs").path, configuration: config.path))
        #expect(Set(tree.files().map(\.docsPath)) == ["pc/market/offer.md"])
        #expect(tree.file("pc/market/offer.md", locale: turkish)?.hasSuffix("docs/turkish/market/offer.md") == true)
        #expect(DocsLibrary(trees: [tree]).resolve("pc/market/offer.md", locale: turkish)?.locale == turkish)
    }

    @Test func onlyChangedFilesAreIndexedAgainAndDeletedOnesDisappear() throws {
        let dir = try tree()
        let (index, library) = try index(dir)
        #expect(try index.update(library.files()).indexed == 4)
        #expect(try index.update(library.files()) == SearchIndex.UpdateSummary(indexed: 0, removed: 0, unchanged: 4))
        let edited = dir.appendingPathComponent("docs/tr-tr/a/account.md")
        try Data(article("Müşteri hesabı", "Fatura adresini değiştirin.").utf8).write(to: edited)
        #expect(try index.update(library.files()) == SearchIndex.UpdateSummary(indexed: 1, removed: 0, unchanged: 3))
        #expect(try index.search("fatura", locale: turkish).first?.path == "a/account.md")
        try FileManager.default.removeItem(at: edited)
        #expect(try index.update(library.files()) == SearchIndex.UpdateSummary(indexed: 0, removed: 1, unchanged: 3))
        #expect(try index.search("fatura hesabı", locale: turkish).allSatisfy { $0.path != "a/account.md" })
    }

    @Test(arguments: [
        Array("not a database at all".utf8), Array("SQLite format 3\0".utf8) + [UInt8](repeating: 0xAB, count: 4000),
    ])
    func aDamagedOrForeignIndexIsRebuiltNotTrusted(_ bytes: [UInt8]) throws {
        let dir = try tree()
        let path = dir.appendingPathComponent("cache/index.sqlite")
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: path)
        let (index, library) = try index(dir)
        #expect(try index.update(library.files()).indexed == 4)
        #expect(try index.search("kaldır", locale: turkish).first?.path == "a/remove.md")
    }

    @Test func queriesWithSearchSyntaxAreOnlyWords() throws {
        let dir = try tree()
        let (index, library) = try index(dir)
        try index.update(library.files())
        for query in [
            "\"", "*", "kaldır* OR NEAR(", ") AND (", "", "\u{0}", "title:kaldır", "^kaldır",
            String(repeating: "ş", count: 200_000), (0..<10_000).map { "w\($0)" }.joined(separator: " "),
        ] {
            _ = try index.search(query, locale: turkish)
        }
        #expect(try index.search("\"kaldır\" OR *", locale: turkish).first?.path == "a/remove.md")
    }

    @Test func aWordInMostArticlesDoesNotOutweighARareOneAndServesNoFallback() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        var files = [
            "tr-tr/a/gate.md": article("Geçit", "Geçit ayarlarını açın."),
            "en-us/a/gate.md": article("Gateway", "Open the gateway settings."),
            "en-us/a/portal.md": article("Portal", "The portal is where the partner works."),
        ]
        // "partner" is in every English article; "portal" in one.
        for number in 0..<6 {
            files["en-us/a/other\(number).md"] = article("Other \(number)", "A partner and a partner again.")
        }
        for (path, text) in files {
            let url = dir.appendingPathComponent("docs/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let (index, library) = try index(dir)
        try index.update(library.files())
        let english = try index.search("partner portal", locale: .source)
        #expect(english.first?.path == "a/portal.md", "\(english.map(\.path))")
        // The common word alone still ranks, by how often it occurs.
        #expect(try index.search("partner", locale: .source).count == 7)
        // Served to a Turkish reader, an English article is a fallback only for a word that says
        // something about it.
        #expect(try index.search("portal", locale: turkish).map(\.path) == ["a/portal.md"])
        #expect(try index.search("partner", locale: turkish).isEmpty)
    }

    @Test func snippetsShowTheTextAroundTheFirstMatchWithItsPunctuation() throws {
        let dir = try tree()
        let (index, library) = try index(dir)
        try index.update(library.files())
        let hit = try #require(try index.search("abonelik", locale: turkish).first)
        #expect(hit.snippet == "Önce tüm «Abonelikleri» askıya alın. Kaldır'ı seçin.", "\(hit.snippet)")
        let long = (0..<300).map { "word\($0)" }.joined(separator: " ")
        let snippet = SearchIndex.snippet(
            long + ", then a Target. And more",
            terms: (0..<300).map { "word\($0)" }.joined(separator: " ") + " then a target and more ",
            matching: ["target"])
        #expect(snippet.hasPrefix("… word294 word295"), "\(snippet)")
        #expect(snippet.contains("then a «Target». And more"))
        #expect(!snippet.hasSuffix("…"))
    }
}
