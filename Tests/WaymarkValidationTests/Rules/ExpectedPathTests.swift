import Testing
import WaymarkCore

@testable import WaymarkValidation

/// Where `translation-missing` says a missing translation would be: the locale's folder and its
/// path map undone, the longest mapped prefix first.
@Suite struct ExpectedPathTests {
    static func context(_ locales: [ValidationConfiguration.LocaleRoot]) throws -> ValidationContext {
        var configuration = ValidationConfiguration()
        configuration.locales = locales
        return ValidationContext(
            configuration: configuration, files: FileIndex(), glossary: nil,
            today: try #require(CalendarDate(year: 2026, month: 12, day: 5)))
    }

    @Test func thePathMapIsUndoneLongestPrefixFirstInTheLocalesFolder() throws {
        let context = try Self.context([
            .init(locale: "en-US", root: "en-us"),
            .init(
                locale: "tr-TR", root: "tr-tr",
                pathMap: [
                    (from: "marketplace/", to: "partner-center/"),
                    (from: "offers/", to: "partner-center/marketplace/"),
                    (from: "a/", to: "x/"),
                ]),
            .init(locale: "hu-HU", root: ""),
            // A second root of the same locale is not the one used.
            .init(locale: "tr-TR", root: "other", pathMap: [(from: "z/", to: "partner-center/")]),
        ])
        let expected = TranslationMissing.ExpectedPaths(context)
        #expect(expected.path(of: "partner-center/marketplace/offer.md", in: "tr-TR") == "tr-tr/offers/offer.md")
        #expect(expected.path(of: "partner-center/billing.md", in: "tr-TR") == "tr-tr/marketplace/billing.md")
        #expect(expected.path(of: "x/y.md", in: "tr-TR") == "tr-tr/a/y.md")
        #expect(expected.path(of: "other/y.md", in: "tr-TR") == "tr-tr/other/y.md")
        #expect(expected.path(of: "partner-center/billing.md", in: "hu-HU") == "partner-center/billing.md")
        #expect(expected.path(of: "partner-center/billing.md", in: "de-DE") == "partner-center/billing.md")
    }
}
