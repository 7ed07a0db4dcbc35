import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport
import WaymarkTranslation

/// What `merge` refuses, each with the line of the XLIFF, and what it never does: crash, hang, or
/// read outside the file.
@Suite struct MergeRefusalTests {
    /// The seed's XLIFF with its Turkish targets.
    static let seedXLIFF: String = {
        let en = try! ArticleXLIFFTests.read(ArticleXLIFFTests.seed("en-US"))
        let tr = try! ArticleXLIFFTests.read(ArticleXLIFFTests.seed("tr-TR"))
        return ArticleXLIFF.extract(
            source: en.article, text: en.text, translation: tr,
            options: .init(targetLocale: "tr-TR", original: "remove-a-relationship.md"))
    }()

    func problem(_ xliff: String, locale: String? = nil) -> ArticleXLIFF.MergeError? {
        do {
            _ = try ArticleXLIFF.merge(Array(xliff.utf8), expectedLocale: locale)
            return nil
        } catch {
            return error
        }
    }

    /// The seed's XLIFF with the target of the unit named `name` replaced.
    func withTarget(_ name: String, _ target: String) throws -> String {
        let x = Self.seedXLIFF
        let unit = try #require(x.range(of: "name=\"\(name)\""))
        let open = try #require(x.range(of: "<target>", range: unit.upperBound..<x.endIndex))
        let close = try #require(x.range(of: "</target>", range: open.upperBound..<x.endIndex))
        return x.replacingCharacters(in: open.upperBound..<close.lowerBound, with: target)
    }

    @Test func theSeedMerges() {
        #expect(problem(Self.seedXLIFF) == nil)
    }

    @Test func brokenInlineCodesAreRefusedAtTheirLine() throws {
        let step = "how-to-remove-a-relationship/2.c"
        // 2.c is "Select **Remove reseller relationship**": one paired code, id 1.
        for (target, expected) in [
            ("<pc id=\"9\">x</pc>", MergeProblem.codeNotInSource),
            ("<ph id=\"1\"/>", .codeChangedForm),
            ("<pc id=\"1\">a</pc><pc id=\"1\">b</pc>", .codeUsedTwice),
            ("<mrk id=\"m\">x</mrk>", .codeNotInSource),
        ] {
            let found = problem(try withTarget(step, target))
            #expect(found?.problem == expected, "\(target)")
            #expect((found?.line ?? 0) > 1)
        }
        // Bold may be dropped where the language has none.
        #expect(problem(try withTarget(step, "Kaldır")) == nil)
    }

    @Test func aLinkMayNotBeDropped() throws {
        // The next-steps paragraph is a link: canDelete="no".
        let x = Self.seedXLIFF
        let link = try #require(x.range(of: "subType=\"wm:link\""))
        let unitStart = try #require(x.range(of: "<unit ", options: .backwards, range: x.startIndex..<link.lowerBound))
        let nameStart = try #require(x.range(of: "name=\"", range: unitStart.upperBound..<x.endIndex))
        let nameEnd = try #require(x.range(of: "\"", range: nameStart.upperBound..<x.endIndex))
        let name = String(x[nameStart.upperBound..<nameEnd.lowerBound])
        #expect(problem(try withTarget(name, "metin")).map(\.problem) == .codeDropped)
    }

    @Test func aMissingUnitTheWrongLanguageAndForeignFilesAreRefused() throws {
        let x = Self.seedXLIFF
        let start = try #require(x.range(of: "<unit id=\"how-to-remove-a-relationship:2.c\""))
        let end = try #require(x.range(of: "</unit>", range: start.upperBound..<x.endIndex))
        #expect(
            problem(x.replacingCharacters(in: start.lowerBound..<end.upperBound, with: ""))?.problem == .missingUnit)
        #expect(problem(x, locale: "hu-HU")?.problem == .wrongLanguage)
        #expect(problem(x, locale: "tr-tr") == nil)
        // A target language that is no language tag would be written into the front matter.
        let injected = x.replacingOccurrences(of: "trgLang=\"tr-TR\"", with: "trgLang=\"tr: x&#10;ms.date: 1\"")
        #expect(problem(injected)?.problem == .noTargetLanguage)
        let noSkeleton = x.replacingOccurrences(of: "<skeleton>", with: "<notes><note>").replacingOccurrences(
            of: "</skeleton>", with: "</note></notes>")
        #expect(problem(noSkeleton) != nil)
    }

    @Test(arguments: [
        "", "<", "<xliff/>",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"/>",
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"tr\"><file id=\"f\"><skeleton>{{wm:</skeleton></file></xliff>",
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"tr\"><file id=\"f\"><skeleton>{{wm:x}}</skeleton></file></xliff>",
        String(repeating: "<a>", count: 50_000),
    ])
    func hostileOrMalformedDocumentsAreRefused(_ text: String) {
        let found = problem(text)
        // The unterminated mark is text, not a unit: that one merges to itself.
        if text.contains("<skeleton>{{wm:</skeleton>") {
            #expect(found == nil)
        } else {
            #expect(found != nil)
        }
    }
}
