/// How many rows of each kind a store holds: what `store check` prints and `store migrate`
/// compares.
public struct StoreCounts: Sendable, Hashable, Codable {
    public var partners = 0
    public var customers = 0
    public var subscriptions = 0
    public var reservations = 0
    public var softwarePurchases = 0
    public var operators = 0
    public var sessions = 0
    public var openSessions = 0
    public var auditEvents = 0

    /// Every count with its stable name, in a fixed order.
    public var named: [(name: String, count: Int)] {
        [
            ("partners", partners), ("customers", customers), ("subscriptions", subscriptions),
            ("reservations", reservations), ("software-purchases", softwarePurchases), ("operators", operators),
            ("sessions", sessions), ("open-sessions", openSessions), ("audit-events", auditEvents),
        ]
    }

    public var isEmpty: Bool { named.allSatisfy { $0.count == 0 } }
}

/// Everything a store holds, as one transaction read it.
struct StoreSnapshot: Sendable {
    var partners: [Partner]
    var customers: [Customer]
    var subscriptions: [Subscription]
    var reservations: [Reservation]
    var softwarePurchases: [SoftwarePurchase]
    var operators: [OperatorRecord]
    var sessions: [WalkSessionRecord]
    var audit: [AuditEvent]

    init(_ tx: any StoreTransaction) throws {
        partners = try tx.partners()
        customers = try tx.customers()
        subscriptions = try tx.allSubscriptions()
        reservations = try tx.allReservations()
        softwarePurchases = try tx.allSoftwarePurchases()
        operators = try tx.operators()
        // Oldest first, so a copy lists them in the same order.
        sessions = try tx.sessions().reversed()
        audit = try tx.auditTrail(customerID: nil)
    }

    var counts: StoreCounts {
        StoreCounts(
            partners: partners.count, customers: customers.count, subscriptions: subscriptions.count,
            reservations: reservations.count, softwarePurchases: softwarePurchases.count, operators: operators.count,
            sessions: sessions.count, openSessions: sessions.filter { $0.state == .open }.count,
            auditEvents: audit.count)
    }
}

extension RelationshipStore {
    /// The store's counts, read in one transaction.
    public func counts() throws(StoreError) -> StoreCounts {
        try read { tx in try RelationshipStore.counts(tx) }
    }

    static func counts(_ tx: any StoreTransaction) throws -> StoreCounts {
        let sessions = try tx.sessions()
        return StoreCounts(
            partners: try tx.partnerCount(), customers: try tx.customers().count,
            subscriptions: try tx.allSubscriptions().count, reservations: try tx.allReservations().count,
            softwarePurchases: try tx.allSoftwarePurchases().count, operators: try tx.operators().count,
            sessions: sessions.count, openSessions: sessions.filter { $0.state == .open }.count,
            auditEvents: try tx.auditCount())
    }

    /// The schema's migrations, oldest first.
    public func appliedMigrations() throws(StoreError) -> [String] { try backend.appliedMigrations() }

    /// What is wrong with the rows by the model's own rules, whatever the database checks: a
    /// removed relationship with an active item, an open session of a missing customer.
    public func ruleProblems() throws(StoreError) -> [String] {
        try read { tx in
            var problems: [String] = []
            let customers = Dictionary(try tx.customers().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for s in try tx.allSubscriptions() {
                if customers[s.customerID]?.relationship == .removed, s.status == .active {
                    problems.append(
                        "subscription \(s.id) is active but customer \(s.customerID)'s relationship is removed")
                }
            }
            for r in try tx.allReservations() where r.status == .active {
                if customers[r.customerID]?.relationship == .removed {
                    problems.append(
                        "reservation \(r.id) is active but customer \(r.customerID)'s relationship is removed")
                }
            }
            for p in try tx.allSoftwarePurchases() where p.status == .active {
                if customers[p.customerID]?.relationship == .removed {
                    problems.append(
                        "software purchase \(p.id) is active but customer \(p.customerID)'s relationship is removed")
                }
            }
            for s in try tx.sessions() where s.state == .open && customers[s.customerID] == nil {
                problems.append("open session \(s.id) is for customer \(s.customerID), who is not in the store")
            }
            return problems
        }
    }

    /// Copies everything this store holds (partners, customers, items, operators, sessions, and
    /// the whole audit trail with its ids and times) into `target`, which must be empty, in one
    /// transaction there; then compares the counts. Leases are not copied: a walk of the old store
    /// does not hold a session of the new one. Returns the counts copied.
    @discardableResult
    public func copy(into target: RelationshipStore) throws(StoreError) -> StoreCounts {
        let snapshot = try read { tx in try StoreSnapshot(tx) }
        let expected = snapshot.counts
        let copied = try target.write { tx in
            let found = try RelationshipStore.counts(tx)
            if !found.isEmpty {
                throw StoreError.targetNotEmpty(location: target.location, counts: found)
            }
            for p in snapshot.partners { try tx.save(p) }
            for c in snapshot.customers { try tx.save(c) }
            for s in snapshot.subscriptions { try tx.save(s) }
            for r in snapshot.reservations { try tx.save(r) }
            for p in snapshot.softwarePurchases { try tx.save(p) }
            for o in snapshot.operators { try tx.save(o) }
            for s in snapshot.sessions { try tx.save(s) }
            for e in snapshot.audit { try tx.append(e) }
            return try RelationshipStore.counts(tx)
        }
        guard copied == expected else {
            let differences = zip(expected.named, copied.named).filter { $0.0.count != $0.1.count }
                .map { "\($0.0.name): \($0.0.count) in the source, \($0.1.count) in the copy" }
            throw StoreError.other(path: target.location, detail: differences.joined(separator: "; "))
        }
        return copied
    }
}
