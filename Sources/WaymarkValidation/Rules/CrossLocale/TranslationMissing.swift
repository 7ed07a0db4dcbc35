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
        for key in corpus.keys {
            let versions = corpus.versions(of: key)
            guard let source = versions[corpus.sourceLocale] else { continue }
            for locale in targets where versions[locale] == nil {
                findings.report(
                    Self.self, in: source, at: source.frontMatterRange, line: source.frontMatterLine,
                    ["locale": locale, "expected": expectedPath(key, locale: locale, context)])
            }
        }
    }

    /// Where the translation of `key` would be, undoing the locale's path map.
    static func expectedPath(_ key: String, locale: String, _ context: ValidationContext) -> String {
        guard let root = context.configuration.locales.first(where: { $0.locale == locale }) else { return key }
        var path = key
        if let map = root.pathMap.sorted(by: { $0.to.count > $1.to.count }).first(where: { key.hasPrefix($0.to) }) {
            path = map.from + key.dropFirst(map.to.count)
        }
        return root.root.isEmpty ? path : root.root + "/" + path
    }
}
