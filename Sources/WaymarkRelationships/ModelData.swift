/// A whole dataset: what `Resources/Demo/demo.json` holds and what an import produces.
public struct ModelData: Sendable, Hashable, Codable {
    public var partners: [Partner]
    public var customers: [Customer]
    public var subscriptions: [Subscription]
    public var reservations: [Reservation]
    public var softwarePurchases: [SoftwarePurchase]

    public init(
        partners: [Partner] = [], customers: [Customer] = [], subscriptions: [Subscription] = [],
        reservations: [Reservation] = [], softwarePurchases: [SoftwarePurchase] = []
    ) {
        self.partners = partners
        self.customers = customers
        self.subscriptions = subscriptions
        self.reservations = reservations
        self.softwarePurchases = softwarePurchases
    }
}
