import WaymarkCore

/// A translation whose source article does not exist.
struct TranslationOrphan: CorpusRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A translation has no source article.",
        "explanation":
            "The source was deleted, renamed or moved and the translation was left behind: it is published with content nobody maintains. Delete it, or move it where the source now lives.",
        "message": "no {source} source article at \"{key}\" for this translation",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        // Without a source tree in the run there is nothing to compare against.
        guard corpus.documents.contains(where: \.isSource) else { return }
        for index in corpus.reportedKeyIndices {
            let key = corpus.keys[index]
            guard corpus.source(at: index) == nil else { continue }
            for doc in corpus.translations(at: index) {
                findings.report(
                    Self.self, in: doc, at: doc.frontMatterRange, line: doc.frontMatterLine,
                    ["source": corpus.sourceLocale, "key": key])
            }
        }
    }
}
