import Testing
import WaymarkLocalization
import WaymarkTestSupport

@Suite struct XLIFFTests {
    static let sample = Catalog(
        sourceLocale: "en-US", targetLocale: "tr-TR",
        units: [
            CatalogUnit(
                id: "a.one", notes: ["Shown when <x> & \"y\""], source: "{n, plural, one {# item} other {# items}}",
                target: "{n, plural, one {# öğe} other {# öğe}}", state: .reviewed),
            CatalogUnit(id: "a.two", source: "Draft", target: "Taslak", state: .initial),
            CatalogUnit(id: "a.three", source: "Final", target: "Son", state: .final),
        ])

    @Test func roundTripKeepsIDsStatesAndNotes() throws {
        let text = XLIFF.write(Self.sample)
        var back = try XLIFF.read(Array(text.utf8), path: "t.xlf")
        back.path = nil
        for i in back.units.indices { back.units[i].line = 0 }
        #expect(back == Self.sample)
    }

    @Test func initialTargetsAreNotUsed() {
        #expect(Self.sample.unit("a.two")?.usableTarget == nil)
        #expect(Self.sample.unit("a.three")?.usableTarget == "Son")
    }

    @Test(arguments: [
        ("<xliff xmlns=\"urn:other\" version=\"2.0\" srcLang=\"en\"><file id=\"f\"/></xliff>", "namespace"),
        (
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"1.2\" srcLang=\"en\"><file id=\"f\"/></xliff>",
            "version"
        ),
        (
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"><file id=\"f\">\n<unit id=\"a\"><segment state=\"done\"><source>x</source></segment></unit></file></xliff>",
            "unknown state"
        ),
        (
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"><file id=\"f\">\n<unit id=\"a\"><segment state=\"final\"><source>x</source></segment></unit></file></xliff>",
            "no <target>"
        ),
        (
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"><file id=\"f\">\n<unit id=\"a\"><segment><source>x</source></segment></unit>\n<unit id=\"a\"><segment><source>y</source></segment></unit></file></xliff>",
            "already used"
        ),
        ("<!DOCTYPE x><x/>", "<!DOCTYPE>"),
    ])
    func refusesBadCatalogsWithLocatedErrors(_ text: String, _ problem: String) {
        do {
            _ = try XLIFF.read(Array(text.utf8), path: "bad.xlf")
            Issue.record("expected \(problem)")
        } catch {
            #expect(error.message.contains(problem), "\(error)")
            #expect(error.description.hasPrefix("bad.xlf:"))
        }
    }

    @Test func lookupFallsBackAndSaysSo() throws {
        let source = Catalog(
            sourceLocale: "en-US", targetLocale: nil,
            units: [CatalogUnit(id: "k", source: "Customers"), CatalogUnit(id: "draft", source: "Account")])
        let tr = Catalog(
            sourceLocale: "en-US", targetLocale: "tr-TR",
            units: [
                CatalogUnit(id: "k", source: "Customers", target: "Müşteriler", state: .translated),
                CatalogUnit(id: "draft", source: "Account", target: "Hesap", state: .initial),
            ])
        let catalogs = MessageCatalogs(catalogs: [source, tr])
        let trTR = try #require(LocaleTag("tr-TR"))
        #expect(catalogs.lookup("k", locale: trTR).text == "Müşteriler")
        #expect(catalogs.lookup("k", locale: trTR).report.isFallback == false)
        let cyprus = catalogs.lookup("k", locale: try #require(LocaleTag("tr-CY")))
        #expect(cyprus.report.answeredBy?.description == "tr-TR")
        #expect(!cyprus.report.isFallback)
        let draft = catalogs.lookup("draft", locale: trTR)
        #expect(draft.text == "Account")
        #expect(draft.report.answeredBy == LocaleTag.source)
        #expect(draft.report.isFallback)
        let hu = catalogs.lookup("k", locale: try #require(LocaleTag("hu-HU")))
        #expect(hu.text == "Customers")
        #expect(hu.report.answeredBy?.description == "en-US")
        #expect(catalogs.lookup("missing", locale: trTR).report.answeredBy == nil)
    }
}
