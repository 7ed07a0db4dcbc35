import Foundation

extension RelationshipStore {
    // MARK: - Reading

    public func partners() throws(StoreError) -> [Partner] {
        try read { try $0.partners() }
    }

    public func customers() throws(StoreError) -> [Customer] {
        try read { try $0.customers() }
    }

    public var isEmpty: Bool {
        get throws(StoreError) { try read { try $0.partnerCount() == 0 } }
    }

    public func account(_ customerID: String) throws(StoreError) -> CustomerAccount {
        try RecordValue.check(customerID, .customerID)
        let found = try read { try $0.account(customerID) }
        guard let found else { throw .customerNotFound(customerID) }
        return found
    }

    /// The display name of the subscription, reservation or software purchase `id`, if there is one.
    public func itemName(_ id: String) throws(StoreError) -> String? {
        try read { tx in
            try tx.subscription(id)?.offerName ?? tx.reservation(id)?.name ?? tx.softwarePurchase(id)?.name
        }
    }

    /// The audit trail, oldest first, optionally for one customer.
    public func auditTrail(customerID: String? = nil) throws(StoreError) -> [AuditEvent] {
        try read { try $0.auditTrail(customerID: customerID) }
    }

    /// One page of customers by name (`limit` nil: all from `offset`), each with its count of
    /// active subscriptions.
    public func customerSummaries(limit: Int? = nil, offset: Int = 0) throws(StoreError) -> [CustomerSummary] {
        try read { try $0.customerSummaries(limit: limit, offset: offset) }
    }

    /// One page of customers by name with all their items.
    public func accounts(limit: Int? = nil, offset: Int = 0) throws(StoreError) -> [CustomerAccount] {
        try read { try $0.accounts(limit: limit, offset: offset) }
    }

    // MARK: - Loading data

    /// Replaces every partner, customer and item with `data` (the audit trail is kept).
    public func replaceAll(with data: ModelData, by actor: Operator, action: String = "reset-demo") throws(StoreError) {
        try write { tx in
            try tx.deleteModel()
            try RelationshipStore.insert(data, tx)
            try RelationshipStore.audit(
                tx, actor, action: action, customerID: nil, items: data.customers.map(\.id), outcome: "done",
                reasons: [], context: nil)
        }
    }

    /// Loads `data` when the store holds no partner yet, in one transaction, so two processes
    /// opening a new store at once load it once. Returns whether it loaded.
    @discardableResult
    public func loadIfEmpty(_ data: ModelData, by actor: Operator, action: String = "load-demo") throws(StoreError)
        -> Bool
    {
        try write { tx in
            guard try tx.partnerCount() == 0 else { return false }
            try RelationshipStore.insert(data, tx)
            try RelationshipStore.audit(
                tx, actor, action: action, customerID: nil, items: data.customers.map(\.id), outcome: "done",
                reasons: [], context: nil)
            return true
        }
    }

    static func insert(_ data: ModelData, _ tx: any StoreTransaction) throws {
        for p in data.partners { try tx.save(p) }
        for c in data.customers { try tx.save(c) }
        for s in data.subscriptions { try tx.save(s) }
        for r in data.reservations { try tx.save(r) }
        for s in data.softwarePurchases { try tx.save(s) }
    }

    // MARK: - Actions

    /// What an action did, or why it was refused.
    enum Outcome<T: Sendable>: Sendable {
        case done(T)
        case refused([RefusalReason])
    }

    /// Runs `body` in one transaction; a refusal is recorded in the audit trail (and committed)
    /// before it is thrown.
    func act<T: Sendable>(_ body: @Sendable (any StoreTransaction) throws -> Outcome<T>) throws(StoreError) -> T {
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
        let rules = self.rules
        return try changeStatus(
            id: id, action: "suspend-subscription", actor: actor, context: context, fetch: { try $0.subscription($1) },
            save: { try $0.save($1) },
            change: { s in
                guard s.status == .active else { return nil }
                var changed = s
                changed.status = .suspended
                return (changed, rules.warningsForSuspending(s))
            })
    }

    /// Cancels an active or suspended subscription.
    public func cancelSubscription(_ id: String, by actor: Operator, context: AuditContext? = nil) throws(StoreError) {
        _ = try changeStatus(
            id: id, action: "cancel-subscription", actor: actor, context: context, fetch: { try $0.subscription($1) },
            save: { try $0.save($1) },
            change: { s in
                guard s.status != .cancelled else { return nil }
                var changed = s
                changed.status = .cancelled
                return (changed, [])
            })
    }

    /// Cancels an active Azure RI reservation.
    public func cancelReservation(_ id: String, by actor: Operator, context: AuditContext? = nil) throws(StoreError) {
        _ = try changeStatus(
            id: id, action: "cancel-reservation", actor: actor, context: context, fetch: { try $0.reservation($1) },
            save: { try $0.save($1) },
            change: { r in
                guard r.status == .active else { return nil }
                var changed = r
                changed.status = .cancelled
                return (changed, [])
            })
    }

    /// Cancels an active software purchase.
    public func cancelPurchase(_ id: String, by actor: Operator, context: AuditContext? = nil) throws(StoreError) {
        _ = try changeStatus(
            id: id, action: "cancel-purchase", actor: actor, context: context,
            fetch: { try $0.softwarePurchase($1) }, save: { try $0.save($1) },
            change: { p in
                guard p.status == .active else { return nil }
                var changed = p
                changed.status = .cancelled
                return (changed, [])
            })
    }

    /// Changes one item; `change` returns the new item and its warnings, or `nil` when the item is
    /// not in a state the action applies to.
    private func changeStatus<Item: CustomerItem & Sendable>(
        id: String, action: String, actor: Operator, context: AuditContext?,
        fetch: @escaping @Sendable (any StoreTransaction, String) throws -> Item?,
        save: @escaping @Sendable (any StoreTransaction, Item) throws -> Void,
        change: @escaping @Sendable (Item) -> (Item, [ActionWarning])?
    ) throws(StoreError) -> [ActionWarning] {
        try RecordValue.check(id, .itemID)
        try RecordValue.check(actor.name, .operatorName)
        let found = try read { try fetch($0, id) }
        guard found != nil else { throw .itemNotFound(id) }
        return try act { tx in
            try RelationshipStore.checkLease(tx, context)
            guard let item = try fetch(tx, id) else { return .refused([.itemNotFound(id)]) }
            guard let (changed, warnings) = change(item) else {
                let reason = RefusalReason.itemNotActive(item.displayName)
                try RelationshipStore.audit(
                    tx, actor, action: action, customerID: item.customerID, items: [item.displayName],
                    outcome: "refused", reasons: [reason.id], context: context)
                return .refused([reason])
            }
            try save(tx, changed)
            try RelationshipStore.audit(
                tx, actor, action: action, customerID: item.customerID, items: [item.displayName], outcome: "done",
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
        return try act { tx in
            try RelationshipStore.checkLease(tx, context)
            guard let account = try tx.account(customerID) else {
                return .refused([.customerNotFound(customerID)])
            }
            let reasons = rules.reasonsAgainstRemoval(of: account, by: actor)
            if !reasons.isEmpty {
                try RelationshipStore.audit(
                    tx, actor, action: "remove-relationship", customerID: customerID, items: reasons.flatMap(\.items),
                    outcome: "refused", reasons: reasons.map(\.id), context: context)
                return .refused(reasons)
            }
            let removed = rules.removing(account.customer)
            try tx.save(removed)
            try RelationshipStore.audit(
                tx, actor, action: "remove-relationship", customerID: customerID, items: [account.customer.companyName],
                outcome: "done", reasons: [], context: context)
            return .done(removed)
        }
    }

    /// Records a refusal that happened outside the store's own actions (a walkthrough refused to start).
    public func recordRefusal(action: String, customerID: String, reasons: [RefusalReason], by actor: Operator)
        throws(StoreError)
    {
        try RecordValue.check(actor.name, .operatorName)
        try write { tx in
            try RelationshipStore.audit(
                tx, actor, action: action, customerID: customerID, items: reasons.flatMap(\.items), outcome: "refused",
                reasons: reasons.map(\.id), context: nil)
        }
    }

    /// An action a walk does for its session is written only while the walk holds the session.
    static func checkLease(_ tx: any StoreTransaction, _ context: AuditContext?) throws {
        guard let session = context?.session, let token = context?.lease else { return }
        try checkLease(tx, session: session, token: token)
    }

    static func audit(
        _ tx: any StoreTransaction, _ actor: Operator, action: String, customerID: String?, items: [String],
        outcome: String, reasons: [String], context: AuditContext?
    ) throws {
        try tx.append(
            AuditEvent(
                id: nil, time: AuditClock.now(), operatorName: actor.name, role: actor.role.rawValue, action: action,
                customerID: customerID, items: items, outcome: outcome, reasons: reasons, session: context?.session,
                step: context?.step, locale: context?.locale))
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
    /// Now in UTC with milliseconds, `2026-12-02T15:30:12.777Z` (ISO 8601, as `ISO8601DateFormatter`
    /// writes it with fractional seconds): texts in this form sort as the times they name.
    public static func now() -> String { string(Date()) }

    /// `date` in the form `now()` writes.
    public static func string(_ date: Date) -> String {
        // Whole milliseconds, to the nearest, as the formatter counts them.
        let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(total.quotientAndRemainder(dividingBy: 1000).quotient)
        var milliseconds = Int(total - Int64(seconds) * 1000)
        if milliseconds < 0 {
            seconds -= 1
            milliseconds += 1000
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = milliseconds < 10 ? "00\(milliseconds)" : milliseconds < 100 ? "0\(milliseconds)" : "\(milliseconds)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec)).\(ms)Z"
    }
}
