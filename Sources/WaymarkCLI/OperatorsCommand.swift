import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkRelationships
import WaymarkServer

/// `waymark operators …`: who may sign in to the web app, with which role.
struct OperatorsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "operators", abstract: Localizer.current.text(ServeText.helpOperatorsAbstract),
            subcommands: [Add.self, List.self, Remove.self])
    }

    /// Who changes the operators: the local user, as an administrator of this store.
    static var localAdmin: Operator {
        Operator(name: WaymarkCommand.environment["USER"] ?? "waymark", role: .globalAdmin)
    }

    struct Add: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "add", abstract: Localizer.current.text(ServeText.helpOperatorsAdd))
        }
        @Argument(help: ArgumentHelp(Localizer.current.text(ServeText.helpOperatorName))) var name: String
        @Option(help: ArgumentHelp(Localizer.current.text(.helpRole))) var role: OperatorRole
        @Flag(help: ArgumentHelp(Localizer.current.text(ServeText.helpPasswordStdin))) var passwordStdin = false
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if !passwordStdin { throw ValidationError(Localizer.current.text(ServeText.passwordStdinNeeded)) }
        }

        func run() throws {
            let l = Localizer.current
            if let problem = RecordValue.problem(name) {
                throw StoreFailure.report(StoreError.invalidValue(field: .operatorName, value: name, problem: problem))
            }
            let input = FileHandle.standardInput.readDataToEndOfFile()
            guard var password = String(data: input, encoding: .utf8) else {
                Present.error(l.text(ServeText.passwordUnreadable), l)
                throw ExitStatus.usage
            }
            if password.hasSuffix("\r\n") {
                password.removeLast()
            } else if password.hasSuffix("\n") {
                password.removeLast()
            }
            // bcrypt reads at most 72 bytes: a longer password would be cut without a word.
            guard password.count >= 8, password.utf8.count <= 72 else {
                Present.error(l.text(ServeText.passwordLength), l)
                throw ExitStatus.usage
            }
            let store = try store.open()
            do {
                try store.addOperator(
                    OperatorRecord(name: name, role: role, passwordHash: OperatorPassword.hash(password)),
                    by: OperatorsCommand.localAdmin)
            } catch {
                throw StoreFailure.report(error)
            }
            print(
                l.text(
                    ServeText.operatorAdded,
                    ["name": .string(name), "role": .string(l.text(key: "role." + role.rawValue, [:]))]))
        }
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list", abstract: Localizer.current.text(ServeText.helpOperatorsList))
        }
        @Option(help: ArgumentHelp(Localizer.current.text(.helpOutputFormat))) var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let l = Localizer.current
            let operators: [OperatorRecord]
            do {
                operators = try store.open(forReading: true).operators()
            } catch {
                throw StoreFailure.report(error)
            }
            switch format {
            case .json:
                print(
                    JSONValue.array(
                        operators.map {
                            .object([
                                ("name", .string($0.name)), ("role", .string($0.role.rawValue)),
                                ("canSignIn", .bool($0.passwordHash != nil)), ("created", .string($0.created)),
                            ])
                        }
                    ).serialized())
            case .text:
                if operators.isEmpty { print(l.text(ServeText.operatorsNone)) }
                for o in operators {
                    print(
                        l.text(
                            ServeText.operatorLine,
                            [
                                "name": .string(o.name), "role": .string(l.text(key: "role." + o.role.rawValue, [:])),
                                "created": .string(o.created),
                            ]))
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "remove", abstract: Localizer.current.text(ServeText.helpOperatorsRemove))
        }
        @Argument(help: ArgumentHelp(Localizer.current.text(ServeText.helpOperatorName))) var name: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let l = Localizer.current
            do {
                try store.open().removeOperator(name, by: OperatorsCommand.localAdmin)
            } catch {
                throw StoreFailure.report(error)
            }
            print(l.text(ServeText.operatorRemoved, ["name": .string(name)]))
        }
    }
}
