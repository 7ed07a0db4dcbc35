import Foundation

/// A walkthrough session as the store keeps it. The engine's state is an opaque JSON `payload`:
/// the store knows whose session it is and whether it is open, not how a walkthrough works.
public struct WalkSessionRecord: Sendable, Hashable, Codable {

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
    public func sessions() throws(StoreError) -> [WalkSessionRecord] {
        try read { try $0.sessions() }
    }

    public func session(_ id: String) throws(StoreError) -> WalkSessionRecord? {
        try read { try $0.session(id) }
    }

    /// Session `id` with its customer's account as one read sees them, or nil when there is no such
    /// session (or, should the store be damaged, no such customer).
    public func sessionWithAccount(_ id: String) throws(StoreError) -> (WalkSessionRecord, CustomerAccount)? {
        try read { tx in
            guard let record = try tx.session(id), let account = try tx.account(record.customerID) else { return nil }
            return (record, account)
        }
    }

    public func openSession(customerID: String) throws(StoreError) -> WalkSessionRecord? {
        try read { try $0.openSession(customerID: customerID) }
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
        try write { tx in
            if let lease {
                try RelationshipStore.checkLease(tx, session: saved.id, token: lease)
                try tx.saveProgress(of: saved)
            } else {
                try tx.save(saved)
            }
            if let audit, let actor {
                try RelationshipStore.audit(
                    tx, actor, action: audit.action, customerID: saved.customerID, items: audit.items, outcome: "done",
                    reasons: [], context: AuditContext(session: saved.id, step: audit.items.first, locale: saved.locale)
                )
            }
        }
    }

    /// Marks a session abandoned (audited).
    public func abandonSession(_ id: String, by actor: Operator) throws(StoreError) {
        try RecordValue.check(actor.name, .operatorName)
        guard try session(id) != nil else { throw .itemNotFound(id) }
        try write { tx in
            // Abandoned and let go: a walk still running finds this at its next write and stops.
            try tx.setState(.abandoned, session: id, updated: AuditClock.now())
            try tx.setLease(nil, session: id)
            let customer = try tx.session(id)?.customerID
            try RelationshipStore.audit(
                tx, actor, action: "abandon-session", customerID: customer, items: [id], outcome: "done", reasons: [],
                context: AuditContext(session: id, step: id))
        }
    }
}
