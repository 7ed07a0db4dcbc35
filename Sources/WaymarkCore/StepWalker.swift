/// Visits the steps of a procedure depth first, sub-steps after their step, without recursion.
/// `leave` comes after a step's sub-steps, for renderers that close what `visit` opened.
///
/// ```swift
/// struct Outline: StepVisitor {
///     var lines: [String] = []
///     mutating func visit(_ step: Step, depth: Int) -> Bool {
///         lines.append(String(repeating: "  ", count: depth) + step.id.description)
///         return true
///     }
/// }
/// ```
public protocol StepVisitor {
    /// Called for each step in document order; return `false` to skip its sub-steps.
    mutating func visit(_ step: Step, depth: Int) -> Bool
    /// Called after the step's sub-steps, or right after `visit` when they were skipped or it has none.
    mutating func leave(_ step: Step, depth: Int)
}

extension StepVisitor {
    public mutating func leave(_ step: Step, depth: Int) {}
}

extension Step {
    /// Walks `steps` and their sub-steps with `visitor`.
    public static func walk<V: StepVisitor>(_ steps: [Step], with visitor: inout V) {
        var current = steps
        var index = 0
        var stack: [(steps: [Step], next: Int, parent: Step)] = []
        while true {
            guard index < current.count else {
                guard let resume = stack.popLast() else { return }
                visitor.leave(resume.parent, depth: stack.count)
                (current, index) = (resume.steps, resume.next)
                continue
            }
            let step = current[index]
            index += 1
            guard visitor.visit(step, depth: stack.count), !step.children.isEmpty else {
                visitor.leave(step, depth: stack.count)
                continue
            }
            stack.append((current, index, step))
            (current, index) = (step.children, 0)
        }
    }
}

extension Step {
    /// Walks `steps` calling `enter` on each step and `leave` after its sub-steps.
    public static func walk(
        _ steps: [Step], enter: (Step, Int) -> Void, leave: (Step, Int) -> Void = { _, _ in }
    ) {
        withoutActuallyEscaping(enter) { enter in
            withoutActuallyEscaping(leave) { leave in
                var visitor = ClosureStepVisitor(enter: enter, exit: leave)
                walk(steps, with: &visitor)
            }
        }
    }
}

private struct ClosureStepVisitor: StepVisitor {
    let enter: (Step, Int) -> Void
    let exit: (Step, Int) -> Void

    mutating func visit(_ step: Step, depth: Int) -> Bool {
        enter(step, depth)
        return true
    }

    mutating func leave(_ step: Step, depth: Int) { exit(step, depth) }
}
