import Foundation
import Testing
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
}
