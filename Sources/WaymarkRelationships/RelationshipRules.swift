/// Why an action was refused. Every reason names the items that block it.
public enum RefusalReason: Sendable, Hashable {
    case activeSubscriptions([String])
    case activeReservations([String])
    case activeSoftwarePurchases([String])
    case roleNotAllowed(OperatorRole, allowed: [OperatorRole])
    case relationshipAlreadyRemoved
    case itemNotActive(String)
    case customerNotFound(String)
    case itemNotFound(String)

    /// A stable id, also the message key of the reason.
    public var id: String {
        switch self {
        case .activeSubscriptions: "refusal.active-subscriptions"
        case .activeReservations: "refusal.active-reservations"
        case .activeSoftwarePurchases: "refusal.active-software-purchases"
        case .roleNotAllowed: "refusal.role-not-allowed"
        case .relationshipAlreadyRemoved: "refusal.relationship-removed"
        case .itemNotActive: "refusal.item-not-active"
        case .customerNotFound: "refusal.customer-not-found"
        case .itemNotFound: "refusal.item-not-found"
        }
    }

    /// The names of the blocking items (or the subject), for messages and the audit trail.
    public var items: [String] {
        switch self {
        case .activeSubscriptions(let n), .activeReservations(let n), .activeSoftwarePurchases(let n): n
        case .roleNotAllowed(let role, _): [role.rawValue]
        case .relationshipAlreadyRemoved: []
        case .itemNotActive(let n), .customerNotFound(let n), .itemNotFound(let n): [n]
        }
    }
}

/// A warning that goes with an allowed action.
public enum ActionWarning: String, Sendable, Hashable {
    /// Suspending a new-commerce subscription does not stop billing; cancelling does (newer
    /// revisions of the article require cancelling).
    case newCommerceKeepsBilling = "warning.new-commerce-keeps-billing"
}

/// The rules the article states for removing a reseller relationship.
///
/// Removal requires no active subscription, no active Azure RI reservation, no active software
/// purchase, and an operator whose role the procedure allows. A refusal lists every reason at once.
public struct RelationshipRules: Sendable {
    /// Roles allowed to remove a relationship. The 2021 article names Global admin; the 2023
    /// revision names Admin agent and Sales agent.
    public var rolesAllowedToRemove: [OperatorRole]

    public static let defaultRolesAllowedToRemove: [OperatorRole] = [.globalAdmin, .adminAgent, .salesAgent]

    public init(rolesAllowedToRemove: [OperatorRole] = RelationshipRules.defaultRolesAllowedToRemove) {
        self.rolesAllowedToRemove = rolesAllowedToRemove
    }

    /// Everything that blocks `operator` from removing the relationship; empty when it may go ahead.
    public func reasonsAgainstRemoval(of account: CustomerAccount, by operator: Operator) -> [RefusalReason] {
        var reasons: [RefusalReason] = []
        if account.customer.relationship == .removed { reasons.append(.relationshipAlreadyRemoved) }
        if !rolesAllowedToRemove.contains(`operator`.role) {
            reasons.append(.roleNotAllowed(`operator`.role, allowed: rolesAllowedToRemove))
        }
        let subscriptions = account.activeSubscriptions.map(\.offerName)
        if !subscriptions.isEmpty { reasons.append(.activeSubscriptions(subscriptions)) }
        let reservations = account.activeReservations.map(\.name)
        if !reservations.isEmpty { reasons.append(.activeReservations(reservations)) }
        let purchases = account.activeSoftwarePurchases.map(\.name)
        if !purchases.isEmpty { reasons.append(.activeSoftwarePurchases(purchases)) }
        return reasons
    }

    /// The customer after removal, exactly as the article lists the consequences: gone from the
    /// partner's customer list, the partner gone from its support contacts, delegated admin
    /// privileges removed, future purchases refused.
    public func removing(_ customer: Customer) -> Customer {
        var c = customer
        c.relationship = .removed
        c.inPartnerCustomerList = false
        c.partnerIsSupportContact = false
        c.delegatedAdminPrivileges = false
        c.purchasesAllowed = false
        return c
    }

    /// Warnings for suspending `subscription`.
    public func warningsForSuspending(_ subscription: Subscription) -> [ActionWarning] {
        subscription.commerce == .newCommerce ? [.newCommerceKeepsBilling] : []
    }

    /// Why a purchase for `account` must be refused, if it must.
    public func reasonsAgainstPurchase(for account: CustomerAccount) -> [RefusalReason] {
        account.customer.purchasesAllowed && account.customer.relationship == .active
            ? [] : [.relationshipAlreadyRemoved]
    }
}
