internal import GRDB
import WaymarkRelationships

/// A model value stored as one row of its table. The model types of WaymarkRelationships know
/// nothing of GRDB; this wrapper is the only place its record protocols meet them.
struct Stored<Model: StoredModel>: Codable, FetchableRecord, PersistableRecord {
    var model: Model

    init(_ model: Model) { self.model = model }
    init(from decoder: any Decoder) throws { model = try Model(from: decoder) }
    func encode(to encoder: any Encoder) throws { try model.encode(to: encoder) }
    static var databaseTableName: String { Model.table }
}

/// A model type with a table of its own, its columns named as its Codable keys.
protocol StoredModel: Codable { static var table: String { get } }

extension Partner: StoredModel { static var table: String { "partner" } }
extension Customer: StoredModel { static var table: String { "customer" } }
extension Subscription: StoredModel { static var table: String { "subscription" } }
extension Reservation: StoredModel { static var table: String { "reservation" } }
extension SoftwarePurchase: StoredModel { static var table: String { "softwarePurchase" } }
extension WalkSessionRecord: StoredModel { static var table: String { "walkSession" } }

/// The audit table stores item and reason lists as JSON text.
struct AuditRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "audit"
    var id: Int64?
    var time: String
    var operatorName: String
    var role: String
    var action: String
    var customerID: String?
    var items: String
    var outcome: String
    var reasons: String
    var session: String?
    var step: String?
    var locale: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension SQLiteBackend {
    /// The schema, one migration per change; identifiers are never reused.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-relationships") { db in
            try db.create(table: "partner") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
            }
            try db.create(table: "customer") { t in
                t.primaryKey("id", .text)
                t.column("partnerID", .text).notNull().references("partner")
                t.column("companyName", .text).notNull()
                t.column("domain", .text).notNull()
                t.column("relationship", .text).notNull()
                t.column("inPartnerCustomerList", .boolean).notNull()
                t.column("partnerIsSupportContact", .boolean).notNull()
                t.column("delegatedAdminPrivileges", .boolean).notNull()
                t.column("purchasesAllowed", .boolean).notNull()
            }
            for table in ["subscription", "reservation", "softwarePurchase"] {
                try db.create(table: table) { t in
                    t.primaryKey("id", .text)
                    t.column("customerID", .text).notNull().indexed().references("customer", onDelete: .cascade)
                    if table == "subscription" {
                        t.column("offerName", .text).notNull()
                        t.column("quantity", .integer).notNull()
                        t.column("commerce", .text).notNull()
                    } else {
                        t.column("name", .text).notNull()
                    }
                    t.column("status", .text).notNull()
                }
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .text).notNull()
                t.column("operatorName", .text).notNull()
                t.column("role", .text).notNull()
                t.column("action", .text).notNull()
                t.column("customerID", .text).indexed()
                t.column("items", .text).notNull()
                t.column("outcome", .text).notNull()
                t.column("reasons", .text).notNull()
                t.column("session", .text)
                t.column("step", .text)
                t.column("locale", .text)
            }
            try db.execute(
                sql: """
                    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                    """)
        }
        registerSessionMigration(&migrator)
        registerLeaseMigration(&migrator)
        migrator.registerMigration("v4-operators") { db in
            try db.create(table: "operator") { t in
                t.primaryKey("name", .text)
                t.column("role", .text).notNull()
                t.column("passwordHash", .text)
                t.column("created", .text).notNull()
            }
        }
        // The web app: browsers signed in, and failed sign-ins (for the rate limit), shared by
        // every server on the database.
        migrator.registerMigration("v5-web") { db in
            try db.execute(
                sql: """
                    CREATE TABLE webSession (
                      id TEXT PRIMARY KEY NOT NULL, operatorName TEXT NOT NULL, formToken TEXT NOT NULL, locale TEXT,
                      created TEXT NOT NULL, expires TEXT NOT NULL);
                    CREATE INDEX webSession_by_operator ON webSession(operatorName);
                    CREATE TABLE signInFailure (operatorName TEXT NOT NULL, address TEXT NOT NULL, time TEXT NOT NULL);
                    CREATE INDEX signInFailure_by_name ON signInFailure(operatorName, address, time);
                    """)
        }
        return migrator
    }
}

extension SQLiteBackend {
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
}
