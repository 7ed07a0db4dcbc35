/// Where relationship data is kept: SQLite (`WaymarkStoreSQLite`) or PostgreSQL
/// (`WaymarkStorePostgres`).
///
/// A backend only persists. Every rule, every audit event and every check of a walk's lease is
/// written once, in `RelationshipStore`, against `StoreTransaction`; a backend provides the
/// transactions and the rows.
public protocol StoreBackend: Sendable {
    /// `sqlite` or `postgresql`.
    var kind: String { get }
    /// Where the store is, fit for messages and logs: a file path, or a URL without its password.
    var location: String { get }
    /// Opened for reading only: every write is refused.
    var readOnly: Bool { get }

    /// Runs `body` in a read-only transaction that sees one consistent state.
    func read<T: Sendable>(_ body: @Sendable (any StoreTransaction) throws -> T) throws(StoreError) -> T

    /// Runs `body` in one serializable transaction, committed when it returns and rolled back when
    /// it throws. A transient conflict with another transaction (which the caller may retry, since
    /// nothing was written) is thrown as `.conflict`; a `StoreError` thrown by `body` passes through.
    func write<T: Sendable>(_ body: @Sendable (any StoreTransaction) throws -> T) throws(StoreError) -> T

    /// The schema the store holds: its migrations, oldest first.
    func appliedMigrations() throws(StoreError) -> [String]

    /// What the database's own check finds: empty when the store is sound.
    func integrityProblems() throws(StoreError) -> [String]

    /// Lets go of connections and files; the backend is not used again.
    func close()
}

/// Reads and writes of one transaction, in the model's own terms.
///
/// Lists come in a fixed order (the one each method names), so both backends answer alike.
public protocol StoreTransaction {
    // MARK: Model, reading

    /// Every partner, by id.
    func partners() throws -> [Partner]
    func partnerCount() throws -> Int
    /// Every customer, by company name then id.
    func customers() throws -> [Customer]
    func customer(_ id: String) throws -> Customer?
    /// A customer's items, by name (subscriptions by offer name).
    func subscriptions(of customerID: String) throws -> [Subscription]
    func reservations(of customerID: String) throws -> [Reservation]
    func softwarePurchases(of customerID: String) throws -> [SoftwarePurchase]
    func subscription(_ id: String) throws -> Subscription?
    func reservation(_ id: String) throws -> Reservation?
    func softwarePurchase(_ id: String) throws -> SoftwarePurchase?
    /// Every item of every customer, by id: what an import and a copy of the store read.
    func allSubscriptions() throws -> [Subscription]
    func allReservations() throws -> [Reservation]
    func allSoftwarePurchases() throws -> [SoftwarePurchase]
    /// One page of customers by company name then id (`limit` nil: all from `offset`), each with
    /// its number of active subscriptions.
    func customerSummaries(limit: Int?, offset: Int) throws -> [CustomerSummary]
    /// One page of customers as `customerSummaries` orders them, with all their items.
    func accounts(limit: Int?, offset: Int) throws -> [CustomerAccount]

    // MARK: Model, writing

    /// Removes every partner, customer and item (not the audit, sessions or operators).
    func deleteModel() throws
    /// Inserts, or replaces when the id exists.
    func save(_ partner: Partner) throws
    func save(_ customer: Customer) throws
    func save(_ subscription: Subscription) throws
    func save(_ reservation: Reservation) throws
    func save(_ purchase: SoftwarePurchase) throws

    // MARK: Operators

    /// Every operator, by name.
    func operators() throws -> [OperatorRecord]
    func save(_ record: OperatorRecord) throws
    /// False when there is no such operator.
    func deleteOperator(_ name: String) throws -> Bool

    // MARK: Browser sessions and sign-in failures (the web app)

    func webSession(_ id: String) throws -> WebSessionRecord?
    /// Inserts, or replaces when the id exists.
    func save(_ session: WebSessionRecord) throws
    func deleteWebSession(_ id: String) throws
    func deleteWebSessions(operatorName: String) throws
    func deleteExpiredWebSessions(now: String) throws
    /// How many sign-ins failed for `operatorName` from `address` at or after `since`.
    func signInFailures(operatorName: String, address: String, since: String) throws -> Int
    func recordSignInFailure(operatorName: String, address: String, time: String) throws
    func clearSignInFailures(operatorName: String, address: String) throws

    // MARK: Audit

    /// Appends `event`; its `id` when it has one (a copied store keeps its ids), else the next one.
    /// Returns the id the event got.
    @discardableResult
    func append(_ event: AuditEvent) throws -> Int64
    /// The trail oldest first, optionally for one customer.
    func auditTrail(customerID: String?) throws -> [AuditEvent]
    func auditCount() throws -> Int

    // MARK: Walk sessions and leases

    /// Every session, most recently updated first.
    func sessions() throws -> [WalkSessionRecord]
    func session(_ id: String) throws -> WalkSessionRecord?
    func openSession(customerID: String) throws -> WalkSessionRecord?
    /// Inserts, or replaces every column when the id exists. The database refuses a second open
    /// session for one customer.
    func save(_ session: WalkSessionRecord) throws
    /// Writes what a walk changes as it goes: its state, language and progress.
    func saveProgress(of session: WalkSessionRecord) throws
    func setState(_ state: WalkSessionRecord.State, session id: String, updated: String) throws
    /// The session's state and the lease recorded on it, or nil when there is no such session.
    func lease(session id: String) throws -> (state: WalkSessionRecord.State, lease: WalkLease?)?
    /// Who took the session's lease last (kept after the lease is let go).
    func lastLeaseHolder(session id: String) throws -> (holder: String?, taken: String?)
    func setLease(_ lease: WalkLease?, session id: String) throws
    /// Renews the heartbeat when `token` holds the lease; false when it does not.
    func renewLease(session id: String, token: String, at time: String) throws -> Bool
    /// Clears the lease's token and heartbeat when `token` holds it.
    func releaseLease(session id: String, token: String) throws
}

/// A customer with the number of its active subscriptions: a line of `customers list`.
public struct CustomerSummary: Sendable, Hashable {
    public var customer: Customer
    public var activeSubscriptions: Int

    public init(customer: Customer, activeSubscriptions: Int) {
        self.customer = customer
        self.activeSubscriptions = activeSubscriptions
    }
}

/// An operator the store knows: a name, a role, and (for the web app's sign-in) a password hash.
public struct OperatorRecord: Sendable, Hashable, Codable {
    public var name: String
    public var role: OperatorRole
    /// A bcrypt hash, never the password; nil when the operator cannot sign in.
    public var passwordHash: String?
    public var created: String

    public init(name: String, role: OperatorRole, passwordHash: String? = nil, created: String = AuditClock.now()) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.created = created
    }
}

extension StoreTransaction {
    /// The customer with all its items, or nil.
    public func account(_ id: String) throws -> CustomerAccount? {
        guard let customer = try customer(id) else { return nil }
        return CustomerAccount(
            customer: customer, subscriptions: try subscriptions(of: id), reservations: try reservations(of: id),
            softwarePurchases: try softwarePurchases(of: id))
    }
}
