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
    var dotted: Set<String> = []
    /// Folded words that start with `ı` written in lower case.
    var dotlessLower: Set<String> = []

    mutating func scan(_ document: ValidationDocument) {
        let segments = ProseScanner.frontMatterProse(of: document) + document.proseSegments
        var index = 0
        while index < segments.count {
            // The segments of one line are scanned over that line's bytes in place.
            let number = segments[index].line
            var last = index
            while last + 1 < segments.count, segments[last + 1].line == number { last += 1 }
            let line = document.lines[number - 1]
            var contiguous = line
            contiguous.withUTF8 { bytes in
                for segment in segments[index...last] { scan(bytes, segment, line: number, text: line) }
            }
            index = last + 1
        }
    }

    private mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, _ segment: ProseScanner.Segment, line: Int, text: Substring
    ) {
        var i = segment.start
        while i < segment.end {
            let length = TurkishWords.letterLength(bytes, i, end: segment.end)
            guard length > 0 else {
                i += 1
                continue
            }
            var end = i
            while end < segment.end {
                let n = TurkishWords.letterLength(bytes, end, end: segment.end)
                if n == 0 { break }
                end += n
            }
            record(bytes, from: i, to: end, line: line, text: text)
            i = end
        }
    }

    /// Bytes of the letter at `i`, or 0 when no letter starts there.
    static func letterLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, end: Int) -> Int {
        let c = b[i]
        if (c | 0x20) >= UInt8(ascii: "a"), (c | 0x20) <= UInt8(ascii: "z") { return 1 }
        if c >= 0xC3, c <= 0xC5, i + 1 < end, b[i + 1] & 0xC0 == 0x80 { return 2 }
        return 0
    }

    private mutating func record(
        _ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, line number: Int, text: Substring
    ) {
        guard end - start >= 2 else { return }
        let first = b[start]
        if first == UInt8(ascii: "I") {
            // `IP`, `IT`, `ID`: an all-capital word is an abbreviation, not a misspelling.
            let word = UTF8Text.decoded(UnsafeBufferPointer(rebasing: b[start..<end]))
            guard word.unicodeScalars.dropFirst().allSatisfy({ $0.properties.isLowercase }) else { return }
            dotless.append(
                DocumentFacts.DotlessWord(
                    word: word, range: SourceRange(line: number, column: start + 1, endColumn: end),
                    line: String(text)))
        } else if first == UInt8(ascii: "i") || (first == 0xC4 && b[start + 1] == 0xB0) {
            // `i…` or `İ…` (C4 B0).
            dotted.insert(
                TurkishText.fold(UTF8Text.decoded(UnsafeBufferPointer(rebasing: b[start..<end]))))
        } else if first == 0xC4, b[start + 1] == 0xB1 {
            // `ı…` (C4 B1).
            dotlessLower.insert(UTF8Text.decoded(UnsafeBufferPointer(rebasing: b[start..<end])))
        }
    }
}
