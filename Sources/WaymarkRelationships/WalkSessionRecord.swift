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
