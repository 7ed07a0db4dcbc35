import WaymarkLocalization

/// Texts of the store's two backends and the `store` command, by stable key with their English
/// source text, like `UIString`.
enum StoreText: String, CaseIterable {
    case conflict = "store.conflict"
    case unreachable = "store.unreachable"
    case targetNotEmpty = "store.target-not-empty"
    case invalidLocation = "store.invalid-location"
    case retriesInvalid = "cli.retries-invalid"
    case helpStoreAbstract = "cli.help.store.abstract"
    case helpCheckAbstract = "cli.help.store.check.abstract"
    case helpMigrateAbstract = "cli.help.store.migrate.abstract"
    case helpFrom = "cli.help.store.from"
    case helpTo = "cli.help.store.to"
    case checkLocation = "store.check.location"
    case checkSchema = "store.check.schema"
    case checkCount = "store.check.count"
    case checkOK = "store.check.ok"
    case checkProblem = "store.check.problem"
    case countPartners = "store.count.partners"
    case countCustomers = "store.count.customers"
    case countSubscriptions = "store.count.subscriptions"
    case countReservations = "store.count.reservations"
    case countSoftwarePurchases = "store.count.software-purchases"
    case countOperators = "store.count.operators"
    case countSessions = "store.count.sessions"
    case countOpenSessions = "store.count.open-sessions"
    case countAuditEvents = "store.count.audit-events"
    case migrateDone = "store.migrate.done"
    case migrateSame = "store.migrate.same"

    var english: String {
        switch self {
        case .conflict:
            "{path}: other operators' changes kept conflicting with this one ({attempts, plural, one {# try} other {# tries}}); nothing was changed, try again"
        case .unreachable: "cannot reach the PostgreSQL server at {host} port {port}: {reason}"
        case .targetNotEmpty: "{path} is not empty ({detail}): a store is copied only into an empty one"
        case .invalidLocation: "{location} cannot be used as a store: {reason}"
        case .retriesInvalid: "WAYMARK_RETRIES must be a whole number from 1 to 100, not {value}"
        case .helpStoreAbstract: "Check the store, or copy it into another database."
        case .helpCheckAbstract: "Print the store's backend, schema version, counts and integrity."
        case .helpMigrateAbstract:
            "Copy a whole store (customers, sessions, operators and the audit trail) into an empty one, and compare the counts."
        case .helpFrom: "The store to copy: an SQLite file or a postgres:// URL."
        case .helpTo: "The empty store to copy into: an SQLite file or a postgres:// URL."
        case .checkLocation: "Store: {location} ({backend})"
        case .checkSchema: "Schema: {version} ({count, plural, one {# migration} other {# migrations}})"
        case .checkCount: "{name}: {count}"
        case .checkOK: "Integrity: ok"
        case .checkProblem: "Integrity problem: {problem}"
        case .countPartners: "Partners"
        case .countCustomers: "Customers"
        case .countSubscriptions: "Subscriptions"
        case .countReservations: "Azure reservations"
        case .countSoftwarePurchases: "Software purchases"
        case .countOperators: "Operators"
        case .countSessions: "Walk sessions"
        case .countOpenSessions: "Open walk sessions"
        case .countAuditEvents: "Audit events"
        case .migrateDone:
            "Copied {from} into {to}: {customers, plural, one {# customer} other {# customers}}, {sessions, plural, one {# walk session} other {# walk sessions}}, {events, plural, one {# audit event} other {# audit events}}; every count matches."
        case .migrateSame: "--from and --to name the same store"
        }
    }
}

extension Localizer {
    func text(_ key: StoreText, _ arguments: [String: MessageArgument] = [:]) -> String {
        text(key: key.rawValue, arguments)
    }
}
