import Testing
import WaymarkRelationships

@Suite struct RelationshipRulesTests {
    let rules = RelationshipRules()
    let admin = Operator(name: "ayse", role: .globalAdmin)

    func account(
        subscriptions: [SubscriptionStatus] = [], reservations: [ItemStatus] = [], purchases: [ItemStatus] = [],
        relationship: RelationshipState = .active
    ) -> CustomerAccount {
        CustomerAccount(
            customer: Customer(
                id: "c", partnerID: "p", companyName: "Contoso", domain: "contoso.example", relationship: relationship),
            subscriptions: subscriptions.enumerated().map {
                Subscription(id: "s\($0.offset)", customerID: "c", offerName: "Sub \($0.offset)", status: $0.element)
            },
            reservations: reservations.enumerated().map {
                Reservation(id: "r\($0.offset)", customerID: "c", name: "RI \($0.offset)", status: $0.element)
            },
            softwarePurchases: purchases.enumerated().map {
                SoftwarePurchase(id: "p\($0.offset)", customerID: "c", name: "SW \($0.offset)", status: $0.element)
            })
    }

    @Test func removalIsAllowedWhenNothingIsActive() {
        #expect(
            rules.reasonsAgainstRemoval(
                of: account(
                    subscriptions: [.suspended, .cancelled], reservations: [.cancelled], purchases: [.cancelled]),
                by: admin
            ).isEmpty)
    }

    @Test func activeSubscriptionsBlockByName() {
        #expect(
            rules.reasonsAgainstRemoval(of: account(subscriptions: [.active, .suspended, .active]), by: admin) == [
                .activeSubscriptions(["Sub 0", "Sub 2"])
            ])
    }

    @Test func activeReservationsAndPurchasesBlock() {
        #expect(
            rules.reasonsAgainstRemoval(of: account(reservations: [.active]), by: admin) == [
                .activeReservations(["RI 0"])
            ])
        #expect(
            rules.reasonsAgainstRemoval(of: account(purchases: [.active]), by: admin) == [
                .activeSoftwarePurchases(["SW 0"])
            ])
    }

    @Test(arguments: [OperatorRole.globalAdmin, .adminAgent, .salesAgent])
    func allowedRoles(_ role: OperatorRole) {
        #expect(rules.reasonsAgainstRemoval(of: account(), by: Operator(name: "x", role: role)).isEmpty)
    }

    @Test func billingAdminIsRefused() {
        #expect(
            rules.reasonsAgainstRemoval(of: account(), by: Operator(name: "x", role: .billingAdmin))
                == [.roleNotAllowed(.billingAdmin, allowed: [.globalAdmin, .adminAgent, .salesAgent])])
    }

    @Test func everyReasonIsGivenAtOnce() {
        let reasons = rules.reasonsAgainstRemoval(
            of: account(
                subscriptions: [.active], reservations: [.active], purchases: [.active], relationship: .removed),
            by: Operator(name: "x", role: .billingAdmin))
        #expect(
            reasons.map(\.id) == [
                "refusal.relationship-removed", "refusal.role-not-allowed", "refusal.active-subscriptions",
                "refusal.active-reservations", "refusal.active-software-purchases",
            ])
    }

    @Test func removalHasExactlyTheArticlesEffects() {
        let before = account().customer
        let after = rules.removing(before)
        #expect(after.relationship == .removed)
        #expect(!after.inPartnerCustomerList)
        #expect(!after.partnerIsSupportContact)
        #expect(!after.delegatedAdminPrivileges)
        #expect(!after.purchasesAllowed)
        #expect(after.companyName == before.companyName && after.domain == before.domain)
    }

    @Test func purchasesAreRefusedAfterRemoval() {
        var removed = account()
        removed.customer = rules.removing(removed.customer)
        #expect(rules.reasonsAgainstPurchase(for: removed) == [.relationshipAlreadyRemoved])
        #expect(rules.reasonsAgainstPurchase(for: account()).isEmpty)
    }

    @Test func suspendingNewCommerceWarnsAboutBilling() {
        let nce = Subscription(id: "s", customerID: "c", offerName: "M365", commerce: .newCommerce)
        #expect(rules.warningsForSuspending(nce) == [.newCommerceKeepsBilling])
        #expect(rules.warningsForSuspending(Subscription(id: "s", customerID: "c", offerName: "O365")).isEmpty)
    }
}
