import Foundation
import Testing
import WaymarkContent
import WaymarkCore
import WaymarkTestSupport
import WaymarkTranslation

/// `ArticleXLIFF`: an article out as XLIFF 2.0 and back, on the seed and on the corpus.
@Suite struct ArticleXLIFFTests {
    static func read(_ path: String) throws -> (article: Article, text: String) {
        let bytes = try FileReader.read(path, limit: 16 << 20)
        return ArticleParser().parseKeepingText(bytes: bytes, path: path)
    }

    static func seed(_ locale: String) -> String {
        RepositoryPaths.file("Resources/Articles/\(locale)/partner-center/remove-a-relationship.md").path
    }

    /// Every step as `id text`, and the alerts of each, for comparing two articles.
    static func steps(_ article: Article) -> [String] {
        article.stepGraph.allSteps.map { step in
            "\(step.id) \(step.text) \(step.alerts.map { "[\($0.kind.rawValue)] \($0.text)" })"
        }
    }

    static func roundTrip(source: String, translation: String, locale: String) throws -> (
        xliff: String, merged: Article
    ) {
        let s = try read(source)
        let t = try read(translation)
        let xliff = ArticleXLIFF.extract(
            source: s.article, text: s.text, translation: t,
            options: .init(targetLocale: locale, original: "remove-a-relationship.md"))
        let merged = try ArticleXLIFF.merge(Array(xliff.utf8), expectedLocale: locale)
        let article = ArticleParser().parse(bytes: Array(merged.markdown.utf8), path: "/tmp/\(locale)/merged.md")
        return (xliff, article)
    }

    @Test func theSeedWithItsTurkishTranslationComesBackAsTheTurkishSeed() throws {
        let (xliff, merged) = try Self.roundTrip(
            source: Self.seed("en-US"), translation: Self.seed("tr-TR"), locale: "tr-TR")
        let turkish = try Self.read(Self.seed("tr-TR")).article
        #expect(Self.steps(merged) == Self.steps(turkish))
        #expect(merged.stepGraph.stepIDs.count == 9)
        #expect(merged.frontMatter.contentLocale == "tr-TR")
        #expect(merged.frontMatter.title == turkish.frontMatter.title)
        // Steps are units named by their StepID; a bold label is a paired code whose Markdown
        // stays out of the text.
        #expect(xliff.contains("name=\"how-to-remove-a-relationship/2.c\""))
        #expect(xliff.contains("<pc id=\"1\" dataRefStart=\"d1s\" dataRefEnd=\"d1e\""))
        #expect(!xliff.contains("**Remove"))
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func theSeedsXLIFFIsValidAgainstTheOASISSchema() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("theSeedsXLIFFIsValidAgainstTheOASISSchema") else {
            return
        }
        let schema = corpus.deletingLastPathComponent().appendingPathComponent("schemas/xliff-2.0/xliff_core_2.0.xsd")
        let (xliff, _) = try Self.roundTrip(
            source: Self.seed("en-US"), translation: Self.seed("hu-HU"), locale: "hu-HU")
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("seed.xlf")
        try xliff.write(to: file, atomically: true, encoding: .utf8)
        let ok = ChildProcess.output("/usr/bin/xmllint", ["--noout", "--nonet", "--schema", schema.path, file.path])
        #expect(ok != nil, "xmllint refused \(file.path)")
    }

    /// Every tr-tr article of the corpus as its own translation: extract, merge, parse. The step ids
    /// and texts come back unchanged, except in the articles listed with the reason.
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func everyTurkishArticleSurvivesAnIdentityRoundTrip() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("everyTurkishArticleSurvivesAnIdentityRoundTrip") else {
            return
        }
        let known: [String: String] = [
            "hololens/tr-tr/hololens/hololens-recovery.md":
                "emphasis delimiters with spaces inside (`_ olarak**değiştirerek _`) that CommonMark reads differently once the text around them is escaped"
        ]
        var total = 0
        var failed: [String] = []
        for tree in ["partner-center/tr-tr", "hololens/tr-tr", "customer-insights/tr-tr"] {
            let root = corpus.appendingPathComponent(tree).path
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let relative = enumerator?.nextObject() as? String {
                guard relative.hasSuffix(".md") else { continue }
                total += 1
                let path = root + "/" + relative
                let original = try Self.read(path)
                let xliff = ArticleXLIFF.extract(
                    source: original.article, text: original.text, translation: original,
                    options: .init(sourceLocale: "tr-TR", targetLocale: "tr-TR", original: relative))
                guard let merged = try? ArticleXLIFF.merge(Array(xliff.utf8)) else {
                    failed.append("\(tree)/\(relative)")
                    continue
                }
                let article = ArticleParser().parse(bytes: Array(merged.markdown.utf8), path: path)
                if Self.steps(article) != Self.steps(original.article) { failed.append("\(tree)/\(relative)") }
            }
        }
        print("ArticleXLIFFTests: \(total - failed.count) of \(total) tr-tr articles keep their steps")
        #expect(total > 600)
        #expect(Double(total - failed.count) >= 0.98 * Double(total))
        #expect(failed.filter { known[$0] == nil }.isEmpty, "\(failed)")
    }
}

/// What is sent when the source changed since the translation was made.
@Suite struct ChangedUnitsTests {
    @Test func onlyTheChangedUnitsGoWithTheOldTranslationAsACandidate() throws {
        let en = try ArticleXLIFFTests.read(ArticleXLIFFTests.seed("en-US"))
        let tr = try ArticleXLIFFTests.read(ArticleXLIFFTests.seed("tr-TR"))
        // The source before: step 2.c said "Choose" where it now says "Select".
        let oldText = en.text.replacingOccurrences(
            of: "Select **Remove reseller relationship**.", with: "Choose **Remove reseller relationship**.")
        #expect(oldText != en.text)
        let old = ArticleParser().parseKeepingText(bytes: Array(oldText.utf8), path: ArticleXLIFFTests.seed("en-US"))
        let previous = ArticleXLIFF.previousSource(translation: tr.article, sourceText: en.text, previous: old)
        let glossary: @Sendable (String) -> [String] = { $0 == "Remove reseller relationship" ? ["Kaldır"] : [] }
        let xliff = ArticleXLIFF.extract(
            source: en.article, text: en.text, translation: tr, previous: previous,
            options: .init(targetLocale: "tr-TR", original: "x.md", onlyChanged: true, glossary: glossary))
        let names = xliff.components(separatedBy: "name=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(names == ["title", "how-to-remove-a-relationship/2.c"])
        #expect(xliff.contains("<mtc:match ref=\"#s1\" type=\"tm\" origin=\"previous translation\"><source>Choose "))
        #expect(xliff.contains("<segment id=\"s1\" state=\"initial\"><source>Select "))
        #expect(xliff.contains("<gls:translation>Kaldır</gls:translation>"))
        // Merged as it is, the article keeps every other unit's translation and the source's new text.
        let merged = try ArticleXLIFF.merge(Array(xliff.utf8))
        let article = ArticleParser().parse(bytes: Array(merged.markdown.utf8), path: "/tmp/tr-tr/x.md")
        let steps = ArticleXLIFFTests.steps(article)
        let turkish = ArticleXLIFFTests.steps(tr.article)
        #expect(steps.count == turkish.count)
        #expect(
            zip(steps, turkish).filter { $0 != $1 }.map { $0.0.prefix(36) } == ["how-to-remove-a-relationship/2.c Sel"])
    }

    @Test func theRecordedSourceHashTellsWhetherTheSourceChanged() throws {
        let en = try ArticleXLIFFTests.read(ArticleXLIFFTests.seed("en-US"))
        let recorded = "---\ntitle: T\nwaymark.source-hash: \(ArticleXLIFF.sourceHash(en.text))\n---\n# T\n"
        let current = ArticleParser().parse(bytes: Array(recorded.utf8), path: "/tmp/tr-tr/a.md")
        guard case .unchanged = ArticleXLIFF.previousSource(translation: current, sourceText: en.text, previous: nil)
        else {
            Issue.record("expected unchanged")
            return
        }
        guard
            case .changedUnknown = ArticleXLIFF.previousSource(
                translation: current, sourceText: en.text + "more", previous: nil)
        else {
            Issue.record("expected changed")
            return
        }
    }
}
