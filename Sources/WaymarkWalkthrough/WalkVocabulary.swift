import WaymarkCore
import WaymarkRelationships

/// An item a loop step is repeated for: a subscription, reservation or purchase, by id and name.
public struct LoopItem: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case subscription, reservation, softwarePurchase
    }

    public var kind: Kind
    public var id: String
    public var name: String
}

/// What the names a binding may use (``BindingVocabulary``, in Core so that validation can check
/// them without the store) mean against the model.
public enum WalkVocabulary {
    public static let collections = BindingVocabulary.collections
    public static let guards = BindingVocabulary.guards
    public static let actions = BindingVocabulary.actions

    /// The items of a collection, in the store's order; `nil` for an unknown name.
    public static func items(_ collection: String, in account: CustomerAccount) -> [LoopItem]? {
        let subscriptions = account.activeSubscriptions.map {
            LoopItem(kind: .subscription, id: $0.id, name: $0.offerName)
        }
        let reservations = account.activeReservations.map { LoopItem(kind: .reservation, id: $0.id, name: $0.name) }
        let purchases = account.activeSoftwarePurchases.map {
            LoopItem(kind: .softwarePurchase, id: $0.id, name: $0.name)
        }
        switch collection {
        case "activeSubscriptions": return subscriptions
        case "activeReservations": return reservations
        case "activeSoftwarePurchases": return purchases
        case "activeReservationsAndPurchases": return reservations + purchases
        default: return nil
        }
    }

    /// What keeps a guard from holding; empty when it holds.
    public static func reasons(_ guardName: String, in account: CustomerAccount) -> [RefusalReason] {
        switch guardName {
        case "noActiveSubscriptions":
            let names = account.activeSubscriptions.map(\.offerName)
            return names.isEmpty ? [] : [.activeSubscriptions(names)]
        case "noActiveReservations":
            let names = account.activeReservations.map(\.name)
            return names.isEmpty ? [] : [.activeReservations(names)]
        case "noActiveSoftwarePurchases":
            let names = account.activeSoftwarePurchases.map(\.name)
            return names.isEmpty ? [] : [.activeSoftwarePurchases(names)]
        case "relationshipActive":
            return account.customer.relationship == .active ? [] : [.relationshipAlreadyRemoved]
        default:
            return []
        }
    }
}
