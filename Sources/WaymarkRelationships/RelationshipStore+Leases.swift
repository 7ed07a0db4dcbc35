import Foundation

extension RelationshipStore {
    /// Throws `.sessionLost` unless `token` holds open session `id`: what a walk checks in the same
    /// transaction as each of its writes.
    static func checkLease(_ tx: any StoreTransaction, session id: String, token: String) throws {
        guard let found = try tx.lease(session: id) else {
            throw StoreError.sessionLost(session: id, state: "missing", by: nil, since: nil)
        }
        guard found.state == .open else {
            throw StoreError.sessionLost(session: id, state: found.state.rawValue, by: nil, since: nil)
        }
        guard let held = found.lease, held.token == token else {
            // Released or held by another walk: name the last walk that took it.
            let last = try tx.lastLeaseHolder(session: id)
            throw StoreError.sessionLost(session: id, state: "taken-over", by: last.holder, since: last.taken)
        }
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
        return try write { tx in
            if let open = try tx.openSession(customerID: customerID) {
                let held = try tx.lease(session: open.id)?.lease
                var previous: WalkLease?
                if let held, held.token != lease.token, held.isLive() {
                    guard takeOver else {
                        throw StoreError.sessionHeld(
                            session: open.id, holder: held.holder, host: held.host, since: held.taken)
                    }
                    previous = held
                    try RelationshipStore.audit(
                        tx, actor, action: "take-over", customerID: customerID, items: [open.id, held.holder],
                        outcome: "done", reasons: [], context: AuditContext(session: open.id, locale: open.locale))
                }
                try tx.setLease(lease, session: open.id)
                return WalkStart(record: open, resumed: true, tookOverFrom: previous)
            }
            guard let account = try tx.account(customerID) else {
                throw StoreError.customerNotFound(customerID)
            }
            var record = try fresh(account)
            record.updated = AuditClock.now()
            try tx.save(record)
            try tx.setLease(lease, session: record.id)
            try RelationshipStore.audit(
                tx, actor, action: "walk-start", customerID: customerID, items: [record.id], outcome: "done",
                reasons: [], context: AuditContext(session: record.id, step: record.id, locale: record.locale))
            return WalkStart(record: record, resumed: false, tookOverFrom: nil)
        }
    }

    /// Renews the lease's heartbeat; false when this walk no longer holds the session.
    @discardableResult
    public func renewLease(session id: String, token: String) throws(StoreError) -> Bool {
        try write { try $0.renewLease(session: id, token: token, at: AuditClock.now()) }
    }

    /// Lets go of the session (a walk that saved and quit): the next walk resumes it at once. Who
    /// held it last stays recorded.
    public func releaseLease(session id: String, token: String) throws(StoreError) {
        try write { try $0.releaseLease(session: id, token: token) }
    }
}
