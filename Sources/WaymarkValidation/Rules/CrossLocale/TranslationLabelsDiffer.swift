import WaymarkCore

/// A step with a different number of bold UI labels than the source step it translates.
struct TranslationLabelsDiffer: PairRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A step names a different number of UI labels (bold text) than the source's same step.",
        "explanation":
            "Each bold label is something the reader clicks or looks for on screen. One label fewer in a translation is usually a lost instruction, one more an untranslated or duplicated one. The walkthrough highlights labels, so the count must match. Steps are paired as translation-steps-differ aligns them.",
        "message":
            "step {step} names {here, plural, one {# UI label} other {# UI labels}}; the {source} source names {there}",
    ]

    static func check(
        _ pair: AlignedPair, _ corpus: CorpusFacts, _ context: ValidationContext,
        _ findings: inout CorpusFindingSink
    ) {
        let (source, translation) = (pair.source, pair.translation)
        for (other, step) in pair.matchedSteps {
            guard other.uiLabels.count != step.uiLabels.count else { continue }
            findings.report(
                Self.self, in: translation, at: step.range, line: step.line,
                [
                    "step": step.id, "source": source.locale, "here": String(step.uiLabels.count),
                    "there": String(other.uiLabels.count),
                ],
                notes: [TranslationStepsDiffer.note(source, at: other.range, context)])
        }
    }
}
