import WaymarkCore

/// A step whose alerts (NOTE, WARNING…) differ in kind from the source's same step.
struct TranslationAlertsDiffer: CorpusRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A step's alerts differ in kind or number from the source's same step.",
        "explanation":
            "A WARNING in the source that became a NOTE, or disappeared, in a translation hides a risk from its readers; the walkthrough shows alerts beside their step, so the difference reaches support staff too.",
        "message": "step {step} has alerts [{here}] but the {source} source has [{there}]",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for (source, translation) in corpus.pairs {
            let sourceSteps = source.stepsByID
            for step in translation.steps {
                guard let other = sourceSteps[step.id], other.alertKinds != step.alertKinds else { continue }
                findings.report(
                    Self.self, in: translation, at: step.range, line: step.line,
                    [
                        "step": step.id, "source": source.locale,
                        "here": step.alertKinds.map { $0.rawValue.uppercased() }.joined(separator: ", "),
                        "there": other.alertKinds.map { $0.rawValue.uppercased() }.joined(separator: ", "),
                    ])
            }
        }
    }
}
