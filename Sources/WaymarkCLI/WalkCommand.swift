import ArgumentParser
import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLocalization
import WaymarkRelationships
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
    @OptionGroup var store: StoreOptions

    /// The languages `l` cycles through.
    static let walkLocales = ["tr-TR", "hu-HU", "en-US"]

    func fail(_ text: String) -> ExitCode {
        StandardError.write(Localizer.current.text(.errorPrefix, ["message": .string(text)]))
        return ExitStatus.findings
    }

    func run() throws {
        let l = Localizer.current
        let actor = Operator(
            name: operatorName ?? ProcessInfo.processInfo.environment["USER"] ?? "operator", role: role)
        if let problem = RecordValue.problem(actor.name) {
            throw StoreFailure.report(
                StoreError.invalidValue(field: .operatorName, value: actor.name, problem: problem))
        }
        let loaded = try WalkSetup.load(article: article, fail: fail)
        let store = try store.open()
        do {
            let account = try store.account(customer)
            let strings = CatalogStrings(catalogs: l.catalogs)
            let engine: WalkEngine
            let record: WalkSessionRecord
            var greeting: String
            if let open = try store.openSession(customerID: customer) {
                guard open.article == loaded.binding.article,
                    let state = try? JSONDecoder().decode(WalkState.self, from: Data(open.payload.utf8))
                else {
                    throw fail(
                        l.text(
                            .walkOpenElsewhere,
                            [
                                "customer": .string(customer), "article": .string(open.article),
                                "session": .string(open.id),
                            ]))
                }
                engine = WalkEngine(resuming: state)
                record = open
                // The screen is in the walk's language, so the greeting is too.
                greeting = Localizer(locale: LocaleTag(state.locale) ?? l.locale, catalogs: l.catalogs).text(
                    .walkResumed,
                    [
                        "session": .string(open.id), "index": .int(engine.progress.index),
                        "total": .int(engine.progress.total),
                    ])
            } else {
                let locale = WalkCommand.walkLocales.first { LocaleTag($0)?.language == l.locale.language } ?? "en-US"
                do {
                    engine = try WalkEngine.start(
                        procedure: loaded.procedure, prerequisitesText: true, binding: loaded.binding, account: account,
                        actor: actor,
                        locale: locale, locales: WalkCommand.walkLocales.filter { loaded.articles[$0] != nil },
                        mode: mode)
                } catch {
                    let reason: RefusalReason
                    switch error {
                    case .roleNotAllowed(let r, let allowed):
                        reason = .roleNotAllowed(r, allowed: allowed.compactMap(OperatorRole.init(rawValue:)))
                    case .relationshipAlreadyRemoved: reason = .relationshipAlreadyRemoved
                    case .procedureNotFound(let p): reason = .itemNotFound(p)
                    }
                    try store.recordRefusal(action: "walk-start", customerID: customer, reasons: [reason], by: actor)
                    StandardError.write(l.text(.refusedHeader, ["action": .string("walk \(article)")]))
                    StandardError.write("  " + l.describe(reason))
                    throw ExitStatus.findings
                }
                record = WalkSessionRecord(
                    id: String(UUID().uuidString.prefix(8)).lowercased(), customerID: customer,
                    article: loaded.binding.article,
                    procedure: loaded.binding.procedure, locale: engine.state.locale, operatorName: actor.name,
                    role: actor.role.rawValue,
                    payload: "")
                greeting = l.text(
                    .walkStarted, ["session": .string(record.id), "customer": .string(account.customer.companyName)])
            }
            let interactive = isatty(0) == 1 && isatty(1) == 1
            var screen = WalkScreen(
                articles: loaded.articles, source: loaded.source, customer: account.customer.companyName,
                strings: strings)
            screen.typedConfirmation = !interactive
            let raw = interactive ? RawTerminal(environment: ProcessInfo.processInfo.environment) : nil
            let terminal: any WalkTerminal =
                raw ?? LineTerminal(width: ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80)
            let driver = WalkDriver(
                engine: engine, record: record, store: store, actor: actor, screen: screen, terminal: terminal,
                strings: strings)
            if record.payload.isEmpty { try driver.save(audit: ("walk-start", [record.id])) }
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
                        .walkSaved,
                        [
                            "index": .int(progress.0), "total": .int(progress.1), "article": .string(article),
                            "customer": .string(customer),
                        ]))
            }
            // As a process ended by the signal would: 128 + its number.
            if let signalled { throw ExitCode(128 + signalled) }
        } catch let error as StoreError {
            throw StoreFailure.report(error)
        }
    }
}

/// The articles in every walk language, the binding, and the procedure, checked against each other.
struct WalkSetup {
    var articles: [String: Article]
    var source: Article
    var binding: ProcedureBinding
    var procedure: Procedure

    static func load(article docsPath: String, fail: (String) -> ExitCode) throws -> WalkSetup {
        let l = Localizer.current
        guard let resolver = ArticleResolver.shipped() else {
            throw fail(l.text(.walkArticleMissing, ["article": .string(docsPath)]))
        }
        var articles: [String: Article] = [:]
        for locale in WalkCommand.walkLocales {
            guard let tag = LocaleTag(locale), let resolved = resolver.resolve(docsPath, locale: tag),
                resolved.locale.language == tag.language
            else { continue }
            articles[locale] = try? ArticleParser().parse(fileAt: resolved.path)
        }
        guard let source = articles["en-US"] ?? articles.values.first else {
            throw fail(l.text(.walkArticleMissing, ["article": .string(docsPath)]))
        }
        let file = (docsPath as NSString).deletingPathExtension + ".yml"
        guard
            let folder = ResourceLocator.directory(
                named: "Resources", containing: "Procedures", environmentKey: "WAYMARK_RESOURCES"),
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("Procedures/" + file).path)
        else { throw fail(l.text(.walkNoBinding, ["article": .string(docsPath), "file": .string(file)])) }
        let path = folder.appendingPathComponent("Procedures/" + file).path
        let (binding, diagnostics) = try BindingLoader.load(path: path)
        for d in diagnostics { StandardError.write(l.formatted(d, path: path)) }
        guard let binding, diagnostics.allSatisfy({ $0.severity != .error }) else { throw ExitStatus.findings }
        // Every bound StepID in every language, every name known.
        var problems: [String] = []
        for (locale, article) in articles.sorted(by: { $0.key < $1.key }) {
            for step in binding.steps where StepID(step.step).flatMap(article.stepGraph.step) == nil {
                let place = step.range.map { "\(path):\($0.start.line):\($0.start.column)" } ?? path
                problems.append(
                    place + ": "
                        + l.text(
                            .walkUnknownStep,
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
                            .walkUnknownName,
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
        guard let procedure = source.stepGraph.procedures.first(where: { $0.id == binding.procedure }) else {
            throw fail(
                l.text(.walkNoProcedure, ["article": .string(docsPath), "procedure": .string(binding.procedure)]))
        }
        return WalkSetup(articles: articles, source: source, binding: binding, procedure: procedure)
    }
}
