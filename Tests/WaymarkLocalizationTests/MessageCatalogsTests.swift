import Foundation
import Testing
import WaymarkLocalization
import WaymarkTestSupport

@Suite struct MessageCatalogsTests {
    /// Loaded for one locale, the shipped catalogs answer every key for every locale as when all
    /// are read at once: the other languages' catalogs are read when first asked for.
    @Test func answersAsWhenAllAreRead() throws {
        let folder = RepositoryPaths.file("Localizations")
        let all = try MessageCatalogs.load(from: folder)
        let keys = try #require(all.catalogs[.source]).units.map(\.id)
        #expect(all.locales.count >= 3)
        for chosen in all.locales + [try #require(LocaleTag("tr-CY"))] {
            let lazy = try MessageCatalogs.load(from: folder, serving: chosen)
            for locale in all.locales + [try #require(LocaleTag("hu")), try #require(LocaleTag("fr-FR"))] {
                for key in keys {
                    let (want, got) = (all.lookup(key, locale: locale), lazy.lookup(key, locale: locale))
                    #expect(got.text == want.text && got.report == want.report, "\(chosen) \(locale) \(key)")
                }
            }
            #expect(lazy.locales == all.locales)
        }
    }

    /// A broken catalog of another language does not stop a command in this one; asked for, it is
    /// left out and the look-up falls back. Read at once, its problem is reported.
    @Test func readsAnotherLanguagesCatalogOnlyWhenAskedFor() throws {
        let folder = try RepositoryPaths.temporaryDirectory()
        let shipped = RepositoryPaths.file("Localizations")
        for name in ["en-US.xlf", "tr-TR.xlf"] {
            try FileManager.default.copyItem(
                at: shipped.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try Data("<?xml version=\"1.0\"?>\n<xliff".utf8).write(to: folder.appendingPathComponent("hu-HU.xlf"))
        #expect(throws: CatalogError.self) { try MessageCatalogs.load(from: folder) }
        #expect(throws: CatalogError.self) {
            try MessageCatalogs.load(from: folder, serving: try #require(LocaleTag("hu-HU")))
        }
        let turkish = try MessageCatalogs.load(from: folder, serving: try #require(LocaleTag("tr-TR")))
        let hu = turkish.lookup("content.file-empty", locale: try #require(LocaleTag("hu-HU")))
        #expect(hu.report.answeredBy == LocaleTag.source)
        let tr = turkish.lookup("content.file-empty", locale: try #require(LocaleTag("tr-TR")))
        #expect(tr.report.answeredBy?.description == "tr-TR")
    }
}
