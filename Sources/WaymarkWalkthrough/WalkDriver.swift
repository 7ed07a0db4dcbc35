import Foundation
import WaymarkCore
import WaymarkRelationships

/// Runs a walkthrough: shows the current stop, reads what the operator wants, applies it through
/// the engine and the store, and saves the session after every transition (so `q` or `kill -9`
/// loses at most the keypress in flight).
public final class WalkDriver {
    public enum Ending: Sendable, Equatable {
        case saved, finished
        /// Saved and stopped by a signal.
        case signalled(Int32)
    }

    var engine: WalkEngine
    var record: WalkSessionRecord
    let store: RelationshipStore
    let actor: Operator
    let screen: WalkScreen
    let terminal: any WalkTerminal
    let strings: any MessageProvider
    /// The walk's lease token: every write proves the walk still holds its session.
    let lease: String?

    public init(
        engine: WalkEngine, record: WalkSessionRecord, store: RelationshipStore, actor: Operator, screen: WalkScreen,
        terminal: any WalkTerminal, strings: any MessageProvider, lease: String? = nil
    ) {
        self.lease = lease
        self.engine = engine
        self.record = record
        self.store = store
        self.actor = actor
        self.screen = screen
        self.terminal = terminal
        self.strings = strings
    }

    public var state: WalkState { engine.state }

    func t(_ key: String, _ args: [String: MessageValue] = [:]) -> String {
        strings.text(key, args, locale: engine.state.locale)
    }

    /// Saves the engine state; `audit` names the step just completed.
    public func save(audit: (String, [String])? = nil) throws(StoreError) {
        record.payload = String(decoding: (try? JSONEncoder().encode(engine.state)) ?? Data(), as: UTF8.self)
        record.locale = engine.state.locale
        record.state = engine.state.phase == .finished ? .finished : .open
        try store.saveSession(record, audit: audit, by: actor, lease: lease)
    }

    /// The loop: returns when the operator quits (saved) or the procedure is finished.
    public func run(initialMessage: [Styled]? = nil) throws(StoreError) -> Ending {
        var message = initialMessage
        while true {
            let account = try store.account(record.customerID)
            terminal.show(screen.lines(engine: engine, account: account, message: message, width: terminal.width))
            let shown = message
            message = nil
            if engine.state.phase == .finished { return .finished }
            switch terminal.read() {
            case .next where engine.state.phase == .confirming:
                // Only y or n answers the question on the screen.
                let prompt = engine.state.current.map(screen.confirmationPrompt(for:)) ?? "walk.confirm.keys-only"
                message = [Styled(t(terminal.interactive ? "walk.confirm.keys-only" : prompt), .blocked)]
            case .next:
                message = try next(account)
            case .yes:
                if engine.state.phase == .confirming, let action = engine.confirm() {
                    message = try perform(action)
                } else {
                    message = try next(account)
                }
            case .no:
                engine.cancel()
                try save()
            case .back:
                engine.back()
                try save()
            case .cycleLocale:
                engine.cycleLocale()
                try save()
            case .setLocale(let locale):
                if !engine.setLocale(locale) {
                    message = [
                        Styled(
                            t(
                                "walk.no-locale",
                                [
                                    "locale": .string(locale),
                                    "locales": .string(engine.state.locales.joined(separator: ", ")),
                                ]), .blocked)
                    ]
                }
                try save()
            case .source:
                engine.toggleSource()
                try save()
            case .help:
                message = [Styled(t("walk.help"))]
            case .quit, .end:
                try save()
                return .saved
            case .signal(let number):
                try save()
                return .signalled(number)
            case .resize:
                // The same screen, message and all, drawn again at the new width.
                message = shown
            case .tooLong:
                message = [
                    Styled(t("walk.line-too-long", ["limit": .int(LineTerminal.maximumLine)]), .blocked)
                ]
            case .unknown(let command):
                message = [Styled(t("walk.unknown-command", ["command": .string(command)]), .blocked)]
            }
        }
    }

    private func next(_ account: CustomerAccount) throws(StoreError) -> [Styled]? {
        let before = engine.state.current
        switch engine.next(account) {
        case .moved, .finished:
            try save(audit: before.map { ("walk-step", [$0.step] + ($0.item.map { [$0.name] } ?? [])) })
            return nil
        case .blocked:
            return nil
        case .needsConfirmation:
            try save()
            return nil
        case .perform(let action):
            return try perform(action)
        }
    }

    /// Carries out an action on the store, audited with the session, step and locale.
    private func perform(_ action: WalkAction) throws(StoreError) -> [Styled]? {
        let stop = engine.state.current
        let context = AuditContext(session: record.id, step: action.step, locale: engine.state.locale, lease: lease)
        var notes: [Styled] = []
        let result: ActionResult
        do {
            let item = action.item
            switch action.name {
            case "suspendSubscription":
                if !(try store.suspendSubscription(item?.id ?? "", by: actor, context: context)).isEmpty {
                    notes.append(
                        Styled(t("warning.new-commerce-keeps-billing", ["item": .string(item?.name ?? "")]), .alert))
                }
            case "cancelSubscription": try store.cancelSubscription(item?.id ?? "", by: actor, context: context)
            case "cancelReservation": try store.cancelReservation(item?.id ?? "", by: actor, context: context)
            case "cancelPurchase": try store.cancelPurchase(item?.id ?? "", by: actor, context: context)
            case "cancelItem":
                if item?.kind == .reservation {
                    try store.cancelReservation(item?.id ?? "", by: actor, context: context)
                } else if item?.kind == .subscription {
                    try store.cancelSubscription(item?.id ?? "", by: actor, context: context)
                } else {
                    try store.cancelPurchase(item?.id ?? "", by: actor, context: context)
                }
            case "removeRelationship": try store.removeRelationship(record.customerID, by: actor, context: context)
            default: break
            }
            result = .done
        } catch {
            if case .refused(let reasons) = error {
                // What the action would do is already done: by this session before a crash cut it off
                // between the action's transaction and the step's, or by someone else meanwhile.
                var alreadyDone = action.name == "removeRelationship" && reasons == [.relationshipAlreadyRemoved]
                if case .itemNotActive? = reasons.first, reasons.count == 1 { alreadyDone = true }
                if alreadyDone {
                    result = .alreadyDone
                } else {
                    result = .refused(reasons)
                    let text = ReasonText(strings: strings)
                    notes += reasons.map {
                        Styled("• " + text.describe($0, locale: engine.state.locale) + "  ", .blocked)
                    }
                }
            } else {
                throw error
            }
        }
        switch engine.actionFinished(result) {
        case .moved, .finished:
            try save(audit: stop.map { ("walk-step", [$0.step] + ($0.item.map { [$0.name] } ?? [])) })
        default:
            try save()
        }
        return notes.isEmpty ? nil : notes
    }
}
