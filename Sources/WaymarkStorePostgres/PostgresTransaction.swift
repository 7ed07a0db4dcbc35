import Foundation
import Logging
internal import PostgresNIO
import WaymarkRelationships

/// A value bound to a statement's `$n`.
enum SQLValue {
    case text(String?)
    case int(Int?)
    case bool(Bool)
}

/// One PostgreSQL transaction, in the model's terms. Tables and columns are the SQLite store's,
/// folded to lower case as PostgreSQL does with unquoted names.
struct PostgresTransaction: StoreTransaction {
    let connection: PostgresConnection
    let logger: Logger
    let backend: PostgresBackend

    /// Runs `sql` with `values` bound in order; the rows it returned and how many it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) throws -> (rows: [PostgresRandomAccessRow], changed: Int) {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .int(let number): binds.append(number)
            case .bool(let flag): binds.append(flag)
            }
        }
        let result = try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait()
        return (result.rows.map { $0.makeRandomAccess() }, result.metadata.rows ?? 0)
    }

    func execute(_ sql: String) throws { try run(sql) }

    // MARK: Model

    private static let customerColumns = """
        id, partnerid, companyname, domain, relationship, inpartnercustomerlist, partnerissupportcontact,
        delegatedadminprivileges, purchasesallowed
        """

    private func customer(_ row: PostgresRandomAccessRow) throws -> Customer {
        let state = try row[4].decode(String.self)
        guard let relationship = RelationshipState(rawValue: state) else {
            throw StoreError.corrupt(
                path: backend.location,
                detail: "customer \(try row[0].decode(String.self)) has an unknown relationship state")
        }
        return Customer(
            id: try row[0].decode(String.self), partnerID: try row[1].decode(String.self),
            companyName: try row[2].decode(String.self), domain: try row[3].decode(String.self),
            relationship: relationship, inPartnerCustomerList: try row[5].decode(Bool.self),
            partnerIsSupportContact: try row[6].decode(Bool.self),
            delegatedAdminPrivileges: try row[7].decode(Bool.self), purchasesAllowed: try row[8].decode(Bool.self))
    }

    private func subscription(_ row: PostgresRandomAccessRow) throws -> Subscription {
        let status = try row[5].decode(String.self)
        let commerce = try row[4].decode(String.self)
        guard let s = SubscriptionStatus(rawValue: status), let c = CommerceType(rawValue: commerce) else {
            throw StoreError.corrupt(path: backend.location, detail: "subscription \(try row[0].decode(String.self))")
        }
        return Subscription(
            id: try row[0].decode(String.self), customerID: try row[1].decode(String.self),
            offerName: try row[2].decode(String.self), quantity: try row[3].decode(Int.self), status: s, commerce: c)
    }

    private func item(_ row: PostgresRandomAccessRow) throws -> (
        id: String, customer: String, name: String, status: ItemStatus
    ) {
        let status = try row[3].decode(String.self)
        guard let s = ItemStatus(rawValue: status) else {
            throw StoreError.corrupt(path: backend.location, detail: "item \(try row[0].decode(String.self))")
        }
        return (try row[0].decode(String.self), try row[1].decode(String.self), try row[2].decode(String.self), s)
    }

    private static let subscriptionColumns = "id, customerid, offername, quantity, commerce, status"

    func partners() throws -> [Partner] {
        try run("SELECT id, name, kind FROM partner ORDER BY id").rows.map { row in
            let kind = try row[2].decode(String.self)
            guard let k = PartnerKind(rawValue: kind) else {
                throw StoreError.corrupt(path: backend.location, detail: "partner kind \(kind)")
            }
            return Partner(id: try row[0].decode(String.self), name: try row[1].decode(String.self), kind: k)
        }
    }

    func partnerCount() throws -> Int { try run("SELECT count(*) FROM partner").rows[0][0].decode(Int.self) }

    func customers() throws -> [Customer] {
        try run("SELECT \(Self.customerColumns) FROM customer ORDER BY companyname, id").rows.map(customer)
    }

    func customer(_ id: String) throws -> Customer? {
        try run("SELECT \(Self.customerColumns) FROM customer WHERE id = $1", [.text(id)]).rows.first.map(customer)
    }

    func subscriptions(of customerID: String) throws -> [Subscription] {
        try run(
            "SELECT \(Self.subscriptionColumns) FROM subscription WHERE customerid = $1 ORDER BY offername, id",
            [.text(customerID)]
        ).rows.map(subscription)
    }

    func reservations(of customerID: String) throws -> [Reservation] {
        try run(
            "SELECT id, customerid, name, status FROM reservation WHERE customerid = $1 ORDER BY name, id",
            [.text(customerID)]
        ).rows.map(item).map { Reservation(id: $0.id, customerID: $0.customer, name: $0.name, status: $0.status) }
    }

    func softwarePurchases(of customerID: String) throws -> [SoftwarePurchase] {
        try run(
            "SELECT id, customerid, name, status FROM softwarepurchase WHERE customerid = $1 ORDER BY name, id",
            [.text(customerID)]
        ).rows.map(item).map { SoftwarePurchase(id: $0.id, customerID: $0.customer, name: $0.name, status: $0.status) }
    }

    func subscription(_ id: String) throws -> Subscription? {
        try run("SELECT \(Self.subscriptionColumns) FROM subscription WHERE id = $1", [.text(id)]).rows.first.map(
            subscription)
    }

    func reservation(_ id: String) throws -> Reservation? {
        try run("SELECT id, customerid, name, status FROM reservation WHERE id = $1", [.text(id)]).rows.first.map(item)
            .map { Reservation(id: $0.id, customerID: $0.customer, name: $0.name, status: $0.status) }
    }

    func softwarePurchase(_ id: String) throws -> SoftwarePurchase? {
        try run("SELECT id, customerid, name, status FROM softwarepurchase WHERE id = $1", [.text(id)]).rows.first
            .map(item).map { SoftwarePurchase(id: $0.id, customerID: $0.customer, name: $0.name, status: $0.status) }
    }

    func allSubscriptions() throws -> [Subscription] {
        try run("SELECT \(Self.subscriptionColumns) FROM subscription ORDER BY id").rows.map(subscription)
    }

    func allReservations() throws -> [Reservation] {
        try run("SELECT id, customerid, name, status FROM reservation ORDER BY id").rows.map(item)
            .map { Reservation(id: $0.id, customerID: $0.customer, name: $0.name, status: $0.status) }
    }

    func allSoftwarePurchases() throws -> [SoftwarePurchase] {
        try run("SELECT id, customerid, name, status FROM softwarepurchase ORDER BY id").rows.map(item)
            .map { SoftwarePurchase(id: $0.id, customerID: $0.customer, name: $0.name, status: $0.status) }
    }

    func customerSummaries(limit: Int?, offset: Int) throws -> [CustomerSummary] {
        let columns = Self.customerColumns.split(separator: ",").map {
            "c." + $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return try run(
            """
            SELECT \(columns.joined(separator: ", ")),
              (SELECT count(*) FROM subscription s WHERE s.customerid = c.id AND s.status = 'active')
            FROM customer c ORDER BY c.companyname, c.id LIMIT $1 OFFSET $2
            """, [.int(limit), .int(offset)]
        ).rows.map { CustomerSummary(customer: try customer($0), activeSubscriptions: try $0[9].decode(Int.self)) }
    }

    func accounts(limit: Int?, offset: Int) throws -> [CustomerAccount] {
        let customers = try run(
            "SELECT \(Self.customerColumns) FROM customer ORDER BY companyname, id LIMIT $1 OFFSET $2",
            [.int(limit), .int(offset)]
        ).rows.map(customer)
        let page = "SELECT id FROM customer ORDER BY companyname, id LIMIT $1 OFFSET $2"
        let subscriptions = Dictionary(
            grouping: try run(
                "SELECT t.\(Self.subscriptionColumns.replacingOccurrences(of: ", ", with: ", t.")) FROM subscription t JOIN (\(page)) p ON t.customerid = p.id ORDER BY t.offername, t.id",
                [.int(limit), .int(offset)]
            ).rows.map(subscription), by: \.customerID)
        func items(_ table: String) throws -> [String: [(
            id: String, customer: String, name: String, status: ItemStatus
        )]] {
            Dictionary(
                grouping: try run(
                    "SELECT t.id, t.customerid, t.name, t.status FROM \(table) t JOIN (\(page)) p ON t.customerid = p.id ORDER BY t.name, t.id",
                    [.int(limit), .int(offset)]
                ).rows.map(item), by: \.customer)
        }
        let reservations = try items("reservation")
        let purchases = try items("softwarepurchase")
        return customers.map { c in
            CustomerAccount(
                customer: c, subscriptions: subscriptions[c.id] ?? [],
                reservations: (reservations[c.id] ?? []).map {
                    Reservation(id: $0.id, customerID: $0.customer, name: $0.name, status: $0.status)
                },
                softwarePurchases: (purchases[c.id] ?? []).map {
                    SoftwarePurchase(id: $0.id, customerID: $0.customer, name: $0.name, status: $0.status)
                })
        }
    }

    func deleteModel() throws {
        for table in ["subscription", "reservation", "softwarepurchase", "customer", "partner"] {
            try execute("DELETE FROM \(table)")
        }
    }

    func save(_ partner: Partner) throws {
        try run(
            """
            INSERT INTO partner (id, name, kind) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind
            """, [.text(partner.id), .text(partner.name), .text(partner.kind.rawValue)])
    }

    func save(_ c: Customer) throws {
        try run(
            """
            INSERT INTO customer (\(Self.customerColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (id) DO UPDATE SET partnerid = excluded.partnerid, companyname = excluded.companyname,
              domain = excluded.domain, relationship = excluded.relationship,
              inpartnercustomerlist = excluded.inpartnercustomerlist,
              partnerissupportcontact = excluded.partnerissupportcontact,
              delegatedadminprivileges = excluded.delegatedadminprivileges, purchasesallowed = excluded.purchasesallowed
            """,
            [
                .text(c.id), .text(c.partnerID), .text(c.companyName), .text(c.domain), .text(c.relationship.rawValue),
                .bool(c.inPartnerCustomerList), .bool(c.partnerIsSupportContact), .bool(c.delegatedAdminPrivileges),
                .bool(c.purchasesAllowed),
            ])
    }

    func save(_ s: Subscription) throws {
        try run(
            """
            INSERT INTO subscription (\(Self.subscriptionColumns)) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO UPDATE SET customerid = excluded.customerid, offername = excluded.offername,
              quantity = excluded.quantity, commerce = excluded.commerce, status = excluded.status
            """,
            [
                .text(s.id), .text(s.customerID), .text(s.offerName), .int(s.quantity), .text(s.commerce.rawValue),
                .text(s.status.rawValue),
            ])
    }

    private func saveItem(_ table: String, _ id: String, _ customer: String, _ name: String, _ status: ItemStatus)
        throws
    {
        try run(
            """
            INSERT INTO \(table) (id, customerid, name, status) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET customerid = excluded.customerid, name = excluded.name, status = excluded.status
            """, [.text(id), .text(customer), .text(name), .text(status.rawValue)])
    }

    func save(_ r: Reservation) throws { try saveItem("reservation", r.id, r.customerID, r.name, r.status) }
    func save(_ p: SoftwarePurchase) throws { try saveItem("softwarepurchase", p.id, p.customerID, p.name, p.status) }

    // MARK: Audit

    private static let auditColumns =
        "time, operatorname, role, action, customerid, items, outcome, reasons, session, step, locale"

    func append(_ event: AuditEvent) throws -> Int64 {
        let values: [SQLValue] = [
            .text(event.time), .text(event.operatorName), .text(event.role), .text(event.action),
            .text(event.customerID), .text(AuditEvent.storedList(event.items)), .text(event.outcome),
            .text(AuditEvent.storedList(event.reasons)), .text(event.session), .text(event.step), .text(event.locale),
        ]
        if let id = event.id {
            try run(
                "INSERT INTO audit (id, \(Self.auditColumns)) OVERRIDING SYSTEM VALUE VALUES ($12, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                values + [.int(Int(id))])
            // The identity's next value follows the copied ids.
            try run("SELECT setval(pg_get_serial_sequence('audit', 'id'), (SELECT max(id) FROM audit))")
            return id
        }
        let rows = try run(
            "INSERT INTO audit (\(Self.auditColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
            values
        ).rows
        return Int64(try rows[0][0].decode(Int.self))
    }

    func auditTrail(customerID: String?) throws -> [AuditEvent] {
        let sql = "SELECT id, \(Self.auditColumns) FROM audit"
        let rows =
            if let customerID {
                try run(sql + " WHERE customerid = $1 ORDER BY id", [.text(customerID)]).rows
            } else {
                try run(sql + " ORDER BY id").rows
            }
        return try rows.map { row in
            AuditEvent(
                id: Int64(try row[0].decode(Int.self)), time: try row[1].decode(String.self),
                operatorName: try row[2].decode(String.self), role: try row[3].decode(String.self),
                action: try row[4].decode(String.self), customerID: try row[5].decode(String?.self),
                items: AuditEvent.list(stored: try row[6].decode(String.self)), outcome: try row[7].decode(String.self),
                reasons: AuditEvent.list(stored: try row[8].decode(String.self)),
                session: try row[9].decode(String?.self),
                step: try row[10].decode(String?.self), locale: try row[11].decode(String?.self))
        }
    }

    func auditCount() throws -> Int { try run("SELECT count(*) FROM audit").rows[0][0].decode(Int.self) }

}
