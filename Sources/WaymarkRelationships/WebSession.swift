import Foundation

/// A signed-in browser of the web app (`waymark serve`), kept in the store so that every server on
/// one database knows it: servers hold no sessions of their own.
///
/// The cookie carries a random token; the store keeps only `id`, the token's SHA-256, so reading
/// the database does not let anyone sign in.
public struct WebSessionRecord: Sendable, Hashable {
    /// The SHA-256 of the cookie's token, in hex.
    public var id: String
    public var operatorName: String
    /// The token a form must carry (the CSRF token), random per session.
    public var formToken: String
    /// The language the operator chose, if any (else the browser's `Accept-Language`).
    public var locale: String?
    /// ISO 8601 times, as `AuditClock.now()` writes them.
    public var created: String
    public var expires: String

    public init(
        id: String, operatorName: String, formToken: String, locale: String?, created: String, expires: String
    ) {
        self.id = id
        self.operatorName = operatorName
        self.formToken = formToken
        self.locale = locale
        self.created = created
        self.expires = expires
    }
}

/// What a sign-in attempt may go on with: the operator (nil when there is no such name) and how
/// many attempts failed lately for that name from that address.
public struct SignInState: Sendable {
    public var record: OperatorRecord?
    public var recentFailures: Int
}

extension RelationshipStore {
    // MARK: Operators

    /// Every operator, by name.
    public func operators() throws(StoreError) -> [OperatorRecord] {
        try read { try $0.operators() }
    }

    /// Adds an operator; an existing name is refused (`operators remove` it first).
    public func addOperator(_ record: OperatorRecord, by actor: Operator) throws(StoreError) {
        try RecordValue.check(record.name, .operatorName)
        try write { tx in
            if try tx.operators().contains(where: { $0.name == record.name }) {
                throw StoreError.operatorExists(record.name)
            }
            try tx.save(record)
            try RelationshipStore.audit(
                tx, actor, action: "operator-add", customerID: nil, items: [record.name, record.role.rawValue],
                outcome: "done", reasons: [], context: nil)
        }
    }

    /// Removes an operator and signs out every browser of theirs; the audit keeps their name.
    public func removeOperator(_ name: String, by actor: Operator) throws(StoreError) {
        try RecordValue.check(name, .operatorName)
        try write { tx in
            guard try tx.deleteOperator(name) else { throw StoreError.operatorNotFound(name) }
            try tx.deleteWebSessions(operatorName: name)
            try RelationshipStore.audit(
                tx, actor, action: "operator-remove", customerID: nil, items: [name], outcome: "done", reasons: [],
                context: nil)
        }
    }

    // MARK: Signing in

    /// The operator `name` and the failed sign-ins for it from `address` since `since`.
    public func signInState(operatorName name: String, address: String, since: String) throws(StoreError)
        -> SignInState
    {
        try read { tx in
            SignInState(
                record: try tx.operators().first { $0.name == name },
                recentFailures: try tx.signInFailures(operatorName: name, address: address, since: since))
        }
    }

    public func recordSignInFailure(operatorName name: String, address: String) throws(StoreError) {
        try write { try $0.recordSignInFailure(operatorName: name, address: address, time: AuditClock.now()) }
    }

    /// Saves a new browser session after a good password: forgets the failures of that name from
    /// that address, ends the session the browser had before (a new token at every sign-in), and
    /// drops sessions that have expired.
    public func startWebSession(_ session: WebSessionRecord, replacing previous: String?, address: String)
        throws(StoreError)
    {
        try write { tx in
            try tx.clearSignInFailures(operatorName: session.operatorName, address: address)
            if let previous { try tx.deleteWebSession(previous) }
            try tx.deleteExpiredWebSessions(now: session.created)
            try tx.save(session)
        }
    }

    /// The session `id` with its operator as the store has them now, or nil when the session is
    /// unknown, expired, or its operator was removed.
    public func webSession(_ id: String, now: String = AuditClock.now()) throws(StoreError)
        -> (session: WebSessionRecord, operator: OperatorRecord)?
    {
        try read { tx in
            guard let session = try tx.webSession(id), session.expires > now,
                let record = try tx.operators().first(where: { $0.name == session.operatorName })
            else { return nil }
            return (session, record)
        }
    }

    public func endWebSession(_ id: String) throws(StoreError) {
        try write { try $0.deleteWebSession(id) }
    }

    /// Remembers the language the operator chose in this browser.
    public func setWebSessionLocale(_ id: String, locale: String) throws(StoreError) {
        try write { tx in
            guard var session = try tx.webSession(id) else { return }
            session.locale = locale
            try tx.save(session)
        }
    }

    /// Takes (or renews) the lease of walk session `id` for a browser: the web app's walks share
    /// one token per session, so any server on the database continues them. Refused with
    /// `.sessionHeld` while a walk in a terminal holds it; a terminal walk, in turn, is refused
    /// while the browser's heartbeat is younger than `WalkLease.staleAfter` (or takes it over).
    public func takeWebLease(session id: String, holder: String) throws(StoreError) -> String {
        let token = WalkLease.webToken(session: id)
        return try write { tx in
            guard let found = try tx.lease(session: id) else {
                throw StoreError.sessionLost(session: id, state: "missing", by: nil, since: nil)
            }
            guard found.state == .open else {
                throw StoreError.sessionLost(session: id, state: found.state.rawValue, by: nil, since: nil)
            }
            // Browsers share a walk (any server, any browser continues it); a terminal holds it alone.
            if let held = found.lease, held.host != WalkLease.webHost, held.isLive() {
                throw StoreError.sessionHeld(session: id, holder: held.holder, host: held.host, since: held.taken)
            }
            if found.lease?.token == token {
                _ = try tx.renewLease(session: id, token: token, at: AuditClock.now())
            } else {
                try tx.setLease(WalkLease.forWeb(session: id, holder: holder), session: id)
            }
            return token
        }
    }
}

extension WalkLease {
    /// The host a browser's lease names: not a machine, so only its heartbeat keeps it live.
    public static let webHost = "web"

    /// The token every server gives walk session `id`'s browser lease.
    public static func webToken(session id: String) -> String { "web-" + id }

    /// A lease for a walk in a browser: live while its heartbeat is younger than `staleAfter`.
    public static func forWeb(session id: String, holder: String) -> WalkLease {
        let now = AuditClock.now()
        return WalkLease(
            token: webToken(session: id), holder: holder, host: webHost, pid: 0, processStart: "", taken: now,
            heartbeat: now)
    }
}
