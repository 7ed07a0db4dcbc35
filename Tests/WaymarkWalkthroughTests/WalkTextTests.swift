import Foundation
import Testing
import WaymarkCore
import WaymarkRelationships
import WaymarkTestSupport
import WaymarkWalkthrough

/// The walkthrough's texts are typed: every text it can show is a `WalkText`, and `en-US.xlf`
/// holds each with the same English text, so the same placeholders.
@Suite struct WalkTextTests {
    /// `id → source text` of the `walk.*` units of the source catalog, read plainly.
    static func catalogUnits() throws -> [String: String] {
        let xml = try String(contentsOf: RepositoryPaths.file("Localizations/en-US.xlf"), encoding: .utf8)
        var units: [String: String] = [:]
        for part in xml.components(separatedBy: "<unit id=\"").dropFirst() {
            guard let quote = part.firstIndex(of: "\""), part[..<quote].hasPrefix("walk."),
                let open = part.range(of: "<source>"), let close = part.range(of: "</source>")
            else { continue }
            units[String(part[..<quote])] = String(part[open.upperBound..<close.lowerBound])
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&apos;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        return units
    }

    @Test func everyTextIsInTheSourceCatalogAsWritten() throws {
        let units = try Self.catalogUnits()
        for text in WalkText.allCases {
            #expect(units[text.rawValue] == text.english, "\(text.rawValue)")
        }
        // And the catalog has no walk text the code cannot show.
        #expect(Set(units.keys) == Set(WalkText.allCases.map(\.rawValue)))
    }

    @Test func everyNameABindingMayUseHasItsTexts() {
        for action in BindingVocabulary.actions {
            #expect(WalkText.will(action) != nil, "\(action)")
            #expect(WalkText.done(action) != .doneOther, "\(action)")
        }
        #expect(WalkText.done("somethingElse") == .doneOther)
        #expect(Set(AlertKind.allCases.map(WalkText.alert)).count == AlertKind.allCases.count)
        for collection in BindingVocabulary.collections {
            #expect(WalkVocabulary.items(collection, in: Self.account) != nil, "\(collection)")
        }
    }

    static let account = CustomerAccount(
        customer: Customer(
            id: "c", partnerID: "p", companyName: "C", domain: "c.example", relationship: .active,
            inPartnerCustomerList: true, partnerIsSupportContact: true, delegatedAdminPrivileges: false,
            purchasesAllowed: true),
        subscriptions: [], reservations: [], softwarePurchases: [])
}
