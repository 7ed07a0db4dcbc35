import Foundation
import WaymarkCore
import WaymarkRelationships

/// One walk session applied to the store, for any renderer: the engine's transitions, the actions
/// they lead to (performed on the store, audited with the session, step and locale), and the
/// session saved after each. The terminal's `WalkDriver` and the web app both walk through it.
public final class WalkController {
    public private(set) var engine: WalkEngine
    public private(set) var record: WalkSessionRecord
    let store: RelationshipStore
    let actor: Operator
    let strings: any MessageProvider
    /// The walk's lease token: every write proves the walk still holds its session.
    let lease: String?
    /// The reasons the store gave when it refused the last action, if it did.
    public private(set) var lastRefusal: [RefusalReason]?

    public init(
        engine: WalkEngine, record: WalkSessionRecord, store: RelationshipStore, actor: Operator,
        strings: any MessageProvider, lease: String? = nil
    ) {
        self.engine = engine
        self.record = record
        self.store = store
        self.actor = actor
        self.strings = strings
        self.lease = lease
    }

    public var state: WalkState { engine.state }

    func t(_ key: String, _ args: [String: MessageValue] = [:]) -> String {
        strings.text(key, args, locale: engine.state.locale)
    }

    func t(_ key: WalkText, _ args: [String: MessageValue] = [:]) -> String { t(key.rawValue, args) }

    /// Saves the engine state; `audit` names the step just completed.
    public func save(audit: (String, [String])? = nil) throws(StoreError) {
        record.payload = String(decoding: (try? JSONEncoder().encode(engine.state)) ?? Data(), as: UTF8.self)
        record.locale = engine.state.locale
        record.state = engine.state.phase == .finished ? .finished : .open
        try store.saveSession(record, audit: audit, by: actor, lease: lease)
    }

    /// The operator confirmed: performs the stop's irreversible action (else moves on as `next`).
    public func confirm(_ account: CustomerAccount) throws(StoreError) -> [Styled]? {
        if engine.state.phase == .confirming, let action = engine.confirm() { return try perform(action) }
        return try next(account)
    }

    /// The operator did not confirm.
    public func cancel() throws(StoreError) {
        engine.cancel()
        try save()
    }

    public func back() throws(StoreError) {
        engine.back()
        try save()
    }

    public func cycleLocale() throws(StoreError) {
        engine.cycleLocale()
        try save()
    }

    /// False (and nothing saved) when the walk does not offer `locale`.
    public func setLocale(_ locale: String) throws(StoreError) -> Bool {
        guard engine.setLocale(locale) else { return false }
        try save()
        return true
    }

    public func toggleSource() throws(StoreError) {
        engine.toggleSource()
        try save()
    }

    /// Done with the current stop: its guards checked, its action performed or its confirmation
    /// asked for, the walk moved on and saved. Returns what to tell the operator, if anything.
    public func next(_ account: CustomerAccount) throws(StoreError) -> [Styled]? {
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
    public func perform(_ action: WalkAction) throws(StoreError) -> [Styled]? {
        lastRefusal = nil
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
                    lastRefusal = reasons
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
