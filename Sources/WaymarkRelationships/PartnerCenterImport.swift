import Foundation

/// Reads customers and subscriptions from JSON shaped like the Partner Center REST API's
/// resources: a `Customer` collection (`{"items": [...]}` or a bare array) whose customers may carry
/// their `Subscription` collection under `subscriptions`.
///
/// Used fields: customer `id`, `companyProfile.companyName`, `companyProfile.domain`; subscription
/// `id`, `offerName`, `quantity`, `status` (`active`, `suspended`, `deleted` → cancelled), and
/// `offerId`: a new-commerce offer id has the `product:sku` form (`CFQ7TTC0LH18:0001`), a legacy
/// one does not.
public enum PartnerCenterImport {
    public static func parse(_ data: Data, partner: Partner) throws(StoreError) -> ModelData {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            // Foundation's debug description says where: "Invalid value around line 1, column 12."
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw .invalidImport("not JSON: \(detail ?? error.localizedDescription)")
        }
        let customers: [[String: Any]]
        if let object = json as? [String: Any], let items = object["items"] as? [[String: Any]] {
            customers = items
        } else if let array = json as? [[String: Any]] {
            customers = array
        } else {
            throw .invalidImport("expected a Customer collection: an object with \"items\" or an array")
        }
        var result = ModelData(partners: [partner])
        for (index, item) in customers.enumerated() {
            guard let id = item["id"] as? String, !id.isEmpty else {
                throw .invalidImport("customer \(index + 1) has no \"id\"")
            }
            let profile = item["companyProfile"] as? [String: Any] ?? [:]
            guard let name = profile["companyName"] as? String else {
                throw .invalidImport("customer \(id) has no \"companyProfile.companyName\"")
            }
            result.customers.append(
                Customer(id: id, partnerID: partner.id, companyName: name, domain: profile["domain"] as? String ?? ""))
            let subscriptions: [[String: Any]] =
                (item["subscriptions"] as? [String: Any])?["items"] as? [[String: Any]] ?? item["subscriptions"]
                as? [[String: Any]] ?? []
            for sub in subscriptions {
                guard let sid = sub["id"] as? String, let offer = sub["offerName"] as? String else {
                    throw .invalidImport("a subscription of customer \(id) has no \"id\" or \"offerName\"")
                }
                let statusText = (sub["status"] as? String ?? "active").lowercased()
                let status: SubscriptionStatus
                switch statusText {
                case "active": status = .active
                case "suspended", "disabled", "expired": status = .suspended
                case "deleted", "cancelled", "canceled": status = .cancelled
                default: throw .invalidImport("subscription \(sid) has an unknown status \"\(statusText)\"")
                }
                let offerID = sub["offerId"] as? String ?? ""
                result.subscriptions.append(
                    Subscription(
                        id: sid, customerID: id, offerName: offer, quantity: sub["quantity"] as? Int ?? 1,
                        status: status,
                        commerce: offerID.contains(":") ? .newCommerce : .legacy))
            }
        }
        return result
    }
}
