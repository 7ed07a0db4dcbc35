import ArgumentParser
import WaymarkCore
import WaymarkRelationships

/// `waymark audit [--customer ID]`: the append-only audit trail, oldest first.
struct AuditCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "audit", abstract: Localizer.current.text(.helpAuditAbstract))
    }

    @Option(help: ArgumentHelp(Localizer.current.text(.helpAuditCustomer))) var customer: String?
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp(Localizer.current.text(.helpOutputFormat))) var format: OutputFormat = .text

    func run() throws {
        let store = try store.open(forReading: true)
        let events: [AuditEvent]
        do {
            events = try store.auditTrail(customerID: customer)
        } catch {
            throw StoreFailure.report(error)
        }
        let l = Localizer.current
        switch format {
        case .json:
            print(JSONValue.array(events.map(\.json)).serialized())
        case .text:
            if events.isEmpty { print(l.text(.auditEmpty)) }
            for e in events {
                print(
                    l.text(
                        .auditLine,
                        [
                            "time": .string(e.time), "operator": .string(e.operatorName),
                            "role": .string(l.name(ofRole: e.role)),
                            "action": .string(e.action), "customer": .string(e.customerID ?? "-"),
                            "items": .string(e.items.joined(separator: ", ")),
                            "outcome": .string(e.outcome == "done" ? l.text(.auditDone) : l.text(.auditRefused)),
                        ]))
                if e.session != nil || e.step != nil {
                    print(
                        l.text(
                            .auditContext,
                            [
                                "session": .string(e.session ?? "-"), "step": .string(e.step ?? "-"),
                                "locale": .string(e.locale ?? "-"),
                            ]))
                }
            }
        }
    }
}

extension AuditEvent {
    var json: JSONValue {
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
