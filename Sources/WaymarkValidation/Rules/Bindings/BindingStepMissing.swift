import WaymarkCore

/// A procedure binding names a procedure or step that some locale's article does not have.
struct BindingStepMissing: CorpusRule {
    static let category = RuleCategory.bindings
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A procedure binding names a step or procedure that is missing from the article in some locale.",
        "explanation":
            "Bindings tie StepIDs to actions on the relationship model, and one binding serves every locale. If a locale's article lacks the step, the walkthrough in that language cannot run the action. Fix the article, or the binding if the source changed.",
        "article": "binding is for \"{article}\", which is not in the tree",
        "procedure": "procedure \"{procedure}\" is not in the {locale} article",
        "message": "step {step} is not in the {locale} article",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for (binding, path) in context.bindings {
            let versions = corpus.versions(of: binding.article)
            guard !versions.isEmpty else {
                findings.report(Self.self, "article", path: path, at: nil, ["article": binding.article])
                continue
            }
            for (locale, doc) in versions.sorted(by: { $0.key < $1.key }) {
                guard doc.procedures.contains(binding.procedure) else {
                    findings.report(
                        Self.self, "procedure", path: path, at: nil, ["procedure": binding.procedure, "locale": locale])
                    continue
                }
                let ids = Set(doc.steps.map(\.id))
                for step in binding.steps where !ids.contains(step.step) {
                    findings.report(Self.self, path: path, at: step.range, ["step": step.step, "locale": locale])
                }
            }
        }
    }
}
