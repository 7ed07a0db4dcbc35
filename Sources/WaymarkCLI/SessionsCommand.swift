import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkRelationships
import WaymarkWalkthrough

/// `waymark sessions list | show ID | abandon ID`.
struct SessionsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "sessions", abstract: Localizer.current.text(.helpSessionsAbstract),
            subcommands: [List.self, Show.self, Abandon.self])
    }

    static func line(_ r: WalkSessionRecord) -> String {
        let l = Localizer.current
        let state = try? JSONDecoder().decode(WalkState.self, from: Data(r.payload.utf8))
        let step =
            state.map {
                l.text(
                    .sessionsStep,
                    [
                        "index": .int(min($0.position + 1, $0.stops.count)), "total": .int($0.stops.count),
                        "stepID": .string($0.current?.step ?? "-"),
                    ])
            } ?? "-"
        let stateName: String
        switch r.state {
        case .open: stateName = l.text(.sessionStateOpen)
        case .finished: stateName = l.text(.sessionStateFinished)
        case .abandoned: stateName = l.text(.sessionStateAbandoned)
        }
        return l.text(
            .sessionsLine,
            [
                "id": .string(r.id), "customer": .string(r.customerID), "article": .string(r.article),
                "state": .string(stateName),
                "step": .string(step), "updated": .string(r.updated),
            ])
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list", abstract: Localizer.current.text(.helpSessionsList))
        }
        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try store.open(forReading: true)
            do {
                let sessions = try store.sessions()
                if sessions.isEmpty { print(Localizer.current.text(.sessionsEmpty)) }
                for s in sessions { print(SessionsCommand.line(s)) }
            } catch {
                throw StoreFailure.report(error)
            }
        }
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "show", abstract: Localizer.current.text(.helpSessionsShow))
        }
        @Argument(help: ArgumentHelp(Localizer.current.text(.helpSessionID))) var id: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try store.open(forReading: true)
            let l = Localizer.current
            do {
                guard let record = try store.session(id) else {
                    Present.error(l.text(.sessionsNotFound, ["id": .string(id)]), l)
                    throw ExitStatus.findings
                }
                print(SessionsCommand.line(record))
                for event in try store.auditTrail(customerID: record.customerID) where event.session == record.id {
                    let items = event.items.map(AuditField.shown).joined(separator: ", ")
                    print("  \(event.time)  \(event.action)  \(TerminalText.visible(items))  \(event.outcome)")
                }
            } catch let error as StoreError {
                throw StoreFailure.report(error)
            }
        }
    }

    struct Abandon: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "abandon", abstract: Localizer.current.text(.helpSessionsAbandon))
        }
        @Argument(help: ArgumentHelp(Localizer.current.text(.helpSessionID))) var id: String
        @Option(name: .customLong("operator"), help: ArgumentHelp(Localizer.current.text(.helpWalkOperator)))
        var operatorName: String?
        @Option(help: ArgumentHelp(Localizer.current.text(.helpWalkRole))) var role: OperatorRole = .globalAdmin
        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try store.open()
            let l = Localizer.current
            do {
                try store.abandonSession(
                    id,
                    by: Operator(
                        name: operatorName ?? WaymarkCommand.environment["USER"] ?? "operator", role: role))
                print(l.text(.sessionsAbandoned, ["id": .string(id)]))
            } catch {
                if case .itemNotFound = error {
                    Present.error(l.text(.sessionsNotFound, ["id": .string(id)]), l)
                    throw ExitStatus.findings
                }
                throw StoreFailure.report(error)
            }
        }
    }
}
