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

    /// The catalog is read from libxml2's tree in place, not from a converted copy: its texts
    /// must be what the copy holds, with comments, CDATA, character references, inline elements
    /// and attributes in other namespaces.
    @Test func readsInPlaceWhatTheConvertedTreeHolds() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:o="urn:other" version="2.0" srcLang="en-US"
              trgLang="tr-TR" o:trgLang="xx">
              <file id="cat" o:id="other">
                <o:unit id="skipped"><segment><source>not Waymark's</source></segment></o:unit>
                <unit id="k.one" o:id="x">
                  <notes><note>first <o:em>note</o:em></note><note>second &amp; &#x130;</note></notes>
                  <segment o:state="initial" state="final">
                    <source>Open <mrk id="m">the <![CDATA[<b>]]>list</mrk><!-- a comment --> now</source>
                    <target>Listeyi &#304;ç<mrk id="m"> aç</mrk></target>
                  </segment>
                </unit>
              </file>
            </xliff>
            """
        let catalog = try XLIFF.read(Array(text.utf8), path: "t.xlf")
        let tree = try SafeXMLReader.parse(Array(text.utf8))
        let units = tree.elements("file")[0].elements("unit").filter { $0.namespace == XLIFF.namespace }
        #expect(catalog.targetLocale == tree.attribute("trgLang"))
        #expect(catalog.fileID == "cat")
        #expect(catalog.units.map(\.id) == units.map { $0.attribute("id") })
        let unit = try #require(catalog.unit("k.one"))
        let segment = units[0].elements("segment")[0]
        #expect(unit.source == segment.elements("source")[0].text)
        #expect(unit.source == "Open the <b>list now")
        #expect(unit.target == segment.elements("target")[0].text)
        #expect(unit.target == "Listeyi İç aç")
        #expect(unit.state == .final)
        #expect(unit.notes == ["first note", "second & İ"])
        #expect(unit.line == units[0].line)
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
