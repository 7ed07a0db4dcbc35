import WaymarkCore

/// A version of an article that lacks a part every other locale has: structurally older.
///
/// hu-HU without the roles line that tr-TR and en-US have → `structurally older than en-US,
/// tr-TR: the line naming the required roles is missing`.
struct TranslationStructureBehind: CorpusRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary":
            "A translation lacks a part (roles line, prerequisites, consequences, next steps, procedures) that the source and every other translation have.",
        "explanation":
            "When the source gains a part, such as the line naming the roles that may do the task, translations made before that change lack it. If every other version of the article has the part and this one does not, this version was made from an older structure, whatever its dates say.",
        "message":
            "structurally older than {others}: {part, select, roles {the line naming the required roles} prerequisites {the prerequisites section} consequences {the list of consequences} nextSteps {the next steps section} other {the numbered procedure}} is missing",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for key in corpus.reportedKeyIndices.map({ corpus.keys[$0] }) {
            let versions = corpus.versions(of: key)
            guard versions.count >= 2 else { continue }
            // Only translations fall behind: a part the source dropped is the translations' problem.
            for (locale, doc) in versions.sorted(by: { $0.key < $1.key }) where !doc.isSource {
                let others = versions.filter { $0.key != locale }.values
                for part in DocumentFacts.Part.allCases where !doc.parts.contains(part) {
                    guard others.allSatisfy({ $0.parts.contains(part) }) else { continue }
                    findings.report(
                        Self.self, in: doc, at: doc.frontMatterRange, line: doc.frontMatterLine,
                        ["others": others.map(\.locale).sorted().joined(separator: ", "), "part": part.rawValue])
                }
            }
        }
    }
}
