import Foundation
import HTTPTypes
import Hummingbird
import Testing
import WaymarkCore
import WaymarkRelationships
import WaymarkTestSupport
import WaymarkWalkthrough

@testable import WaymarkServer

/// The walk in a browser and through the API: the same engine, the same store, the same audit.
@Suite struct WebWalkTests {
    static func member(_ node: JSONNode?, _ path: String...) -> JSONNode? {
        var current = node
        for key in path { current = current?[key] }
        return current
    }

    static func string(_ node: JSONNode?, _ path: String...) -> String? {
        var current = node
        for key in path { current = current?[key] }
        if case .string(let s)? = current?.value { return s }
        return nil
    }

    static func bool(_ node: JSONNode?, _ key: String) -> Bool? {
        if case .bool(let b)? = node?[key]?.value { return b }
        return nil
    }

    @Test(arguments: StoreKind.allCases) func aWholeWalkThroughTheAPIIsAuditedAsTheOperator(_ kind: StoreKind)
        async throws
    {
        guard let fixture = try WebFixture.make(kind) else { return }
        try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            let started = try await client.json(
                "/api/v1/walks", .post, ada,
                body: #"{"customer": "wingtip", "article": "\#(WebFixture.seed)", "locale": "tr-TR"}"#)
            #expect(started.status == .ok)
            let id = try #require(Self.string(started.object, "id"))
            #expect(Self.string(started.object, "locale") == "tr-TR")
            #expect(Self.string(started.object, "step", "id") == "prerequisites")
            // Starting again resumes the open walk.
            let again = try await client.json(
                "/api/v1/walks", .post, ada, body: #"{"customer": "wingtip", "article": "\#(WebFixture.seed)"}"#)
            #expect(Self.string(again.object, "id") == id)
            var sawItem = false
            var sawSwitch = false
            var last: RouterClient.Response?
            for _ in 0..<40 {
                let current = try await client.json("/api/v1/walks/\(id)", .get, ada)
                if Self.bool(current.object, "finished") == true { break }
                if Self.string(current.object, "item", "label")?.contains("walk.item.subscription") == true {
                    sawItem = true
                }
                // On step 1.2: to Hungarian and back, on the same StepID.
                if !sawSwitch, Self.string(current.object, "step", "id") == "how-to-remove-a-relationship/1.2" {
                    sawSwitch = true
                    let hu = try await client.json(
                        "/api/v1/walks/\(id)/locale", .put, ada, body: #"{"locale": "hu-HU"}"#)
                    #expect(Self.string(hu.object, "locale") == "hu-HU")
                    #expect(Self.string(hu.object, "step", "id") == "how-to-remove-a-relationship/1.2")
                    let source = try await client.json("/api/v1/walks/\(id)/source", .post, ada)
                    #expect(Self.member(source.object, "step", "original")?.value != nil)
                    #expect(Self.string(source.object, "step", "original", "text")?.isEmpty == false)
                    let unknown = try await client.json(
                        "/api/v1/walks/\(id)/locale", .put, ada, body: #"{"locale": "xx-XX"}"#)
                    #expect(unknown.status == .badRequest)
                    _ = try await client.json("/api/v1/walks/\(id)/source", .post, ada)
                    let tr = try await client.json(
                        "/api/v1/walks/\(id)/locale", .put, ada, body: #"{"locale": "tr-TR"}"#)
                    #expect(Self.string(tr.object, "step", "id") == "how-to-remove-a-relationship/1.2")
                }
                let command = Self.bool(current.object, "awaitingConfirmation") == true ? "confirm" : "next"
                last = try await client.json("/api/v1/walks/\(id)/\(command)", .post, ada)
                #expect(last?.status == .ok)
            }
            #expect(sawItem)
            #expect(sawSwitch)
            #expect(Self.bool(last?.object, "finished") == true)
            let done = try await client.json("/api/v1/walks/\(id)/next", .post, ada)
            #expect(done.status == .conflict)
        }
        #expect(try fixture.store.account("wingtip").customer.relationship == .removed)
        let audit = try fixture.store.auditTrail(customerID: "wingtip")
        let removal = try #require(audit.first { $0.action == "remove-relationship" })
        #expect(removal.operatorName == "ada")
        #expect(removal.role == "global-admin")
        #expect(removal.step == "how-to-remove-a-relationship/2.c")
        #expect(removal.locale == "tr-TR")
        #expect(removal.session != nil)
        #expect(audit.contains { $0.action == "walk-step" && $0.locale == "tr-TR" && $0.operatorName == "ada" })
    }

    @Test func theStepPageShowsTheStepItsBlockersAndAskedConfirmation() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            let start = try await client.form(
                "/walks", ada, ["csrf": ada.csrf, "customer": "wingtip", "article": WebFixture.seed])
            let walk = try #require(start.headers[.location])
            var page = try await client.execute(uri: walk, method: .get, headers: [.cookie: ada.cookie])
            #expect(page.status == .ok)
            for expected in [
                "<main id=\"main\"", "<nav class=\"controls\"", "id=\"walk-next\"", "id=\"walk-back\"",
                "<label for=\"walk-locale\">", "name=\"csrf\"", "<progress", "web.walk.show-original",
            ] {
                #expect(page.text.contains(expected), "\(expected)")
            }
            // What blocks step 2 is shown before the operator gets there.
            #expect(page.text.contains("walk.ahead-blocked"))
            #expect(page.text.contains("refusal.active-subscriptions"))
            // Next on a cancellation asks first: the consequences, a box to tick, a confirm button.
            let asked = try await client.form(walk + "/next", ada, ["csrf": ada.csrf])
            #expect(asked.status == .seeOther)
            page = try await client.execute(uri: walk, method: .get, headers: [.cookie: ada.cookie])
            #expect(page.text.contains("id=\"walk-confirm\""))
            #expect(page.text.contains("type=\"checkbox\" id=\"understood\""))
            #expect(page.text.contains("walk.confirm.cancel-title"))
            // A confirmation without the box ticked is not a confirmation.
            let unticked = try await client.form(walk + "/confirm", ada, ["csrf": ada.csrf])
            #expect(unticked.status == .badRequest)
            #expect(try fixture.store.account("wingtip").reservations.allSatisfy { $0.status == .active })
            let ticked = try await client.form(walk + "/confirm", ada, ["csrf": ada.csrf, "understood": "yes"])
            #expect(ticked.status == .seeOther || ticked.status == .ok)
            #expect(try fixture.store.account("wingtip").reservations.allSatisfy { $0.status != .active })
            // Further on, the steps' UI labels are highlighted and the loop item named.
            var labelled = false
            for _ in 0..<8 where !labelled {
                page = try await client.execute(uri: walk, method: .get, headers: [.cookie: ada.cookie])
                labelled = page.text.contains("class=\"ui-label\"")
                if page.text.contains("id=\"walk-confirm\"") {
                    _ = try await client.form(walk + "/confirm", ada, ["csrf": ada.csrf, "understood": "yes"])
                } else {
                    _ = try await client.form(walk + "/next", ada, ["csrf": ada.csrf])
                }
            }
            #expect(labelled)
            #expect(page.text.contains("walk.item.subscription"))
        }
    }

    @Test func backCancelSourceAndLocaleFromThePageAndTheAPI() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            let started = try await client.json(
                "/api/v1/walks", .post, ada, body: #"{"customer": "wingtip", "article": "\#(WebFixture.seed)"}"#)
            let id = try #require(Self.string(started.object, "id"))
            // next asks to confirm the first cancellation; cancel (API) steps back from the question.
            let asked = try await client.json("/api/v1/walks/\(id)/next", .post, ada)
            #expect(Self.bool(asked.object, "awaitingConfirmation") == true)
            let cancelled = try await client.json("/api/v1/walks/\(id)/cancel", .post, ada)
            #expect(Self.bool(cancelled.object, "awaitingConfirmation") == false)
            // The same from the page's forms.
            let walk = "/walks/\(id)"
            #expect(try await client.form(walk + "/next", ada, ["csrf": ada.csrf]).status == .seeOther)
            #expect(try await client.form(walk + "/cancel", ada, ["csrf": ada.csrf]).status == .seeOther)
            _ = try await client.form(walk + "/next", ada, ["csrf": ada.csrf])
            _ = try await client.form(walk + "/confirm", ada, ["csrf": ada.csrf, "understood": "yes"])
            var now = try await client.json("/api/v1/walks/\(id)", .get, ada)
            #expect(Self.member(now.object, "progress", "done").map { "\($0.value)" } == "int(1)")
            // back (page), then back (API): the first stop again, its cancellation kept.
            #expect(try await client.form(walk + "/back", ada, ["csrf": ada.csrf]).status == .seeOther)
            now = try await client.json("/api/v1/walks/\(id)/back", .post, ada)
            #expect(Self.string(now.object, "step", "id") == "prerequisites")
            #expect(try fixture.store.account("wingtip").reservations.allSatisfy { $0.status != .active })
            // The original (page form) and the language (page form), on the same step.
            #expect(try await client.form(walk + "/source", ada, ["csrf": ada.csrf]).status == .seeOther)
            #expect(
                try await client.form(walk + "/locale", ada, ["csrf": ada.csrf, "locale": "hu-HU"]).status == .seeOther)
            now = try await client.json("/api/v1/walks/\(id)", .get, ada)
            #expect(Self.string(now.object, "locale") == "hu-HU")
            #expect(Self.string(now.object, "step", "id") == "prerequisites")
            let page = try await client.execute(uri: walk, method: .get, headers: [.cookie: ada.cookie])
            #expect(page.text.contains("section class=\"step original\""))
            #expect(page.text.contains("lang=\"hu-HU\""))
            let unknown = try await client.form(walk + "/locale", ada, ["csrf": ada.csrf, "locale": "de-DE"])
            #expect(unknown.status == .badRequest)
        }
    }

    @Test func aCommandStartsFromTheWalkAsTheStoreHoldsItNotAsTheRequestReadIt() async throws {
        let fixture = try #require(try WebFixture.make())
        let app = WebApp(configuration: fixture.configuration)
        let t = WebStrings(provider: KeyStrings(), locale: "en-US")
        let id = try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            let started = try await client.json(
                "/api/v1/walks", .post, ada, body: #"{"customer": "wingtip", "article": "\#(WebFixture.seed)"}"#)
            return try #require(Self.string(started.object, "id"))
        }
        // This request read the walk at its first stop; meanwhile another browser moved it on.
        let stale = try await app.loadWalk(id, t)
        try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            _ = try await client.json("/api/v1/walks/\(id)/next", .post, ada)
            _ = try await client.json("/api/v1/walks/\(id)/confirm", .post, ada)
        }
        let ada = SignedIn(
            session: WebSessionRecord(
                id: "-", operatorName: "ada", formToken: "-", locale: nil, created: "", expires: ""),
            record: OperatorRecord(name: "ada", role: .globalAdmin))
        let (after, seen) = try await app.change(stale, by: ada) { controller, _ in controller.state.position }
        #expect(stale.engine.state.position == 0)
        #expect(seen == 1)
        #expect(after.engine.state.completed.count == 1)
    }

    @Test func twoServersOnOneStoreServeTheSameWalk() async throws {
        let fixture = try #require(try WebFixture.make())
        let other = WebFixture(store: fixture.store, configuration: WebFixture.configuration(fixture.store))
        let (id, cookie) = try await fixture.withClient { client in
            let cookie = try await client.signIn("ada")
            let started = try await client.json(
                "/api/v1/walks", .post, cookie, body: #"{"customer": "wingtip", "article": "\#(WebFixture.seed)"}"#)
            let id = try #require(Self.string(started.object, "id"))
            _ = try await client.json("/api/v1/walks/\(id)/next", .post, cookie)
            _ = try await client.json("/api/v1/walks/\(id)/confirm", .post, cookie)
            return (id, cookie)
        }
        try await other.withClient { client in
            // The sign-in made on the first server works here, and the walk goes on where it was.
            let walk = try await client.json("/api/v1/walks/\(id)", .get, cookie)
            #expect(walk.status == .ok)
            #expect(Self.member(walk.object, "progress", "done").map { "\($0.value)" } == "int(1)")
        }
    }

    @Test func aWalkHeldInATerminalIsNotTakenByTheBrowser() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            let started = try await client.json(
                "/api/v1/walks", .post, ada, body: #"{"customer": "wingtip", "article": "\#(WebFixture.seed)"}"#)
            let id = try #require(Self.string(started.object, "id"))
            // A terminal walk of this process takes the session over.
            let lease = WalkLease.forThisProcess(holder: "grace")
            _ = try fixture.store.beginWalk(
                customerID: "wingtip", lease: lease, takeOver: true, by: Operator(name: "grace", role: .globalAdmin)
            ) { _ throws(StoreError) in throw StoreError.customerNotFound("unused") }
            let refused = try await client.json("/api/v1/walks/\(id)/next", .post, ada)
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("holder=grace"))
            try fixture.store.releaseLease(session: id, token: lease.token)
            #expect(try await client.json("/api/v1/walks/\(id)/next", .post, ada).status == .ok)
        }
    }

    @Test func searchResultsCanBeStartedAsAWalkForACustomer() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            let page = try await client.execute(
                uri: "/search?q=remove+relationship", method: .get, headers: [.cookie: ada.cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("role=\"search\""))
            #expect(page.text.contains("…remove relationship…"))
            #expect(page.text.contains("Remove &lt;b&gt;relationship&lt;/b&gt;"))
            #expect(page.text.contains("name=\"article\" value=\"\(WebFixture.seed)\""))
            #expect(page.text.contains("<option value=\"wingtip\">"))
            let customers = try await client.execute(uri: "/customers", method: .get, headers: [.cookie: ada.cookie])
            #expect(customers.text.contains("refusal.active-subscriptions"))
            let wingtip = try await client.execute(
                uri: "/customers/wingtip", method: .get, headers: [.cookie: ada.cookie])
            #expect(wingtip.text.contains("web.customer.audit"))
            #expect(wingtip.text.contains("action=\"/walks\""))
        }
    }
}
