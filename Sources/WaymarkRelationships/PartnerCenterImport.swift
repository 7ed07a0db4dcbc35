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

/// Where in an import file a problem is (1-based; columns count characters).
public struct ImportPosition: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
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
/// an id used twice is an error with its line, column and JSON path. The file is read by
/// `JSONReader` into a compact tree (100,000 customers take about a tenth of what Foundation's
/// object tree takes).
public enum PartnerCenterImport {
    /// The largest seat count a subscription may have.
    public static let maximumQuantity = 10_000_000

    public static func parse(_ data: Data, partner: Partner) throws(StoreError) -> ModelData {
        let bytes = [UInt8](data)
        let root: JSONNode
        do {
            root = try JSONReader.read(bytes)
        } catch {
            throw .importRejected(.notJSON(error.reason), at: ImportPosition(line: error.line, column: error.column))
        }
        return try Reader(bytes: bytes).model(root, partner: partner)
    }

    /// Reads the tree, naming each problem by JSON path and by line and column.
    struct Reader {
        let bytes: [UInt8]

        func reject(_ problem: ImportProblem, _ node: JSONNode) -> StoreError {
            let (line, column) = JSONReader.position(of: node.offset, in: bytes)
            return .importRejected(problem, at: ImportPosition(line: line, column: column))
        }

        func model(_ root: JSONNode, partner: Partner) throws(StoreError) -> ModelData {
            let customers: [JSONNode]
            let base: String
            if case .array(let items)? = root["items"]?.value {
                customers = items
                base = "$.items"
            } else if case .array(let items) = root.value {
                customers = items
                base = "$"
            } else {
                throw reject(.notACollection, root)
            }
            var result = ModelData(partners: [partner])
            result.customers.reserveCapacity(customers.count)
            var customerPaths: [String: String] = [:]
            var subscriptionPaths: [String: String] = [:]
            for (index, item) in customers.enumerated() {
                let path = "\(base)[\(index)]"
                try object(item, path)
                let id = try uniqueIdentifier(item, path, seen: &customerPaths)
                let profile = try required(item, "companyProfile", path)
                try object(profile, path + ".companyProfile")
                let (name, _) = try identifier(profile, "companyName", path + ".companyProfile")
                let domain = try optionalString(profile, "domain", path + ".companyProfile") ?? ""
                result.customers.append(Customer(id: id, partnerID: partner.id, companyName: name, domain: domain))
                guard let listed = item["subscriptions"], !isNull(listed) else { continue }
                let subscriptions: [JSONNode]
                let subsPath: String
                if case .object = listed.value {
                    let items = try required(listed, "items", path + ".subscriptions")
                    subscriptions = try array(items, path + ".subscriptions.items")
                    subsPath = path + ".subscriptions.items"
                } else {
                    subscriptions = try array(listed, path + ".subscriptions")
                    subsPath = path + ".subscriptions"
                }
                for (subIndex, sub) in subscriptions.enumerated() {
                    let p = "\(subsPath)[\(subIndex)]"
                    try object(sub, p)
                    let sid = try uniqueIdentifier(sub, p, seen: &subscriptionPaths)
                    let (offer, _) = try identifier(sub, "offerName", p)
                    let statusText = try optionalString(sub, "status", p) ?? "active"
                    let status: SubscriptionStatus
                    switch statusText.lowercased() {
                    case "active": status = .active
                    case "suspended", "disabled", "expired": status = .suspended
                    case "deleted", "cancelled", "canceled": status = .cancelled
                    default: throw reject(.unknownStatus(path: p + ".status", value: statusText), sub["status"] ?? sub)
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

        // MARK: Typed reads

        static func kind(_ node: JSONNode) -> ImportValueKind {
            switch node.value {
            case .null: .null
            case .bool: .boolean
            case .int: .wholeNumber
            case .number: .number
            case .string: .string
            case .array: .array
            case .object: .object
            }
        }

        func isNull(_ node: JSONNode) -> Bool {
            if case .null = node.value { return true }
            return false
        }

        func object(_ node: JSONNode, _ path: String) throws(StoreError) {
            guard case .object = node.value else {
                throw reject(.wrongType(path: path, expected: .object, found: Reader.kind(node)), node)
            }
        }

        func array(_ node: JSONNode, _ path: String) throws(StoreError) -> [JSONNode] {
            guard case .array(let items) = node.value else {
                throw reject(.wrongType(path: path, expected: .array, found: Reader.kind(node)), node)
            }
            return items
        }

        func required(_ node: JSONNode, _ key: String, _ path: String) throws(StoreError) -> JSONNode {
            guard let value = node[key], !isNull(value) else { throw reject(.missing(path: path + "." + key), node) }
            return value
        }

        func optionalString(_ node: JSONNode, _ key: String, _ path: String) throws(StoreError) -> String? {
            guard let value = node[key], !isNull(value) else { return nil }
            guard case .string(let text) = value.value else {
                throw reject(.wrongType(path: path + "." + key, expected: .string, found: Reader.kind(value)), value)
            }
            if TerminalText.needsEscaping(text) {
                throw reject(.invalidValue(path: path + "." + key, problem: .controlCharacter), value)
            }
            return text
        }

        /// A required string that `RecordValue`'s rules accept, and its node.
        func identifier(_ node: JSONNode, _ key: String, _ path: String) throws(StoreError) -> (String, JSONNode) {
            let value = try required(node, key, path)
            guard case .string(let text) = value.value else {
                throw reject(.wrongType(path: path + "." + key, expected: .string, found: Reader.kind(value)), value)
            }
            if let problem = RecordValue.problem(text) {
                throw reject(.invalidValue(path: path + "." + key, problem: problem), value)
            }
            return (text, value)
        }

        /// The `id` of the object at `path`, not used before in the file (`seen`: ids by path).
        func uniqueIdentifier(_ node: JSONNode, _ path: String, seen: inout [String: String]) throws(StoreError)
            -> String
        {
            let (id, idNode) = try identifier(node, "id", path)
            if let first = seen[id] { throw reject(.duplicate(path: path + ".id", firstPath: first, id: id), idNode) }
            seen[id] = path + ".id"
            return id
        }

        func wholeNumber(_ node: JSONNode, _ key: String, _ path: String, in range: ClosedRange<Int>)
            throws(StoreError) -> Int?
        {
            guard let value = node[key], !isNull(value) else { return nil }
            let shown: String
            switch value.value {
            case .int(let n):
                if range.contains(n) { return n }
                shown = String(n)
            case .number(let text): shown = text
            default:
                throw reject(
                    .wrongType(path: path + "." + key, expected: .wholeNumber, found: Reader.kind(value)), value)
            }
            throw reject(
                .outOfRange(path: path + "." + key, value: shown, minimum: range.lowerBound, maximum: range.upperBound),
                value)
        }
    }
}
