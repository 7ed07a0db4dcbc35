import WaymarkCore
import WaymarkRelationships

/// Refusal reasons and role names as text, through the message port.
public struct ReasonText: Sendable {
    public let strings: any MessageProvider

    public init(strings: any MessageProvider) {
        self.strings = strings
    }

    public func role(_ role: OperatorRole, locale: String) -> String {
        strings.text("role." + role.rawValue, [:], locale: locale)
    }

    public func describe(_ reason: RefusalReason, locale: String) -> String {
        var arguments: [String: MessageValue] = [
            "items": .string(reason.items.joined(separator: ", ")), "count": .int(reason.items.count),
        ]
        switch reason {
        case .roleNotAllowed(let r, let allowed):
            arguments["role"] = .string(role(r, locale: locale))
            arguments["allowed"] = .string(allowed.map { role($0, locale: locale) }.joined(separator: ", "))
        case .itemNotActive(let item), .customerNotFound(let item), .itemNotFound(let item):
            arguments["item"] = .string(item)
        default: break
        }
        return strings.text(reason.id, arguments, locale: locale)
    }
}
