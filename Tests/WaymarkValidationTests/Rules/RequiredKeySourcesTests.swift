import Foundation
import Testing
import WaymarkCore
import WaymarkValidation

/// Where a required front-matter key may come from besides the article's own front matter.
@Suite struct RequiredKeySourcesTests {
    static let withoutService = Doc.english(Doc.englishBody).replacingOccurrences(
        of: "ms.service: partner-dashboard\n", with: "")

    @Test func aKeyTheDocsetsDocfxJSONSuppliesIsPresent() throws {
        let docfx = """
            { "build": { "globalMetadata": { "ms.topic": "article" },
                         "fileMetadata": { "ms.service": { "**.md": "partner-dashboard" } } } }
            """
        let outcome = try TreeFixture([
            "en-us/docs/docfx.json": docfx, "en-us/docs/sub/x.md": Self.withoutService,
            // Outside that docset the key is still missing.
            "en-us/other/y.md": Self.withoutService,
        ]).validate()
        let missing = outcome.of("front-matter-required-key").map { ($0.path ?? "").split(separator: "/").last ?? "" }
        #expect(missing == ["y.md"])
    }

    @Test func theDocsetsContentDecidesWhatIsAnArticle() throws {
        let docfx = """
            { "build": { "content": [ { "files": ["**/*.md"], "exclude": ["drafts/**", "**/includes/**"] } ] } }
            """
        let bare = "No front matter at all.\n"
        let outcome = try TreeFixture([
            "en-us/docs/docfx.json": docfx, "en-us/docs/a.md": Doc.english(),
            // Beside the docset, excluded from it: not articles, not checked.
            "en-us/README.md": bare, "en-us/docs/drafts/d.md": bare,
            // An include is still checked, as an include.
            "en-us/docs/includes/i.md": "See [gone](gone.md).\n",
        ]).validate()
        #expect(outcome.findings.allSatisfy { !($0.path ?? "").hasSuffix("README.md") })
        #expect(outcome.findings.allSatisfy { !($0.path ?? "").hasSuffix("d.md") })
        #expect(outcome.of("link-missing-target").map { ($0.path ?? "").hasSuffix("includes/i.md") } == [true])
    }

    @Test func everyFrontMatterRuleReadsWhatDocfxSupplies() throws {
        // A supplied ms.date in the future and a supplied description too long, for a file that
        // writes neither; the file's own title wins over the supplied one.
        let long = String(repeating: "d", count: 400)
        let docfx = """
            { "build": { "globalMetadata": { "ms.date": "01/01/2999", "title": "x" },
                         "fileMetadata": { "description": { "**.md": "\(long)" } } } }
            """
        let article = Doc.english().replacingOccurrences(of: "ms.date: 06/05/2020\n", with: "")
            .replacingOccurrences(of: "description: ", with: "summary: ")
        let outcome = try TreeFixture(["en-us/docs/docfx.json": docfx, "en-us/docs/a.md": article]).validate()
        #expect(outcome.of("front-matter-invalid-date").count == 1)
        #expect(outcome.of("front-matter-description-length").count == 1)
        #expect(outcome.of("front-matter-title-length").isEmpty)
        #expect(outcome.of("front-matter-required-key").isEmpty)
    }

    @Test func msProdStandsForMsService() throws {
        let prod = Self.withoutService.replacingOccurrences(
            of: "author: someone\n", with: "author: someone\nms.prod: hololens\n")
        let outcome = try TreeFixture(["en-us/x.md": prod]).validate()
        #expect(outcome.of("front-matter-required-key").isEmpty)
    }

    @Test func aTranslatedIncludesLocalizationFrontMatterIsNotHeldToTheProfile() throws {
        let localized =
            "---\nms.openlocfilehash: aaaa\nms.sourcegitcommit: bbbb\nms.translationtype: MT\n---\nSzöveg.\n"
        let authored = "---\ntitle: Roles\n---\nText.\n"
        let outcome = try TreeFixture(["hu-hu/includes/a.md": localized, "en-us/includes/b.md": authored]).validate()
        let found = outcome.of("front-matter-required-key")
        #expect(!found.isEmpty && found.allSatisfy { ($0.path ?? "").hasSuffix("en-us/includes/b.md") })
    }
}

/// `docfx.json` as found in the wild and as an attacker writes it.
@Suite struct DocFXMetadataTests {
    @Test(arguments: [
        "", "{", "null", "[]", "{\"build\": 3}", "{\"build\": {\"fileMetadata\": [1, 2]}}",
        "{\"build\": {\"fileMetadata\": {\"k\": \"not a map\"}}}", "{\"build\": {\"globalMetadata\": [\"k\"]}}",
        String(repeating: "[", count: 100_000), "\u{FEFF}{\"build\": {}}",
    ])
    func hostileOrMalformedFilesAddNoKeys(_ text: String) {
        var metadata = DocFXMetadata()
        metadata.add(json: Data(text.utf8), at: "docs/docfx.json")
        #expect(metadata.keys(for: "docs/a.md").isEmpty)
    }

    @Test func globsReadAsDocFXReadsThem() {
        var metadata = DocFXMetadata()
        let json = """
            {"build": {"globalMetadata": {"g": 1}, "fileMetadata": {
              "all": {"**.md": "x"}, "top": {"*.md": "x"}, "sub": {"x/**": "x"},
              "stars": {"******************************************a": "x"}}}}
            """
        metadata.add(json: Data(json.utf8), at: "docs/docfx.json")
        #expect(metadata.keys(for: "docs/a.md") == ["g", "all", "top"])
        #expect(metadata.keys(for: "docs/x/y/b.md") == ["g", "all", "sub"])
        #expect(metadata.keys(for: "other/c.md").isEmpty)
    }

    @Test func suppliedKeysKeepTheirValueAndOrigin() {
        var metadata = DocFXMetadata()
        let json = """
            {"build": {"globalMetadata": {"ms.topic": "article", "flag": true, "scope": ["a", "b"]},
              "fileMetadata": {"ms.topic": {"faq/**": "faq"}}}}
            """
        metadata.add(json: Data(json.utf8), at: "docs/docfx.json")
        let faq = metadata.supplied(for: "docs/faq/q.md")
        #expect(faq.map(\.key) == ["flag", "ms.topic", "scope"])
        #expect(faq[0].value == .scalar("true"))
        #expect(faq[1].value == .scalar("faq"))
        #expect(faq[1].origin == "docs/docfx.json build.fileMetadata \"faq/**\"")
        #expect(faq[2].value == .sequence([.scalar("a"), .scalar("b")]))
        #expect(metadata.supplied(for: "docs/a.md")[1].origin == "docs/docfx.json build.globalMetadata")
        // No content listed: the docset decides nothing about articles.
        #expect(metadata.isArticle("docs/a.md") == nil)
    }

    /// A docset in a folder whose name is longer in bytes than in characters: the paths under it
    /// are read from its folder on, byte for byte.
    @Test func aDocsetFolderWithLettersBeyondASCII() {
        var metadata = DocFXMetadata()
        let json = """
            {"build": {"content": [{"files": ["**/*.md"], "exclude": ["x/**"]},
                                   {"src": "ürün", "files": ["ç/*.md"]}],
              "fileMetadata": {"k": {"sub/**": "v"}}}}
            """
        metadata.add(json: Data(json.utf8), at: "dokümanlar/docfx.json")
        #expect(metadata.isArticle("dokümanlar/a.md") == true)
        #expect(metadata.isArticle("dokümanlar/x/b.md") == false)
        #expect(metadata.isArticle("dokümanlar/ürün/ç/c.md") == true)
        #expect(metadata.keys(for: "dokümanlar/sub/c.md") == ["k"])
        #expect(metadata.keys(for: "dokümanlar/c.md").isEmpty)
    }

    /// Keys that only globs give go in their place among the global ones, and of two globs of one
    /// key that match, the later wins (globs of a key are taken in order).
    @Test func globKeysTakeTheirPlaceAndTheLastMatchWins() {
        var metadata = DocFXMetadata()
        let json = """
            {"build": {"globalMetadata": {"b": "global", "d": "global"},
              "fileMetadata": {"a": {"**.md": "first"}, "c": {"x/**": "c"}, "e": {"**.md": "last"},
                "b": {"x/**": "x", "x/y/**": "y"}}}}
            """
        metadata.add(json: Data(json.utf8), at: "docs/docfx.json")
        let deep = metadata.supplied(for: "docs/x/y/q.md")
        #expect(deep.map(\.key) == ["a", "b", "c", "d", "e"])
        #expect(deep.map(\.value) == ["first", "y", "c", "global", "last"].map { .scalar($0) })
        #expect(deep[1].origin == "docs/docfx.json build.fileMetadata \"x/y/**\"")
        let top = metadata.supplied(for: "docs/q.md")
        #expect(top.map(\.key) == ["a", "b", "d", "e"])
        #expect(top[1].origin == "docs/docfx.json build.globalMetadata")
    }
}

extension DocFXMetadataTests {
    /// Nested docsets, added in any order: a file belongs to the innermost above it, and one
    /// outside every docset is no article when a folder above it holds one that lists content.
    @Test(arguments: [false, true])
    func aFileBelongsToTheInnermostDocsetAboveIt(_ reversed: Bool) {
        var metadata = DocFXMetadata()
        var files = [
            ("docfx.json", "{\"build\": {\"globalMetadata\": {\"top\": 1}}}"),
            (
                "en-us/docfx.json",
                "{\"build\": {\"globalMetadata\": {\"en\": 1}, \"content\": [{\"files\": [\"**.md\"]}]}}"
            ),
            ("en-us/sub/docfx.json", "{\"build\": {\"globalMetadata\": {\"sub\": 1}}}"),
            ("tr-tr/product/docfx.json", "{\"build\": {\"content\": [{\"files\": [\"a/**.md\"]}]}}"),
        ]
        if reversed { files.reverse() }
        for (path, json) in files { metadata.add(json: Data(json.utf8), at: path) }
        #expect(metadata.keys(for: "en-us/a.md") == ["en"])
        #expect(metadata.keys(for: "en-us/sub/deeper/b.md") == ["sub"])
        #expect(metadata.keys(for: "en-us-other/c.md") == ["top"])
        #expect(metadata.keys(for: "readme.md") == ["top"])
        #expect(metadata.isArticle("en-us/x/y.md") == true)
        #expect(metadata.isArticle("en-us/sub/b.md") == nil)
        #expect(metadata.isArticle("tr-tr/product/a/b.md") == true)
        #expect(metadata.isArticle("tr-tr/product/b.md") == false)
        // In the root's docset, which lists no content: no decision.
        #expect(metadata.isArticle("tr-tr/x.md") == nil)
        // Asked file after file, remembering the last folder's docset: the same answers, whatever
        // order the files come in.
        let paths = [
            "en-us/x/y.md", "en-us/x/z.md", "en-us/sub/b.md", "en-us/sub/c.md", "en-us/sub/deeper/d.md", "en-us/a.md",
            "tr-tr/product/a/b.md", "tr-tr/product/b.md", "tr-tr/product/a/c.md", "tr-tr/x.md", "readme.md",
            "en-us/readme.md", "en-us-other/c.md", "en-us/x.md", "en-us/x/y.md",
        ]
        for order in [paths, paths.reversed(), paths.sorted()] {
            var lookups = DocFXMetadata.Lookups()
            for path in order {
                #expect(metadata.isArticle(path, lookups: &lookups) == metadata.isArticle(path), "\(path)")
            }
        }
    }

    @Test func deeplyNestedValuesNeitherCrashNorHang() {
        for depth in [100, 10_000] {
            let json =
                "{\"build\": {\"globalMetadata\": {\"k\": " + String(repeating: "[", count: depth)
                + String(repeating: "]", count: depth) + "}}}"
            var metadata = DocFXMetadata()
            metadata.add(json: Data(json.utf8), at: "docs/docfx.json")
            // Read or refused as a whole, never half.
            #expect(metadata.supplied(for: "docs/a.md").count <= 1)
        }
    }
}
