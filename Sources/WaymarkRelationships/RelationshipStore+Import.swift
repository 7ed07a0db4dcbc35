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
        return try write { tx in
            // What is stored, read once each: the import's ids are compared in memory.
            var stored: [String: Customer] = [:]
            for c in try tx.customers() { stored[c.id] = c }
            var owners: [String: Subscription] = [:]
            for s in try tx.allSubscriptions() { owners[s.id] = s }
            let partners = Set(try tx.partners().map(\.id))
            for p in data.partners where !partners.contains(p.id) { try tx.save(p) }

            var summary = ImportSummary()
            var changes: [String] = []
            let names = Dictionary(data.customers.map { ($0.id, $0.companyName) }, uniquingKeysWith: { a, _ in a })
            for c in data.customers {
                guard let existing = stored[c.id] else { continue }
                if existing.relationship == .removed {
                    throw StoreError.importRejected(
                        .relationshipRemoved(customerID: c.id, name: existing.companyName), at: nil)
                }
                if existing.partnerID != c.partnerID {
                    throw StoreError.importRejected(
                        .otherPartner(
                            customerID: c.id, name: existing.companyName, owner: existing.partnerID,
                            partner: c.partnerID))
                }
            }
            for s in data.subscriptions {
                if let owner = owners[s.id], owner.customerID != s.customerID {
                    throw StoreError.importRejected(
                        .itemOfOtherCustomer(
                            itemID: s.id, name: owner.offerName, owner: owner.customerID,
                            ownerName: stored[owner.customerID]?.companyName ?? owner.customerID,
                            customer: s.customerID))
                }
            }
            for c in data.customers {
                if let existing = stored[c.id] {
                    if existing.companyName == c.companyName && existing.domain == c.domain {
                        summary.unchanged += 1
                        continue
                    }
                    var updated = existing
                    updated.companyName = c.companyName
                    updated.domain = c.domain
                    try tx.save(updated)
                    summary.customersUpdated += 1
                    changes.append("customer updated: " + c.id)
                } else {
                    try tx.save(
                        Customer(
                            id: c.id, partnerID: c.partnerID, companyName: c.companyName, domain: c.domain,
                            relationship: .active, inPartnerCustomerList: true, partnerIsSupportContact: true,
                            delegatedAdminPrivileges: true, purchasesAllowed: true))
                    summary.customersAdded += 1
                    changes.append("customer added: " + c.id)
                }
            }
            for sub in data.subscriptions {
                if let owner = owners[sub.id] {
                    if owner.offerName == sub.offerName && owner.status == sub.status && owner.quantity == sub.quantity
                    {
                        summary.unchanged += 1
                        continue
                    }
                    try tx.save(sub)
                    summary.subscriptionsUpdated += 1
                    changes.append(
                        "subscription updated: \(sub.id) (\(owner.status.rawValue) -> \(sub.status.rawValue))")
                } else {
                    try tx.save(sub)
                    summary.subscriptionsAdded += 1
                    changes.append("subscription added: \(sub.id) (\(names[sub.customerID] ?? sub.customerID))")
                }
            }
            try RelationshipStore.audit(
                tx, actor, action: "import", customerID: nil, items: changes, outcome: "done", reasons: [], context: nil
            )
            return summary
        }
    }
}
