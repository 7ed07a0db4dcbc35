import WaymarkCore

/// A translation's steps aligned with its source's, as a diff tool aligns lines: on what a step
/// is made of (its kind, depth, UI-label count, link targets, code and alerts), not on its number.
///
/// One dropped step then shows as one source step without a counterpart, and the steps after it
/// pair with the source steps they translate although their numbers moved up. Where the content
/// says nothing (steps alike in every feature), equal StepIDs decide, so an ambiguous case reads
/// as the numbers say.
struct StepAlignment: Sendable {
    typealias Step = DocumentFacts.StepFacts

    enum Entry: Sendable {
        /// Steps that translate each other; `similarity` is the share of features they agree on.
        case matched(source: Int, translation: Int, similarity: Double)
        /// A source step with no counterpart in the translation.
        case missing(source: Int)
        /// A translation step with no counterpart in the source.
        case extra(translation: Int)
    }

    let entries: [Entry]

    /// Features compared; a pair of different ids must agree on all but this many to be paired.
    static let features = 6.0
    static let differentIDsMinimum = 5.0 / 6.0
    /// Equal ids pair when they agree on at least half of the features.
    static let sameIDMinimum = 0.5
    /// What an equal id adds to a pair's value: enough to break ties, never enough to outweigh
    /// a better-matching neighbour.
    static let sameIDBonus = 0.2

    static func similarity(_ a: Step, _ b: Step) -> Double {
        var equal = 0.0
        if a.kind == b.kind { equal += 1 }
        if a.depth == b.depth { equal += 1 }
        if a.uiLabels.count == b.uiLabels.count { equal += 1 }
        if a.linkTargets == b.linkTargets { equal += 1 }
        if a.code == b.code { equal += 1 }
        if a.alertKinds == b.alertKinds { equal += 1 }
        return equal / features
    }

    init(source: [Step], translation: [Step]) {
        let n = source.count
        let m = translation.count
        // Fast path: the same ids in the same order pair one to one (most translations).
        if n == m, source.indices.allSatisfy({ source[$0].id == translation[$0].id }) {
            entries = (0..<n).map {
                .matched(source: $0, translation: $0, similarity: Self.similarity(source[$0], translation[$0]))
            }
            return
        }
        // Each step's features as small numbers (equal lists get equal numbers), and each
        // procedure's sameSection answers worked out once per pair of procedures: the n × m loop
        // below compares integers and copies nothing.
        let features = Features(source: source, translation: translation)
        let s = features.source
        let t = features.translation
        // value[i][j]: the best total over source[i...] and translation[j...].
        let width = m + 1
        var value = [Double](repeating: 0, count: (n + 1) * width)
        var pair = [Double](repeating: -1, count: max(1, n * m))
        let sourceSections = features.sourceProcedures.map { Section($0) }
        let translationSections = features.translationProcedures.map { Section($0) }
        var sections = [Int8](repeating: -1, count: max(1, sourceSections.count * translationSections.count))
        func sameSection(_ a: Int, _ b: Int) -> Bool {
            let k = a * translationSections.count + b
            if sections[k] < 0 { sections[k] = Self.sameSection(sourceSections[a], translationSections[b]) ? 1 : 0 }
            return sections[k] == 1
        }
        for i in 0..<n {
            for j in 0..<m {
                let equal = s[i].agreements(with: t[j])
                let similarity = Double(equal) / Self.features
                let same = s[i].id == t[j].id
                // Steps of different procedures pair on content only when they have some: a link
                // or code, or labels with every feature agreeing; two plain sentences agree on
                // every feature by chance.
                if same
                    ? similarity >= Self.sameIDMinimum
                    : similarity >= Self.differentIDsMinimum - 1e-9
                        && (sameSection(s[i].procedure, t[j].procedure)
                            || s[i].isDistinctive && t[j].isDistinctive
                            || equal == 6 && s[i].hasLabels)
                {
                    pair[i * m + j] = similarity + (same ? Self.sameIDBonus : 0)
                }
            }
        }
        if n > 0, m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    var best = max(value[(i + 1) * width + j], value[i * width + j + 1])
                    let p = pair[i * m + j]
                    if p >= 0 { best = max(best, p + value[(i + 1) * width + j + 1]) }
                    value[i * width + j] = best
                }
            }
        }
        var out: [Entry] = []
        var i = 0
        var j = 0
        while i < n, j < m {
            let p = pair[i * m + j]
            let here = value[i * width + j]
            if p >= 0, abs(here - (p + value[(i + 1) * width + j + 1])) < 1e-9 {
                out.append(.matched(source: i, translation: j, similarity: Self.similarity(source[i], translation[j])))
                i += 1
                j += 1
            } else if abs(here - value[(i + 1) * width + j]) < 1e-9 {
                out.append(.missing(source: i))
                i += 1
            } else {
                out.append(.extra(translation: j))
                j += 1
            }
        }
        while i < n {
            out.append(.missing(source: i))
            i += 1
        }
        while j < m {
            out.append(.extra(translation: j))
            j += 1
        }
        entries = out
    }

    /// What `similarity` compares of each step, as numbers: equal lists (labels' count, link
    /// targets, code, alerts) are given equal numbers, per pair of articles.
    struct Features {
        struct Step {
            var id: Int32
            var kind: StepKind
            var depth: Int
            var labels: Int
            var links: Int32
            var code: Int32
            var alerts: Int32
            var procedure: Int
            var isDistinctive: Bool
            var hasLabels: Bool

            /// How many of the six features agree, as `similarity` counts them.
            @inline(__always) func agreements(with other: Step) -> Int {
                (kind == other.kind ? 1 : 0) + (depth == other.depth ? 1 : 0) + (labels == other.labels ? 1 : 0)
                    + (links == other.links ? 1 : 0) + (code == other.code ? 1 : 0) + (alerts == other.alerts ? 1 : 0)
            }
        }

        var source: [Step] = []
        var translation: [Step] = []
        var sourceProcedures: [Substring] = []
        var translationProcedures: [Substring] = []

        init(source: [StepAlignment.Step], translation: [StepAlignment.Step]) {
            var ids: [String: Int32] = [:]
            var lists: [[String]: Int32] = [:]
            var alerts: [[AlertKind]: Int32] = [:]
            func number<Key: Hashable>(_ key: Key, in table: inout [Key: Int32]) -> Int32 {
                if let known = table[key] { return known }
                let new = Int32(table.count)
                table[key] = new
                return new
            }
            func steps(_ list: [StepAlignment.Step], procedures: inout [Substring]) -> [Step] {
                var byProcedure: [Substring: Int] = [:]
                return list.map { step in
                    let procedure = step.procedure
                    let index: Int
                    if let known = byProcedure[procedure] {
                        index = known
                    } else {
                        index = procedures.count
                        byProcedure[procedure] = index
                        procedures.append(procedure)
                    }
                    // Link targets and code share a table: only a step's links are compared with
                    // another's links, so one list's number in both does no harm.
                    return Step(
                        id: number(step.id, in: &ids), kind: step.kind, depth: step.depth, labels: step.uiLabels.count,
                        links: number(step.linkTargets, in: &lists), code: number(step.code, in: &lists),
                        alerts: number(step.alertKinds, in: &alerts), procedure: index,
                        isDistinctive: step.isDistinctive, hasLabels: !step.uiLabels.isEmpty)
                }
            }
            self.source = steps(source, procedures: &sourceProcedures)
            self.translation = steps(translation, procedures: &translationProcedures)
        }
    }

    /// Whether two procedure anchors name the same section: equal; or one heading repeated in
    /// the article, which DocFX slugs `admin-1` in English while a translation keeps
    /// `<a name="admin">` (Waymark's `admin`, or `admin~2` for the second), though two DocFX
    /// numbers (`step-1`, `step-2`) are different headings; or a heading whose number the source
    /// dropped or added since (`2-create-the-package`, `create-the-package`); or a heading that
    /// gained words at its end (`configure-refresh`, `configure-refresh-preview`).
    static func sameSection(_ a: Substring, _ b: Substring) -> Bool { sameSection(Section(a), Section(b)) }

    /// A procedure anchor with the parts `sameSection` compares, worked out once.
    struct Section {
        let anchor: Substring
        let characters: Int
        let base: Substring
        let mark: Character?
        let unnumbered: Substring

        init(_ anchor: Substring) {
            self.anchor = anchor
            characters = anchor.count
            (base, mark) = StepAlignment.split(anchor)
            unnumbered = StepAlignment.unnumbered(base)
        }
    }

    static func sameSection(_ a: Section, _ b: Section) -> Bool {
        if a.anchor == b.anchor { return true }
        let (short, long) = a.characters < b.characters ? (a, b) : (b, a)
        // At least 12 characters: long enough for a heading that gained words to count.
        if short.characters >= 12, long.anchor.hasPrefix(short.anchor),
            long.anchor.dropFirst(short.characters).first == "-"
        {
            return true
        }
        if a.base == b.base { return !(a.mark == "-" && b.mark == "-") }
        return a.unnumbered != a.base || b.unnumbered != b.base
            ? a.unnumbered == b.unnumbered && !a.unnumbered.isEmpty : false
    }

    /// An anchor without the number its heading starts with (`2-create` → `create`).
    static func unnumbered(_ anchor: Substring) -> Substring {
        let digits = anchor.prefix { $0.isNumber }
        guard !digits.isEmpty, anchor.dropFirst(digits.count).first == "-" else { return anchor }
        return anchor.dropFirst(digits.count + 1)
    }

    /// An anchor without its repetition suffix (`-1` of DocFX, `~2` of Waymark), and the mark.
    static func split(_ anchor: Substring) -> (base: Substring, mark: Character?) {
        var end = anchor.endIndex
        while end > anchor.startIndex, anchor[anchor.index(before: end)].isNumber { end = anchor.index(before: end) }
        guard end < anchor.endIndex, end > anchor.startIndex else { return (anchor, nil) }
        let mark = anchor[anchor.index(before: end)]
        return mark == "-" || mark == "~" ? (anchor[..<anchor.index(before: end)], mark) : (anchor, nil)
    }

    /// The pairs of steps that translate each other, in order.
    var matches: [(source: Int, translation: Int)] {
        entries.compactMap {
            if case .matched(let s, let t, _) = $0 { (s, t) } else { nil }
        }
    }
}

extension DocumentFacts.StepFacts {
    /// Whether the step has something no translation changes to recognise it by in another
    /// section: a link target or code. (The number of its labels or alerts is not enough: many
    /// steps select one thing.)
    var isDistinctive: Bool { !linkTargets.isEmpty || !code.isEmpty }

    /// The procedure part of the StepID (`anchor` of `anchor/1.2`).
    var procedure: Substring {
        guard let slash = id.lastIndex(of: "/") else { return Substring(id) }
        return id[..<slash]
    }
}
