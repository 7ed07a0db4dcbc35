import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkRelationships

/// `waymark customers …`: the relationship model in the local store.
struct CustomersCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "customers", abstract: Localizer.current.text(.helpCustomersAbstract),
            subcommands: [
                List.self, Show.self, Import.self, ResetDemo.self, SuspendSubscription.self, CancelSubscription.self,
                CancelReservation.self, CancelPurchase.self, RemoveRelationship.self,
            ])
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list", abstract: Localizer.current.text(.helpCustomersList))
        }
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp(Localizer.current.text(.helpOutputFormat))) var format: OutputFormat = .text
        @Option(help: ArgumentHelp(Localizer.current.text(SafetyText.helpLimit))) var limit: Int?
        @Option(help: ArgumentHelp(Localizer.current.text(SafetyText.helpOffset))) var offset: Int = 0

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError(Localizer.current.text(SafetyText.negativePaging)) }
            if offset < 0 { throw ValidationError(Localizer.current.text(SafetyText.negativePaging)) }
        }

        func run() throws {
            let store = try store.open(forReading: true)
            let l = Localizer.current
            do {
                switch format {
                case .json:
                    // Written piece by piece: a large store is never held as one string.
                    let accounts = try store.accounts(limit: limit, offset: offset)
                    var out: [UInt8] = [UInt8(ascii: "[")]
                    for (index, account) in accounts.enumerated() {
                        out.append(contentsOf: index == 0 ? Array("\n  ".utf8) : Array(",\n  ".utf8))
                        account.json.write(to: &out, indent: 2)
                    }
                    out.append(contentsOf: accounts.isEmpty ? Array("]".utf8) : Array("\n]".utf8))
                    print(String(decoding: out, as: UTF8.self))
                case .text:
                    var lines = ""
                    for summary in try store.customerSummaries(limit: limit, offset: offset) {
                        lines += l.text(
                            .listLine,
                            [
                                "id": .string(summary.customer.id), "name": .string(summary.customer.companyName),
                                "state": .string(l.name(of: summary.customer.relationship)),
                                "count": .int(summary.activeSubscriptions),
                            ])
                        lines += "\n"
                    }
                    print(lines, terminator: "")
                }
            } catch {
                throw StoreFailure.report(error)
            }
        }
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "show", abstract: Localizer.current.text(.helpCustomersShow))
        }
        @Argument(help: ArgumentHelp(Localizer.current.text(.helpCustomerID))) var id: String
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp(Localizer.current.text(.helpOutputFormat))) var format: OutputFormat = .text

        func run() throws {
            let store = try store.open(forReading: true)
            let account: CustomerAccount
            do {
                account = try store.account(id)
            } catch {
                throw StoreFailure.report(error)
            }
            if format == .json {
                print(account.json.serialized())
                return
            }
            let l = Localizer.current
            let c = account.customer
            print(
                l.text(
                    .showHeader,
                    [
                        "name": .string(c.companyName), "id": .string(c.id), "domain": .string(c.domain),
                        "partner": .string(c.partnerID),
                    ]))
            print(l.text(.showRelationship, ["state": .string(l.name(of: c.relationship))]))
            print(
                l.text(
                    .showFlags,
                    [
                        "list": .string(l.yesNo(c.inPartnerCustomerList)),
                        "support": .string(l.yesNo(c.partnerIsSupportContact)),
                        "dap": .string(l.yesNo(c.delegatedAdminPrivileges)),
                        "purchases": .string(l.yesNo(c.purchasesAllowed)),
                    ]))
            func section(_ title: AccountText, _ rows: [(String, String, String)]) {
                print(l.text(title))
                if rows.isEmpty { print("  " + l.text(.showNone)) }
                for (id, name, status) in rows {
                    print(l.text(.showItem, ["id": .string(id), "name": .string(name), "status": .string(status)]))
                }
            }
            section(
                .showSubscriptions,
                account.subscriptions.map {
                    (
                        $0.id, $0.offerName,
                        l.name(of: $0.status) + ($0.commerce == .newCommerce ? ", " + l.text(.commerceNew) : "")
                    )
                })
            section(.showReservations, account.reservations.map { ($0.id, $0.name, l.name(of: $0.status)) })
            section(.showPurchases, account.softwarePurchases.map { ($0.id, $0.name, l.name(of: $0.status)) })
            let blockers = store.rules.reasonsAgainstRemoval(of: account, by: Operator(name: "", role: .globalAdmin))
            if blockers.isEmpty {
                print(
                    l.text(
                        .showRemovalAllowed,
                        ["roles": .string(store.rules.rolesAllowedToRemove.map(l.name(of:)).joined(separator: ", "))]))
            } else {
                print(l.text(.showRemovalBlocked))
                for reason in blockers { print("  " + l.describe(reason)) }
            }
        }
    }

    struct Import: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "import", abstract: Localizer.current.text(.helpCustomersImport))
        }
        @Argument(help: ArgumentHelp(Localizer.current.text(.helpImportFile))) var file: String
        @Option(help: ArgumentHelp(Localizer.current.text(.helpPartner))) var partner: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let l = Localizer.current
            guard let data = (try? FileReader.read(file)).map({ Data($0) }) else {
                Present.error(l.text(.fileNotFound, ["path": .string(file)]), l)
                throw ExitStatus.findings
            }
            // A file that cannot be imported is refused before the store is opened at all; it is
            // read once, and its customers given to the partner once the store names it.
            var model: ModelData
            do {
                model = try PartnerCenterImport.parse(data, partner: Partner(id: "", name: "", kind: .directPartner))
            } catch {
                throw StoreFailure.report(error, file: file)
            }
            let store = try store.open()
            do {
                let partners = try store.partners()
                let owner =
                    partners.first { $0.id == partner } ?? (partner == nil ? partners.first : nil)
                    ?? Partner(id: partner ?? "imported", name: partner ?? "imported", kind: .directPartner)
                model.partners = [owner]
                for i in model.customers.indices { model.customers[i].partnerID = owner.id }
                let summary = try store.importData(model, by: DemoData.system)
                print(l.text(.doneImported, ["count": .int(model.customers.count), "partner": .string(owner.name)]))
                print(
                    l.text(
                        SafetyText.importChanges,
                        [
                            "added": .int(summary.customersAdded), "updated": .int(summary.customersUpdated),
                            "subsAdded": .int(summary.subscriptionsAdded),
                            "subsUpdated": .int(summary.subscriptionsUpdated), "unchanged": .int(summary.unchanged),
                        ]))
            } catch {
                throw StoreFailure.report(error, file: file)
            }
        }
    }

    struct ResetDemo: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "reset-demo", abstract: Localizer.current.text(.helpCustomersResetDemo))
        }
        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try store.open()
            do {
                let demo = try DemoData.load()
                try store.replaceAll(with: demo, by: DemoData.system)
                print(Localizer.current.text(.doneReset, ["count": .int(demo.customers.count)]))
            } catch {
                throw StoreFailure.report(error)
            }
        }
    }

    /// `--yes` for actions that cannot be undone. Without it a terminal asks, and only the word
    /// `yes` goes on; without a terminal, the action is refused (a script must say `--yes`).
    struct Confirmation: ParsableArguments {
        @Flag(name: .customLong("yes"), help: ArgumentHelp(Localizer.current.text(.helpYes))) var yes = false

        func confirm(_ question: String) throws {
            guard !yes else { return }
            let l = Localizer.current
            guard isatty(0) == 1 else {
                Present.error(l.text(.confirmNeedsYes), l)
                throw ExitCode(64)
            }
            print(question + " " + l.text(.confirmTypeYes), terminator: " ")
            fflush(nil)
            guard readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                print(l.text(.confirmNotDone))
                throw ExitCode(1)
            }
        }
    }

    /// The shape of the four item actions: an id, an operator, a store.
    struct ItemAction: ParsableArguments {
        @Argument(help: ArgumentHelp(Localizer.current.text(.helpItemID))) var id: String
        @OptionGroup var actor: OperatorOptions
        @OptionGroup var store: StoreOptions

        /// Runs `action` on the item and reports it (`done`), with any warnings as notes.
        func perform(
            done: AccountText, confirmation: Confirmation? = nil,
            _ action: (RelationshipStore, String, Operator) throws(StoreError) -> [ActionWarning]
        ) throws {
            let store = try store.open()
            let l = Localizer.current
            let itemName: String
            do { itemName = try store.itemName(id) ?? id } catch { throw StoreFailure.report(error) }
            try confirmation?.confirm(l.text(.confirmCancel, ["item": .string(itemName)]))
            do {
                let warnings = try action(store, id, actor.actor)
                print(l.text(done, ["item": .string(itemName)]))
                for _ in warnings {
                    Present.note(l.text(.warningNewCommerce, ["item": .string(itemName)]), l)
                }
            } catch {
                throw StoreFailure.report(error)
            }
        }
    }

    struct SuspendSubscription: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "suspend-subscription", abstract: Localizer.current.text(.helpSuspend))
        }
        @OptionGroup var item: ItemAction

        func run() throws {
            try item.perform(done: .doneSuspended) { store, id, actor throws(StoreError) in
                try store.suspendSubscription(id, by: actor)
            }
        }
    }

    struct CancelSubscription: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "cancel-subscription", abstract: Localizer.current.text(.helpCancelSubscription))
        }
        @OptionGroup var item: ItemAction
        @OptionGroup var confirmation: Confirmation

        func run() throws {
            try item.perform(done: .doneCancelled, confirmation: confirmation) { store, id, actor throws(StoreError) in
                try store.cancelSubscription(id, by: actor)
                return []
            }
        }
    }

    struct CancelReservation: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "cancel-reservation", abstract: Localizer.current.text(.helpCancelReservation))
        }
        @OptionGroup var item: ItemAction
        @OptionGroup var confirmation: Confirmation

        func run() throws {
            try item.perform(done: .doneCancelled, confirmation: confirmation) { store, id, actor throws(StoreError) in
                try store.cancelReservation(id, by: actor)
                return []
            }
        }
    }

    struct CancelPurchase: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "cancel-purchase", abstract: Localizer.current.text(.helpCancelPurchase))
        }
        @OptionGroup var item: ItemAction
        @OptionGroup var confirmation: Confirmation

        func run() throws {
            try item.perform(done: .doneCancelled, confirmation: confirmation) { store, id, actor throws(StoreError) in
                try store.cancelPurchase(id, by: actor)
                return []
            }
        }
    }

    struct RemoveRelationship: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "remove-relationship", abstract: Localizer.current.text(.helpRemoveRelationship))
        }
        @Argument(help: ArgumentHelp(Localizer.current.text(.helpCustomerID))) var id: String
        @OptionGroup var actor: OperatorOptions
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp(Localizer.current.text(.helpOutputFormat))) var format: OutputFormat = .text
        @OptionGroup var confirmation: Confirmation

        func run() throws {
            let store = try store.open()
            let l = Localizer.current
            let name: String
            do { name = try store.account(id).customer.companyName } catch { throw StoreFailure.report(error) }
            try confirmation.confirm(l.text(.confirmRemove, ["customer": .string(name)]))
            do {
                let removed = try store.removeRelationship(id, by: actor.actor)
                switch format {
                case .json: print(try store.account(removed.id).json.serialized())
                case .text: print(l.text(.doneRemoved, ["customer": .string(removed.companyName)]))
                }
            } catch {
                if case .refused = error {
                    StandardError.write(l.text(.refusedHeader, ["action": .string("remove-relationship \(id)")]))
                }
                throw StoreFailure.report(error)
            }
        }
    }
}
