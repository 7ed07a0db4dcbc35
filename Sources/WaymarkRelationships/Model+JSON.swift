import WaymarkCore

extension CustomerAccount {
    /// A customer and its items as JSON; `relationship` is `active` or `removed`.
    public var json: JSONValue {
        let c = customer
        return .object([
            ("id", .string(c.id)), ("companyName", .string(c.companyName)), ("domain", .string(c.domain)),
            ("partner", .string(c.partnerID)), ("relationship", .string(c.relationship.rawValue)),
            ("inPartnerCustomerList", .bool(c.inPartnerCustomerList)),
            ("partnerIsSupportContact", .bool(c.partnerIsSupportContact)),
            ("delegatedAdminPrivileges", .bool(c.delegatedAdminPrivileges)),
            ("purchasesAllowed", .bool(c.purchasesAllowed)),
            (
                "subscriptions",
                .array(
                    subscriptions.map {
                        .object([
                            ("id", .string($0.id)), ("offerName", .string($0.offerName)),
                            ("quantity", .int($0.quantity)),
                            ("status", .string($0.status.rawValue)), ("commerce", .string($0.commerce.rawValue)),
                        ])
                    })
            ),
            (
                "reservations",
                .array(
                    reservations.map {
                        .object([
                            ("id", .string($0.id)), ("name", .string($0.name)), ("status", .string($0.status.rawValue)),
                        ])
                    })
            ),
            (
                "softwarePurchases",
                .array(
                    softwarePurchases.map {
                        .object([
                            ("id", .string($0.id)), ("name", .string($0.name)), ("status", .string($0.status.rawValue)),
                        ])
                    })
            ),
        ])
    }
}

extension AuditEvent {
    /// An audit event as `audit --format json` and the web API write it.
    public var json: JSONValue {
        let optional = { (s: String?) in s.map(JSONValue.string) ?? .null }
        return .object([
            ("id", id.map { .int(Int($0)) } ?? .null), ("time", .string(time)), ("operator", .string(operatorName)),
            ("role", .string(role)), ("action", .string(action)), ("customer", optional(customerID)),
            ("items", .array(items.map(JSONValue.string))), ("outcome", .string(outcome)),
            ("reasons", .array(reasons.map(JSONValue.string))), ("session", optional(session)),
            ("step", optional(step)),
            ("locale", optional(locale)),
        ])
    }
}
