import WaymarkCore

/// A step whose alerts (NOTE, WARNING…) differ in kind from those of the source step it translates.
struct TranslationAlertsDiffer: PairRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A step's alerts differ in kind or number from the source's same step.",
        "explanation":
            "A WARNING in the source that became a NOTE, or disappeared, in a translation hides a risk from its readers; the walkthrough shows alerts beside their step, so the difference reaches support staff too. Steps are paired as translation-steps-differ aligns them; the finding points at the first alert that differs.",
        "message": "step {step} has alerts [{here}] but the {source} source has [{there}]",
        "source-alert": "the alert in the {source} source at revision {revision}",
        "source-step": "the step in the {source} source at revision {revision}",
    ]

    static func check(
        _ pair: AlignedPair, _ corpus: CorpusFacts, _ context: ValidationContext,
        _ findings: inout CorpusFindingSink
    ) {
        let (source, translation) = (pair.source, pair.translation)
        for (other, step) in pair.matchedSteps {
            guard other.alertKinds != step.alertKinds else { continue }
            // The first alert that differs, on either side.
            let k = zip(step.alertKinds, other.alertKinds).prefix { $0 == $1 }.count
            let here = k < step.alertRanges.count ? step.alertRanges[k] : step.range
            let there = k < other.alertRanges.count ? other.alertRanges[k] : other.range
            findings.report(
                Self.self, in: translation, at: here, line: nil,
                [
                    "step": step.id, "source": source.locale,
                    "here": step.alertKinds.map { $0.rawValue.uppercased() }.joined(separator: ", "),
                    "there": other.alertKinds.map { $0.rawValue.uppercased() }.joined(separator: ", "),
                ],
                notes: [
                    CrossLocale.sourceNote(
                        Self.self, k < other.alertRanges.count ? "source-alert" : "source-step", source, at: there,
                        context)
                ])
        }
    }
}
