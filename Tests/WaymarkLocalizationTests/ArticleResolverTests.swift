import Foundation
import Testing
import WaymarkLocalization
import WaymarkTestSupport

@Suite struct ArticleResolverTests {
    func tree(_ files: [String]) throws -> URL {
        let root = try RepositoryPaths.temporaryDirectory()
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "x".write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    func tag(_ text: String) -> LocaleTag { LocaleTag(text) ?? LocaleTag.source }

    @Test func prefersTheRequestedLocaleThenItsLanguageThenTheSource() throws {
        let root = try tree(["tr-TR/a/x.md", "en-US/a/x.md", "en-US/a/only-en.md", "hu-hu/a/x.md"])
        let resolver = ArticleResolver(root: root)
        let tr = try #require(resolver.resolve("a/x.md", locale: tag("tr-TR")))
        #expect(tr.locale.description == "tr-TR")
        #expect(!tr.isFallback)
        let cyprus = try #require(resolver.resolve("a/x.md", locale: tag("tr-CY")))
        #expect(cyprus.locale.description == "tr-TR")
        #expect(!cyprus.isFallback)
        let hu = try #require(resolver.resolve("a/x.md", locale: tag("hu-HU")))
        #expect(hu.path.hasSuffix("hu-hu/a/x.md"))
        let fallback = try #require(resolver.resolve("a/only-en.md", locale: tag("tr-TR")))
        #expect(fallback.locale == LocaleTag.source)
        #expect(fallback.isFallback)
        #expect(resolver.resolve("a/none.md", locale: LocaleTag.source) == nil)
    }

    @Test func refusesPathsThatClimbOut() throws {
        let root = try tree(["en-US/a/x.md", "secret.md"])
        #expect(ArticleResolver(root: root).resolve("../secret.md", locale: LocaleTag.source) == nil)
    }
}
