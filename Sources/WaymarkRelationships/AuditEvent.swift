import Foundation

/// Where an action came from when a guided walkthrough did it.
public struct AuditContext: Sendable, Hashable, Codable {
    public var session: String?
    public var step: String?
    public var locale: String?
    /// The walk's lease token: an action done for a session is written only while the walk
    /// still holds that session. Not part of the audit trail.
    public var lease: String?

    public init(session: String? = nil, step: String? = nil, locale: String? = nil, lease: String? = nil) {
        self.session = session
        self.step = step
        self.locale = locale
        self.lease = lease
    }
}

/// One entry of the append-only audit trail: who did what, in which role, to which items, when,
/// and whether it was done or refused (with the reasons).
public struct AuditEvent: Sendable, Hashable, Codable {
    public var id: Int64?
    /// ISO 8601, UTC.
    public var time: String
    public var operatorName: String
    public var role: String
    public var action: String
    public var customerID: String?
    public var items: [String]
    /// `done` or `refused`.
    public var outcome: String
    public var reasons: [String]
    public var session: String?
    public var step: String?
    public var locale: String?

    public init(
        id: Int64?, time: String, operatorName: String, role: String, action: String, customerID: String?,
        items: [String], outcome: String, reasons: [String], session: String?, step: String?, locale: String?
    ) {
        self.id = id
        self.time = time
        self.operatorName = operatorName
        self.role = role
        self.action = action
        self.customerID = customerID
        self.items = items
        self.outcome = outcome
        self.reasons = reasons
        self.session = session
        self.step = step
        self.locale = locale
    }
}

extension AuditEvent {
    /// An event's items or reasons as both stores keep them: one JSON array of strings in a text column.
    public static func storedList(_ list: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(list), as: UTF8.self)) ?? "[]"
    }

    /// The list `storedList` wrote; empty when the text is not such an array.
    public static func list(stored text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
