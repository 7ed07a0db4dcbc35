import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkRelationships

/// `waymark store check | migrate --from SOURCE --to TARGET`.
struct StoreCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "store", abstract: Localizer.current.text(StoreText.helpStoreAbstract),
            subcommands: [Check.self, Migrate.self])
    }

    /// The name of a count, in the user's language.
    static func name(of count: String) -> String {
        StoreText(rawValue: "store.count." + count).map { Localizer.current.text($0) } ?? count
    }

    struct Check: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "check", abstract: Localizer.current.text(StoreText.helpCheckAbstract))
        }
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp(Localizer.current.text(.helpOutputFormat))) var format: OutputFormat = .text

        func run() throws {
            let store = try StoreOptions.open(store.location, forReading: true)
            defer { store.backend.close() }
            let migrations: [String]
            let counts: StoreCounts
            let problems: [String]
            do {
                migrations = try store.appliedMigrations()
                counts = try store.counts()
                problems = try store.integrityProblems() + store.ruleProblems()
            } catch {
                throw StoreFailure.report(error)
            }
            let l = Localizer.current
            switch format {
            case .json:
                var fields: [(String, JSONValue)] = [
                    ("backend", .string(store.backend.kind)), ("location", .string(store.location)),
                    ("schema", .string(migrations.last ?? "")),
                    ("migrations", .array(migrations.map(JSONValue.string))),
                ]
                fields.append(("counts", .object(counts.named.map { ($0.name, JSONValue.int($0.count)) })))
                fields.append(("problems", .array(problems.map(JSONValue.string))))
                print(JSONValue.object(fields).serialized())
            case .text:
                print(
                    l.text(
                        StoreText.checkLocation,
                        ["location": .string(store.location), "backend": .string(store.backend.kind)]))
                print(
                    l.text(
                        StoreText.checkSchema,
                        ["version": .string(migrations.last ?? "-"), "count": .int(migrations.count)]))
                for (name, count) in counts.named {
                    print(
                        l.text(
                            StoreText.checkCount, ["name": .string(StoreCommand.name(of: name)), "count": .int(count)]))
                }
                if problems.isEmpty { print(l.text(StoreText.checkOK)) }
                for problem in problems { print(l.text(StoreText.checkProblem, ["problem": .string(problem)])) }
            }
            if !problems.isEmpty { throw ExitStatus.findings }
        }
    }

    struct Migrate: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "migrate", abstract: Localizer.current.text(StoreText.helpMigrateAbstract))
        }
        @Option(help: ArgumentHelp(Localizer.current.text(StoreText.helpFrom))) var from: String
        @Option(help: ArgumentHelp(Localizer.current.text(StoreText.helpTo))) var to: String

        func validate() throws {
            if from.isEmpty || to.isEmpty { throw ValidationError(Localizer.current.text(SafetyText.dbEmpty)) }
            if from == to { throw ValidationError(Localizer.current.text(StoreText.migrateSame)) }
        }

        func run() throws {
            // The source is only read: a missing SQLite file is an error, never a new empty store.
            if StoreOptions.urlScheme(from) == nil, !FileManager.default.fileExists(atPath: from) {
                throw StoreFailure.report(StoreError.cannotOpen(path: from, reason: "no such file"))
            }
            let source = try StoreOptions.open(from, forReading: true)
            defer { source.backend.close() }
            let target = try StoreOptions.open(to)
            defer { target.backend.close() }
            if source.location == target.location && source.backend.kind == target.backend.kind {
                throw ValidationError(Localizer.current.text(StoreText.migrateSame))
            }
            let copied: StoreCounts
            do {
                copied = try source.copy(into: target)
            } catch {
                throw StoreFailure.report(error)
            }
            print(
                Localizer.current.text(
                    StoreText.migrateDone,
                    [
                        "from": .string(source.location), "to": .string(target.location),
                        "customers": .int(copied.customers), "sessions": .int(copied.sessions),
                        "events": .int(copied.auditEvents),
                    ]))
        }
    }
}
