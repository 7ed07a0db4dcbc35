import WaymarkCore

/// One place the walkthrough stops: a step (or the prerequisites), for one loop item when the step
/// is repeated.
public struct WalkStop: Sendable, Hashable, Codable {
    /// The StepID text, or `WalkStop.prerequisites`.
    public var step: String
    public var item: LoopItem?
    /// The action the stop performs, from the binding.
    public var action: String?
    public var irreversible: Bool
    /// Guards from the binding.
    public var requires: [String]
    /// True for a step whose children are repeated for a collection.
    public var loopsOver: String?
    /// How many items the loop has (for a loop step).
    public var loopCount: Int?

    public static let prerequisites = "prerequisites"

    /// A key unique within the plan.
    public var key: String { item.map { "\(step)#\($0.id)" } ?? step }
}

public enum WalkPhase: String, Sendable, Hashable, Codable {
    case walking
    /// Waiting for the operator to confirm an irreversible step.
    case confirming
    case finished
}

/// How actions are carried out.
public enum WalkMode: String, Sendable, Hashable, Codable {
    /// Waymark performs the action on the model.
    case live
    /// The operator does it in the real portal and confirms; Waymark records it on the model.
    case confirm
}

/// Everything needed to resume a walkthrough exactly where it stopped (saved as JSON).
public struct WalkState: Sendable, Hashable, Codable {
    public var procedure: String
    public var stops: [WalkStop]
    public var position: Int
    public var completed: Set<String>
    public var phase: WalkPhase
    public var locale: String
    public var locales: [String]
    public var showSource: Bool
    public var mode: WalkMode
    /// Actions done, in order, for the summary: the action, a space, the item's kind, U+001F, its
    /// name (`suspendSubscription subscription␟Office 365 E3`; sessions saved before the kind was
    /// kept have only the name).
    public var performed: [String]

    public var current: WalkStop? { stops.indices.contains(position) ? stops[position] : nil }

    /// The state with its procedure and StepIDs as `graph` names them today: a session saved with
    /// an earlier version's ids (`admin~2/1` for what is now `admin-1/1`) resumes where it stopped.
    public func renamed(by graph: StepGraph) -> WalkState {
        guard !graph.aliases.isEmpty else { return self }
        func rename(_ text: String) -> String { StepID(text).map { graph.current($0).description } ?? text }
        var copy = self
        copy.procedure = graph.currentProcedureID(procedure)
        for i in copy.stops.indices { copy.stops[i].step = rename(copy.stops[i].step) }
        copy.completed = Set(
            completed.map { key in
                // A stop's key is its StepID, with `#item` after it for a loop's item.
                guard let hash = key.firstIndex(of: "#") else { return rename(key) }
                return rename(String(key[..<hash])) + key[hash...]
            })
        return copy
    }
}
