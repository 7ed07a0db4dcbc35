import WaymarkCore
import WaymarkRelationships

/// Why a walkthrough cannot start.
public enum WalkError: Error, Sendable, Hashable {
    case roleNotAllowed(OperatorRole, allowed: [String])
    case procedureNotFound(String)
    case relationshipAlreadyRemoved

    /// The refusal a store records for it (the terminal and the web app both refuse with it).
    public var refusal: [RefusalReason] {
        switch self {
        case .roleNotAllowed(let role, let allowed):
            [.roleNotAllowed(role, allowed: allowed.compactMap(OperatorRole.init(rawValue:)))]
        case .relationshipAlreadyRemoved: [.relationshipAlreadyRemoved]
        case .procedureNotFound(let procedure): [.itemNotFound(procedure)]
        }
    }
}

/// An action for the driver to carry out on the model.
public struct WalkAction: Sendable, Hashable {
    public var name: String
    public var item: LoopItem?
    public var step: String
}

/// What `next()` led to.
public enum WalkOutcome: Sendable, Hashable {
    /// Moved to the next stop.
    case moved
    /// The current stop's guards do not hold.
    case blocked([RefusalReason])
    /// The stop is irreversible: show the consequences and wait for `confirm()` or `cancel()`.
    case needsConfirmation
    /// The driver must perform this action, then call `actionFinished`.
    case perform(WalkAction)
    case finished
}

/// The result of an action the driver performed.
public enum ActionResult: Sendable, Hashable {
    case done
    /// Already in the state the action produces (e.g. suspended elsewhere); counts as done.
    case alreadyDone
    case refused([RefusalReason])
}

/// The walkthrough state machine: pure, no I/O. Guards and loop collections are read from the
/// `CustomerAccount` passed in; actions are handed to the driver as `WalkAction`s.
public struct WalkEngine: Sendable {
    public private(set) var state: WalkState

    public init(resuming state: WalkState) {
        self.state = state
    }

    /// Plans the stops for `procedure` (any locale's: StepIDs are the same) with `binding`, taking
    /// a snapshot of the loop collections.
    public static func start(
        procedure: Procedure, prerequisitesText: Bool, binding: ProcedureBinding, account: CustomerAccount,
        actor: Operator,
        locale: String, locales: [String], mode: WalkMode = .live
    ) throws(WalkError) -> WalkEngine {
        if !binding.roles.isEmpty, !binding.roles.contains(actor.role.rawValue) {
            throw .roleNotAllowed(actor.role, allowed: binding.roles)
        }
        if account.customer.relationship == .removed { throw .relationshipAlreadyRemoved }
        var stops: [WalkStop] = []
        if let pre = binding.prerequisites {
            let items = pre.forEach.flatMap { WalkVocabulary.items($0, in: account) } ?? []
            if items.isEmpty {
                if prerequisitesText {
                    stops.append(
                        WalkStop(
                            step: WalkStop.prerequisites, item: nil, action: nil, irreversible: false,
                            requires: pre.requires))
                }
            } else {
                for item in items {
                    stops.append(
                        WalkStop(
                            step: WalkStop.prerequisites, item: item, action: pre.action,
                            irreversible: pre.irreversible, requires: pre.requires))
                }
            }
        }
        func plan(_ step: Step, item: LoopItem?) {
            let b = binding.binding(for: step.id)
            if let collection = b?.forEach {
                let items = WalkVocabulary.items(collection, in: account) ?? []
                stops.append(
                    WalkStop(
                        step: step.id.description, item: item, action: b?.action,
                        irreversible: b?.irreversible ?? false,
                        requires: b?.requires ?? [], loopsOver: collection, loopCount: items.count))
                for loopItem in items {
                    for child in step.children { plan(child, item: loopItem) }
                }
            } else {
                stops.append(
                    WalkStop(
                        step: step.id.description, item: item, action: b?.action,
                        irreversible: b?.irreversible ?? false,
                        requires: b?.requires ?? []))
                for child in step.children { plan(child, item: item) }
            }
        }
        for step in procedure.steps { plan(step, item: nil) }
        return WalkEngine(
            resuming: WalkState(
                procedure: procedure.id, stops: stops, position: 0, completed: [],
                phase: stops.isEmpty ? .finished : .walking,
                locale: locale, locales: locales, showSource: false, mode: mode, performed: []))
    }

    /// What blocks the current stop now.
    public func blockers(_ account: CustomerAccount) -> [RefusalReason] {
        guard let stop = state.current else { return [] }
        return stop.requires.flatMap { WalkVocabulary.reasons($0, in: account) }
    }

    /// The first stop after the current one whose guards do not hold, with what blocks it: the
    /// road ahead, shown before the operator gets there.
    public func blockedAhead(_ account: CustomerAccount) -> (stop: WalkStop, reasons: [RefusalReason])? {
        guard state.position + 1 < state.stops.count else { return nil }
        for stop in state.stops[(state.position + 1)...] where !stop.requires.isEmpty {
            let reasons = stop.requires.flatMap { WalkVocabulary.reasons($0, in: account) }
            if !reasons.isEmpty { return (stop, reasons) }
        }
        return nil
    }

    /// Actions that cannot be undone: they wait for an explicit yes, whatever the binding says.
    public static let irreversibleActions: Set<String> = [
        "removeRelationship", "cancelItem", "cancelSubscription", "cancelReservation", "cancelPurchase",
    ]

    /// Done with the current stop: check its guards, ask for its action or confirmation, or move on.
    public mutating func next(_ account: CustomerAccount) -> WalkOutcome {
        guard state.phase != .finished, let stop = state.current else { return .finished }
        if state.phase == .confirming { return .needsConfirmation }
        let reasons = blockers(account)
        if !reasons.isEmpty { return .blocked(reasons) }
        if state.completed.contains(stop.key) || stop.action == nil { return advance() }
        if stop.irreversible || WalkEngine.irreversibleActions.contains(stop.action ?? "") {
            state.phase = .confirming
            return .needsConfirmation
        }
        return .perform(WalkAction(name: stop.action!, item: stop.item, step: stop.step))
    }

    /// The operator confirmed the irreversible step: the action to perform.
    public mutating func confirm() -> WalkAction? {
        guard state.phase == .confirming, let stop = state.current, let action = stop.action else { return nil }
        state.phase = .walking
        return WalkAction(name: action, item: stop.item, step: stop.step)
    }

    /// The operator did not confirm.
    public mutating func cancel() {
        if state.phase == .confirming { state.phase = .walking }
    }

    /// The driver reports how the current stop's action went.
    @discardableResult
    public mutating func actionFinished(_ result: ActionResult) -> WalkOutcome {
        guard let stop = state.current else { return .finished }
        switch result {
        case .refused(let reasons):
            state.phase = .walking
            return .blocked(reasons)
        case .done, .alreadyDone:
            if result == .done, let action = stop.action {
                state.performed.append(action + (stop.item.map { " " + $0.kind.rawValue + "\u{1F}" + $0.name } ?? ""))
            }
            return advance()
        }
    }

    private mutating func advance() -> WalkOutcome {
        if let stop = state.current { state.completed.insert(stop.key) }
        state.phase = .walking
        if state.position + 1 >= state.stops.count {
            state.position = state.stops.count - 1
            state.phase = .finished
            return .finished
        }
        state.position += 1
        return .moved
    }

    /// Back to the previous stop (actions already done stay done).
    public mutating func back() {
        if state.phase == .confirming {
            state.phase = .walking
            return
        }
        if state.phase == .finished { state.phase = .walking }
        state.position = max(0, state.position - 1)
    }

    /// The next language in the cycle; the current stop stays the same.
    public mutating func cycleLocale() {
        guard let index = state.locales.firstIndex(of: state.locale) else {
            state.locale = state.locales.first ?? state.locale
            return
        }
        state.locale = state.locales[(index + 1) % state.locales.count]
    }

    /// Switches to `locale` if the walkthrough offers it.
    @discardableResult
    public mutating func setLocale(_ locale: String) -> Bool {
        guard let match = state.locales.first(where: { $0.lowercased() == locale.lowercased() }) else { return false }
        state.locale = match
        return true
    }

    public mutating func toggleSource() { state.showSource.toggle() }

    /// 1-based position and total, for "Step 3 of 9".
    public var progress: (index: Int, total: Int) { (min(state.position + 1, state.stops.count), state.stops.count) }
}
