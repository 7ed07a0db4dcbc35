import WaymarkCore

/// One source UI label translated two ways in the same article.
struct LabelTranslatedInconsistently: PairRule {
    static let category = RuleCategory.language
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "The same UI label of the source is translated in two ways within one article.",
        "explanation":
            "A reader looks for the exact words on screen; if step 1 says one thing and step 3 another for the same button, one of them is wrong. Steps are paired with the source's as translation-steps-differ aligns them, in articles that name as many labels in all as their source. A label's usual translation is the one written at its place in its steps at least twice, more often than any other, with a capital as screens show labels; a step that names the label but has that translation neither in bold nor in its text is reported. Labels are not paired by their order inside a step, which word order changes from one language to another, and a rendering seen once sets no rule, since machine translation often moves where the bold ends.",
        "first": "translated as \"{first}\" here",
        "message": "\"{label}\" is not translated here as elsewhere in the article (\"{first}\", {count} times)",
    ]

    /// Two renderings agree when, folded and without trailing punctuation, one contains the other
    /// ("Küldés" and "Küldés lehetőséget." differ only in where the bold ends), or when they
    /// differ only in their last few letters: Turkish and Hungarian inflect a label where a
    /// sentence needs it ("API-engedélyeket", "API-engedélyekhez").
    static func same(_ a: String, _ b: String) -> Bool { agree(norm(a), norm(b)) }

    /// A rendering as `same` compares it: folded, without trailing punctuation.
    static func norm(_ s: String) -> String {
        var t = TurkishText.fold(s.trimmingSpaces)
        while let last = t.last, last.isPunctuation || last == " " { t.removeLast() }
        return t
    }

    /// `same` of two renderings already through `norm` (each is compared with many others).
    static func agree(_ x: String, _ y: String) -> Bool {
        if x == y || (!x.isEmpty && !y.isEmpty && (x.containsCharacters(y) || y.containsCharacters(x))) { return true }
        let common = zip(x, y).prefix { $0 == $1 }.count
        return common >= max(4, min(x.count, y.count) - 3)
    }

    static func check(
        _ pair: AlignedPair, _ corpus: CorpusFacts, _ context: ValidationContext,
        _ findings: inout CorpusFindingSink
    ) {
        let (translation, alignment) = (pair.translation, pair.alignment)
        let (sourceSteps, translationSteps) = (pair.sourceSteps, pair.translationSteps)
        // Only where the whole article names as many labels as its source: otherwise bold
        // text moved and the steps' labels no longer correspond.
        // (Closures, not key paths: a key path of a key path is looked up at run time, each step.)
        guard
            sourceSteps.reduce(0, { $0 + $1.uiLabels.count }) == translationSteps.reduce(0, { $0 + $1.uiLabels.count })
        else { return }
        // Each source label with the steps that name it and their translated labels.
        var uses: [String: [(step: Int, label: Int, source: String)]] = [:]
        var order: [String] = []
        for (s, t) in alignment.matches {
            let (other, step) = (sourceSteps[s], translationSteps[t])
            guard other.uiLabels.count == step.uiLabels.count, !step.uiLabels.isEmpty else { continue }
            for (k, label) in other.uiLabels.enumerated() {
                let key = label.lowercased()
                if uses[key] == nil { order.append(key) }
                uses[key, default: []].append((t, k, label))
            }
        }
        for key in order {
            guard let places = uses[key], places.count >= 3,
                let usual = usualRendering(places.map { translationSteps[$0.step].uiLabels[$0.label] }),
                usual.count >= 2
            else { continue }
            let usualNorm = norm(usual.text)
            let usualFolded = TurkishText.fold(usual.text)
            // Each step's labels through `norm` once.
            var normed: [Int: [String]] = [:]
            func labels(_ t: Int) -> [String] {
                if let known = normed[t] { return known }
                let list = translationSteps[t].uiLabels.map(norm)
                normed[t] = list
                return list
            }
            // Where the usual translation is written first, for the note.
            let seen = places.lazy.compactMap { (t, _, _) -> SourceRange? in
                labels(t).firstIndex { agree($0, usualNorm) }.flatMap { translationSteps[t].labelRanges[$0] }
            }.first
            for (t, k, label) in places {
                let step = translationSteps[t]
                // Any of the step's labels may be this one's translation: word order moves them.
                // And the words themselves may be there with the bold moved off them, which
                // is not a second translation.
                guard !labels(t).contains(where: { agree($0, usualNorm) }),
                    !(step.line.map { TurkishText.fold($0).containsCharacters(usualFolded) } ?? false)
                else { continue }
                let range = step.labelRanges[k]
                findings.report(
                    Self.self, in: translation, at: range ?? step.range,
                    line: range == nil || range?.start.line == step.range.start.line ? step.line : nil,
                    [
                        "label": label, "here": step.uiLabels[k], "first": usual.text,
                        "count": String(usual.count),
                    ],
                    notes: seen.map {
                        [
                            Diagnostic.Note(
                                path: translation.displayPath, range: $0, messageKey: Self.key("first"),
                                arguments: ["first": usual.text])
                        ]
                    } ?? [])
            }
        }
    }

    /// The rendering a label's steps agree on most, each step's taken at the label's own place
    /// (which is right far more often than not), if it beats every other.
    static func usualRendering(_ renderings: [String]) -> (text: String, count: Int)? {
        var counts: [(text: String, norm: String, count: Int)] = []
        // Labels are written as the screen shows them, with a capital: a lower-case bold word is
        // the bold that machine translation moved onto the words around a label.
        for label in renderings where label.first.map({ !$0.isLowercase }) ?? false {
            let labelNorm = norm(label)
            if let i = counts.firstIndex(where: { agree($0.norm, labelNorm) }) {
                counts[i].count += 1
            } else {
                counts.append((label, labelNorm, 1))
            }
        }
        let sorted = counts.sorted { $0.count > $1.count }
        guard let best = sorted.first, sorted.count == 1 || sorted[1].count < best.count else { return nil }
        return (best.text, best.count)
    }
}
