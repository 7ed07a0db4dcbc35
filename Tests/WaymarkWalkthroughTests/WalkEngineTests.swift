import Foundation
import Testing
import WaymarkContent
import WaymarkCore
import WaymarkRelationships
import WaymarkTestSupport
import WaymarkWalkthrough

/// The state machine against the seed article and its binding, with a fake model.
@Suite struct WalkEngineTests {
    static let procedure: Procedure = {
        let path = RepositoryPaths.file("Resources/Articles/en-US/partner-center/remove-a-relationship.md").path
        return try! ArticleParser().parse(fileAt: path).stepGraph.procedures[0]
    }()

    static let binding: ProcedureBinding = {
        BindingLoader.parse(
            Array(
                try! Data(
                    contentsOf: RepositoryPaths.file("Resources/Procedures/partner-center/remove-a-relationship.yml"))),
            path: "remove-a-relationship.yml"
        ).0!
    }()

    let admin = Operator(name: "ayse", role: .globalAdmin)

    static func account(subscriptions: Int = 2, reservations: Int = 1, purchases: Int = 1) -> CustomerAccount {
        CustomerAccount(
            customer: Customer(id: "c", partnerID: "p", companyName: "Contoso", domain: "contoso.example"),
            subscriptions: (0..<subscriptions).map {
                Subscription(id: "s\($0)", customerID: "c", offerName: "Sub \($0)")
            },
            reservations: (0..<reservations).map { Reservation(id: "r\($0)", customerID: "c", name: "RI \($0)") },
            softwarePurchases: (0..<purchases).map { SoftwarePurchase(id: "p\($0)", customerID: "c", name: "SW \($0)") }
        )
    }

    /// What the driver does with an action, on an in-memory account.
    static func apply(_ action: WalkAction, to account: inout CustomerAccount) -> ActionResult {
        switch action.name {
        case "suspendSubscription":
            guard let i = account.subscriptions.firstIndex(where: { $0.id == action.item?.id }) else {
                return .refused([])
            }
            if account.subscriptions[i].status != .active { return .alreadyDone }
            account.subscriptions[i].status = .suspended
        case "cancelItem":
            if let i = account.reservations.firstIndex(where: { $0.id == action.item?.id }) {
                account.reservations[i].status = .cancelled
            }
            if let i = account.softwarePurchases.firstIndex(where: { $0.id == action.item?.id }) {
                account.softwarePurchases[i].status = .cancelled
            }
        case "removeRelationship":
            account.customer = RelationshipRules().removing(account.customer)
        default: return .refused([])
        }
        return .done
    }

    func start(_ account: CustomerAccount, role: OperatorRole = .globalAdmin) throws -> WalkEngine {
        try WalkEngine.start(
            procedure: Self.procedure, prerequisitesText: true, binding: Self.binding, account: account,
            actor: Operator(name: "x", role: role), locale: "tr-TR", locales: ["tr-TR", "hu-HU", "en-US"])
    }

    @Test func loopsOverEachActiveSubscriptionNamingIt() throws {
        let engine = try start(Self.account(subscriptions: 3))
        let stops = engine.state.stops
        #expect(stops.filter { $0.step == "prerequisites" }.compactMap(\.item?.name) == ["RI 0", "SW 0"])
        let loop = try #require(stops.first { $0.step == "how-to-remove-a-relationship/1" })
        #expect(loop.loopCount == 3)
        let suspends = stops.filter { $0.step == "how-to-remove-a-relationship/1.3" }
        #expect(suspends.compactMap(\.item?.name) == ["Sub 0", "Sub 1", "Sub 2"])
        #expect(suspends.allSatisfy { $0.action == "suspendSubscription" })
        #expect(stops.count == 2 + 1 + 3 * 4 + 4)
        #expect(engine.progress == (1, 19))
    }

    @Test func aLoopWithNothingToDoHasNoChildStops() throws {
        let engine = try start(Self.account(subscriptions: 0, reservations: 0, purchases: 0))
        #expect(
            engine.state.stops.map(\.step) == [
                "prerequisites", "how-to-remove-a-relationship/1", "how-to-remove-a-relationship/2",
                "how-to-remove-a-relationship/2.a",
                "how-to-remove-a-relationship/2.b", "how-to-remove-a-relationship/2.c",
            ])
    }

    @Test func walksToTheEndPerformingEveryAction() throws {
        var account = Self.account()
        var engine = try start(account)
        var performed: [String] = []
        var confirmed: [String] = []
        var guardHits = 0
        loop: for _ in 0..<100 {
            switch engine.next(account) {
            case .moved: continue
            case .finished: break loop
            case .blocked:
                guardHits += 1
                Issue.record("blocked at \(engine.state.current?.step ?? "")")
                break loop
            case .needsConfirmation:
                // Cancelling an item and removing the relationship cannot be undone: both wait
                // for a confirmation.
                let r1 = engine.confirm()
                let action = try #require(r1)
                confirmed.append(action.name)
                performed.append(action.name + (action.item.map { " " + $0.name } ?? ""))
                engine.actionFinished(Self.apply(action, to: &account))
            case .perform(let action):
                performed.append(action.name + " " + (action.item?.name ?? ""))
                engine.actionFinished(Self.apply(action, to: &account))
            }
        }
        #expect(guardHits == 0)
        #expect(engine.state.phase == .finished)
        #expect(
            performed == [
                "cancelItem RI 0", "cancelItem SW 0", "suspendSubscription Sub 0", "suspendSubscription Sub 1",
                "removeRelationship",
            ])
        #expect(confirmed == ["cancelItem", "cancelItem", "removeRelationship"])
        #expect(account.customer.relationship == .removed)
        #expect(engine.state.performed.count == 5)
    }

    @Test func stepTwoIsBlockedWhileSubscriptionsAreActiveAndNamesThem() throws {
        let account = Self.account(subscriptions: 2, reservations: 0, purchases: 0)
        var engine = try start(account)
        while engine.state.current?.step != "how-to-remove-a-relationship/2" {
            if case .perform = engine.next(account) { engine.actionFinished(.done) }
        }
        let r2 = engine.next(account)
        #expect(r2 == .blocked([.activeSubscriptions(["Sub 0", "Sub 1"])]))
        #expect(engine.state.current?.step == "how-to-remove-a-relationship/2")
        var cleared = account
        for i in cleared.subscriptions.indices { cleared.subscriptions[i].status = .suspended }
        let r3 = engine.next(cleared)
        #expect(r3 == .moved)
        #expect(engine.state.current?.step == "how-to-remove-a-relationship/2.a")
    }

    @Test func backAndForwardKeepDoneStepsDone() throws {
        let account = Self.account(subscriptions: 1, reservations: 0, purchases: 0)
        var engine = try start(account)
        _ = engine.next(account)
        _ = engine.next(account)
        let here = engine.state.position
        engine.back()
        #expect(engine.state.position == here - 1)
        #expect(engine.state.completed.contains(engine.state.current!.key))
        let r4 = engine.next(account)
        #expect(r4 == .moved)
        #expect(engine.state.position == here)
    }

    @Test func anActionDoneElsewhereCountsAsDone() throws {
        let account = Self.account(subscriptions: 1, reservations: 0, purchases: 0)
        var engine = try start(account)
        while engine.state.current?.step != "how-to-remove-a-relationship/1.3" { _ = engine.next(account) }
        guard case .perform(let action) = engine.next(account) else {
            Issue.record("expected the suspend action")
            return
        }
        #expect(action.item?.name == "Sub 0")
        let r5 = engine.actionFinished(.alreadyDone)
        #expect(r5 == .moved)
        #expect(engine.state.current?.step == "how-to-remove-a-relationship/1.4")
    }

    @Test func aRefusedActionStaysOnTheStep() throws {
        let account = Self.account(subscriptions: 0, reservations: 1, purchases: 0)
        var engine = try start(account)
        guard case .needsConfirmation = engine.next(account), engine.confirm() != nil else {
            Issue.record("expected a cancellation to confirm")
            return
        }
        let refused = engine.actionFinished(.refused([.itemNotActive("RI 0")]))
        #expect(refused == .blocked([.itemNotActive("RI 0")]))
        #expect(engine.state.position == 0)
    }

    @Test func languageSwitchKeepsTheStep() throws {
        var engine = try start(Self.account())
        _ = engine.next(Self.account())
        let step = engine.state.current
        engine.cycleLocale()
        #expect(engine.state.locale == "hu-HU")
        #expect(engine.state.current == step)
        engine.cycleLocale()
        engine.cycleLocale()
        #expect(engine.state.locale == "tr-TR")
        let r6 = engine.setLocale("en-us")
        #expect(r6)
        #expect(engine.state.locale == "en-US")
        let r7 = engine.setLocale("de-DE")
        #expect(!r7)
        engine.toggleSource()
        #expect(engine.state.showSource)
    }

    @Test func resumesExactlyFromSavedState() throws {
        let account = Self.account()
        var engine = try start(account)
        for _ in 0..<3 {
            if case .perform = engine.next(account) { engine.actionFinished(.done) }
        }
        engine.cycleLocale()
        let saved = try JSONEncoder().encode(engine.state)
        let resumed = WalkEngine(resuming: try JSONDecoder().decode(WalkState.self, from: saved))
        #expect(resumed.state == engine.state)
        #expect(resumed.state.current == engine.state.current)
    }

    @Test func aDisallowedRoleCannotStart() {
        #expect(
            throws: WalkError.roleNotAllowed(.billingAdmin, allowed: ["global-admin", "admin-agent", "sales-agent"])
        ) {
            try start(Self.account(), role: .billingAdmin)
        }
    }

    @Test func removalWaitsForConfirmationAndCanBeCancelled() throws {
        let account = Self.account(subscriptions: 0, reservations: 0, purchases: 0)
        var engine = try start(account)
        while engine.state.current?.step != "how-to-remove-a-relationship/2.c" { _ = engine.next(account) }
        let r8 = engine.next(account)
        #expect(r8 == .needsConfirmation)
        #expect(engine.state.phase == .confirming)
        engine.cancel()
        #expect(engine.state.phase == .walking)
        let r9 = engine.next(account)
        #expect(r9 == .needsConfirmation)
        let r10 = engine.confirm()
        #expect(r10?.name == "removeRelationship")
        let r11 = engine.actionFinished(.done)
        #expect(r11 == .finished)
    }
}
