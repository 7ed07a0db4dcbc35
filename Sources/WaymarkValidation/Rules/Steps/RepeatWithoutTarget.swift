import WaymarkCore

/// "Repeat these steps" with no step before it to repeat.
struct RepeatWithoutTarget: DocumentRule {
    static let category = RuleCategory.steps
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A repeat step has no earlier step to repeat.",
        "explanation":
            "A step such as \"Repeat steps 1-3 for each subscription\" loops back over the steps before it in the same list. As the first step of its list it loops over nothing, so the walkthrough cannot build the loop. Move it after the steps it repeats.",
        "message": "step {step} repeats, but no step comes before it in its list",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        func visit(_ steps: [Step]) {
            for (index, step) in steps.enumerated() {
                if step.kind == .repeat, index == 0 {
                    findings.report(Self.self, at: step.range, ["step": step.id.description])
                }
                visit(step.children)
            }
        }
        for procedure in document.article.stepGraph.procedures { visit(procedure.steps) }
    }
}
