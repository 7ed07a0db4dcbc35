import ArgumentParser
import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLibrary
import WaymarkLocalization
import WaymarkRelationships
import WaymarkStorePostgres
import WaymarkWalkthrough

extension WalkMode: ExpressibleByArgument {}

/// `waymark walk ARTICLE --customer ID`: the guided walkthrough.
struct WalkCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "walk", abstract: Localizer.current.text(.helpWalkAbstract))
    }

    @Argument(help: ArgumentHelp(Localizer.current.text(.helpWalkArticle))) var article: String
    @Option(help: ArgumentHelp(Localizer.current.text(.helpWalkCustomer))) var customer: String
    @Option(name: .customLong("operator"), help: ArgumentHelp(Localizer.current.text(.helpWalkOperator)))
    var operatorName: String?
    @Option(help: ArgumentHelp(Localizer.current.text(.helpWalkRole))) var role: OperatorRole = .globalAdmin
    @Option(help: ArgumentHelp(Localizer.current.text(.helpWalkMode))) var mode: WalkMode = .live
    @Flag(help: ArgumentHelp(Localizer.current.text(SafetyText.helpTakeOver))) var takeOver = false
    @Option(help: ArgumentHelp(Localizer.current.text(LibraryText.helpWalkProcedure))) var procedure: String?
    @Flag(help: ArgumentHelp(Localizer.current.text(.helpWalkResetDemo))) var resetDemo = false
    @OptionGroup var docs: DocsOptions
    @OptionGroup var store: StoreOptions

    /// The languages `l` cycles through.
    static let walkLocales = ["tr-TR", "hu-HU", "en-US"]

    /// The walkthrough's usual arguments, read without ArgumentParser, whose parse finds a
    /// command's options by reflection: the Swift runtime's protocol conformance look-ups that
    /// takes cost a fifth of the instructions to the first screen. Anything not plainly one of
    /// the walkthrough's own options (help, `--`, a short or unknown option, a single-valued option
    /// given twice, a value that is empty, reads as an option or is not one of the choices, a
    /// missing article or customer) gives `nil`, and ArgumentParser parses and explains as before.
    /// A plain value, so that the store can be named (and opened) before the catalogs that the
    /// command's help texts need are read.
    struct QuickArguments {
        var article: String
        var customer: String
        var role: OperatorRole
        var mode: WalkMode
        var values: [String: String]
        var docs: [String]
        var flags: Set<String>

        init?(_ arguments: [String]) {
            guard
                let read = PlainArguments(
                    arguments, flags: ["take-over", "reset-demo"],
                    options: ["customer", "operator", "role", "mode", "procedure", "docs", "config", "db"],
                    repeatable: ["docs"]),
                read.positional.count == 1, let customer = read.value("customer")
            else { return nil }
            guard let role = read.value("role").map(OperatorRole.init(rawValue:)) ?? .globalAdmin,
                let mode = read.value("mode").map(WalkMode.init(rawValue:)) ?? .live
            else { return nil }
            (article, self.customer, self.role, self.mode) = (read.positional[0], customer, role, mode)
            values = read.values.compactMapValues(\.last)
            (docs, flags) = (read.values["docs"] ?? [], read.flags)
        }

        /// The store these arguments name, as `StoreOptions.location` says.
        var location: String { StoreOptions.location(database: values["db"]) }

        /// The command, as ArgumentParser would have made it.
        func command() -> WalkCommand {
            var command = WalkCommand()
            command.article = article
            command.customer = customer
            command.operatorName = values["operator"]
            command.role = role
            command.mode = mode
            command.takeOver = flags.contains("take-over")
            command.resetDemo = flags.contains("reset-demo")
            command.procedure = values["procedure"]
            var docsOptions = DocsOptions()
            docsOptions.docs = docs
            docsOptions.config = values["config"]
            command.docs = docsOptions
            var storeOptions = StoreOptions()
            storeOptions.database = values["db"]
            command.store = storeOptions
            return command
        }
    }

    func fail(_ text: String) -> ExitCode {
        Present.error(text)
        return ExitStatus.findings
    }

    func run() throws { try run(opening: StoreOpening(store.location)) }

    /// The walkthrough, with its store opening on another thread (`nil`: opened here when needed):
    /// the first screen waits for the longer of opening it and reading the article, not for both.
    func run(opening: StoreOpening?) throws {
        let l = Localizer.current
        let actor = Operator(
            name: operatorName ?? WaymarkCommand.environment["USER"] ?? "operator", role: role)
        if let problem = RecordValue.problem(actor.name) {
            throw StoreFailure.report(
                StoreError.invalidValue(field: .operatorName, value: actor.name, problem: problem))
        }
        let interactive = isatty(0) == 1 && isatty(1) == 1
        let loaded = try WalkSetup.load(
            article: article, library: try docs.library(), procedure: procedure,
            choose: { procedures in WalkCommand.choose(procedures, interactive: interactive) }, fail: fail)
        let store = try opening?.wait().map(self.store.prepared) ?? self.store.open()
        do {
            var account = try store.account(customer)
            // A demo customer whose walk is finished (no open session to resume): say so, and
            // how to start over (or, asked to, start over).
            if account.customer.relationship == .removed, try store.openSession(customerID: customer) == nil,
                let demo = try? DemoData.load(),
                demo.customers.contains(where: { $0.id == customer })
            {
                let name = account.customer.companyName
                guard resetDemo else {
                    let command =
                        [WalkCommand.program(), "customers", "reset-demo"]
                        + (self.store.database.map { ["--db", WalkCommand.shellQuoted($0)] } ?? [])
                    print(
                        l.text(
                            WalkText.demoFinished,
                            ["customer": .string(name), "command": .string(command.joined(separator: " "))]))
                    throw ExitCode(1)
                }
                // Loading the demo data replaces every customer: only when there are no others.
                let demoIDs = Set(demo.customers.map(\.id))
                let stored = try store.customerSummaries(limit: demoIDs.count + 1)
                guard stored.allSatisfy({ demoIDs.contains($0.customer.id) }) else {
                    print(l.text(WalkText.demoNotReset, ["customer": .string(name)]))
                    throw ExitCode(1)
                }
                try store.replaceAll(with: demo, by: DemoData.system)
                print(l.text(WalkText.demoReset, ["customer": .string(name)]))
                account = try store.account(customer)
            }
            let strings = CatalogStrings(catalogs: l.catalogs)
            // Start or resume under this walk's lease, in one transaction with any other walk's: a new
            // session's engine starts from the account as that transaction reads it.
            let wanted = WalkCommand.walkLocales.first { LocaleTag($0)?.language == l.locale.language } ?? "en-US"
            let locale =
                loaded.articles[wanted] != nil
                ? wanted : (loaded.articles["en-US"] != nil ? "en-US" : loaded.articles.keys.sorted().first ?? wanted)
            if locale != wanted {
                Present.note(
                    l.text(
                        .articleFallback,
                        ["path": .string(article), "requested": .string(wanted), "locale": .string(locale)]), l)
            }
            let lease = WalkLease.forThisProcess(holder: actor.name)
            let (mode, takeOver) = (self.mode, self.takeOver)
            let begun: RelationshipStore.WalkStart
            do {
                begun = try store.beginWalk(customerID: customer, lease: lease, takeOver: takeOver, by: actor) {
                    account throws(StoreError) in
                    let engine: WalkEngine
                    do throws(WalkError) {
                        engine = try WalkEngine.start(
                            procedure: loaded.procedure, prerequisitesText: true, binding: loaded.binding,
                            account: account, actor: actor, locale: locale,
                            locales: WalkCommand.walkLocales.filter { loaded.articles[$0] != nil }, mode: mode)
                    } catch {
                        throw StoreError.refused(error.refusal)
                    }
                    return WalkSessionRecord(
                        id: String(UUID().uuidString.prefix(8)).lowercased(), customerID: customer,
                        article: loaded.binding.article, procedure: loaded.binding.procedure,
                        locale: engine.state.locale, operatorName: actor.name, role: actor.role.rawValue,
                        payload: String(decoding: (try? JSONEncoder().encode(engine.state)) ?? Data(), as: UTF8.self))
                }
            } catch {
                guard let reasons = WalkCommand.refusal(error) else { throw error }
                try store.recordRefusal(action: "walk-start", customerID: customer, reasons: reasons, by: actor)
                StandardError.write(l.text(.refusedHeader, ["action": .string("walk \(article)")]))
                for reason in reasons { StandardError.write("  " + l.describe(reason)) }
                throw ExitStatus.findings
            }
            let record = begun.record
            let graph = loaded.source.stepGraph
            guard record.article == loaded.binding.article,
                graph.currentProcedureID(record.procedure) == loaded.binding.procedure,
                let state = (try? JSONDecoder().decode(WalkState.self, from: Data(record.payload.utf8)))?.renamed(
                    by: graph)
            else {
                try? store.releaseLease(session: record.id, token: lease.token)
                throw fail(
                    l.text(
                        WalkText.openElsewhere,
                        [
                            "customer": .string(customer), "article": .string(record.article),
                            "session": .string(record.id),
                        ]))
            }
            let engine = WalkEngine(resuming: state)
            var greeting: String
            if begun.resumed {
                // The screen is in the walk's language, so the greeting is too.
                let walkLocalizer = Localizer(locale: LocaleTag(state.locale) ?? l.locale, catalogs: l.catalogs)
                greeting = walkLocalizer.text(
                    WalkText.resumed,
                    [
                        "session": .string(record.id), "index": .int(engine.progress.index),
                        "total": .int(engine.progress.total),
                    ])
                if let previous = begun.tookOverFrom {
                    greeting +=
                        " "
                        + walkLocalizer.text(
                            WalkText.tookOver,
                            [
                                "session": .string(record.id), "holder": .string(previous.holder),
                                "since": .string(previous.taken),
                            ])
                }
            } else {
                greeting = l.text(
                    WalkText.started,
                    ["session": .string(record.id), "customer": .string(account.customer.companyName)])
            }
            // The lease is renewed while the walk waits for the operator, and let go when it ends.
            let heartbeat = DispatchSource.makeTimerSource(queue: .global())
            heartbeat.schedule(
                deadline: .now() + WalkLease.heartbeatInterval, repeating: WalkLease.heartbeatInterval)
            heartbeat.setEventHandler { _ = try? store.renewLease(session: record.id, token: lease.token) }
            heartbeat.resume()
            defer {
                heartbeat.cancel()
                try? store.releaseLease(session: record.id, token: lease.token)
            }
            var screen = WalkScreen(
                articles: loaded.articles, source: loaded.source, customer: account.customer.companyName,
                strings: strings)
            screen.typedConfirmation = !interactive
            screen.checkpoints = loaded.checkpoints
            let raw = interactive ? RawTerminal(environment: WaymarkCommand.environment) : nil
            let terminal: any WalkTerminal =
                raw ?? LineTerminal(width: WaymarkCommand.environment["COLUMNS"].flatMap(Int.init) ?? 80)
            let driver = WalkDriver(
                engine: engine, record: record, store: store, actor: actor, screen: screen, terminal: terminal,
                strings: strings, lease: lease.token)
            if raw != nil { RawTerminal.catchStoppingSignals() }
            raw?.enter()
            let ending: WalkDriver.Ending
            do {
                ending = try driver.run(initialMessage: [Styled(greeting, .good)])
                raw?.leave()
            } catch {
                raw?.leave()
                throw error
            }
            var signalled: Int32?
            if case .signalled(let number) = ending { signalled = number }
            if ending == .saved || signalled != nil {
                let progress = (min(driver.state.position + 1, driver.state.stops.count), driver.state.stops.count)
                print(
                    Localizer(locale: LocaleTag(driver.state.locale) ?? l.locale, catalogs: l.catalogs).text(
                        WalkText.saved,
                        [
                            "index": .int(progress.0), "total": .int(progress.1),
                            "command": .string(WalkCommand.resumeCommand()),
                        ]))
            }
            // As a process ended by the signal would: 128 + its number.
            if let signalled { throw ExitCode(128 + signalled) }
        } catch let error as StoreError {
            throw StoreFailure.report(error, customer: customer)
        }
    }
}

extension WalkCommand {
    /// The command that resumes this walk: the one the user typed, with `waymark` when that name
    /// on PATH is this program, else this program's real path (a `./.build/debug/waymark` run
    /// from another folder still works). Arguments are quoted for a POSIX shell where needed. A
    /// database URL is shown without its password (`PGPASSWORD` or `WAYMARK_DB` supplies it).
    static func resumeCommand(arguments: [String] = CommandLine.arguments) -> String {
        ([program()] + arguments.dropFirst().map { shellQuoted(withoutPassword($0)) }).joined(separator: " ")
    }

    static func withoutPassword(_ argument: String) -> String {
        if PostgresURL.isPostgres(argument) { return PostgresURL.redact(argument, marker: nil) }
        if argument.hasPrefix("--db="), PostgresURL.isPostgres(String(argument.dropFirst(5))) {
            return "--db=" + PostgresURL.redact(String(argument.dropFirst(5)), marker: nil)
        }
        return argument
    }

    /// How to name this program in a command to type: `waymark` when that name on PATH is this
    /// program, else its real path, quoted for a shell.
    static func program(environment: [String: String] = WaymarkCommand.environment) -> String {
        let me = ResourceLocator.executableURL()?.path
        // By path text, `access` and `realpath`: said when a walk stops, which quitting waits for.
        let onPath = (environment["PATH"] ?? "").split(separator: ":").contains { folder in
            let candidate = String(folder) + (folder.hasSuffix("/") ? "waymark" : "/waymark")
            guard access(candidate, X_OK) == 0, let real = realpath(candidate, nil) else { return false }
            defer { free(real) }
            return String(cString: real) == me
        }
        return onPath ? "waymark" : shellQuoted(me ?? CommandLine.arguments.first ?? "waymark")
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./=:@%+,-")
        guard !word.isEmpty, !word.allSatisfy({ plain.contains($0) }) else { return word.isEmpty ? "''" : word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The procedure to walk of several: asked for on a terminal (a number), the first in line
    /// mode, which says so.
    static func choose(_ procedures: [Procedure], interactive: Bool) -> Procedure? {
        let l = Localizer.current
        guard interactive else {
            Present.note(
                l.text(
                    WalkText.firstProcedure, ["procedure": .string(procedures[0].id), "count": .int(procedures.count)]),
                l)
            return procedures.first
        }
        for (index, p) in procedures.enumerated() { print("  \(index + 1). \(p.title)  (\(p.id))") }
        print(l.text(WalkText.chooseProcedure, ["count": .int(procedures.count)]), terminator: " ")
        fflush(nil)
        guard let line = readLine(), let n = Int(line.trimmingCharacters(in: .whitespaces)),
            procedures.indices.contains(n - 1)
        else { return nil }
        return procedures[n - 1]
    }

    /// The reasons of a refusal, or `nil` for any other store error.
    static func refusal(_ error: StoreError) -> [RefusalReason]? {
        if case .refused(let reasons) = error { return reasons }
        return nil
    }
}

/// The articles in every walk language, the binding, and the procedure, checked against each other.
struct WalkSetup {
    var articles: [String: Article]
    var source: Article
    var binding: ProcedureBinding
    var procedure: Procedure
    /// The article has no binding: its steps are checkpoints.
    var checkpoints = false

    /// The article `docsPath` from `library` in every walk language that has it, and its binding:
    /// the shipped one, or, for an article without one, a binding of checkpoints for `procedure`
    /// (else the first; `choose` picks when there are several).
    static func load(
        article docsPath: String, library: DocsLibrary, procedure requested: String?,
        choose: ([Procedure]) -> Procedure?, fail: (String) -> ExitCode
    ) throws -> WalkSetup {
        let l = Localizer.current
        var articles: [String: Article] = [:]
        for locale in WalkCommand.walkLocales {
            guard let tag = LocaleTag(locale), let resolved = library.resolve(docsPath, locale: tag),
                resolved.locale.language == tag.language
            else { continue }
            articles[locale] = try? ArticleParser().parse(fileAt: resolved.path)
        }
        guard let source = articles["en-US"] ?? articles.values.first else {
            throw fail(l.text(WalkText.articleMissing, ["article": .string(docsPath)]))
        }
        guard let bindingPath = WalkSetup.bindingPath(docsPath) else {
            // No binding: every step of the chosen procedure is a checkpoint the operator confirms.
            let procedures = source.stepGraph.procedures.filter { !$0.steps.isEmpty }
            let chosen: Procedure?
            if let requested {
                chosen = procedures.first { $0.id == source.stepGraph.currentProcedureID(requested) }
            } else {
                chosen = procedures.count > 1 ? choose(procedures) : procedures.first
            }
            guard let procedure = chosen else {
                throw fail(
                    l.text(
                        WalkText.noProcedure,
                        [
                            "article": .string(docsPath),
                            "procedure": .string(requested ?? procedures.map(\.id).joined(separator: ", ")),
                        ]))
            }
            let binding = ProcedureBinding(
                path: "", article: docsPath, procedure: procedure.id, roles: [], prerequisites: nil, steps: [])
            return WalkSetup(
                articles: articles, source: source, binding: binding, procedure: procedure, checkpoints: true)
        }
        let path = bindingPath
        let (loaded, diagnostics) = try BindingLoader.load(path: path)
        for d in diagnostics { StandardError.write(l.formatted(d, path: path)) }
        guard let binding = loaded?.renamed(by: source.stepGraph), diagnostics.allSatisfy({ $0.severity != .error })
        else { throw ExitStatus.findings }
        // Every bound StepID in every language, every name known.
        var problems: [String] = []
        for (locale, article) in articles.sorted(by: { $0.key < $1.key }) {
            for step in binding.steps where StepID(step.step).flatMap(article.stepGraph.step) == nil {
                let place = step.range.map { "\(path):\($0.start.line):\($0.start.column)" } ?? path
                problems.append(
                    place + ": "
                        + l.text(
                            WalkText.bindingUnknownStep,
                            ["step": .string(step.step), "article": .string(docsPath), "locale": .string(locale)]))
            }
        }
        for step in binding.steps + (binding.prerequisites.map { [$0] } ?? []) {
            let place = step.range.map { "\(path):\($0.start.line):\($0.start.column)" } ?? path
            func check(_ name: String?, _ kind: String, _ known: [String]) {
                guard let name, !known.contains(name) else { return }
                problems.append(
                    place + ": "
                        + l.text(
                            WalkText.bindingUnknownName,
                            [
                                "kind": .string(kind), "name": .string(name),
                                "known": .string(known.joined(separator: ", ")),
                            ]))
            }
            check(step.forEach, "forEach", WalkVocabulary.collections)
            check(step.action, "action", WalkVocabulary.actions)
            for g in step.requires { check(g, "requires", WalkVocabulary.guards) }
        }
        if !problems.isEmpty {
            for p in problems { StandardError.write(p) }
            throw ExitStatus.findings
        }
        guard let procedure = source.stepGraph.procedure(binding.procedure) else {
            throw fail(
                l.text(WalkText.noProcedure, ["article": .string(docsPath), "procedure": .string(binding.procedure)]))
        }
        return WalkSetup(articles: articles, source: source, binding: binding, procedure: procedure)
    }

    /// The shipped binding of `docsPath` (`Resources/Procedures/<path>.yml`), if there is one.
    static func bindingPath(_ docsPath: String) -> String? {
        let file = (docsPath as NSString).deletingPathExtension + ".yml"
        guard !file.split(separator: "/").contains(".."),
            let folder = ResourceLocator.directory(
                named: "Resources", containing: "Procedures", environmentKey: "WAYMARK_RESOURCES")
        else { return nil }
        let path = folder.appendingPathComponent("Procedures/" + file).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
