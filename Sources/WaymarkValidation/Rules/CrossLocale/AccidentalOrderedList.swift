import WaymarkCore

/// A sentence of a translation that begins with a number and a period, which Markdown turns into
/// a numbered list the source does not have: a Hungarian date (`2020. február 1-től`), or a
/// product name moved to the front (`2. HoloLens`).
struct AccidentalOrderedList: CorpusRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A translated paragraph begins with a number and a period, so Markdown makes it a numbered list.",
        "explanation":
            "A line that starts with digits and a period (or parenthesis) and a space is an ordered list item in Markdown: the page shows the number as a list marker, indented, and may renumber it. Hungarian writes dates as 2020. február 1., and machine translation moves numbers to the front of sentences, so translations create lists their source does not have. Reported when the translation has more lists starting at that number than the source, for a list of one paragraph that does not continue a list before it. The fix escapes the period (2020\\.), which keeps the text as written.",
        "message":
            "\"{marker}\" at the start of this paragraph makes it a numbered list, which the {source} source does not have here",
        "fix": "escape the list marker: \"{fixed}\"",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for (source, translation) in corpus.reportedPairs {
            guard !translation.numberedLists.isEmpty else { continue }
            var sourceCount: [Int: Int] = [:]
            for list in source.numberedLists { sourceCount[list.start, default: 0] += 1 }
            var count: [Int: Int] = [:]
            for list in translation.numberedLists { count[list.start, default: 0] += 1 }
            var excess: [Int: Int] = [:]
            for (start, n) in count where n > sourceCount[start, default: 0] {
                excess[start] = n - sourceCount[start, default: 0]
            }
            guard !excess.isEmpty else { continue }
            // The numbers that would continue a list not reported here: `3.` after a list that
            // ended at 2 continues it, interrupted by a block (a code sample, an image).
            var continuing: Set<Int> = []
            for list in translation.numberedLists {
                let continues = continuing.contains(list.start)
                guard !continues, let left = excess[list.start], left > 0, list.items == 1, list.isOneParagraph,
                    let marker = list.marker
                else {
                    continuing.insert(list.start + list.items)
                    continue
                }
                excess[list.start] = left - 1
                var fixed = list.markerText
                fixed.insert("\\", at: fixed.index(before: fixed.endIndex))
                let delimiter = SourceRange(
                    line: marker.start.line, column: marker.end.column - 1, endColumn: marker.end.column - 1)
                // A list that is steps or sub-steps, or inside another ordered list: escaping it
                // changes the step graph that the cross-locale rules compare, which a person
                // reviews; no fix-it there.
                findings.report(
                    Self.self, in: translation, at: marker, line: list.line,
                    ["marker": list.markerText, "source": source.locale],
                    fixIts: list.insideOrdered || list.isSteps
                        ? []
                        : [
                            Diagnostic.FixIt(
                                messageKey: key("fix"), arguments: ["fixed": fixed],
                                edits: [Diagnostic.TextEdit(range: delimiter, replacement: "\\")])
                        ])
            }
        }
    }
}
