/// How a partner sells to its customers.
public enum PartnerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case directPartner = "direct-partner"
    case indirectProvider = "indirect-provider"
    case indirectReseller = "indirect-reseller"
}

public struct Partner: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: PartnerKind

    public init(id: String, name: String, kind: PartnerKind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// The reseller relationship between a partner and a customer.
public enum RelationshipState: String, Sendable, Hashable, Codable {
    case active, removed
}

public struct Customer: Sendable, Hashable, Codable {
    public var id: String
    public var partnerID: String
    public var companyName: String
    public var domain: String
    public var relationship: RelationshipState
    /// The customer appears in the partner's customer list.
    public var inPartnerCustomerList: Bool
    /// The partner is among the customer's available support contacts.
    public var partnerIsSupportContact: Bool
    /// The partner holds delegated admin privileges for the customer.
    public var delegatedAdminPrivileges: Bool
    /// The partner may make purchases for the customer.
    public var purchasesAllowed: Bool

    public init(
        id: String, partnerID: String, companyName: String, domain: String, relationship: RelationshipState = .active,
        inPartnerCustomerList: Bool = true, partnerIsSupportContact: Bool = true, delegatedAdminPrivileges: Bool = true,
        purchasesAllowed: Bool = true
    ) {
        self.id = id
        self.partnerID = partnerID
        self.companyName = companyName
        self.domain = domain
        self.relationship = relationship
        self.inPartnerCustomerList = inPartnerCustomerList
        self.partnerIsSupportContact = partnerIsSupportContact
        self.delegatedAdminPrivileges = delegatedAdminPrivileges
        self.purchasesAllowed = purchasesAllowed
    }
}

public enum SubscriptionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active, suspended, cancelled
}

/// Legacy subscriptions or new-commerce (NCE) ones, which keep billing while suspended.
public enum CommerceType: String, Sendable, Hashable, Codable, CaseIterable {
    case legacy
    case newCommerce = "new-commerce"
}

public struct Subscription: Sendable, Hashable, Codable {
    public var id: String
    public var customerID: String
    public var offerName: String
    public var quantity: Int
    public var status: SubscriptionStatus
    public var commerce: CommerceType

    public init(
        id: String, customerID: String, offerName: String, quantity: Int = 1, status: SubscriptionStatus = .active,
        commerce: CommerceType = .legacy
    ) {
        self.id = id
        self.customerID = customerID
        self.offerName = offerName
        self.quantity = quantity
        self.status = status
        self.commerce = commerce
    }
}

public enum ItemStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active, cancelled
}

/// An Azure reserved-instance (RI) reservation.
public struct Reservation: Sendable, Hashable, Codable {
    public var id: String
    public var customerID: String
    public var name: String
    public var status: ItemStatus

    public init(id: String, customerID: String, name: String, status: ItemStatus = .active) {
        self.id = id
        self.customerID = customerID
        self.name = name
        self.status = status
    }
}

/// A software purchase (perpetual software or software subscription).
public struct SoftwarePurchase: Sendable, Hashable, Codable {
    public var id: String
    public var customerID: String
    public var name: String
    public var status: ItemStatus

    public init(id: String, customerID: String, name: String, status: ItemStatus = .active) {
        self.id = id
        self.customerID = customerID
        self.name = name
        self.status = status
    }
}

/// An operator's role in Partner Center. Command lines use the stable raw values.
public enum OperatorRole: String, Sendable, Hashable, Codable, CaseIterable {
    case globalAdmin = "global-admin"
    case adminAgent = "admin-agent"
    case salesAgent = "sales-agent"
    case billingAdmin = "billing-admin"
}

/// Who does something, in which role.
public struct Operator: Sendable, Hashable, Codable {
    public var name: String
    public var role: OperatorRole

    public init(name: String, role: OperatorRole) {
        self.name = name
        self.role = role
    }
}

/// A customer with everything the rules look at.
public struct CustomerAccount: Sendable, Hashable {
    public var customer: Customer
    public var subscriptions: [Subscription]
    public var reservations: [Reservation]
    public var softwarePurchases: [SoftwarePurchase]

    public init(
        customer: Customer, subscriptions: [Subscription], reservations: [Reservation],
        softwarePurchases: [SoftwarePurchase]
    ) {
        self.customer = customer
        self.subscriptions = subscriptions
        self.reservations = reservations
        self.softwarePurchases = softwarePurchases
    }

    public var activeSubscriptions: [Subscription] { subscriptions.filter { $0.status == .active } }
    public var activeReservations: [Reservation] { reservations.filter { $0.status == .active } }
    public var activeSoftwarePurchases: [SoftwarePurchase] { softwarePurchases.filter { $0.status == .active } }
}
