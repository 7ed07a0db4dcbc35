/// The facts of every article of a run, indexed for the cross-article rules.
struct CorpusFacts: Sendable {
    let documents: [DocumentFacts]
    let sourceLocale: String
    /// Every locale seen or configured, source first.
    let locales: [String]
    /// Source-layout key → locale → index into `documents`.
    let byKey: [String: [String: Int]]
    /// Tree-relative path → index into `documents`.
    let byTreePath: [String: Int]

    init(documents: [DocumentFacts], sourceLocale: String, configuredLocales: [String]) {
        self.documents = documents
        self.sourceLocale = sourceLocale
        var byKey: [String: [String: Int]] = [:]
        var byTreePath: [String: Int] = [:]
        var seen = Set(configuredLocales)
        var locales = configuredLocales
        for (i, doc) in documents.enumerated() {
            byKey[doc.key, default: [:]][doc.locale] = i
            byTreePath[doc.treePath] = i
            if seen.insert(doc.locale).inserted { locales.append(doc.locale) }
        }
        locales.sort { a, b in
            if (a == sourceLocale) != (b == sourceLocale) { return a == sourceLocale }
            return a < b
        }
        self.locales = locales
        self.byKey = byKey
        self.byTreePath = byTreePath
    }

    /// The article at `key` in every locale that has it.
    func versions(of key: String) -> [String: DocumentFacts] {
        (byKey[key] ?? [:]).mapValues { documents[$0] }
    }

    /// Keys in a stable order.
    var keys: [String] { byKey.keys.sorted() }
}
