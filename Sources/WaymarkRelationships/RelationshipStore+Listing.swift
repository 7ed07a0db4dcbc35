import GRDB

extension RelationshipStore {
    /// A customer with the number of its active subscriptions: a line of `customers list`.
    public struct CustomerSummary: Sendable, Hashable {
        public var customer: Customer
        public var activeSubscriptions: Int
    }

    /// One page of customers by name (`limit` nil: all from `offset`), each with its count of
    /// active subscriptions, in one query.
    public func customerSummaries(limit: Int? = nil, offset: Int = 0) throws(StoreError) -> [CustomerSummary] {
        try read { db in
            // Columns by position: decoding a hundred thousand rows through Codable costs more than the query.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.id, c.partnerID, c.companyName, c.domain, c.relationship, c.inPartnerCustomerList,
                      c.partnerIsSupportContact, c.delegatedAdminPrivileges, c.purchasesAllowed,
                      (SELECT COUNT(*) FROM subscription s WHERE s.customerID = c.id AND s.status = 'active')
                    FROM customer c ORDER BY c.companyName, c.id LIMIT ? OFFSET ?
                    """, arguments: [limit ?? -1, offset])
            var out: [CustomerSummary] = []
            let path = self.path
            while let row = try rows.next() {
                guard let relationship = RelationshipState(rawValue: row[4]) else {
                    throw StoreError.corrupt(
                        path: path, detail: "customer \(row[0] as String) has an unknown relationship state")
                }
                let customer = Customer(
                    id: row[0], partnerID: row[1], companyName: row[2], domain: row[3],
                    relationship: relationship, inPartnerCustomerList: row[5],
                    partnerIsSupportContact: row[6], delegatedAdminPrivileges: row[7], purchasesAllowed: row[8])
                out.append(CustomerSummary(customer: customer, activeSubscriptions: row[9]))
            }
            return out
        }
    }

    /// One page of customers by name with all their items, in four queries whatever the page size.
    public func accounts(limit: Int? = nil, offset: Int = 0) throws(StoreError) -> [CustomerAccount] {
        try read { db in
            let page = "SELECT id FROM customer ORDER BY companyName, id LIMIT ? OFFSET ?"
            let arguments: StatementArguments = [limit ?? -1, offset]
            let customers = try Customer.fetchAll(
                db, sql: "SELECT * FROM customer ORDER BY companyName, id LIMIT ? OFFSET ?", arguments: arguments)
            func items<T: FetchableRecord>(_ table: String, _ order: String) throws -> [String: [T]] {
                let all = try T.fetchAll(
                    db,
                    sql: "SELECT t.* FROM \(table) t JOIN (\(page)) p ON t.customerID = p.id ORDER BY t.\(order)",
                    arguments: arguments)
                var grouped: [String: [T]] = [:]
                for item in all {
                    let owner = (item as? any CustomerItem)?.customerID ?? ""
                    grouped[owner, default: []].append(item)
                }
                return grouped
            }
            let subscriptions: [String: [Subscription]] = try items("subscription", "offerName")
            let reservations: [String: [Reservation]] = try items("reservation", "name")
            let purchases: [String: [SoftwarePurchase]] = try items("softwarePurchase", "name")
            return customers.map {
                CustomerAccount(
                    customer: $0, subscriptions: subscriptions[$0.id] ?? [], reservations: reservations[$0.id] ?? [],
                    softwarePurchases: purchases[$0.id] ?? [])
            }
        }
    }
}
