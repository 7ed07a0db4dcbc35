import WaymarkCore

/// Link targets or anchors the source and a translation do not share.
struct TranslationLinksDiffer: PairRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A translation links to other targets, or has other anchors, than its source.",
        "explanation":
            "Link targets and <a name> anchors stay the same in every locale; only the link text is translated. A target the source does not have is a mistranslated or outdated link, a missing one a lost reference, and a missing anchor breaks links into the translation. A locale in a URL (/tr-tr/) is not a difference, nor is a link that ten or more translations of a locale add and no source has: the localization pipeline's own (a machine-translation notice, a survey).",
        "missing": "the {source} source links to \"{target}\"; this translation does not",
        "extra": "\"{target}\" is not linked in the {source} source",
        "anchor": "anchor \"{anchor}\" of the {source} source is missing here",
        "source-link": "the link in the {source} source at revision {revision}",
    ]

    /// A link that this many translations of one locale add, and no source has, is the
    /// localization pipeline's (a machine-translation notice, a survey), not a translator's.
    static let boilerplateArticles = 10

    static func check(
        _ pair: AlignedPair, _ corpus: CorpusFacts, _ context: ValidationContext,
        _ findings: inout CorpusFindingSink
    ) {
        let boilerplate = corpus.pipelineLinks
        let (source, translation) = (pair.source, pair.translation)
        // (Decoded once here: a cached run keeps them as bytes.)
        let (sourceLinks, links) = (source.linkTargets, translation.linkTargets)
        let sourceTargets = sourceLinks.map(\.target)
        let targets = links.map(\.target)
        // Most translations link to what their source links to, in its order: nothing is missing
        // or added then, and no target needs hashing. (Targets a check made are interned: equal
        // ones are mostly one string, compared without reading their bytes.)
        let sameTargets = sourceTargets == targets
        for target in sameTargets ? [] : Set(CrossLocale.unmatched(sourceTargets, in: targets)).sorted() {
            // Where the link would be: the translation's counterpart of the source step that
            // holds it, else the front matter; and a note at the source's link.
            let link = sourceLinks.first { $0.target == target }
            let place = link?.range.flatMap { step(of: $0, in: pair) }
            findings.report(
                Self.self, "missing", in: translation, at: place?.range ?? translation.frontMatterRange,
                line: place?.line ?? translation.frontMatterLine, ["target": target, "source": source.locale],
                notes: [
                    link?.range.map { CrossLocale.sourceNote(Self.self, "source-link", source, at: $0, context) }
                        ?? CrossLocale.comparedNote(source, context)
                ])
        }
        let sourceSet = sameTargets ? [] : Set(sourceTargets)
        var reported = Set<String>()
        let added = boilerplate[translation.locale] ?? []
        for link in sameTargets ? [] : links
        where !sourceSet.contains(link.target) && !added.contains(link.target)
            && reported.insert(link.target).inserted
        {
            findings.report(
                Self.self, "extra", in: translation, at: link.range, line: nil,
                ["target": link.target, "source": source.locale], notes: [CrossLocale.comparedNote(source, context)]
            )
        }
        let missingAnchors =
            source.explicitAnchors.isEmpty || source.explicitAnchors == translation.explicitAnchors
            ? [] : Set(source.explicitAnchors).subtracting(translation.explicitAnchors).sorted()
        for anchor in missingAnchors {
            findings.report(
                Self.self, "anchor", in: translation, at: translation.frontMatterRange,
                line: translation.frontMatterLine, ["anchor": anchor, "source": source.locale],
                notes: [CrossLocale.comparedNote(source, context)])
        }
    }

    /// The link targets of the source articles among `documents`: what `pipelineLinks` leaves
    /// out. When every one is ASCII, as link targets nearly always are, they are kept by their
    /// bytes and a target is looked up without being made a string: for ASCII text, equal bytes
    /// and equal strings are one thing. A target in other letters is compared as a string (Swift
    /// takes canonical equivalents as equal: an ASCII target equals one spelled with a Kelvin
    /// sign), against every source target made a string, the first time one needs it.
    struct SourceTargets: Sendable {
        fileprivate let sources: [DocumentFacts]
        /// `nil` when one of the targets is not ASCII.
        fileprivate let ascii: ByteSet?

        init(_ documents: [DocumentFacts] = []) {
            sources = documents.filter(\.isSource)
            // Grown as it fills: most targets are linked from many articles, and a table sized for
            // every link would be mostly empty.
            var table = ByteSet()
            var allASCII = true
            for doc in sources {
                doc.forEachLinkTarget { target in
                    if allASCII, SourceTargets.isASCII(target) { table.insert(target) } else { allASCII = false }
                }
            }
            ascii = allASCII ? table : nil
        }

        static func isASCII(_ raw: UnsafeRawBufferPointer) -> Bool {
            UTF8Text.check(raw.assumingMemoryBound(to: UInt8.self)).ascii
        }

        /// The source targets as strings, for a target that is not compared by its bytes.
        fileprivate func strings() -> Set<String> {
            var all: Set<String> = []
            for doc in sources { doc.forEachLinkTarget { all.insert(String(decoding: $0, as: UTF8.self)) } }
            return all
        }
    }

    /// Per locale, the targets that at least ``boilerplateArticles`` translations link to and no
    /// source article does (`inSources`).
    static func pipelineLinks(
        inSources: SourceTargets, pairs: [(source: DocumentFacts, translation: DocumentFacts)],
        sliceSize: Int? = nil
    ) -> [String: Set<String>] {
        // Counted on every processor (nothing else runs then), two halves of a large tree's pairs,
        // and the counts added up.
        let slice = sliceSize ?? max(2_048, (pairs.count + 1) / 2)
        let parts = ParallelSlices.map(count: pairs.count, sliceSize: slice) { range in
            var asStrings: Set<String>?
            func inSource(_ target: UnsafeRawBufferPointer) -> Bool {
                if let ascii = inSources.ascii, SourceTargets.isASCII(target) { return ascii.contains(target) }
                if asStrings == nil { asStrings = inSources.strings() }
                return asStrings?.contains(String(decoding: target, as: UTF8.self)) ?? false
            }
            var counts: [String: [String: Int]] = [:]
            for index in range {
                let translation = pairs[index].translation
                // The few targets no source has, each counted once an article (most of an
                // article's targets are its source's: they are looked up once and not gathered).
                var outside: [String] = []
                translation.forEachLinkTarget { target in
                    if !inSource(target) { outside.append(String(decoding: target, as: UTF8.self)) }
                }
                for target in outside.count > 1 ? Array(Set(outside)) : outside {
                    counts[translation.locale, default: [:]][target, default: 0] += 1
                }
            }
            return counts
        }
        var counts = parts.first ?? [:]
        for part in parts.dropFirst() {
            counts.merge(part) { mine, theirs in mine.merging(theirs, uniquingKeysWith: +) }
        }
        return counts.mapValues { Set($0.filter { $0.value >= boilerplateArticles }.keys) }
    }

    /// The translation step aligned with the innermost source step that holds `range`.
    static func step(of range: SourceRange, in pair: AlignedPair) -> DocumentFacts.StepFacts? {
        guard
            let s = pair.sourceSteps.lastIndex(where: { $0.range.start <= range.start && range.start <= $0.range.end }),
            let t = pair.alignment.matches.first(where: { $0.source == s })?.translation
        else { return nil }
        return pair.translationSteps[t]
    }
}
