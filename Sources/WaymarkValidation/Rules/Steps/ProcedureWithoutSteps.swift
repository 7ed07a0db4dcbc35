import WaymarkCore

/// A numbered procedure whose items are all empty.
struct ProcedureWithoutSteps: DocumentRule {
    static let category = RuleCategory.steps
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A procedure has no step with any text.",
        "explanation":
            "A numbered list whose items are empty publishes as bare numbers, and the walkthrough has nothing to show. It usually means the step text was lost in a merge or in translation.",
        "message": "procedure \"{procedure}\" has no step with any text",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for procedure in document.article.stepGraph.procedures {
            if procedure.steps.allSatisfy({ $0.allSatisfyInTree { $0.text.isEmpty && $0.content.plainText.isBlank } }) {
                findings.report(Self.self, at: procedure.range, ["procedure": procedure.id])
            }
        }
    }
}
