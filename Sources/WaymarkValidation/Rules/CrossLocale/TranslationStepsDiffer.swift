import WaymarkCore

/// Steps of the source without a counterpart in a translation, or the reverse, found by aligning
/// the two step sequences; and steps that correspond but are numbered differently.
struct TranslationStepsDiffer: PairRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A translation has steps the source lacks, or lacks steps the source has.",
        "explanation":
            "A translation's steps are aligned with the source's as a diff tool aligns lines, on what each step is made of: its kind, nesting, number of UI labels, link targets, code and alerts. A source step left without a counterpart means a reader of the translation skips an action; a translation step without one usually means the source dropped it and the translation is stale. The steps after a dropped or added step are not reported: their numbers moved, their content did not. Steps that correspond but carry different StepIDs (the same step numbered differently, with nothing dropped or added around it) are reported too, since walkthroughs, bindings and language switching find a step by its id.",
        "missing": "the {source} source's step {step} (\"{text}\") has no counterpart here",
        "extra": "step {step} (\"{text}\") has no counterpart in the {source} source",
        "renumbered":
            "step {step} corresponds to the {source} source's step {sourceStep}: the same step has another id",
        "source-step": "the step in the {source} source at revision {revision}",
    ]

    static func check(
        _ pair: AlignedPair, _ corpus: CorpusFacts, _ context: ValidationContext,
        _ findings: inout CorpusFindingSink
    ) {
        let (source, translation, alignment) = (pair.source, pair.translation, pair.alignment)
        let (sourceSteps, translationSteps) = (pair.sourceSteps, pair.translationSteps)
        // Procedures with a dropped or added step: the numbers after it moved, as expected.
        var gapped: Set<Substring> = []
        for entry in alignment.entries {
            switch entry {
            case .missing(let s): gapped.insert(sourceSteps[s].procedure)
            case .extra(let t): gapped.insert(translationSteps[t].procedure)
            case .matched: break
            }
        }
        for (index, entry) in alignment.entries.enumerated() {
            switch entry {
            case .missing(let s):
                let step = sourceSteps[s]
                let place = nearestMatched(alignment.entries, around: index).map { translationSteps[$0] }
                findings.report(
                    Self.self, "missing", in: translation, at: place?.range ?? translation.frontMatterRange,
                    line: place?.line ?? translation.frontMatterLine,
                    ["step": step.id, "text": step.text, "source": source.locale],
                    notes: [note(source, at: step.range, context)])
            case .extra(let t):
                let step = translationSteps[t]
                findings.report(
                    Self.self, "extra", in: translation, at: step.range, line: step.line,
                    ["step": step.id, "text": step.text, "source": source.locale],
                    notes: [CrossLocale.comparedNote(source, context)])
            case .matched(let s, let t, let similarity):
                let (a, b) = (sourceSteps[s], translationSteps[t])
                // Reported only when the alignment is unambiguous: every feature agrees, the
                // step moved within its procedure, and no step was dropped or added there.
                // (A step under another section anchor is the anchors' difference, which
                // translation-links-differ reports.)
                let p = a.procedure
                guard a.id != b.id, similarity == 1, p == b.procedure, !gapped.contains(p) else {
                    continue
                }
                findings.report(
                    Self.self, "renumbered", in: translation, at: b.range, line: b.line,
                    ["step": b.id, "sourceStep": a.id, "source": source.locale],
                    notes: [note(source, at: a.range, context)])
            }
        }
    }

    /// A note at a step of the source.
    static func note(_ source: DocumentFacts, at range: SourceRange, _ context: ValidationContext) -> Diagnostic.Note {
        CrossLocale.sourceNote(Self.self, "source-step", source, at: range, context)
    }

    /// The translation step of the nearest match before `index`, else after it: where a missing
    /// step would stand.
    static func nearestMatched(_ entries: [StepAlignment.Entry], around index: Int) -> Int? {
        for k in stride(from: index - 1, through: 0, by: -1) {
            if case .matched(_, let t, _) = entries[k] { return t }
        }
        for k in (index + 1)..<entries.count {
            if case .matched(_, let t, _) = entries[k] { return t }
        }
        return nil
    }
}
