import WaymarkCore

/// Reads a rendered bilingual page — each line a translated sentence directly followed by its
/// English original, no separator — by aligning its lines with the English article's units: for
/// each line, the unit whose text best matches an ending of the line, and the split there.
public enum BilingualImport {
    public struct Pair: Sendable, Hashable {
        /// The English article's unit.
        public var key: String
        public var translation: String
        public var english: String
        /// The page's line (1-based).
        public var line: Int
    }

    public struct Unaligned: Sendable, Hashable {
        public var line: Int
        public var text: String
    }

    public struct Result: Sendable {
        public var pairs: [Pair]
        public var unaligned: [Unaligned]
        /// Units of the English article no line was aligned with.
        public var missing: [String]
    }

    /// How much of the unit's words an ending of a line must hold (0…1).
    static let threshold = 0.6

    public static func align(page: String, source: Article, text: String) -> Result {
        let units = ArticleUnits.of(source, text: text).filter { $0.kind != "title" && $0.kind != "description" }
        var used = Set<String>()
        var pairs: [Pair] = []
        var unaligned: [Unaligned] = []
        for (index, raw) in page.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = strippedMarkers(String(raw))
            guard !line.isBlank else { continue }
            let words = Words(line)
            var best: (unit: ArticleUnit, split: Int, score: Double)?
            // Units in document order after the last one used are tried first (a page follows the
            // article), then the rest.
            for unit in units where !used.contains(unit.key) {
                let english = Words(unit.content.plainText)
                guard !english.items.isEmpty else { continue }
                if let (split, score) = words.bestEnding(matching: english), score >= threshold,
                    score > (best?.score ?? 0)
                {
                    best = (unit, split, score)
                }
            }
            guard let best, best.split > 0 else {
                unaligned.append(Unaligned(line: index + 1, text: line))
                continue
            }
            let translation = words.prefix(best.split).trimmingSpaces
            guard !translation.isBlank else {
                unaligned.append(Unaligned(line: index + 1, text: line))
                continue
            }
            used.insert(best.unit.key)
            pairs.append(
                Pair(
                    key: best.unit.key, translation: translation,
                    english: words.suffix(from: best.split).trimmingSpaces,
                    line: index + 1))
        }
        let missing = units.map(\.key).filter { !used.contains($0) }
        return Result(pairs: pairs, unaligned: unaligned, missing: missing)
    }

    /// A line without the list markers a rendered page puts before it (`•`, `1.`, `a.a.`).
    static func strippedMarkers(_ line: String) -> String {
        var rest = Substring(line).drop { $0 == " " || $0 == "\t" }
        if rest.hasPrefix("•") { rest = rest.dropFirst().drop { $0 == " " } }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, rest.dropFirst(digits.count).first == "." {
            rest = rest.dropFirst(digits.count + 1).drop { $0 == " " }
        }
        // A sub-step's marker, shown once in each language: `a.a.`, `ii.ii.`.
        let letters = rest.prefix { $0.isASCII && $0.isLowercase }
        if !letters.isEmpty, letters.count <= 4 {
            let marker = letters + "."
            if rest.hasPrefix(marker + marker) {
                rest = rest.dropFirst(marker.count * 2).drop { $0 == " " }
            }
        }
        return String(rest)
    }

    /// A line's words (letters and digits, lower-cased) with where each starts in the line.
    struct Words {
        let text: String
        var items: [(word: String, start: String.Index)] = []

        init(_ text: String) {
            self.text = text
            var current = ""
            var start = text.startIndex
            var i = text.startIndex
            while i < text.endIndex {
                let ch = text[i]
                if ch.isLetter || ch.isNumber {
                    if current.isEmpty { start = i }
                    current += ch.lowercased()
                    // A lower-case letter followed by a capital: a word boundary the page lost
                    // between a translation and its English ("PartnerközpontbanHow").
                    let next = text.index(after: i)
                    if next < text.endIndex, ch.isLowercase, text[next].isUppercase {
                        items.append((current, start))
                        current = ""
                    }
                } else if !current.isEmpty {
                    items.append((current, start))
                    current = ""
                }
                i = text.index(after: i)
            }
            if !current.isEmpty { items.append((current, start)) }
        }

        /// The word index where the line's ending that best matches `english` starts, and how
        /// much of `english` (by words, in order) that ending holds.
        func bestEnding(matching english: Words) -> (Int, Double)? {
            let target = english.items.map(\.word)
            guard !target.isEmpty, !items.isEmpty else { return nil }
            var best: (Int, Double)?
            // Endings about as long as the English, give or take a third.
            let low = max(1, items.count - target.count - target.count / 3 - 1)
            let high = max(0, items.count - max(1, target.count * 2 / 3))
            guard low <= high else { return nil }
            for split in low...high {
                let ending = items[split...].map(\.word)
                let common = Words.lcs(ending, target)
                let score = Double(common) / Double(max(target.count, ending.count))
                if score > (best?.1 ?? 0) { best = (split, score) }
            }
            return best
        }

        func prefix(_ split: Int) -> String { String(text[..<items[split].start]) }
        func suffix(from split: Int) -> String { String(text[items[split].start...]) }

        static func lcs(_ a: [String], _ b: [String]) -> Int {
            var previous = [Int](repeating: 0, count: b.count + 1)
            for x in a {
                var current = [Int](repeating: 0, count: b.count + 1)
                for (j, y) in b.enumerated() {
                    current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
                }
                previous = current
            }
            return previous[b.count]
        }
    }
}

extension BilingualImport {
    /// The translated article in the English article's Markdown structure: each aligned unit's
    /// translation in place of its English text (as plain text: the page lost bold and links),
    /// the others left in English; the front matter's locale and source hash set.
    public static func article(source: Article, text: String, pairs: [Pair], locale: String) -> String {
        let byKey = Dictionary(pairs.map { ($0.key, $0.translation) }, uniquingKeysWith: { a, _ in a })
        var bytes = Array(text.utf8)
        for unit in ArticleUnits.of(source, text: text).reversed() {
            guard let span = unit.span, let translation = byKey[unit.key] else { continue }
            let flat = String(translation.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
            bytes.replaceSubrange(span, with: Array(InlineCodes.escaped(flat, atLineStart: true).utf8))
        }
        return FrontMatterEditor.localized(
            String(decoding: bytes, as: UTF8.self), locale: locale, sourceHash: ArticleXLIFF.sourceHash(text))
    }
}
