import Foundation
internal import PostgresNIO
import WaymarkRelationships

/// Walk sessions and the leases that keep one walk per customer.
extension PostgresTransaction {
    // MARK: Sessions

    private static let sessionColumns =
        "id, customerid, article, procedure, state, locale, operatorname, role, payload, created, updated"

    private func session(_ row: PostgresRandomAccessRow) throws -> WalkSessionRecord {
        let state = try row[4].decode(String.self)
        guard let s = WalkSessionRecord.State(rawValue: state) else {
            throw StoreError.corrupt(path: backend.location, detail: "session state \(state)")
        }
        return WalkSessionRecord(
            id: try row[0].decode(String.self), customerID: try row[1].decode(String.self),
            article: try row[2].decode(String.self), procedure: try row[3].decode(String.self), state: s,
            locale: try row[5].decode(String.self), operatorName: try row[6].decode(String.self),
            role: try row[7].decode(String.self), payload: try row[8].decode(String.self),
            created: try row[9].decode(String.self), updated: try row[10].decode(String.self))
    }

    func sessions() throws -> [WalkSessionRecord] {
        try run("SELECT \(Self.sessionColumns) FROM walksession ORDER BY updated DESC, id").rows.map(session)
    }

    func session(_ id: String) throws -> WalkSessionRecord? {
        try run("SELECT \(Self.sessionColumns) FROM walksession WHERE id = $1", [.text(id)]).rows.first.map(session)
    }

    func openSession(customerID: String) throws -> WalkSessionRecord? {
        try run(
            "SELECT \(Self.sessionColumns) FROM walksession WHERE customerid = $1 AND state = 'open'",
            [.text(customerID)]
        ).rows.first.map(session)
    }

    func save(_ s: WalkSessionRecord) throws {
        try run(
            """
            INSERT INTO walksession (\(Self.sessionColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (id) DO UPDATE SET customerid = excluded.customerid, article = excluded.article,
              procedure = excluded.procedure, state = excluded.state, locale = excluded.locale,
              operatorname = excluded.operatorname, role = excluded.role, payload = excluded.payload,
              created = excluded.created, updated = excluded.updated
            """,
            [
                .text(s.id), .text(s.customerID), .text(s.article), .text(s.procedure), .text(s.state.rawValue),
                .text(s.locale), .text(s.operatorName), .text(s.role), .text(s.payload), .text(s.created),
                .text(s.updated),
            ])
    }

    func saveProgress(of s: WalkSessionRecord) throws {
        try run(
            "UPDATE walksession SET payload = $1, locale = $2, state = $3, updated = $4 WHERE id = $5",
            [.text(s.payload), .text(s.locale), .text(s.state.rawValue), .text(s.updated), .text(s.id)])
    }

    func setState(_ state: WalkSessionRecord.State, session id: String, updated: String) throws {
        try run(
            "UPDATE walksession SET state = $1, updated = $2 WHERE id = $3",
            [.text(state.rawValue), .text(updated), .text(id)])
    }

    func lease(session id: String) throws -> (state: WalkSessionRecord.State, lease: WalkLease?)? {
        guard
            let row = try run(
                """
                SELECT state, leaseowner, leaseholder, leasehost, leasepid, leasestart, leasetaken, leaseheartbeat
                FROM walksession WHERE id = $1
                """, [.text(id)]
            ).rows.first
        else { return nil }
        let state = WalkSessionRecord.State(rawValue: try row[0].decode(String.self)) ?? .abandoned
        guard let owner = try row[1].decode(String?.self) else { return (state, nil) }
        return (
            state,
            WalkLease(
                token: owner, holder: try row[2].decode(String?.self) ?? "",
                host: try row[3].decode(String?.self) ?? "",
                pid: Int32(try row[4].decode(Int?.self) ?? 0), processStart: try row[5].decode(String?.self) ?? "",
                taken: try row[6].decode(String?.self) ?? "", heartbeat: try row[7].decode(String?.self) ?? "")
        )
    }

    func lastLeaseHolder(session id: String) throws -> (holder: String?, taken: String?) {
        guard
            let row = try run("SELECT leaseholder, leasetaken FROM walksession WHERE id = $1", [.text(id)]).rows.first
        else { return (nil, nil) }
        return (try row[0].decode(String?.self), try row[1].decode(String?.self))
    }

    func setLease(_ lease: WalkLease?, session id: String) throws {
        try run(
            """
            UPDATE walksession SET leaseowner = $1, leaseholder = $2, leasehost = $3, leasepid = $4, leasestart = $5,
              leasetaken = $6, leaseheartbeat = $7 WHERE id = $8
            """,
            [
                .text(lease?.token), .text(lease?.holder), .text(lease?.host), .int(lease.map { Int($0.pid) }),
                .text(lease?.processStart), .text(lease?.taken), .text(lease?.heartbeat), .text(id),
            ])
    }

    func renewLease(session id: String, token: String, at time: String) throws -> Bool {
        try run(
            "UPDATE walksession SET leaseheartbeat = $1 WHERE id = $2 AND leaseowner = $3",
            [.text(time), .text(id), .text(token)]
        ).changed > 0
    }

    func releaseLease(session id: String, token: String) throws {
        try run(
            "UPDATE walksession SET leaseowner = NULL, leaseheartbeat = NULL WHERE id = $1 AND leaseowner = $2",
            [.text(id), .text(token)])
    }
}
