import Foundation
import GRDB

extension RelationshipStore {
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
}
