import Foundation
import WaymarkCore

/// Why an import file, or what it would change, was refused. Places in the file are JSON paths
/// (`$.items[3].subscriptions[0].quantity`).
public enum ImportProblem: Sendable, Hashable {
    case notJSON(String)
    /// Neither an object with `items` nor an array.
    case notACollection
    case missing(path: String)
    case wrongType(path: String, expected: ImportValueKind, found: ImportValueKind)
    case outOfRange(path: String, value: String, minimum: Int, maximum: Int)
    case invalidValue(path: String, problem: RecordValueProblem)
    /// The same id twice in one file.
    case duplicate(path: String, firstPath: String, id: String)
    case unknownStatus(path: String, value: String)
    /// The customer's reseller relationship was removed: an import never restores it.
    case relationshipRemoved(customerID: String, name: String)
    /// The customer belongs to another partner: an import never moves it.
    case otherPartner(customerID: String, name: String, owner: String, partner: String)
    /// The item id is another customer's.
    case itemOfOtherCustomer(itemID: String, name: String, owner: String, ownerName: String, customer: String)
}

/// The kinds of JSON value an import error names.
public enum ImportValueKind: String, Sendable, Hashable {
    case string
    case wholeNumber = "whole-number"
    case number, boolean, object, array, null
}

/// Reads customers and subscriptions from JSON shaped like the Partner Center REST API's
/// resources: a `Customer` collection (`{"items": [...]}` or a bare array) whose customers may carry
/// their `Subscription` collection under `subscriptions`.
///
/// Used fields: customer `id`, `companyProfile.companyName`, `companyProfile.domain`; subscription
/// `id`, `offerName`, `quantity`, `status` (`active`, `suspended`, `deleted` → cancelled), and
/// `offerId`: a new-commerce offer id has the `product:sku` form (`CFQ7TTC0LH18:0001`), a legacy
/// one does not. Nothing is coerced: a value of the wrong type, a number out of range, a bad id or
/// an id used twice is an error with its JSON path.
public enum PartnerCenterImport {
    /// The largest seat count a subscription may have.
    public static let maximumQuantity = 10_000_000

    public static func parse(_ data: Data, partner: Partner) throws(StoreError) -> ModelData {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            // Foundation's debug description says where: "Invalid value around line 1, column 12."
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw .importRejected(.notJSON(detail ?? error.localizedDescription))
        }
        let customers: [Any]
        let base: String
        if let object = json as? [String: Any], let items = object["items"] as? [Any] {
            customers = items
            base = "$.items"
        } else if let array = json as? [Any] {
            customers = array
            base = "$"
        } else {
            throw .importRejected(.notACollection)
        }
        var result = ModelData(partners: [partner])
        var customerPaths: [String: String] = [:]
        var subscriptionPaths: [String: String] = [:]
        for (index, element) in customers.enumerated() {
            let path = "\(base)[\(index)]"
            let item = try object(element, path)
            let id = try identifier(item, "id", path, .customerID)
            if let first = customerPaths[id] {
                throw .importRejected(.duplicate(path: path + ".id", firstPath: first, id: id))
            }
            customerPaths[id] = path + ".id"
            let profile = try object(try required(item, "companyProfile", path), path + ".companyProfile")
            let name = try identifier(profile, "companyName", path + ".companyProfile", .name)
            let domain = try optionalString(profile, "domain", path + ".companyProfile") ?? ""
            result.customers.append(Customer(id: id, partnerID: partner.id, companyName: name, domain: domain))
            guard let listed = item["subscriptions"], !(listed is NSNull) else { continue }
            let subscriptions: [Any]
            let subsPath: String
            if let collection = listed as? [String: Any] {
                subscriptions = try array(
                    try required(collection, "items", path + ".subscriptions"), path + ".subscriptions.items")
                subsPath = path + ".subscriptions.items"
            } else {
                subscriptions = try array(listed, path + ".subscriptions")
                subsPath = path + ".subscriptions"
            }
            for (subIndex, subElement) in subscriptions.enumerated() {
                let p = "\(subsPath)[\(subIndex)]"
                let sub = try object(subElement, p)
                let sid = try identifier(sub, "id", p, .itemID)
                if let first = subscriptionPaths[sid] {
                    throw .importRejected(.duplicate(path: p + ".id", firstPath: first, id: sid))
                }
                subscriptionPaths[sid] = p + ".id"
                let offer = try identifier(sub, "offerName", p, .name)
                let statusText = try optionalString(sub, "status", p) ?? "active"
                let status: SubscriptionStatus
                switch statusText.lowercased() {
                case "active": status = .active
                case "suspended", "disabled", "expired": status = .suspended
                case "deleted", "cancelled", "canceled": status = .cancelled
                default: throw .importRejected(.unknownStatus(path: p + ".status", value: statusText))
                }
                let quantity = try wholeNumber(sub, "quantity", p, in: 1...maximumQuantity) ?? 1
                let offerID = try optionalString(sub, "offerId", p) ?? ""
                result.subscriptions.append(
                    Subscription(
                        id: sid, customerID: id, offerName: offer, quantity: quantity, status: status,
                        commerce: offerID.contains(":") ? .newCommerce : .legacy))
            }
        }
        return result
    }

    // MARK: - Typed reads

    static func kind(_ value: Any) -> ImportValueKind {
        if value is NSNull { return .null }
        if value is String { return .string }
        // Foundation hands JSON's true and false over as NSNumbers of the C type `char`.
        if let number = value as? NSNumber, String(cString: number.objCType) == "c" { return .boolean }
        if value is [String: Any] { return .object }
        if value is [Any] { return .array }
        if value as? Int != nil { return .wholeNumber }
        return .number
    }

    static func object(_ value: Any, _ path: String) throws(StoreError) -> [String: Any] {
        guard let object = value as? [String: Any] else {
            throw .importRejected(.wrongType(path: path, expected: .object, found: kind(value)))
        }
        return object
    }

    static func array(_ value: Any, _ path: String) throws(StoreError) -> [Any] {
        guard let array = value as? [Any], !(value is [String: Any]) else {
            throw .importRejected(.wrongType(path: path, expected: .array, found: kind(value)))
        }
        return array
    }

    static func required(_ object: [String: Any], _ key: String, _ path: String) throws(StoreError) -> Any {
        guard let value = object[key], !(value is NSNull) else {
            throw .importRejected(.missing(path: path + "." + key))
        }
        return value
    }

    static func optionalString(_ object: [String: Any], _ key: String, _ path: String) throws(StoreError) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            throw .importRejected(.wrongType(path: path + "." + key, expected: .string, found: kind(value)))
        }
        if TerminalText.needsEscaping(text) {
            throw .importRejected(.invalidValue(path: path + "." + key, problem: .controlCharacter))
        }
        return text
    }

    /// A required string that `RecordValue`'s rules accept.
    static func identifier(_ object: [String: Any], _ key: String, _ path: String, _ field: RecordField)
        throws(StoreError) -> String
    {
        let value = try required(object, key, path)
        guard let text = value as? String else {
            throw .importRejected(.wrongType(path: path + "." + key, expected: .string, found: kind(value)))
        }
        if let problem = RecordValue.problem(text) {
            throw .importRejected(.invalidValue(path: path + "." + key, problem: problem))
        }
        return text
    }

    static func wholeNumber(_ object: [String: Any], _ key: String, _ path: String, in range: ClosedRange<Int>)
        throws(StoreError) -> Int?
    {
        guard let value = object[key], !(value is NSNull) else { return nil }
        let found = kind(value)
        guard found == .wholeNumber || found == .number else {
            throw .importRejected(.wrongType(path: path + "." + key, expected: .wholeNumber, found: found))
        }
        guard let number = value as? Int, range.contains(number) else {
            throw .importRejected(
                .outOfRange(
                    path: path + "." + key, value: "\(value)", minimum: range.lowerBound, maximum: range.upperBound))
        }
        return number
    }
}
