import WaymarkCore

/// One source UI label translated two ways in the same article.
struct LabelTranslatedInconsistently: CorpusRule {
    static let category = RuleCategory.language
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "The same UI label of the source is translated in two ways within one article.",
        "explanation":
            "A reader looks for the exact words on screen; if step 1 says one thing and step 3 another for the same button, one of them is wrong. Labels are paired with the source step by step (as translation-steps-differ aligns the steps) and by order, only in articles that name as many labels in all as their source.",
        "message": "\"{label}\" is translated as \"{here}\" here but as \"{first}\" in step {firstStep}",
        "first": "translated as \"{first}\" here",
    ]

    /// Two renderings agree when, folded and without trailing punctuation, one contains the other:
    /// "Küldés" and "Küldés lehetőséget." differ only in where the bold ends.
    static func same(_ a: String, _ b: String) -> Bool {
        func norm(_ s: String) -> String {
            var t = TurkishText.fold(s.trimmingSpaces)
            while let last = t.last, last.isPunctuation || last == " " { t.removeLast() }
            return t
        }
        let x = norm(a)
        let y = norm(b)
        return x == y || (!x.isEmpty && !y.isEmpty && (x.contains(y) || y.contains(x)))
    }

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for ((source, translation), alignment) in corpus.alignedPairs {
            // Pairing labels by position is only trustworthy when the whole article names as many
            // labels as its source: otherwise bold text moved and positions no longer line up.
            guard
                source.steps.map(\.uiLabels.count).reduce(0, +) == translation.steps.map(\.uiLabels.count).reduce(0, +)
            else { continue }
            var seen: [String: (text: String, step: String, range: SourceRange?)] = [:]
            for (s, t) in alignment.matches {
                let (other, step) = (source.steps[s], translation.steps[t])
                guard other.uiLabels.count == step.uiLabels.count else { continue }
                for (k, (label, translated)) in zip(other.uiLabels, step.uiLabels).enumerated() {
                    let key = label.lowercased()
                    let range = step.labelRanges[k]
                    if let first = seen[key] {
                        if !LabelTranslatedInconsistently.same(first.text, translated) {
                            findings.report(
                                Self.self, in: translation, at: range ?? step.range,
                                line: range == nil || range?.start.line == step.range.start.line ? step.line : nil,
                                ["label": label, "here": translated, "first": first.text, "firstStep": first.step],
                                notes: first.range.map {
                                    [
                                        Diagnostic.Note(
                                            path: translation.displayPath, range: $0, messageKey: Self.key("first"),
                                            arguments: ["first": first.text])
                                    ]
                                } ?? [])
                        }
                    } else {
                        seen[key] = (translated, step.id, range)
                    }
                }
            }
        }
    }
}
