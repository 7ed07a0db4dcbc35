import Foundation
import Testing
import WaymarkLocalization
import WaymarkTestSupport

@Suite struct GlossaryTests {
    static func shipped() throws -> Glossary {
        let url = RepositoryPaths.file("Resources/Glossary/partner-center.tbx")
        return try Glossary.read(Array(try Data(contentsOf: url)), path: url.path)
    }

    @Test(arguments: [
        ("tr", "**Hesabı**", "account", GlossaryMatch.Kind.inflected),
        ("tr", "**müşteriler** ' e", "customers", .exact),
        ("tr", "Abonelikler' in", "subscriptions", .exact),
        ("tr", "**Askıya alındı**", "suspended", .exact),
        ("tr", "Satıcı Ilişkisini kaldır", "remove-reseller-relationship", .exact),
        ("tr", "Iş Ortağı Merkezi 'nde", "partner-center", .exact),
        ("tr", "İş Ortağı Merkezi'nden", "partner-center", .exact),
        ("hu", "**fiókot**", "account", .inflected),
        ("hu", "Ügyfelek", "customers", .exact),
        ("hu", "Előfizetések alatt", "subscriptions", .partial),
        ("hu", "Felfüggesztve lehetőséget", "suspended", .partial),
        ("hu", "a Viszonteladói kapcsolat eltávolítása lehetőséget.", "remove-reseller-relationship", .partial),
        ("hu", "Partnerközpontban", "partner-center", .inflected),
        ("en", "Customers", "customers", .exact),
        ("en", "Remove reseller relationship", "remove-reseller-relationship", .exact),
    ])
    func findsInflectedLabels(_ language: String, _ label: String, _ concept: String, _ kind: GlossaryMatch.Kind) throws
    {
        let match = try #require(try Self.shipped().lookup(label, language: language), "\(label)")
        #expect(match.concept.id == concept, "\(label)")
        #expect(match.kind == kind, "\(label)")
    }

    @Test(arguments: [
        ("tr", "Hesapçık"), ("tr", "Müşterilerimizdenlerinizde"), ("hu", "fiókostul"), ("en", "Accounting"), ("tr", ""),
    ])
    func doesNotMatchOtherWords(_ language: String, _ label: String) throws {
        #expect(try Self.shipped().lookup(label, language: language) == nil, "\(label)")
    }

    @Test func translatesConceptsBetweenLanguages() throws {
        let glossary = try Self.shipped()
        #expect(glossary.term("account", language: "tr") == "Hesap")
        #expect(glossary.term("account", language: "hu") == "Fiók")
        #expect(glossary.term("account", language: "de") == "Account")
        #expect(glossary.concept("suspended")?.terms["hu"] == ["Felfüggesztve", "Felfüggesztett"])
    }

    @Test func refusesWhatIsNotTBX() {
        #expect(throws: CatalogError.self) {
            try Glossary.read(Array("<glossary/>".utf8), path: "g.tbx")
        }
    }
}
