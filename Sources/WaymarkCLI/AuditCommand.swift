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
                            "time": .string(e.time), "operator": .string(AuditField.shown(e.operatorName)),
                            "role": .string(l.name(ofRole: e.role)), "action": .string(l.name(ofAction: e.action)),
                            "customer": .string(AuditField.shown(e.customerID ?? "-")),
                            "outcome": .string(e.outcome == "done" ? l.text(.auditDone) : l.text(.auditRefused)),
                        ]))
                // Items one per line: names hold commas, and a line of its own cannot pass for
                // another item or another event.
                for item in e.items { print(l.text(.auditItem, ["item": .string(item)])) }
                if !e.reasons.isEmpty {
                    print(
                        l.text(
                            e.outcome == "done" ? .auditNotes : .auditReasons,
                            ["reasons": .string(e.reasons.map(l.name(ofReason:)).joined(separator: "; "))]))
                }
                if e.session != nil || e.step != nil {
                    print(
                        l.text(
                            .auditContext,
                            [
                                "session": .string(AuditField.shown(e.session ?? "-")),
                                "step": .string(AuditField.shown(e.step ?? "-")),
                                "locale": .string(e.locale ?? "-"),
                            ]))
                }
            }
        }
    }
}

/// One field of an audit line as the line shows it. A field that holds what separates fields or
/// items (two spaces, a comma and a space), a quote, or spaces at its ends is quoted, with its
/// quotes escaped, so a value cannot pass for another field or another item (terminal controls
/// are made visible by the message formatting).
///
/// ```
/// Azure plan                            →  Azure plan
/// Reserved VM Instance, D2s v3, 1 year  →  "Reserved VM Instance, D2s v3, 1 year"
/// ```
enum AuditField {
    static func shown(_ value: String) -> String {
        let plain =
            !value.isEmpty && !value.contains("  ") && !value.contains(", ") && !value.contains("\"")
            && value.first != " " && value.last != " "
        if plain { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }
}
