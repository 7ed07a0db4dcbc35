/// The machine-readable link between an article's steps and the relationship model, keyed by
/// StepID so that one binding serves every locale (`Resources/Procedures/<article>.yml`).
public struct ProcedureBinding: Sendable, Hashable {
    /// The binding file.
    public var path: String
    /// The article's docs path (`partner-center/remove-a-relationship.md`).
    public var article: String
    /// The procedure's anchor (the first part of its StepIDs).
    public var procedure: String
    /// Role ids allowed to run the procedure.
    public var roles: [String]
    /// What must be done before the first step (shown with the procedure's prerequisites text).
    public var prerequisites: StepBinding?
    /// Bindings of individual steps, in file order.
    public var steps: [StepBinding]

    public init(
        path: String, article: String, procedure: String, roles: [String], prerequisites: StepBinding?,
        steps: [StepBinding]
    ) {
        self.path = path
        self.article = article
        self.procedure = procedure
        self.roles = roles
        self.prerequisites = prerequisites
        self.steps = steps
    }

    public func binding(for step: StepID) -> StepBinding? {
        steps.first { $0.step == step.description }
    }

    /// The binding with its procedure and StepIDs as `graph` names them today (a binding written
    /// against an earlier version's ids keeps working).
    public func renamed(by graph: StepGraph) -> ProcedureBinding {
        guard !graph.aliases.isEmpty else { return self }
        var copy = self
        copy.procedure = graph.currentProcedureID(procedure)
        for i in copy.steps.indices {
            if let id = StepID(copy.steps[i].step) { copy.steps[i].step = graph.current(id).description }
        }
        return copy
    }
}

/// What one step does in the model.
public struct StepBinding: Sendable, Hashable {
    /// The StepID text, or `prerequisites`.
    public var step: String
    /// A collection the step's children are repeated for (`activeSubscriptions`).
    public var forEach: String?
    /// Guards that must hold before the step can be done (`noActiveSubscriptions`).
    public var requires: [String]
    /// The model action the step performs (`suspendSubscription`).
    public var action: String?
    /// The action cannot be undone: show its consequences and ask for confirmation first.
    public var irreversible: Bool
    /// Where the step's key stands in the binding file.
    public var range: SourceRange?

    public init(
        step: String, forEach: String? = nil, requires: [String] = [], action: String? = nil,
        irreversible: Bool = false,
        range: SourceRange? = nil
    ) {
        self.step = step
        self.forEach = forEach
        self.requires = requires
        self.action = action
        self.irreversible = irreversible
        self.range = range
    }
}

/// The names a binding may use for loops, guards and actions. The walkthrough gives them their
/// meaning against the relationship model; validation checks bindings against this list alone.
public enum BindingVocabulary {
    public static let collections = [
        "activeSubscriptions", "activeReservations", "activeSoftwarePurchases", "activeReservationsAndPurchases",
    ]
    public static let guards = [
        "noActiveSubscriptions", "noActiveReservations", "noActiveSoftwarePurchases", "relationshipActive",
    ]
    public static let actions = [
        "suspendSubscription", "cancelSubscription", "cancelReservation", "cancelPurchase", "cancelItem",
        "removeRelationship",
    ]
}
