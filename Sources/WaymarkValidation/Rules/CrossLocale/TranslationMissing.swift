import WaymarkCore

/// A source article with no translation in a configured locale.
struct TranslationMissing: CorpusRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A source article has no translation in one of the locales.",
        "explanation":
            "Readers of that locale fall back to the source language or get a 404. Reported on the source article, once per missing locale; paths are matched through the locale folders and path maps in .waymark.yml.",
        "message": "no {locale} translation (expected at {expected})",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        let targets = CrossLocale.targetLocales(corpus, context)
        let expected = ExpectedPaths(context)
        for index in corpus.reportedKeyIndices {
            let key = corpus.keys[index]
            guard let source = corpus.source(at: index) else { continue }
            for locale in targets where corpus.version(at: index, in: locale) == nil {
                findings.report(
                    Self.self, in: source, at: source.frontMatterRange, line: source.frontMatterLine,
                    ["locale": locale, "expected": expected.path(of: key, in: locale)])
            }
        }
    }

    /// Where the translation of a source-layout key would be in each configured locale, undoing
    /// the locale's path map (the longest `to` that begins the key); the maps put in that order
    /// once a run, not once a missing translation.
    struct ExpectedPaths {
        private var roots: [String: (root: String, pathMap: [(from: String, to: String)])] = [:]

        init(_ context: ValidationContext) {
            for root in context.configuration.locales where roots[root.locale] == nil {
                roots[root.locale] = (root.root, root.pathMap.sorted { $0.to.count > $1.to.count })
            }
        }

        func path(of key: String, in locale: String) -> String {
            guard let (root, pathMap) = roots[locale] else { return key }
            var path = key
            if let map = pathMap.first(where: { key.hasPrefix($0.to) }) {
                path = map.from + key.dropFirst(map.to.count)
            }
            return root.isEmpty ? path : root + "/" + path
        }
    }
}
