import Foundation
import GRDB

extension RelationshipStore {
    // MARK: - Reading

    public func partners() throws(StoreError) -> [Partner] {
        try read { db in try Partner.order(Column("id")).fetchAll(db) }
    }

    public func customers() throws(StoreError) -> [Customer] {
        try read { db in try Customer.order(Column("companyName")).fetchAll(db) }
    }

    public var isEmpty: Bool {
        get throws(StoreError) { try read { db in try Partner.fetchCount(db) == 0 } }
    }

    public func account(_ customerID: String) throws(StoreError) -> CustomerAccount {
        try RecordValue.check(customerID, .customerID)
        let found = try read { db in try RelationshipStore.account(customerID, db) }
        guard let found else { throw .customerNotFound(customerID) }
        return found
    }

    static func account(_ id: String, _ db: Database) throws -> CustomerAccount? {
        guard let customer = try Customer.fetchOne(db, key: id) else { return nil }
        let byCustomer = Column("customerID") == id
        return CustomerAccount(
            customer: customer,
            subscriptions: try Subscription.filter(byCustomer).order(Column("offerName")).fetchAll(db),
            reservations: try Reservation.filter(byCustomer).order(Column("name")).fetchAll(db),
            softwarePurchases: try SoftwarePurchase.filter(byCustomer).order(Column("name")).fetchAll(db))
    }

    /// The display name of the subscription, reservation or software purchase `id`, if there is one.
    public func itemName(_ id: String) throws(StoreError) -> String? {
        try read { db in
            try Subscription.fetchOne(db, key: id)?.offerName ?? Reservation.fetchOne(db, key: id)?.name
                ?? SoftwarePurchase.fetchOne(db, key: id)?.name
        }
    }

    /// The audit trail, oldest first, optionally for one customer.
    public func auditTrail(customerID: String? = nil) throws(StoreError) -> [AuditEvent] {
        try read { db in
            var request = AuditRow.order(Column("id"))
            if let customerID { request = request.filter(Column("customerID") == customerID) }
            return try request.fetchAll(db).map(\.event)
        }
    }

    // MARK: - Loading data

    /// Replaces every partner, customer and item with `data` (the audit trail is kept).
    public func replaceAll(with data: ModelData, by actor: Operator, action: String = "reset-demo") throws(StoreError) {
        try write { db in
            for table in ["subscription", "reservation", "softwarePurchase", "customer", "partner"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            try RelationshipStore.insert(data, db)
            try RelationshipStore.audit(
                db, actor, action: action, customerID: nil, items: data.customers.map(\.id), outcome: "done",
                reasons: [], context: nil)
        }
    }

    static func insert(_ data: ModelData, _ db: Database) throws {
        for p in data.partners { try p.upsert(db) }
        for c in data.customers { try c.upsert(db) }
        for s in data.subscriptions { try s.upsert(db) }
        for r in data.reservations { try r.upsert(db) }
        for s in data.softwarePurchases { try s.upsert(db) }
    }

    // MARK: - Actions

    /// What an action did, or why it was refused.
    enum Outcome<T: Sendable>: Sendable {
        case done(T)
        case refused([RefusalReason])
    }

    /// Runs `body` in one transaction; a refusal is recorded in the audit trail (and committed)
    /// before it is thrown.
    func act<T: Sendable>(_ body: @Sendable (Database) throws -> Outcome<T>) throws(StoreError) -> T {
        switch try write(body) {
        case .done(let value): return value
        case .refused(let reasons): throw .refused(reasons)
        }
    }

    /// Suspends an active subscription. Returns the warnings that go with it (a new-commerce
    /// subscription keeps billing while suspended).
    public func suspendSubscription(_ id: String, by actor: Operator, context: AuditContext? = nil) throws(StoreError)
        -> [ActionWarning]
    {
        try changeStatus(Subscription.self, id: id, action: "suspend-subscription", actor: actor, context: context) {
            s in
            guard s.status == .active else { return nil }
            var changed = s
            changed.status = .suspended
            return (changed, s.offerName, self.rules.warningsForSuspending(s))
        }
    }

    /// Cancels an active or suspended subscription.
    public func cancelSubscription(_ id: String, by actor: Operator, context: AuditContext? = nil) throws(StoreError) {
        _ = try changeStatus(Subscription.self, id: id, action: "cancel-subscription", actor: actor, context: context) {
            s in
            guard s.status != .cancelled else { return nil }
            var changed = s
            changed.status = .cancelled
            return (changed, s.offerName, [])
        }
    }

    /// Cancels an active Azure RI reservation.
    public func cancelReservation(_ id: String, by actor: Operator, context: AuditContext? = nil) throws(StoreError) {
        _ = try changeStatus(Reservation.self, id: id, action: "cancel-reservation", actor: actor, context: context) {
            r in
            guard r.status == .active else { return nil }
            var changed = r
            changed.status = .cancelled
            return (changed, r.name, [])
        }
    }

    /// Cancels an active software purchase.
    public func cancelPurchase(_ id: String, by actor: Operator, context: AuditContext? = nil) throws(StoreError) {
        _ = try changeStatus(SoftwarePurchase.self, id: id, action: "cancel-purchase", actor: actor, context: context) {
            p in
            guard p.status == .active else { return nil }
            var changed = p
            changed.status = .cancelled
            return (changed, p.name, [])
        }
    }

    /// Changes one item; `change` returns the new item, its name and warnings, or `nil` when the
    /// item is not in a state the action applies to.
    private func changeStatus<Item: FetchableRecord & PersistableRecord & CustomerItem & Sendable>(
        _ type: Item.Type, id: String, action: String, actor: Operator, context: AuditContext?,
        change: @escaping @Sendable (Item) -> (Item, String, [ActionWarning])?
    ) throws(StoreError) -> [ActionWarning] {
        try RecordValue.check(id, .itemID)
        try RecordValue.check(actor.name, .operatorName)
        let found = try read { db in try Item.fetchOne(db, key: id) }
        guard found != nil else { throw .itemNotFound(id) }
        return try act { db in
            try RelationshipStore.checkLease(db, context)
            guard let item = try Item.fetchOne(db, key: id) else { return .refused([.itemNotFound(id)]) }
            guard let (changed, name, warnings) = change(item) else {
                let reason = RefusalReason.itemNotActive(item.displayName)
                try RelationshipStore.audit(
                    db, actor, action: action, customerID: item.customerID, items: [item.displayName],
                    outcome: "refused",
                    reasons: [reason.id], context: context)
                return .refused([reason])
            }
            try changed.update(db)
            try RelationshipStore.audit(
                db, actor, action: action, customerID: item.customerID, items: [name], outcome: "done",
                reasons: warnings.map(\.rawValue), context: context)
            return .done(warnings)
        }
    }

    /// Removes the reseller relationship when the rules allow it, with every effect the article
    /// lists; otherwise records the refusal and throws `.refused` with every reason.
    @discardableResult
    public func removeRelationship(_ customerID: String, by actor: Operator, context: AuditContext? = nil)
        throws(StoreError)
        -> Customer
    {
        try RecordValue.check(actor.name, .operatorName)
        _ = try account(customerID)
        let rules = self.rules
        return try act { db in
            try RelationshipStore.checkLease(db, context)
            guard let account = try RelationshipStore.account(customerID, db) else {
                return .refused([.customerNotFound(customerID)])
            }
            let reasons = rules.reasonsAgainstRemoval(of: account, by: actor)
            if !reasons.isEmpty {
                try RelationshipStore.audit(
                    db, actor, action: "remove-relationship", customerID: customerID, items: reasons.flatMap(\.items),
                    outcome: "refused", reasons: reasons.map(\.id), context: context)
                return .refused(reasons)
            }
            let removed = rules.removing(account.customer)
            try removed.update(db)
            try RelationshipStore.audit(
                db, actor, action: "remove-relationship", customerID: customerID, items: [account.customer.companyName],
                outcome: "done", reasons: [], context: context)
            return .done(removed)
        }
    }

    /// Records a refusal that happened outside the store's own actions (a walkthrough refused to start).
    public func recordRefusal(action: String, customerID: String, reasons: [RefusalReason], by actor: Operator)
        throws(StoreError)
    {
        try RecordValue.check(actor.name, .operatorName)
        try write { db in
            try RelationshipStore.audit(
                db, actor, action: action, customerID: customerID, items: reasons.flatMap(\.items), outcome: "refused",
                reasons: reasons.map(\.id), context: nil)
        }
    }

    /// An action a walk does for its session is written only while the walk holds the session.
    static func checkLease(_ db: Database, _ context: AuditContext?) throws {
        guard let session = context?.session, let token = context?.lease else { return }
        try checkLease(db, session: session, token: token)
    }

    static func audit(
        _ db: Database, _ actor: Operator, action: String, customerID: String?, items: [String], outcome: String,
        reasons: [String], context: AuditContext?
    ) throws {
        var row = AuditRow(
            id: nil, time: AuditRow.now(), operatorName: actor.name, role: actor.role.rawValue, action: action,
            customerID: customerID, items: AuditRow.json(items), outcome: outcome, reasons: AuditRow.json(reasons),
            session: context?.session, step: context?.step, locale: context?.locale)
        try row.insert(db)
    }
}

/// Items that belong to a customer and have a name to show.
protocol CustomerItem {
    var customerID: String { get }
    var displayName: String { get }
}

extension Subscription: CustomerItem { var displayName: String { offerName } }
extension Reservation: CustomerItem { var displayName: String { name } }
extension SoftwarePurchase: CustomerItem { var displayName: String { name } }

/// Timestamps of the audit trail and sessions: ISO 8601, UTC, milliseconds.
public enum AuditClock {
    public static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

extension AuditRow {
    static func now() -> String { AuditClock.now() }

    static func json(_ list: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(list), as: UTF8.self)) ?? "[]"
    }

    var event: AuditEvent {
        let decode = { (text: String) in (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? [] }
        return AuditEvent(
            id: id, time: time, operatorName: operatorName, role: role, action: action, customerID: customerID,
            items: decode(items), outcome: outcome, reasons: decode(reasons), session: session, step: step,
            locale: locale)
    }
}
