import Foundation
import WaymarkCore

/// The facts of every article of a run, indexed for the cross-article rules.
struct CorpusFacts: Sendable {
    let documents: [DocumentFacts]
    let sourceLocale: String
    /// Every locale seen or configured, source first.
    let locales: [String]
    /// Each key's article in each locale: `slots[k * locales.count + l]` is the index into
    /// `documents` of key `keys[k]` in locale `locales[l]`, or −1. (One table, not a dictionary
    /// of locales for every key: a large tree has tens of thousands of keys.)
    private let slots: [Int32]
    /// A key's number as first seen (`ids`), and each such number's index into `keys`.
    private let ids: [String: Int32]
    private let rank: [Int32]
    /// The index of `sourceLocale` in `locales`, when it is there.
    private let sourceSlot: Int?
    /// Tree-relative path → index into `documents`.
    let byTreePath: [String: Int]
    /// Every article's key, sorted, each once.
    let keys: [String]
    /// Each source article with each of its translations, by key and then locale: several rules
    /// compare the same pairs.
    let pairs: [(source: DocumentFacts, translation: DocumentFacts)]
    /// Per locale, the link targets the localization pipeline adds to translations (those of
    /// `TranslationLinksDiffer.boilerplateArticles` translations or more that no source has).
    let pipelineLinks: [String: Set<String>]
    /// The keys whose articles' findings a run reports (`--changed-since`, or a cached run's
    /// reach), by their indices into `keys`, sorted; `nil`: every key. A rule that reports in the
    /// articles of one key at a time (or in what they include) passes over the others; what it
    /// gathers from the whole tree first, it still gathers.
    private var reportedIndices: [Int]?

    /// `pipelineLinks`: the pipeline's links when they are known to be what counting them over
    /// `documents` gives (a memo's, made from the same links); counted here otherwise.
    init(
        documents: [DocumentFacts], sourceLocale: String, configuredLocales: [String],
        pipelineLinks known: [String: Set<String>]? = nil
    ) {
        self.documents = documents
        self.sourceLocale = sourceLocale
        // The index by path and the link targets of the sources are made on other threads while
        // this one indexes the articles by key (a large tree's are a few tenths of a second each,
        // with nothing else to do in the meantime).
        let side = SideIndexes()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            var byTreePath: [String: Int] = [:]
            byTreePath.reserveCapacity(documents.count)
            for (i, doc) in documents.enumerated() { byTreePath[doc.treePath] = i }
            side.byTreePath = byTreePath
        }
        if known == nil {
            DispatchQueue.global().async(group: group) {
                side.sourceTargets = TranslationLinksDiffer.SourceTargets(documents)
            }
        }
        // Each key numbered as first seen, and each article's key and locale by number; the
        // table is filled once the keys and locales are in their order. A tree's locales list the
        // same articles in the same order: an article's key is most often the one after the last
        // article's, compared as it is rather than hashed and looked up (a key seen for the first
        // time is hashed once, as it is added).
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(documents.count)
        var firstKeys: [String] = []
        var seenLocales: [String] = []
        var seen = Set(configuredLocales)
        var locales = configuredLocales
        var places: [(key: Int32, locale: Int)] = []
        places.reserveCapacity(documents.count)
        var next = 0
        for doc in documents {
            let id: Int32
            if next < firstKeys.count, firstKeys[next] == doc.key {
                id = Int32(next)
            } else {
                let count = Int32(firstKeys.count)
                id = { (found: inout Int32) in found }(&ids[doc.key, default: count])
                if id == count { firstKeys.append(doc.key) }
            }
            next = Int(id) + 1
            // A few locales: found by comparing.
            let locale: Int
            if let known = seenLocales.firstIndex(of: doc.locale) {
                locale = known
            } else {
                locale = seenLocales.count
                seenLocales.append(doc.locale)
                if seen.insert(doc.locale).inserted { locales.append(doc.locale) }
            }
            places.append((id, locale))
        }
        locales.sort { a, b in
            if (a == sourceLocale) != (b == sourceLocale) { return a == sourceLocale }
            return a < b
        }
        self.locales = locales
        let order = TextOrder.indices(of: firstKeys)
        var rank = [Int32](repeating: 0, count: order.count)
        for (position, id) in order.enumerated() { rank[id] = Int32(position) }
        keys = order.map { firstKeys[$0] }
        // Each seen locale's index in `locales` (every seen locale is there).
        let localeRank = seenLocales.map { locales.firstIndex(of: $0) ?? 0 }
        let width = locales.count
        var slots = [Int32](repeating: -1, count: order.count * width)
        // In the articles' order: of two articles of one key and locale, the later one counts.
        for (i, place) in places.enumerated() {
            slots[Int(rank[Int(place.key)]) * width + localeRank[place.locale]] = Int32(i)
        }
        let sourceSlot = locales.firstIndex(of: sourceLocale)
        var pairs: [(source: DocumentFacts, translation: DocumentFacts)] = []
        if let sourceSlot {
            for k in keys.indices {
                let row = k * width
                guard slots[row + sourceSlot] >= 0 else { continue }
                let source = documents[Int(slots[row + sourceSlot])]
                for l in 0..<width where l != sourceSlot && slots[row + l] >= 0 {
                    pairs.append((source, documents[Int(slots[row + l])]))
                }
            }
        }
        (self.slots, self.ids, self.rank, self.sourceSlot) = (slots, ids, rank, sourceSlot)
        self.pairs = pairs
        group.wait()
        byTreePath = side.byTreePath
        pipelineLinks = known ?? TranslationLinksDiffer.pipelineLinks(inSources: side.sourceTargets, pairs: pairs)
    }

    /// Calls `body` with each source article of `indices` (into `keys`) and each of its
    /// translations, in `pairs`' order, their steps decoded (a source's once for all its
    /// translations) and aligned.
    func forEachAlignedPair<Indices: Collection<Int>>(keys indices: Indices, _ body: (AlignedPair) -> Void) {
        for index in indices {
            guard let source = source(at: index) else { continue }
            var sourceSteps: [DocumentFacts.StepFacts]?
            for translation in translations(at: index) {
                let steps = sourceSteps ?? source.steps
                sourceSteps = steps
                let translationSteps = translation.steps
                body(
                    AlignedPair(
                        source: source, translation: translation, sourceSteps: steps,
                        translationSteps: translationSteps,
                        alignment: StepAlignment(source: steps, translation: translationSteps)))
            }
        }
    }

    /// About how much `forEachAlignedPair` does for the key at `index` (into `keys`): each
    /// translation's steps are aligned with the source's, every step with every step.
    func pairWork(key index: Int) -> Int {
        guard let source = source(at: index) else { return 1 }
        let n = source.encodedSteps.count
        var work = 1
        for translation in translations(at: index) {
            let m = translation.encodedSteps.count
            work += n * m + 4 * (n + m) + 16
        }
        return work
    }

    /// The indices into `keys` of the keys whose articles are among `files` (tree paths) or include
    /// one of them (`root`: the tree's absolute path, which include paths start with): the source
    /// articles whose comparisons with their translations can report a finding in one of `files`.
    func keys(reaching files: Set<String>, root: String) -> [Int] {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        // The articles among the files, found by path; then the articles that include one of
        // them, the files named as include paths name them (made once, not for every include).
        var reached: Set<String> = []
        for file in files {
            if let index = byTreePath[file] { reached.insert(documents[index].key) }
        }
        let absolute = Set(files.map { prefix + $0 })
        for doc in documents where !doc.includes.isEmpty && !reached.contains(doc.key) {
            if doc.includes.contains(where: absolute.contains) { reached.insert(doc.key) }
        }
        // `keys` is sorted: each reached key's index found by halving.
        return reached.compactMap { key -> Int? in
            var (low, high) = (0, keys.count)
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < key { low = middle + 1 } else { high = middle }
            }
            return low < keys.count && keys[low] == key ? low : nil
        }.sorted()
    }

    /// Has findings reported only in the articles of `indices` (into `keys`).
    mutating func report(onlyKeys indices: [Int]) {
        reportedIndices = Array(Set(indices.filter { keys.indices.contains($0) })).sorted()
    }

    /// The indices into `keys` of the keys whose findings are reported, in order: a rule that
    /// reports one key at a time goes through these rather than asking of every key (a run that
    /// reports in a few files would otherwise hash each of a large tree's keys, rule by rule).
    var reportedKeyIndices: [Int] { reportedIndices ?? Array(keys.indices) }

    /// The articles of the reported keys, in `documents`' order.
    var reportedDocuments: [DocumentFacts] {
        guard let reportedIndices else { return documents }
        let width = locales.count
        var found: [Int] = []
        for k in reportedIndices {
            for l in 0..<width where slots[k * width + l] >= 0 { found.append(Int(slots[k * width + l])) }
        }
        return found.sorted().map { documents[$0] }
    }

    /// `pairs` whose translation's key is reported, in `pairs`' order (by key, then locale).
    var reportedPairs: [(source: DocumentFacts, translation: DocumentFacts)] {
        guard let reportedIndices else { return pairs }
        guard let sourceSlot else { return [] }
        let width = locales.count
        var found: [(source: DocumentFacts, translation: DocumentFacts)] = []
        for k in reportedIndices where slots[k * width + sourceSlot] >= 0 {
            let source = documents[Int(slots[k * width + sourceSlot])]
            for l in 0..<width where l != sourceSlot && slots[k * width + l] >= 0 {
                found.append((source, documents[Int(slots[k * width + l])]))
            }
        }
        return found
    }

    /// The source article of the key at `index` (into `keys`), if there is one.
    func source(at index: Int) -> DocumentFacts? {
        guard let sourceSlot else { return nil }
        let slot = slots[index * locales.count + sourceSlot]
        return slot >= 0 ? documents[Int(slot)] : nil
    }

    /// The translations of the key at `index` (into `keys`): its articles in the other locales,
    /// in `locales`' order.
    func translations(at index: Int) -> [DocumentFacts] {
        let row = index * locales.count
        return locales.indices.compactMap { l in
            l != sourceSlot && slots[row + l] >= 0 ? documents[Int(slots[row + l])] : nil
        }
    }

    /// The article of the key at `index` (into `keys`) in `locale`, if there is one.
    func version(at index: Int, in locale: String) -> DocumentFacts? {
        guard let l = locales.firstIndex(of: locale) else { return nil }
        let slot = slots[index * locales.count + l]
        return slot >= 0 ? documents[Int(slot)] : nil
    }

    /// The article at `key` in every locale that has it.
    func versions(of key: String) -> [String: DocumentFacts] {
        guard let id = ids[key] else { return [:] }
        let row = Int(rank[Int(id)]) * locales.count
        var versions: [String: DocumentFacts] = [:]
        for (l, locale) in locales.enumerated() where slots[row + l] >= 0 {
            versions[locale] = documents[Int(slots[row + l])]
        }
        return versions
    }
}

/// A source article and one of its translations, with their steps decoded and aligned.
struct AlignedPair {
    let source: DocumentFacts
    let translation: DocumentFacts
    let sourceSteps: [DocumentFacts.StepFacts]
    let translationSteps: [DocumentFacts.StepFacts]
    let alignment: StepAlignment

    /// Each source step with the translation step aligned with it, in the source's order.
    var matchedSteps:
        LazyMapSequence<[(source: Int, translation: Int)], (DocumentFacts.StepFacts, DocumentFacts.StepFacts)>
    {
        alignment.matches.lazy.map { [sourceSteps, translationSteps] in
            (sourceSteps[$0.source], translationSteps[$0.translation])
        }
    }
}

/// What `CorpusFacts.init` makes on other threads: set before their group is left, read after it
/// is waited for.
private final class SideIndexes: @unchecked Sendable {
    var byTreePath: [String: Int] = [:]
    var sourceTargets = TranslationLinksDiffer.SourceTargets()
}
