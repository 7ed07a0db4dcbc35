import Foundation
import WaymarkCore
import WaymarkRelationships
import WaymarkWalkthrough

/// What an operator can do to a walk from a page or the API.
enum WalkCommandName: String, Sendable {
    case next, back, confirm, cancel, source
}

/// A walk as a request finds it: the session, the article, and the engine at its stop.
struct LoadedWalk: Sendable {
    var record: WalkSessionRecord
    var article: WalkArticle
    var engine: WalkEngine
    var account: CustomerAccount

    func view(_ strings: any MessageProvider) -> WalkView {
        var screen = WalkScreen(
            articles: article.articles, source: article.source, customer: account.customer.companyName,
            strings: strings)
        screen.checkpoints = article.checkpoints
        return WalkView(engine: engine, record: record, screen: screen, account: account)
    }
}

/// The result of a command: the walk after it, what to tell the operator, and the rules'
/// reasons if they refused its action.
struct WalkStepResult: Sendable {
    var walk: LoadedWalk
    var notes: [String]
    var refusal: [RefusalReason]?
}

extension WebApp {
    /// Starts the customer's walk of `docsPath`, or resumes the customer's open one (of any
    /// article, as the terminal does).
    func startWalk(customer: String, docsPath: String, locale: String?, by signedIn: SignedIn, _ t: WebStrings)
        async throws -> String
    {
        guard RecordValue.problem(customer) == nil, let article = configuration.loadWalk(docsPath, nil) else {
            throw notFound(t)
        }
        let store = self.store
        let actor = signedIn.actor
        let offered = configuration.walkLocales.filter { article.articles[$0] != nil }
        let wanted = locale.flatMap { l in offered.first { $0.lowercased() == l.lowercased() } } ?? t.locale
        let walkLocale =
            offered.contains(wanted) ? wanted : (offered.first { $0.hasPrefix("en") } ?? offered.first ?? wanted)
        return try await blocking {
            do {
                return try WebApp.begin(
                    store: store, customer: customer, article: article, actor: actor, locale: walkLocale,
                    locales: offered)
            } catch StoreError.refused(let reasons) {
                // Audited as the terminal's refusals are.
                try store.recordRefusal(action: "walk-start", customerID: customer, reasons: reasons, by: actor)
                throw StoreError.refused(reasons)
            }
        }
    }

    static func begin(
        store: RelationshipStore, customer: String, article: WalkArticle, actor: Operator, locale walkLocale: String,
        locales offered: [String]
    ) throws(StoreError) -> String {
        if let open = try store.openSession(customerID: customer) {
            _ = try store.takeWebLease(session: open.id, holder: actor.name)
            return open.id
        }
        let id = String(UUID().uuidString.prefix(8)).lowercased()
        let begun = try store.beginWalk(
            customerID: customer, lease: WalkLease.forWeb(session: id, holder: actor.name), takeOver: false,
            by: actor
        ) { account throws(StoreError) in
            let engine: WalkEngine
            do throws(WalkError) {
                engine = try WalkEngine.start(
                    procedure: article.procedure, prerequisitesText: true, binding: article.binding,
                    account: account, actor: actor, locale: walkLocale, locales: offered)
            } catch {
                throw StoreError.refused(error.refusal)
            }
            return WalkSessionRecord(
                id: id, customerID: customer, article: article.binding.article,
                procedure: article.binding.procedure, locale: engine.state.locale, operatorName: actor.name,
                role: actor.role.rawValue,
                payload: String(decoding: (try? JSONEncoder().encode(engine.state)) ?? Data(), as: UTF8.self))
        }
        return begun.record.id
    }

    /// The walk `id` as the store has it now; 404 when there is no such walk or its article is gone.
    func loadWalk(_ id: String, _ t: WebStrings) async throws -> LoadedWalk {
        guard RecordValue.problem(id) == nil else { throw notFound(t) }
        let store = self.store
        guard let (record, account) = try await blocking({ try store.sessionWithAccount(id) }) else {
            throw notFound(t)
        }
        guard let article = configuration.loadWalk(record.article, record.procedure),
            let state = decodedStates.state(record.payload)
        else { throw notFound(t) }
        return LoadedWalk(
            record: record, article: article, engine: WalkEngine(resuming: state.renamed(by: article.source.stepGraph)),
            account: account)
    }

    /// The walk `id` when it is open; 409 when it has ended.
    func openWalk(_ id: String, _ t: WebStrings) async throws -> LoadedWalk {
        let walk = try await loadWalk(id, t)
        guard walk.record.state == .open else {
            throw WebProblem(
                status: .conflict, title: t(.conflict),
                detail: t(.walkEnded, ["state": .string(walk.record.state.rawValue)]))
        }
        return walk
    }

    /// Applies `command` to walk `id` under the browsers' lease, audited as the operator.
    func step(_ id: String, _ command: WalkCommandName, by signedIn: SignedIn, _ t: WebStrings) async throws
        -> WalkStepResult
    {
        let walk = try await openWalk(id, t)
        let (after, (notes, refusal)) = try await change(walk, by: signedIn) { controller, account in
            var notes: [Styled]?
            switch command {
            case .next: notes = try controller.next(account)
            case .confirm: notes = try controller.confirm(account)
            case .cancel: try controller.cancel()
            case .back: try controller.back()
            case .source: try controller.toggleSource()
            }
            return ((notes ?? []).map { $0.text.trimmingCharacters(in: .whitespaces) }, controller.lastRefusal)
        }
        return WalkStepResult(walk: after, notes: notes, refusal: refusal)
    }

    /// Switches walk `id` to `locale`, on the same StepID.
    func setWalkLocale(_ id: String, _ locale: String, by signedIn: SignedIn, _ t: WebStrings) async throws
        -> LoadedWalk
    {
        let walk = try await openWalk(id, t)
        guard walk.engine.state.locales.contains(where: { $0.lowercased() == locale.lowercased() }) else {
            throw WebProblem(
                status: .badRequest, title: t(.badRequest),
                detail: t(
                    .unknownLocale,
                    [
                        "locale": .string(locale),
                        "locales": .string(walk.engine.state.locales.joined(separator: ", ")),
                    ]))
        }
        return try await change(walk, by: signedIn) { controller, _ in _ = try controller.setLocale(locale) }.0
    }

    /// Runs `body` on the walk's controller under the browsers' lease, from the session as the store
    /// holds it once the lease is taken (another browser may have moved the walk since the request
    /// read it); the walk afterwards, with the account as it is then.
    func change<T: Sendable>(
        _ walk: LoadedWalk, by signedIn: SignedIn,
        _ body: @escaping @Sendable (WalkController, CustomerAccount) throws -> T
    ) async throws -> (LoadedWalk, T) {
        let store = self.store
        let strings = configuration.strings
        let actor = signedIn.actor
        let states = decodedStates
        return try await blocking {
            let id = walk.record.id
            let token = try store.takeWebLease(session: id, holder: actor.name)
            guard let (record, account) = try store.sessionWithAccount(id), let state = states.state(record.payload)
            else { throw StoreError.sessionLost(session: id, state: "missing", by: nil, since: nil) }
            let controller = WalkController(
                engine: WalkEngine(resuming: state.renamed(by: walk.article.source.stepGraph)), record: record,
                store: store, actor: actor, strings: strings,
                lease: token)
            let result = try body(controller, account)
            var after = walk
            after.engine = controller.engine
            after.record = controller.record
            after.account = try store.account(record.customerID)
            return (after, result)
        }
    }
}

/// Walk states decoded from the payloads the store holds, by payload: a page view decodes a walk's
/// state once per change, not once per request. Only derived data: the store stays the truth.
final class DecodedStates: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [String: WalkState] = [:]
    static let capacity = 512

    func state(_ payload: String) -> WalkState? {
        if let known = lock.withLock({ states[payload] }) { return known }
        guard let state = try? JSONDecoder().decode(WalkState.self, from: Data(payload.utf8)) else { return nil }
        lock.withLock {
            if states.count >= DecodedStates.capacity { states.removeAll(keepingCapacity: true) }
            states[payload] = state
        }
        return state
    }
}
