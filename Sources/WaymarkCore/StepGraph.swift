/// What a step asks the reader to do, recognised from per-locale cue lists.
public enum StepKind: String, Sendable, Hashable, CaseIterable {
    /// Go somewhere in the product ("go to Customers").
    case navigate
    /// Pick an item or option ("select Suspended").
    case select
    /// Repeat the preceding sibling steps ("repeat these steps for each active subscription").
    case `repeat`
    /// Anything else.
    case action
}

/// A piece of a step's text.
public struct InlineRun: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case plain
        /// A bold UI label such as **Customers**.
        case uiLabel
        case link(target: String)
        case code
    }

    public var kind: Kind
    public var text: String
    /// Where a label, link or code span is written, for findings that point at it; not part of
    /// the run's identity (two runs are equal when their kind and text are).
    public var range: SourceRange?

    public init(kind: Kind, text: String, range: SourceRange? = nil) {
        self.kind = kind
        self.text = text
        self.range = range
    }

    public static func == (a: InlineRun, b: InlineRun) -> Bool { a.kind == b.kind && a.text == b.text }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(text)
    }
}

/// A link from an article to another page, with its visible text.
public struct LinkReference: Sendable, Hashable {
    public var text: String
    public var target: String
    public var range: SourceRange?

    public init(text: String, target: String, range: SourceRange?) {
        self.text = text
        self.target = target
        self.range = range
    }
}

/// One step of a procedure. Child steps come from nested ordered lists and from `a.`/`i.` markers.
public struct Step: Sendable, Hashable {
    public var id: StepID
    public var kind: StepKind
    public var runs: [InlineRun]
    public var children: [Step]
    /// Alerts written inside the step.
    public var alerts: [Alert]
    /// Other blocks of the step (bullet lists of options, code, images, tables).
    public var content: [Block]
    /// True when one of the children is a `repeat` step: this step loops over a collection.
    public var isLoop: Bool
    public var range: SourceRange

    public init(
        id: StepID, kind: StepKind, runs: [InlineRun], children: [Step] = [], alerts: [Alert] = [],
        content: [Block] = [], isLoop: Bool = false, range: SourceRange
    ) {
        self.id = id
        self.kind = kind
        self.runs = runs
        self.children = children
        self.alerts = alerts
        self.content = content
        self.isLoop = isLoop
        self.range = range
    }

    /// The step's text without markup.
    public var text: String { runs.map(\.text).joined().trimmingSpaces }

    /// The step and all its descendants, depth first.
    public var flattened: [Step] {
        var out: [Step] = []
        appendFlattened(to: &out)
        return out
    }

    func appendFlattened(to out: inout [Step]) {
        out.append(self)
        for child in children { child.appendFlattened(to: &out) }
    }

    /// Whether `condition` holds for the step and all its descendants, stopping at the first that fails.
    public func allSatisfyInTree(_ condition: (Step) -> Bool) -> Bool {
        condition(self) && children.allSatisfy { $0.allSatisfyInTree(condition) }
    }
}

/// A section whose body holds an ordered list of steps.
public struct Procedure: Sendable, Hashable {
    /// The section anchor, the first part of every StepID of the procedure.
    public var id: String
    public var title: String
    /// Paragraphs between the heading and the steps (what must be true or done first).
    public var prerequisites: [String]
    public var steps: [Step]
    public var range: SourceRange

    public init(id: String, title: String, prerequisites: [String], steps: [Step], range: SourceRange) {
        self.id = id
        self.title = title
        self.prerequisites = prerequisites
        self.steps = steps
        self.range = range
    }

    public var allSteps: [Step] {
        var out: [Step] = []
        for step in steps { step.appendFlattened(to: &out) }
        return out
    }
}

/// The procedures of an article, in document order.
public struct StepGraph: Sendable, Hashable {
    public var procedures: [Procedure]
    /// Procedure ids of earlier Waymark versions → today's, where they differ: before section keys
    /// were numbered like DocFX's heading ids, the second section anchored `admin` was `admin~2`,
    /// now `admin-1`. Sessions and bindings that stored an old id find their procedure through it.
    public var aliases: [String: String]

    public init(procedures: [Procedure] = [], aliases: [String: String] = [:]) {
        self.procedures = procedures
        self.aliases = aliases
    }

    /// Today's id of a procedure id, which may be one an earlier version stored.
    public func currentProcedureID(_ id: String) -> String {
        procedures.contains { $0.id == id } ? id : aliases[id] ?? id
    }

    /// Today's id of a StepID, which may be one an earlier version stored.
    public func current(_ id: StepID) -> StepID {
        StepID(procedure: currentProcedureID(id.procedure), path: id.path)
    }

    /// The procedure with `id`, today's or an earlier version's.
    public func procedure(_ id: String) -> Procedure? {
        let current = currentProcedureID(id)
        return procedures.first { $0.id == current }
    }

    public var allSteps: [Step] {
        var out: [Step] = []
        for procedure in procedures {
            for step in procedure.steps { step.appendFlattened(to: &out) }
        }
        return out
    }
    public var stepIDs: [StepID] { allSteps.map(\.id) }

    /// The step with `id` (an earlier version's id too).
    public func step(_ id: StepID) -> Step? {
        let id = current(id)
        return allSteps.first { $0.id == id }
    }
}
