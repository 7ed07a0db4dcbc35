import WaymarkCore

/// Words of a Turkish article's prose that bear on the dotted capital İ: those written with a
/// dotless capital I (candidates for `turkish-dotless-capital-i`) and the spellings that show
/// what the tree uses elsewhere.
struct TurkishWords {
    var dotless: [DocumentFacts.DotlessWord] = []
    /// Folded words that start with `i` (written `i` or `İ`).
    var dotted: Set<String> = []
    /// Folded words that start with `ı` written in lower case.
    var dotlessLower: Set<String> = []

    mutating func scan(_ document: ValidationDocument) {
        for segment in ProseScanner.frontMatterProse(of: document)
            + ProseScanner.segments(of: document.lines, from: document.bodyStartLine)
        {
            let line = document.lines[segment.line - 1]
            let utf8 = line.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: segment.start)
            let end = utf8.index(utf8.startIndex, offsetBy: segment.end)
            let text = Substring(utf8[start..<end])
            var index = text.startIndex
            while index < text.endIndex {
                guard text[index].isLetter else {
                    index = text.index(after: index)
                    continue
                }
                var wordEnd = index
                while wordEnd < text.endIndex, text[wordEnd].isLetter { wordEnd = text.index(after: wordEnd) }
                let word = text[index..<wordEnd]
                record(word, in: line, segmentStart: segment.start, text: text, line: segment.line)
                index = wordEnd
            }
        }
    }

    private mutating func record(
        _ word: Substring, in line: Substring, segmentStart: Int, text: Substring, line number: Int
    ) {
        guard let first = word.unicodeScalars.first, word.unicodeScalars.count >= 2 else { return }
        switch first {
        case "I":
            let rest = word.unicodeScalars.dropFirst()
            // `IP`, `IT`, `ID`: an all-capital word is an abbreviation, not a misspelling.
            guard rest.allSatisfy({ $0.properties.isLowercase }) else { return }
            let offset = segmentStart + text.utf8.distance(from: text.utf8.startIndex, to: word.utf8.startIndex)
            dotless.append(
                DocumentFacts.DotlessWord(
                    word: String(word),
                    range: SourceRange(line: number, column: offset + 1, endColumn: offset + word.utf8.count),
                    line: String(line)))
        case "İ", "i":
            dotted.insert(TurkishText.fold(String(word)))
        case "ı":
            dotlessLower.insert(String(word))
        default:
            break
        }
    }
}
