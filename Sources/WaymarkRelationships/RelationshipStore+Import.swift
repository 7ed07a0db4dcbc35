import GRDB

extension RelationshipStore {
    /// What an import changed.
    public struct ImportSummary: Sendable, Hashable {
        public var customersAdded = 0
        public var customersUpdated = 0
        public var subscriptionsAdded = 0
        public var subscriptionsUpdated = 0
        public var unchanged = 0
    }

    /// Adds or updates the customers and subscriptions of `data` (from `PartnerCenterImport`) for
    /// its one partner, all or nothing, and audits what changed.
    ///
    /// Never undoes history: a customer whose relationship was removed, a customer of another
    /// partner, or a subscription id that is another customer's refuses the whole import with
    /// both names. An existing customer keeps its relationship and its flags; only its name and
    /// domain are updated.
    @discardableResult
    public func importData(_ data: ModelData, by actor: Operator) throws(StoreError) -> ImportSummary {
        try RecordValue.check(actor.name, .operatorName)
        return try write { db in
            for p in data.partners { try p.insert(db, onConflict: .ignore) }
            // What is stored, read once each: the import's ids are compared in memory.
            var stored: [String: (partner: String, name: String, removed: Bool, domain: String)] = [:]
            let customers = try Row.fetchCursor(
                db, sql: "SELECT id, partnerID, companyName, relationship, domain FROM customer")
            while let row = try customers.next() {
                stored[row[0]] = (row[1], row[2], (row[3] as String) == RelationshipState.removed.rawValue, row[4])
            }
            var owners: [String: (customer: String, name: String, status: String, quantity: Int)] = [:]
            let subscriptions = try Row.fetchCursor(
                db, sql: "SELECT id, customerID, offerName, status, quantity FROM subscription")
            while let row = try subscriptions.next() { owners[row[0]] = (row[1], row[2], row[3], row[4]) }

            var summary = ImportSummary()
            var changes: [String] = []
            let names = Dictionary(data.customers.map { ($0.id, $0.companyName) }, uniquingKeysWith: { a, _ in a })
            for c in data.customers {
                guard let existing = stored[c.id] else { continue }
                if existing.removed {
                    throw StoreError.importRejected(
                        .relationshipRemoved(customerID: c.id, name: existing.name), at: nil)
                }
                if existing.partner != c.partnerID {
                    throw StoreError.importRejected(
                        .otherPartner(
                            customerID: c.id, name: existing.name, owner: existing.partner, partner: c.partnerID))
                }
            }
            for s in data.subscriptions {
                if let owner = owners[s.id], owner.customer != s.customerID {
                    throw StoreError.importRejected(
                        .itemOfOtherCustomer(
                            itemID: s.id, name: owner.name, owner: owner.customer,
                            ownerName: stored[owner.customer]?.name ?? owner.customer, customer: s.customerID))
                }
            }
            let insertCustomer = try db.cachedStatement(
                sql: """
                    INSERT INTO customer (id, partnerID, companyName, domain, relationship, inPartnerCustomerList,
                      partnerIsSupportContact, delegatedAdminPrivileges, purchasesAllowed) VALUES (?, ?, ?, ?, ?, 1, 1, 1, 1)
                    """)
            let updateCustomer = try db.cachedStatement(
                sql: "UPDATE customer SET companyName = ?, domain = ? WHERE id = ?")
            for c in data.customers {
                if let existing = stored[c.id] {
                    if existing.name == c.companyName && existing.domain == c.domain {
                        summary.unchanged += 1
                        continue
                    }
                    try updateCustomer.execute(arguments: [c.companyName, c.domain, c.id])
                    summary.customersUpdated += 1
                    changes.append("customer updated: " + c.id)
                } else {
                    try insertCustomer.execute(
                        arguments: [c.id, c.partnerID, c.companyName, c.domain, RelationshipState.active.rawValue])
                    summary.customersAdded += 1
                    changes.append("customer added: " + c.id)
                }
            }
            let insertSubscription = try db.cachedStatement(
                sql:
                    "INSERT INTO subscription (id, customerID, offerName, quantity, commerce, status) VALUES (?, ?, ?, ?, ?, ?)"
            )
            let updateSubscription = try db.cachedStatement(
                sql: "UPDATE subscription SET offerName = ?, quantity = ?, commerce = ?, status = ? WHERE id = ?")
            for sub in data.subscriptions {
                if let owner = owners[sub.id] {
                    if owner.name == sub.offerName && owner.status == sub.status.rawValue
                        && owner.quantity == sub.quantity
                    {
                        summary.unchanged += 1
                        continue
                    }
                    try updateSubscription.execute(
                        arguments: [sub.offerName, sub.quantity, sub.commerce.rawValue, sub.status.rawValue, sub.id])
                    summary.subscriptionsUpdated += 1
                    changes.append("subscription updated: \(sub.id) (\(owner.status) -> \(sub.status.rawValue))")
                } else {
                    try insertSubscription.execute(
                        arguments: [
                            sub.id, sub.customerID, sub.offerName, sub.quantity, sub.commerce.rawValue,
                            sub.status.rawValue,
                        ])
                    summary.subscriptionsAdded += 1
                    changes.append("subscription added: \(sub.id) (\(names[sub.customerID] ?? sub.customerID))")
                }
            }
            try RelationshipStore.audit(
                db, actor, action: "import", customerID: nil, items: changes, outcome: "done", reasons: [], context: nil
            )
            return summary
        }
    }
}
