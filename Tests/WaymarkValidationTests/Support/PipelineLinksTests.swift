import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// The links the localization pipeline adds (`TranslationLinksDiffer.pipelineLinks`), counted over
/// the targets' bytes, against counting them as strings: the same per locale whether the articles'
/// links were made by a check or read back from the fact cache's bytes, for ASCII targets and for
/// targets whose strings are equal with other bytes (an accent written two ways, a Kelvin sign
/// and a K).
@Suite struct PipelineLinksTests {
    /// What sources and translations link to: the pipeline's pages only in translations, and
    /// some targets spelled one way in the sources and another (equal as strings) in translations.
    static let shared = ["a.md", "b.md", "İ.md", "../x/y.md"]
    static let sourceOnly = ["K.md", "caf\u{E9}.md"]
    static let translationOnly = [
        "https://example.com/survey", "https://example.com/notice", "\u{212A}.md", "cafe\u{301}.md",
    ]

    @Test func countedByBytesTheyAreWhatCountingStringsGives() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        var found = 0
        for round in 0..<150 {
            // Some rounds' targets are all ASCII (kept by their bytes), others not.
            func pool(_ targets: [String]) -> [String] {
                round % 2 == 0 ? targets.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : targets
            }
            let locales = ["en-us", "tr-tr", "hu-hu"]
            let documents = (0..<(200 + numbers.next(150))).map { index in
                let locale = locales[numbers.next(3)]
                let own = pool(Self.shared + (locale == "en-us" ? Self.sourceOnly : Self.translationOnly))
                let links = (0..<numbers.next(14)).map { _ in
                    DocumentFacts.Link(
                        target: own[numbers.next(own.count)], range: SourceRange(line: 1, column: 1, endColumn: 2))
                }
                let made = DocumentFacts(
                    displayPath: "p\(index)", treePath: "t\(index)", locale: locale, key: "k\(numbers.next(40))",
                    isSource: locale == "en-us", steps: EncodedSteps([]), links: .made(links),
                    dottedWords: WordBag(), dotlessLowerWords: WordBag(), includes: [], details: .made(.empty))
                return numbers.next(2) == 0 ? made : Self.readBack(made)
            }
            let corpus = CorpusFacts(documents: documents, sourceLocale: "en-us", configuredLocales: locales)
            let expected = Self.asStrings(corpus.pairs, documents)
            #expect(corpus.pipelineLinks == expected, "seed \(seed), round \(round)")
            // Counted in slices of a few pairs (as a large tree's are, in halves), then added up.
            let sliced = TranslationLinksDiffer.pipelineLinks(
                inSources: TranslationLinksDiffer.SourceTargets(documents), pairs: corpus.pairs,
                sliceSize: 1 + numbers.next(40))
            #expect(sliced == expected, "seed \(seed), round \(round)")
            found += expected.values.reduce(0) { $0 + $1.count }
        }
        // Not every round's sets empty.
        #expect(found > 0, "seed \(seed)")
    }

    /// A cache's bytes of facts cut inside the links are refused.
    @Test func linksCutShortAreRefused() throws {
        let facts = DocumentFacts(
            displayPath: "p", treePath: "t", locale: "tr-tr", key: "k", isSource: false, steps: EncodedSteps([]),
            links: .made([DocumentFacts.Link(target: "a-long-enough-target.md", range: nil)]),
            dottedWords: WordBag(), dotlessLowerWords: WordBag(), includes: [], details: .made(.empty))
        let whole = DocumentFactsCodingTests.encoded(facts)
        // Every cut short of the whole is refused.
        for cut in stride(from: whole.count - 1, to: 0, by: -1) {
            let read = Array(whole[..<cut]).withUnsafeBytes { raw in
                var d = FactDecoder(raw)
                return try? DocumentFactsCodingTests.decode(&d)
            }
            #expect(read == nil, "cut at \(cut)")
        }
        let back = Self.readBack(facts)
        #expect(back.linkTargets == facts.linkTargets)
    }

    static func readBack(_ facts: DocumentFacts) -> DocumentFacts {
        (try? DocumentFactsCodingTests.decoded(DocumentFactsCodingTests.encoded(facts))) ?? facts
    }

    /// The counting as it was, over strings.
    static func asStrings(
        _ pairs: [(source: DocumentFacts, translation: DocumentFacts)], _ documents: [DocumentFacts]
    ) -> [String: Set<String>] {
        var inSources: Set<String> = []
        for doc in documents where doc.isSource { for link in doc.linkTargets { inSources.insert(link.target) } }
        var counts: [String: [String: Int]] = [:]
        for (_, translation) in pairs {
            let outside = Set(translation.linkTargets.map(\.target).filter { !inSources.contains($0) })
            for target in outside { counts[translation.locale, default: [:]][target, default: 0] += 1 }
        }
        return counts.mapValues { Set($0.filter { $0.value >= TranslationLinksDiffer.boilerplateArticles }.keys) }
    }
}
