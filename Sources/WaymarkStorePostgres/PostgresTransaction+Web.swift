import Foundation
internal import PostgresNIO
import WaymarkRelationships

/// Operators, browser sign-ins and failed sign-ins, for `waymark serve`.
extension PostgresTransaction {
    // MARK: Operators

    func operators() throws -> [OperatorRecord] {
        try run("SELECT name, role, passwordhash, created FROM operator ORDER BY name").rows.map { row in
            let role = try row[1].decode(String.self)
            guard let r = OperatorRole(rawValue: role) else {
                throw StoreError.corrupt(path: backend.location, detail: "operator role \(role)")
            }
            return OperatorRecord(
                name: try row[0].decode(String.self), role: r, passwordHash: try row[2].decode(String?.self),
                created: try row[3].decode(String.self))
        }
    }

    func save(_ record: OperatorRecord) throws {
        try run(
            """
            INSERT INTO operator (name, role, passwordhash, created) VALUES ($1, $2, $3, $4)
            ON CONFLICT (name) DO UPDATE SET role = excluded.role, passwordhash = excluded.passwordhash
            """, [.text(record.name), .text(record.role.rawValue), .text(record.passwordHash), .text(record.created)])
    }

    func deleteOperator(_ name: String) throws -> Bool {
        try run("DELETE FROM operator WHERE name = $1", [.text(name)]).changed > 0
    }

    // MARK: Browser sessions

    func webSession(_ id: String) throws -> WebSessionRecord? {
        try run(
            "SELECT id, operatorname, formtoken, locale, created, expires FROM websession WHERE id = $1", [.text(id)]
        ).rows.first.map {
            WebSessionRecord(
                id: try $0[0].decode(String.self), operatorName: try $0[1].decode(String.self),
                formToken: try $0[2].decode(String.self), locale: try $0[3].decode(String?.self),
                created: try $0[4].decode(String.self), expires: try $0[5].decode(String.self))
        }
    }

    func save(_ session: WebSessionRecord) throws {
        try run(
            """
            INSERT INTO websession (id, operatorname, formtoken, locale, created, expires)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO UPDATE SET operatorname = excluded.operatorname, formtoken = excluded.formtoken,
              locale = excluded.locale, created = excluded.created, expires = excluded.expires
            """,
            [
                .text(session.id), .text(session.operatorName), .text(session.formToken), .text(session.locale),
                .text(session.created), .text(session.expires),
            ])
    }

    func deleteWebSession(_ id: String) throws { try run("DELETE FROM websession WHERE id = $1", [.text(id)]) }

    func deleteWebSessions(operatorName: String) throws {
        try run("DELETE FROM websession WHERE operatorname = $1", [.text(operatorName)])
    }

    func deleteExpiredWebSessions(now: String) throws {
        try run("DELETE FROM websession WHERE expires <= $1", [.text(now)])
    }

    func signInFailures(operatorName: String, address: String, since: String) throws -> Int {
        try run(
            "SELECT count(*) FROM signinfailure WHERE operatorname = $1 AND address = $2 AND time >= $3",
            [.text(operatorName), .text(address), .text(since)]
        ).rows[0][0].decode(Int.self)
    }

    func recordSignInFailure(operatorName: String, address: String, time: String) throws {
        try run(
            "INSERT INTO signinfailure (operatorname, address, time) VALUES ($1, $2, $3)",
            [.text(operatorName), .text(address), .text(time)])
    }

    func clearSignInFailures(operatorName: String, address: String) throws {
        try run(
            "DELETE FROM signinfailure WHERE operatorname = $1 AND address = $2", [.text(operatorName), .text(address)])
    }
}
