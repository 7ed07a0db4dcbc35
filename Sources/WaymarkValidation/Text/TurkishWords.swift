import WaymarkCore

/// Words of a Turkish article's prose that bear on the dotted capital İ: those written with a
/// dotless capital I (candidates for `turkish-dotless-capital-i`) and the spellings that show
/// what the tree uses elsewhere.
///
/// Scans bytes: a word is a run of ASCII letters and two-byte Latin letters (lead bytes C3–C5,
/// which hold every Turkish letter), so punctuation such as ’ or a no-break space ends it.
struct TurkishWords {
    var dotless: [DocumentFacts.DotlessWord] = []
    /// Folded words that start with `i` (written `i` or `İ`).
    var dotted = WordBag()
    /// Words that start with `ı` written in lower case, as written.
    var dotlessLower = WordBag()
    /// A word being folded, reused from word to word.
    private var folded: [UInt8] = []
    /// The first word in each bag with each hash: a bag holds a word once (the rule asks only
    /// whether the tree has it), and an article repeats its common words dozens of times.
    private var inDotted: [UInt64: Int] = [:]
    private var inDotlessLower: [UInt64: Int] = [:]

    /// Gives back what the lists grew by and do not use: the word bags are kept for the whole run.
    mutating func shrinkToFit() {
        dotted.shrinkToFit()
        dotlessLower.shrinkToFit()
        dotless = Array(exactly: dotless)
        inDotted = [:]
        inDotlessLower = [:]
    }

    /// Adds `word` to `bag` unless the bag has it. (Two words with one hash both go in.)
    static func insert(_ word: UnsafeBufferPointer<UInt8>, into bag: inout WordBag, _ seen: inout [UInt64: Int]) {
        let hash = WordBag.hash(word)
        if let index = seen[hash] {
            if bag.word(index).elementsEqual(word) { return }
        } else {
            seen[hash] = bag.count
        }
        bag.append(word)
    }

    mutating func scan(_ document: ValidationDocument) {
        // Each segment's line is read in place in the text's bytes.
        var text = document.text
        text.withUTF8 { all in
            for segment in ProseScanner.frontMatterProse(of: document) + document.proseSegments {
                let range = document.lines.byteRange(of: segment.line - 1)
                scan(UnsafeBufferPointer(rebasing: all[range]), segment, in: document)
            }
        }
    }

    private mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, _ segment: ProseScanner.Segment, in document: ValidationDocument
    ) {
        let end = segment.end
        var i = segment.start
        while i < end {
            guard TurkishWords.letterLength(bytes, i, end: end) > 0 else {
                i += 1
                continue
            }
            let start = i
            while i < end {
                let n = TurkishWords.letterLength(bytes, i, end: end)
                if n == 0 { break }
                i += n
            }
            if i - start >= 2 { record(bytes, from: start, to: i, line: segment.line, in: document) }
        }
    }

    /// Bytes of the letter at `i`, or 0 when no letter starts there.
    @inline(__always)
    static func letterLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, end: Int) -> Int {
        let c = b[i]
        if (c | 0x20) &- UInt8(ascii: "a") < 26 { return 1 }
        if c &- 0xC3 < 3, i + 1 < end, b[i + 1] & 0xC0 == 0x80 { return 2 }
        return 0
    }

    private mutating func record(
        _ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, line number: Int, in document: ValidationDocument
    ) {
        let word = UnsafeBufferPointer(rebasing: b[start..<end])
        let first = word[0]
        if first == UInt8(ascii: "I") {
            // `IP`, `IT`, `ID`: an all-capital word is an abbreviation, not a misspelling.
            let text = UTF8Text.decoded(word)
            guard text.unicodeScalars.dropFirst().allSatisfy({ $0.properties.isLowercase }) else { return }
            dotless.append(
                DocumentFacts.DotlessWord(
                    word: text, range: SourceRange(line: number, column: start + 1, endColumn: end),
                    line: document.quotedLine(number) ?? ""))
        } else if first == UInt8(ascii: "i") || (first == 0xC4 && word[1] == 0xB0) {
            // `i…` or `İ…` (C4 B0).
            if TurkishWords.fold(word, into: &folded) {
                folded.withUnsafeBufferPointer { TurkishWords.insert($0, into: &dotted, &inDotted) }
            } else {
                var text = TurkishText.fold(UTF8Text.decoded(word))
                text.withUTF8 { TurkishWords.insert($0, into: &dotted, &inDotted) }
            }
        } else if first == 0xC4, word[1] == 0xB1 {
            // `ı…` (C4 B1).
            TurkishWords.insert(word, into: &dotlessLower, &inDotlessLower)
        }
    }

    /// `TurkishText.fold` over bytes, for words of ASCII letters and the two-byte letters whose
    /// lower case is plain: false (and `out` unusable) for any other letter.
    static func fold(_ word: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        var i = 0
        while i < word.count {
            let c = word[i]
            if c < 0x80 {
                if c == UInt8(ascii: "I") {
                    out.append(0xC4)
                    out.append(0xB1)
                } else {
                    out.append(c.asciiLowercased)
                }
                i += 1
                continue
            }
            guard i + 1 < word.count else { return false }
            let d = word[i + 1]
            switch (c, d) {
            case (0xC3, 0x80...0x9E) where d != 0x97:
                // À–Þ (but ×) are the capitals of à–þ, 0x20 on.
                out.append(c)
                out.append(d | 0x20)
            case (0xC3, 0x9F...0xBF), (0xC4, 0xB1), (0xC4, 0x9F), (0xC5, 0x9F):
                // Lower case already: ß–ÿ, ı, ğ, ş.
                out.append(c)
                out.append(d)
            case (0xC4, 0xB0):
                out.append(UInt8(ascii: "i"))
            case (0xC4, 0x9E), (0xC5, 0x9E):
                // Ğ, Ş.
                out.append(c)
                out.append(d + 1)
            default:
                return false
            }
            i += 2
        }
        return true
    }
}
