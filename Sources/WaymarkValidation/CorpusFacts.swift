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
    /// The keys of `byKey` in a stable order.
    let keys: [String]
    /// Each source article with each of its translations, by key and then locale: several rules
    /// compare the same pairs.
    let pairs: [(source: DocumentFacts, translation: DocumentFacts)]
    /// The steps of each pair aligned, in `pairs`' order: several rules compare aligned steps.
    let alignments: [StepAlignment]

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
        keys = byKey.keys.sorted()
        var pairs: [(source: DocumentFacts, translation: DocumentFacts)] = []
        for key in keys {
            guard let versions = byKey[key], let source = versions[sourceLocale] else { continue }
            for locale in locales where locale != sourceLocale {
                if let translation = versions[locale] { pairs.append((documents[source], documents[translation])) }
            }
        }
        self.pairs = pairs
        // Aligned on every processor: a tree of many translated articles has many pairs.
        let all = pairs
        alignments = ParallelSlices.map(count: all.count, sliceSize: 256) { range in
            range.map { StepAlignment(source: all[$0].source.steps, translation: all[$0].translation.steps) }
        }.flatMap { $0 }
    }

    /// Each source-translation pair with its aligned steps.
    var alignedPairs: Zip2Sequence<[(source: DocumentFacts, translation: DocumentFacts)], [StepAlignment]> {
        zip(pairs, alignments)
    }

    /// The article at `key` in every locale that has it.
    func versions(of key: String) -> [String: DocumentFacts] {
        (byKey[key] ?? [:]).mapValues { documents[$0] }
    }
}
