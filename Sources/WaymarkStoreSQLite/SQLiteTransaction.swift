import Foundation
internal import GRDB
import WaymarkRelationships

/// One SQLite transaction, in the model's terms.
struct SQLiteTransaction: StoreTransaction {
    let db: Database
    let path: String

    // MARK: Model

    func partners() throws -> [Partner] { try Stored<Partner>.order(Column("id")).fetchAll(db).map(\.model) }
    func partnerCount() throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM partner") ?? 0 }

    func customers() throws -> [Customer] {
        // Columns by position: decoding many thousand rows through Codable costs more than the query.
        try rows("SELECT \(Self.customerColumns) FROM customer ORDER BY companyName, id", [], customer)
    }

    // One customer's account is read by SQL and columns by position, not through the query
    // interface and Codable: their generic requests and decoders make the Swift runtime look up
    // protocol conformances by scanning the whole program, about a tenth of a walkthrough's start.

    func customer(_ id: String) throws -> Customer? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(Self.customerColumns) FROM customer WHERE id = ?"), arguments: [id]
        ).map(customer)
    }

    func subscriptions(of customerID: String) throws -> [Subscription] {
        try rows(
            "SELECT \(Self.subscriptionColumns) FROM subscription WHERE customerID = ? ORDER BY offerName, id",
            [customerID],
            subscription)
    }
    func reservations(of customerID: String) throws -> [Reservation] {
        try rows(
            "SELECT id, customerID, name, status FROM reservation WHERE customerID = ? ORDER BY name, id", [customerID]
        ) { row in
            Reservation(
                id: try row.decode(atIndex: 0), customerID: try row.decode(atIndex: 1),
                name: try row.decode(atIndex: 2),
                status: try itemStatus(row, "reservation"))
        }
    }
    func softwarePurchases(of customerID: String) throws -> [SoftwarePurchase] {
        try rows(
            "SELECT id, customerID, name, status FROM softwarePurchase WHERE customerID = ? ORDER BY name, id",
            [customerID]
        ) { row in
            SoftwarePurchase(
                id: try row.decode(atIndex: 0), customerID: try row.decode(atIndex: 1),
                name: try row.decode(atIndex: 2),
                status: try itemStatus(row, "software purchase"))
        }
    }

    /// The rows of `sql`, read to the last before returning. Through the connection's cached
    /// statements: GRDB prepares a new one with an authorizer that records every column it reads,
    /// which cost a web page's reads more than running them.
    private func rows<T>(_ sql: String, _ arguments: StatementArguments, _ make: (Row) throws -> T) throws -> [T] {
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var out: [T] = []
        while let row = try cursor.next() { out.append(try make(row)) }
        return out
    }

    private func itemStatus(_ row: Row, _ kind: String) throws -> ItemStatus {
        guard let status = ItemStatus(rawValue: try row.decode(atIndex: 3)) else {
            throw StoreError.corrupt(
                path: path, detail: "\(kind) \(try row.decode(String.self, atIndex: 0)) has an unknown status")
        }
        return status
    }

    static let customerColumns = """
        id, partnerID, companyName, domain, relationship, inPartnerCustomerList, partnerIsSupportContact,
          delegatedAdminPrivileges, purchasesAllowed
        """
    static let subscriptionColumns = "id, customerID, offerName, quantity, commerce, status"

    private func subscription(_ row: Row) throws -> Subscription {
        guard let commerce = CommerceType(rawValue: try row.decode(atIndex: 4)),
            let status = SubscriptionStatus(rawValue: try row.decode(atIndex: 5))
        else {
            throw StoreError.corrupt(
                path: path, detail: "subscription \(try row.decode(String.self, atIndex: 0)) has an unknown status")
        }
        return Subscription(
            id: try row.decode(atIndex: 0), customerID: try row.decode(atIndex: 1),
            offerName: try row.decode(atIndex: 2),
            quantity: try row.decode(atIndex: 3), status: status, commerce: commerce)
    }
    func subscription(_ id: String) throws -> Subscription? { try Stored<Subscription>.fetchOne(db, key: id)?.model }
    func reservation(_ id: String) throws -> Reservation? { try Stored<Reservation>.fetchOne(db, key: id)?.model }
    func softwarePurchase(_ id: String) throws -> SoftwarePurchase? {
        try Stored<SoftwarePurchase>.fetchOne(db, key: id)?.model
    }
    func allSubscriptions() throws -> [Subscription] {
        // By position, as `customers()`: an import reads every subscription.
        try rows("SELECT \(Self.subscriptionColumns) FROM subscription ORDER BY id", [], subscription)
    }
    func allReservations() throws -> [Reservation] {
        try Stored<Reservation>.order(Column("id")).fetchAll(db).map(\.model)
    }
    func allSoftwarePurchases() throws -> [SoftwarePurchase] {
        try Stored<SoftwarePurchase>.order(Column("id")).fetchAll(db).map(\.model)
    }

    private func customer(_ row: Row) throws -> Customer {
        guard let relationship = RelationshipState(rawValue: try row.decode(atIndex: 4)) else {
            throw StoreError.corrupt(
                path: path,
                detail: "customer \(try row.decode(String.self, atIndex: 0)) has an unknown relationship state")
        }
        return Customer(
            id: try row.decode(atIndex: 0), partnerID: try row.decode(atIndex: 1),
            companyName: try row.decode(atIndex: 2),
            domain: try row.decode(atIndex: 3), relationship: relationship,
            inPartnerCustomerList: try row.decode(atIndex: 5), partnerIsSupportContact: try row.decode(atIndex: 6),
            delegatedAdminPrivileges: try row.decode(atIndex: 7), purchasesAllowed: try row.decode(atIndex: 8))
    }

    func customerSummaries(limit: Int?, offset: Int) throws -> [CustomerSummary] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT c.id, c.partnerID, c.companyName, c.domain, c.relationship, c.inPartnerCustomerList,
                  c.partnerIsSupportContact, c.delegatedAdminPrivileges, c.purchasesAllowed,
                  (SELECT COUNT(*) FROM subscription s WHERE s.customerID = c.id AND s.status = 'active')
                FROM customer c ORDER BY c.companyName, c.id LIMIT ? OFFSET ?
                """, arguments: [limit ?? -1, offset])
        var out: [CustomerSummary] = []
        while let row = try rows.next() {
            out.append(CustomerSummary(customer: try customer(row), activeSubscriptions: row[9]))
        }
        return out
    }

    func accounts(limit: Int?, offset: Int) throws -> [CustomerAccount] {
        let page = "SELECT id FROM customer ORDER BY companyName, id LIMIT ? OFFSET ?"
        let arguments: StatementArguments = [limit ?? -1, offset]
        let customers = try Stored<Customer>.fetchAll(
            db, sql: "SELECT * FROM customer ORDER BY companyName, id LIMIT ? OFFSET ?", arguments: arguments
        ).map(\.model)
        func items<T: StoredModel>(_ table: String, _ order: String, owner: (T) -> String) throws -> [String: [T]] {
            let all = try Stored<T>.fetchAll(
                db, sql: "SELECT t.* FROM \(table) t JOIN (\(page)) p ON t.customerID = p.id ORDER BY t.\(order), t.id",
                arguments: arguments
            ).map(\.model)
            return Dictionary(grouping: all, by: owner)
        }
        let subscriptions: [String: [Subscription]] = try items("subscription", "offerName") { $0.customerID }
        let reservations: [String: [Reservation]] = try items("reservation", "name") { $0.customerID }
        let purchases: [String: [SoftwarePurchase]] = try items("softwarePurchase", "name") { $0.customerID }
        return customers.map {
            CustomerAccount(
                customer: $0, subscriptions: subscriptions[$0.id] ?? [], reservations: reservations[$0.id] ?? [],
                softwarePurchases: purchases[$0.id] ?? [])
        }
    }

    func deleteModel() throws {
        for table in ["subscription", "reservation", "softwarePurchase", "customer", "partner"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
    }

    // Saves go through cached statements: an import writes a hundred thousand rows, and a record's
    // `upsert` builds its statement each time.

    func save(_ partner: Partner) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO partner (id, name, kind) VALUES (?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind
                """
        ).execute(arguments: [partner.id, partner.name, partner.kind.rawValue])
    }

    func save(_ c: Customer) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO customer (id, partnerID, companyName, domain, relationship, inPartnerCustomerList,
                  partnerIsSupportContact, delegatedAdminPrivileges, purchasesAllowed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET partnerID = excluded.partnerID, companyName = excluded.companyName,
                  domain = excluded.domain, relationship = excluded.relationship,
                  inPartnerCustomerList = excluded.inPartnerCustomerList,
                  partnerIsSupportContact = excluded.partnerIsSupportContact,
                  delegatedAdminPrivileges = excluded.delegatedAdminPrivileges, purchasesAllowed = excluded.purchasesAllowed
                """
        ).execute(arguments: [
            c.id, c.partnerID, c.companyName, c.domain, c.relationship.rawValue, c.inPartnerCustomerList,
            c.partnerIsSupportContact, c.delegatedAdminPrivileges, c.purchasesAllowed,
        ])
    }

    func save(_ s: Subscription) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO subscription (id, customerID, offerName, quantity, commerce, status) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET customerID = excluded.customerID, offerName = excluded.offerName,
                  quantity = excluded.quantity, commerce = excluded.commerce, status = excluded.status
                """
        ).execute(arguments: [s.id, s.customerID, s.offerName, s.quantity, s.commerce.rawValue, s.status.rawValue])
    }

    private func saveItem(_ table: String, _ id: String, _ customer: String, _ name: String, _ status: ItemStatus)
        throws
    {
        try db.cachedStatement(
            sql: """
                INSERT INTO \(table) (id, customerID, name, status) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET customerID = excluded.customerID, name = excluded.name,
                  status = excluded.status
                """
        ).execute(arguments: [id, customer, name, status.rawValue])
    }

    func save(_ r: Reservation) throws { try saveItem("reservation", r.id, r.customerID, r.name, r.status) }
    func save(_ p: SoftwarePurchase) throws { try saveItem("softwarePurchase", p.id, p.customerID, p.name, p.status) }

    // MARK: Operators

    func operators() throws -> [OperatorRecord] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT name, role, passwordHash, created FROM operator ORDER BY name")
        )
        .map { row in
            guard let role = OperatorRole(rawValue: row[1]) else {
                throw StoreError.corrupt(path: path, detail: "operator \(row[0] as String) has an unknown role")
            }
            return OperatorRecord(name: row[0], role: role, passwordHash: row[2], created: row[3])
        }
    }

    func save(_ record: OperatorRecord) throws {
        try db.execute(
            sql: """
                INSERT INTO operator (name, role, passwordHash, created) VALUES (?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET role = excluded.role, passwordHash = excluded.passwordHash
                """, arguments: [record.name, record.role.rawValue, record.passwordHash, record.created])
    }

    func deleteOperator(_ name: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM operator WHERE name = ?", arguments: [name])
        return db.changesCount > 0
    }

    // MARK: Browser sessions

    func webSession(_ id: String) throws -> WebSessionRecord? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT id, operatorName, formToken, locale, created, expires FROM webSession WHERE id = ?"),
            arguments: [id]
        ).map {
            WebSessionRecord(
                id: $0[0], operatorName: $0[1], formToken: $0[2], locale: $0[3], created: $0[4], expires: $0[5])
        }
    }

    func save(_ session: WebSessionRecord) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO webSession (id, operatorName, formToken, locale, created, expires)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                session.id, session.operatorName, session.formToken, session.locale, session.created, session.expires,
            ])
    }

    func deleteWebSession(_ id: String) throws {
        try db.execute(sql: "DELETE FROM webSession WHERE id = ?", arguments: [id])
    }

    func deleteWebSessions(operatorName: String) throws {
        try db.execute(sql: "DELETE FROM webSession WHERE operatorName = ?", arguments: [operatorName])
    }

    func deleteExpiredWebSessions(now: String) throws {
        try db.execute(sql: "DELETE FROM webSession WHERE expires <= ?", arguments: [now])
    }

    func signInFailures(operatorName: String, address: String, since: String) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM signInFailure WHERE operatorName = ? AND address = ? AND time >= ?",
            arguments: [operatorName, address, since]) ?? 0
    }

    func recordSignInFailure(operatorName: String, address: String, time: String) throws {
        try db.execute(
            sql: "INSERT INTO signInFailure (operatorName, address, time) VALUES (?, ?, ?)",
            arguments: [operatorName, address, time])
    }

    func clearSignInFailures(operatorName: String, address: String) throws {
        try db.execute(
            sql: "DELETE FROM signInFailure WHERE operatorName = ? AND address = ?", arguments: [operatorName, address])
    }

    // MARK: Audit

    /// One event, by SQL as sessions are: every walkthrough step writes one.
    func append(_ event: AuditEvent) throws -> Int64 {
        let row = AuditRow(event)
        try db.execute(
            sql: """
                INSERT INTO audit (id, time, operatorName, role, action, customerID, items, outcome, reasons, session,
                  step, locale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                row.id, row.time, row.operatorName, row.role, row.action, row.customerID, row.items, row.outcome,
                row.reasons, row.session, row.step, row.locale,
            ])
        return db.lastInsertedRowID
    }

    func auditTrail(customerID: String?) throws -> [AuditEvent] {
        var request = AuditRow.order(Column("id"))
        if let customerID { request = request.filter(Column("customerID") == customerID) }
        return try request.fetchAll(db).map(\.event)
    }

    func auditCount() throws -> Int { try AuditRow.fetchCount(db) }

    // MARK: Sessions

    // Sessions, as accounts, by SQL and columns by position: a walkthrough's start reads and
    // writes one.

    static let sessionColumns = [
        "id", "customerID", "article", "procedure", "state", "locale", "operatorName", "role", "payload", "created",
        "updated",
    ]

    func sessions() throws -> [WalkSessionRecord] {
        try rows(
            "SELECT \(Self.sessionColumns.joined(separator: ", ")) FROM walkSession ORDER BY updated DESC, id", [],
            session)
    }
    func session(_ id: String) throws -> WalkSessionRecord? {
        try rows("SELECT \(Self.sessionColumns.joined(separator: ", ")) FROM walkSession WHERE id = ?", [id], session)
            .first
    }
    func openSession(customerID: String) throws -> WalkSessionRecord? {
        try rows(
            "SELECT \(Self.sessionColumns.joined(separator: ", ")) FROM walkSession WHERE customerID = ? AND state = 'open'",
            [customerID], session
        ).first
    }

    /// Inserts the session, or on any uniqueness conflict updates every column but the id, as
    /// GRDB's `upsert` does.
    func save(_ session: WalkSessionRecord) throws {
        let columns = Self.sessionColumns
        let update = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try db.execute(
            sql: """
                INSERT INTO walkSession (\(columns.joined(separator: ", "))) \
                VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", "))) \
                ON CONFLICT DO UPDATE SET \(update)
                """,
            arguments: [
                session.id, session.customerID, session.article, session.procedure, session.state.rawValue,
                session.locale, session.operatorName, session.role, session.payload, session.created, session.updated,
            ])
    }

    private func session(_ row: Row) throws -> WalkSessionRecord {
        guard let state = WalkSessionRecord.State(rawValue: try row.decode(atIndex: 4)) else {
            throw StoreError.corrupt(
                path: path, detail: "walk session \(try row.decode(String.self, atIndex: 0)) has an unknown state")
        }
        return WalkSessionRecord(
            id: try row.decode(atIndex: 0), customerID: try row.decode(atIndex: 1), article: try row.decode(atIndex: 2),
            procedure: try row.decode(atIndex: 3), state: state, locale: try row.decode(atIndex: 5),
            operatorName: try row.decode(atIndex: 6), role: try row.decode(atIndex: 7),
            payload: try row.decode(atIndex: 8),
            created: try row.decode(atIndex: 9), updated: try row.decode(atIndex: 10))
    }

    func saveProgress(of session: WalkSessionRecord) throws {
        try db.execute(
            sql: "UPDATE walkSession SET payload = ?, locale = ?, state = ?, updated = ? WHERE id = ?",
            arguments: [session.payload, session.locale, session.state.rawValue, session.updated, session.id])
    }

    func setState(_ state: WalkSessionRecord.State, session id: String, updated: String) throws {
        try db.execute(
            sql: "UPDATE walkSession SET state = ?, updated = ? WHERE id = ?", arguments: [state.rawValue, updated, id])
    }

    func lease(session id: String) throws -> (state: WalkSessionRecord.State, lease: WalkLease?)? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT state, leaseOwner, leaseHolder, leaseHost, leasePID, leaseStart, leaseTaken, leaseHeartbeat
                    FROM walkSession WHERE id = ?
                    """, arguments: [id])
        else { return nil }
        let state = WalkSessionRecord.State(rawValue: row["state"]) ?? .abandoned
        guard let owner: String = row["leaseOwner"] else { return (state, nil) }
        return (
            state,
            WalkLease(
                token: owner, holder: row["leaseHolder"] ?? "", host: row["leaseHost"] ?? "",
                pid: row["leasePID"] ?? 0, processStart: row["leaseStart"] ?? "", taken: row["leaseTaken"] ?? "",
                heartbeat: row["leaseHeartbeat"] ?? "")
        )
    }

    func lastLeaseHolder(session id: String) throws -> (holder: String?, taken: String?) {
        let row = try Row.fetchOne(
            db, sql: "SELECT leaseHolder, leaseTaken FROM walkSession WHERE id = ?", arguments: [id])
        return (row?["leaseHolder"], row?["leaseTaken"])
    }

    func setLease(_ lease: WalkLease?, session id: String) throws {
        try db.execute(
            sql: """
                UPDATE walkSession SET leaseOwner = ?, leaseHolder = ?, leaseHost = ?, leasePID = ?, leaseStart = ?,
                  leaseTaken = ?, leaseHeartbeat = ? WHERE id = ?
                """,
            arguments: [
                lease?.token, lease?.holder, lease?.host, lease.map { Int($0.pid) }, lease?.processStart, lease?.taken,
                lease?.heartbeat, id,
            ])
    }

    func renewLease(session id: String, token: String, at time: String) throws -> Bool {
        try db.execute(
            sql: "UPDATE walkSession SET leaseHeartbeat = ? WHERE id = ? AND leaseOwner = ?",
            arguments: [time, id, token])
        return db.changesCount > 0
    }

    func releaseLease(session id: String, token: String) throws {
        try db.execute(
            sql: "UPDATE walkSession SET leaseOwner = NULL, leaseHeartbeat = NULL WHERE id = ? AND leaseOwner = ?",
            arguments: [id, token])
    }
}

extension AuditRow {
    init(_ event: AuditEvent) {
        self.init(
            id: event.id, time: event.time, operatorName: event.operatorName, role: event.role, action: event.action,
            customerID: event.customerID, items: AuditEvent.storedList(event.items), outcome: event.outcome,
            reasons: AuditEvent.storedList(event.reasons), session: event.session, step: event.step,
            locale: event.locale)
    }

    var event: AuditEvent {
        let decode = { (text: String) in AuditEvent.list(stored: text) }
        return AuditEvent(
            id: id, time: time, operatorName: operatorName, role: role, action: action, customerID: customerID,
            items: decode(items), outcome: outcome, reasons: decode(reasons), session: session, step: step,
            locale: locale)
    }
}
