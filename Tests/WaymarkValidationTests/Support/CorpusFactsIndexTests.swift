import Testing
import WaymarkTestSupport

@testable import WaymarkValidation

/// `CorpusFacts`' index of articles by key and locale, against the index it replaced (a dictionary
/// of locales for every key): the same keys in the same order, the same versions of each key, the
/// same pairs in the same order, the same work estimates.
@Suite struct CorpusFactsIndexTests {
    @Test func theTableAnswersAsTheDictionariesDid() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        for round in 0..<200 {
            let keyPool = (0..<(1 + numbers.next(12))).map {
                "docs/\(["a", "B", "ç", "z", "é"][numbers.next(5)])-\($0).md"
            }
            let localePool = ["en-us", "tr-tr", "hu-hu", "de-de"]
            let configured = Array(localePool.prefix(numbers.next(4)))
            let sourceLocale = numbers.next(6) == 0 ? "fr-fr" : "en-us"
            // Articles in any order; now and then two of one key and locale (the later counts). Or,
            // every other round, as a tree lists them: locale after locale, each with the keys in
            // one order, some left out or given twice.
            var places = (0..<numbers.next(30)).map { _ in
                (localePool[numbers.next(localePool.count)], keyPool[numbers.next(keyPool.count)])
            }
            if round % 2 == 1 {
                var pool = localePool
                var order: [String] = []
                while !pool.isEmpty { order.append(pool.remove(at: numbers.next(pool.count))) }
                places = order.flatMap { locale in
                    keyPool.flatMap { key in Array(repeating: (locale, key), count: [1, 1, 1, 0, 2][numbers.next(5)]) }
                }
            }
            let documents = places.enumerated().map { index, place in
                let (locale, key) = place
                return DocumentFacts(
                    displayPath: "p\(index)", treePath: "t\(index)", locale: locale,
                    key: key, isSource: locale == sourceLocale,
                    steps: EncodedSteps(EncodedStepsTests.steps(&numbers, count: numbers.next(4))), links: .made([]),
                    dottedWords: WordBag(), dotlessLowerWords: WordBag(), includes: [], details: .made(.empty))
            }
            let corpus = CorpusFacts(
                documents: documents, sourceLocale: sourceLocale, configuredLocales: configured)
            let context = "seed \(seed), round \(round)"

            var byKey: [String: [String: Int]] = [:]
            for (i, doc) in documents.enumerated() { byKey[doc.key, default: [:]][doc.locale] = i }
            #expect(corpus.keys == byKey.keys.sorted(), "\(context)")
            var pairs: [(Int, Int)] = []
            for key in corpus.keys {
                let versions = byKey[key] ?? [:]
                #expect(corpus.versions(of: key).mapValues(\.treePath) == versions.mapValues { "t\($0)" }, "\(context)")
                let k = corpus.keys.firstIndex(of: key)!
                #expect(corpus.source(at: k)?.treePath == versions[sourceLocale].map { "t\($0)" }, "\(context)")
                let translations = corpus.locales.filter { $0 != sourceLocale }.compactMap { versions[$0] }
                #expect(corpus.translations(at: k).map(\.treePath) == translations.map { "t\($0)" }, "\(context)")
                for locale in localePool + ["fr-fr"] {
                    #expect(
                        corpus.version(at: k, in: locale)?.treePath == versions[locale].map { "t\($0)" }, "\(context)")
                }
                guard let source = versions[sourceLocale] else { continue }
                for locale in corpus.locales where locale != sourceLocale {
                    if let translation = versions[locale] { pairs.append((source, translation)) }
                }
            }
            #expect(corpus.versions(of: "not/a/key.md").isEmpty, "\(context)")
            let index = Dictionary(uniqueKeysWithValues: documents.enumerated().map { (ObjectIdentifier($1), $0) })
            let made = corpus.pairs.map {
                (index[ObjectIdentifier($0.source)]!, index[ObjectIdentifier($0.translation)]!)
            }
            #expect(made.map(\.0) == pairs.map(\.0) && made.map(\.1) == pairs.map(\.1), "\(context)")
            var aligned: [(Int, Int)] = []
            corpus.forEachAlignedPair(keys: corpus.keys.indices) { pair in
                aligned.append((index[ObjectIdentifier(pair.source)]!, index[ObjectIdentifier(pair.translation)]!))
            }
            #expect(aligned.map(\.0) == pairs.map(\.0) && aligned.map(\.1) == pairs.map(\.1), "\(context)")
            for (k, key) in corpus.keys.enumerated() {
                var work = 1
                if let versions = byKey[key], let s = versions[sourceLocale] {
                    let n = documents[s].encodedSteps.count
                    for (locale, t) in versions where locale != sourceLocale {
                        let m = documents[t].encodedSteps.count
                        work += n * m + 4 * (n + m) + 16
                    }
                }
                #expect(corpus.pairWork(key: k) == work, "\(context)")
            }
        }
    }
}
