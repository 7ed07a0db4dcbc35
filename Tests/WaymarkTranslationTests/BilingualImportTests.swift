import Foundation
import Testing
import WaymarkContent
import WaymarkCore
import WaymarkTestSupport
import WaymarkTranslation

/// A rendered bilingual page read back into an article, on the Hungarian seed and on hostile text.
@Suite struct BilingualImportTests {
    static func english() throws -> (article: Article, text: String)? {
        guard let corpus = RepositoryPaths.corpus else { return nil }
        return try ArticleXLIFFTests.read(
            corpus.appendingPathComponent("seed-article/en-us.2021-derived-from-hu-hu-sxs.md").path)
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus and ../shared/seeds beside the checkout"))
    func theHungarianSeedBecomesAHungarianArticleWithTheNineStepIDs() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("theHungarianSeedBecomesAHungarianArticle"),
            let (article, text) = try Self.english()
        else { return }
        let page = try String(
            contentsOf: corpus.deletingLastPathComponent().appendingPathComponent("seeds/000_326af44672847d08.txt"),
            encoding: .utf8)
        let result = BilingualImport.align(page: page, source: article, text: text)
        // The lines that have no English sentence of the article are named, never dropped silently.
        #expect(result.unaligned.map(\.line) == [3, 5, 40])
        let markdown = BilingualImport.article(source: article, text: text, pairs: result.pairs, locale: "hu-HU")
        let imported = ArticleParser().parse(bytes: Array(markdown.utf8), path: "/tmp/hu-hu/x.md")
        let ids = imported.stepGraph.stepIDs.map(\.description)
        #expect(ids == article.stepGraph.stepIDs.map(\.description))
        #expect(ids.count == 9)
        #expect(imported.frontMatter.contentLocale == "hu-HU")
        // Hungarian only: no step keeps its English text or an English sentence after the Hungarian.
        let englishSteps = Dictionary(uniqueKeysWithValues: article.stepGraph.allSteps.map { ($0.id, $0.text) })
        for step in imported.stepGraph.allSteps {
            let english = try #require(englishSteps[step.id])
            #expect(!step.text.contains(english.prefix(12)), "\(step.id): \(step.text)")
            for word in ["Select", "From the", "Suspend", "Repeat", "Remove the", "Under"] {
                #expect(!step.text.contains(word), "\(step.id): \(step.text)")
            }
        }
        #expect(
            imported.stepGraph.allSteps.first { $0.id.description.hasSuffix("/2.c") }?.text.hasPrefix("Válassza")
                == true)
    }

    @Test(arguments: [
        "", "\n\n\n", String(repeating: "x", count: 100_000), String(repeating: "a b ", count: 20_000),
        "\u{FEFF}\u{0}\u{7}", String(repeating: "•", count: 5_000), "1.", "a.a.",
        "Á" + String(repeating: "\n", count: 10_000),
    ])
    func hostilePagesNeitherCrashNorHang(_ page: String) throws {
        let en = try ArticleXLIFFTests.read(ArticleXLIFFTests.seed("en-US"))
        let result = BilingualImport.align(page: page, source: en.article, text: en.text)
        #expect(result.pairs.count <= 1)
        _ = BilingualImport.article(source: en.article, text: en.text, pairs: result.pairs, locale: "hu-HU")
    }
}
