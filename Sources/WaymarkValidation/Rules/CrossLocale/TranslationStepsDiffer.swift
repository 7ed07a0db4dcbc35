import WaymarkCore

/// Steps the source has and the translation lacks, or the reverse, by StepID.
struct TranslationStepsDiffer: CorpusRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A translation has steps the source lacks, or lacks steps the source has.",
        "explanation":
            "Steps are matched by StepID (procedure anchor and step number, the same in every locale). A missing step means a reader of the translation skips an action; an extra one usually means the source dropped it and the translation is stale.",
        "missing": "step {step} of the {source} source is missing here",
        "extra": "step {step} is not in the {source} source",
        "source-step": "the step in the {source} source",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for (source, translation) in corpus.pairs {
            let ids = Set(translation.steps.map(\.id))
            let sourceIDs = Set(source.steps.map(\.id))
            for step in source.steps where !ids.contains(step.id) {
                // Point at the nearest earlier step that exists, else at the front matter.
                let anchor = translation.steps.last { $0.id < step.id && sourceIDs.contains($0.id) }
                let note = Diagnostic.Note(
                    path: source.displayPath, range: step.range, messageKey: key("source-step"),
                    arguments: ["source": source.locale])
                findings.report(
                    Self.self, "missing", in: translation, at: anchor?.range ?? translation.frontMatterRange,
                    line: anchor?.line ?? translation.frontMatterLine, ["step": step.id, "source": source.locale],
                    notes: [note])
            }
            for step in translation.steps where !sourceIDs.contains(step.id) {
                findings.report(
                    Self.self, "extra", in: translation, at: step.range, line: step.line,
                    ["step": step.id, "source": source.locale])
            }
        }
    }
}
