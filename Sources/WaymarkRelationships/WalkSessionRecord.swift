import Foundation
import GRDB

/// A walkthrough session as the store keeps it. The engine's state is an opaque JSON `payload`:
/// the store knows whose session it is and whether it is open, not how a walkthrough works.
public struct WalkSessionRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "walkSession"

    public enum State: String, Sendable, Hashable, Codable {
        case open, finished, abandoned
    }

    public var id: String
    public var customerID: String
    public var article: String
    public var procedure: String
    public var state: State
    public var locale: String
    public var operatorName: String
    public var role: String
    public var payload: String
    public var created: String
    public var updated: String

    public init(
        id: String, customerID: String, article: String, procedure: String, state: State = .open, locale: String,
        operatorName: String, role: String, payload: String, created: String = AuditClock.now(),
        updated: String = AuditClock.now()
    ) {
        self.id = id
        self.customerID = customerID
        self.article = article
        self.procedure = procedure
        self.state = state
        self.locale = locale
        self.operatorName = operatorName
        self.role = role
        self.payload = payload
        self.created = created
        self.updated = updated
    }
}

extension RelationshipStore {
    static func registerSessionMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-walk-sessions") { db in
            try db.create(table: "walkSession") { t in
                t.primaryKey("id", .text)
                t.column("customerID", .text).notNull().indexed()
                t.column("article", .text).notNull()
                t.column("procedure", .text).notNull()
                t.column("state", .text).notNull()
                t.column("locale", .text).notNull()
                t.column("operatorName", .text).notNull()
                t.column("role", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("created", .text).notNull()
                t.column("updated", .text).notNull()
            }
            // One open session per customer.
            try db.execute(
                sql: "CREATE UNIQUE INDEX walkSession_one_open ON walkSession(customerID) WHERE state = 'open'")
        }
    }

    /// Leases (one live walk per session, `WalkLease`), and an audit trail whose every event names a
    /// session that exists.
    static func registerLeaseMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-walk-leases") { db in
            try db.alter(table: "walkSession") { t in
                t.add(column: "leaseOwner", .text)
                t.add(column: "leaseHolder", .text)
                t.add(column: "leaseHost", .text)
                t.add(column: "leasePID", .integer)
                t.add(column: "leaseStart", .text)
                t.add(column: "leaseTaken", .text)
                t.add(column: "leaseHeartbeat", .text)
            }
            try db.execute(
                sql: """
                    CREATE TRIGGER audit_session_exists BEFORE INSERT ON audit
                    WHEN NEW.session IS NOT NULL AND NOT EXISTS (SELECT 1 FROM walkSession WHERE id = NEW.session)
                    BEGIN SELECT RAISE(ABORT, 'an audit event must refer to a session that exists'); END;
                    CREATE INDEX customer_by_name ON customer(companyName, id);
                    CREATE INDEX subscription_by_customer_status ON subscription(customerID, status);
                    """)
        }
    }

    /// The lease on session `id`, if one is recorded.
    static func lease(_ db: Database, session id: String) throws -> (state: String, lease: WalkLease?)? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT state, leaseOwner, leaseHolder, leaseHost, leasePID, leaseStart, leaseTaken, leaseHeartbeat
                    FROM walkSession WHERE id = ?
                    """, arguments: [id])
        else { return nil }
        guard let owner: String = row["leaseOwner"] else { return (row["state"], nil) }
        return (
            row["state"],
            WalkLease(
                token: owner, holder: row["leaseHolder"] ?? "", host: row["leaseHost"] ?? "",
                pid: row["leasePID"] ?? 0, processStart: row["leaseStart"] ?? "", taken: row["leaseTaken"] ?? "",
                heartbeat: row["leaseHeartbeat"] ?? "")
        )
    }

    /// Throws `.sessionLost` unless `token` holds open session `id`: what a walk checks in the same
    /// transaction as each of its writes.
    static func checkLease(_ db: Database, session id: String, token: String) throws {
        guard let found = try lease(db, session: id) else {
            throw StoreError.sessionLost(session: id, state: "missing", by: nil, since: nil)
        }
        guard found.state == WalkSessionRecord.State.open.rawValue else {
            throw StoreError.sessionLost(session: id, state: found.state, by: nil, since: nil)
        }
        guard let held = found.lease, held.token == token else {
            // Released or held by another walk: name the last walk that took it.
            let last = try Row.fetchOne(
                db, sql: "SELECT leaseHolder, leaseTaken FROM walkSession WHERE id = ?", arguments: [id])
            throw StoreError.sessionLost(
                session: id, state: "taken-over", by: last?["leaseHolder"], since: last?["leaseTaken"])
        }
    }

    static func setLease(_ db: Database, session id: String, _ lease: WalkLease?) throws {
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

    /// What `beginWalk` did.
    public struct WalkStart: Sendable {
        /// The session now held: `fresh` itself, or the customer's open session to resume.
        public var record: WalkSessionRecord
        public var resumed: Bool
        /// The lease this walk took over (`takeOver`), if another walk held it.
        public var tookOverFrom: WalkLease?
    }

    /// Starts or resumes the customer's walk under `lease`, in one transaction: the customer's open
    /// session is resumed (and its lease taken) when no live walk holds it, or when `takeOver`
    /// (audited as `take-over`, naming the holder); else `.sessionHeld` names who holds it. With no
    /// open session, `fresh` makes the new session from the account as this transaction reads it
    /// (so a walk never starts from what another walk has changed since), or throws `.refused`;
    /// the session is inserted and its start audited.
    public func beginWalk(
        customerID: String, lease: WalkLease, takeOver: Bool, by actor: Operator,
        fresh: @Sendable (CustomerAccount) throws(StoreError) -> WalkSessionRecord
    ) throws(StoreError) -> WalkStart {
        try RecordValue.check(customerID, .customerID)
        try RecordValue.check(actor.name, .operatorName)
        return try write { db in
            if let open = try WalkSessionRecord.filter(
                Column("customerID") == customerID && Column("state") == WalkSessionRecord.State.open.rawValue
            ).fetchOne(db) {
                let held = try RelationshipStore.lease(db, session: open.id)?.lease
                var previous: WalkLease?
                if let held, held.token != lease.token, held.isLive() {
                    guard takeOver else {
                        throw StoreError.sessionHeld(
                            session: open.id, holder: held.holder, host: held.host, since: held.taken)
                    }
                    previous = held
                    try RelationshipStore.audit(
                        db, actor, action: "take-over", customerID: customerID, items: [open.id, held.holder],
                        outcome: "done", reasons: [], context: AuditContext(session: open.id, locale: open.locale))
                }
                try RelationshipStore.setLease(db, session: open.id, lease)
                return WalkStart(record: open, resumed: true, tookOverFrom: previous)
            }
            guard let account = try RelationshipStore.account(customerID, db) else {
                throw StoreError.customerNotFound(customerID)
            }
            var record = try fresh(account)
            record.updated = AuditClock.now()
            try record.insert(db)
            try RelationshipStore.setLease(db, session: record.id, lease)
            try RelationshipStore.audit(
                db, actor, action: "walk-start", customerID: customerID, items: [record.id], outcome: "done",
                reasons: [], context: AuditContext(session: record.id, step: record.id, locale: record.locale))
            return WalkStart(record: record, resumed: false, tookOverFrom: nil)
        }
    }

    /// Renews the lease's heartbeat; false when this walk no longer holds the session.
    @discardableResult
    public func renewLease(session id: String, token: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(
                sql: "UPDATE walkSession SET leaseHeartbeat = ? WHERE id = ? AND leaseOwner = ?",
                arguments: [AuditClock.now(), id, token])
            return db.changesCount > 0
        }
    }

    /// Lets go of the session (a walk that saved and quit): the next walk resumes it at once. Who
    /// held it last stays recorded.
    public func releaseLease(session id: String, token: String) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE walkSession SET leaseOwner = NULL, leaseHeartbeat = NULL WHERE id = ? AND leaseOwner = ?
                    """, arguments: [id, token])
        }
    }

    public func sessions() throws(StoreError) -> [WalkSessionRecord] {
        try read { db in try WalkSessionRecord.order(Column("updated").desc).fetchAll(db) }
    }

    public func session(_ id: String) throws(StoreError) -> WalkSessionRecord? {
        try read { db in try WalkSessionRecord.fetchOne(db, key: id) }
    }

    public func openSession(customerID: String) throws(StoreError) -> WalkSessionRecord? {
        try read { db in
            try WalkSessionRecord.filter(Column("customerID") == customerID && Column("state") == "open").fetchOne(db)
        }
    }

    /// Saves a session (insert or update) and, when given, its audit event in the same transaction.
    /// With `lease`, only while that lease holds the open session (else `.sessionLost`), and only
    /// the walk's own columns are written.
    public func saveSession(
        _ record: WalkSessionRecord, audit: (action: String, items: [String])? = nil, by actor: Operator? = nil,
        lease: String? = nil
    ) throws(StoreError) {
        try RecordValue.check(record.operatorName, .operatorName)
        if let actor { try RecordValue.check(actor.name, .operatorName) }
        var copy = record
        copy.updated = AuditClock.now()
        let saved = copy
        try write { db in
            if let lease {
                try RelationshipStore.checkLease(db, session: saved.id, token: lease)
                try db.execute(
                    sql: "UPDATE walkSession SET payload = ?, locale = ?, state = ?, updated = ? WHERE id = ?",
                    arguments: [saved.payload, saved.locale, saved.state.rawValue, saved.updated, saved.id])
            } else {
                try saved.upsert(db)
            }
            if let audit, let actor {
                try RelationshipStore.audit(
                    db, actor, action: audit.action, customerID: saved.customerID, items: audit.items, outcome: "done",
                    reasons: [], context: AuditContext(session: saved.id, step: audit.items.first, locale: saved.locale)
                )
            }
        }
    }

    /// Marks a session abandoned (audited).
    public func abandonSession(_ id: String, by actor: Operator) throws(StoreError) {
        try RecordValue.check(actor.name, .operatorName)
        guard try session(id) != nil else { throw .itemNotFound(id) }
        try write { db in
            // Abandoned and let go: a walk still running finds this at its next write and stops.
            try db.execute(
                sql: "UPDATE walkSession SET state = 'abandoned', updated = ? WHERE id = ?",
                arguments: [AuditClock.now(), id])
            try RelationshipStore.setLease(db, session: id, nil)
            let customer = try String.fetchOne(
                db, sql: "SELECT customerID FROM walkSession WHERE id = ?", arguments: [id])
            try RelationshipStore.audit(
                db, actor, action: "abandon-session", customerID: customer, items: [id], outcome: "done", reasons: [],
                context: AuditContext(session: id, step: id))
        }
    }
}
