import Foundation
import WaymarkCore

/// A Turkish case suffix cut off from its word by spaces: `Merkezi ' nde`, `**müşteriler** ' e`.
struct TurkishDetachedSuffix: DocumentRule {
    static let category = RuleCategory.language
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A Turkish case suffix is separated from its word by spaces (\"Merkezi ' nde\").",
        "explanation":
            "Turkish attaches case endings to proper names and UI labels with an apostrophe and no space: Merkezi'nde, **Müşteriler**'e. Machine translation often leaves the ending floating after a space, which reads as a stray letter. Remove the spaces around the apostrophe.",
        "message": "suffix \"{suffix}\" is detached from its word; write \"{fixed}\"",
        "fix": "join the suffix to its word",
    ]

    /// Case and possessive endings with their buffer letters and vowel-harmony variants.
    static let suffixes: Set<String> = [
        "e", "a", "ye", "ya", "i", "ı", "u", "ü", "yi", "yı", "yu", "yü", "de", "da", "te", "ta", "den", "dan",
        "ten", "tan", "nde", "nda", "nden", "ndan", "in", "ın", "un", "ün", "nin", "nın", "nun", "nün", "le", "la",
        "yle", "yla", "ne", "na", "ni", "nı", "nu", "nü", "deki", "daki", "teki", "taki", "ndeki", "ndaki", "dir",
        "dır", "dur", "dür", "tir", "tır", "tur", "tür", "si", "sı", "su", "sü", "sini", "sını", "sine", "sına",
        "sinde", "sında", "ler", "lar", "leri", "ları",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        guard document.language == "tr" else { return }
        // Each segment's line is read in place in the text's bytes.
        var text = document.text
        // Words of the glossary's Turkish terms are names ("Merkezi" of "İş Ortağı Merkezi").
        text.withUTF8 { all in check(document, all, context.turkishNames, &findings) }
    }

    private static func check(
        _ document: ValidationDocument, _ all: UnsafeBufferPointer<UInt8>, _ names: Set<String>,
        _ findings: inout FindingSink
    ) {
        for segment in document.proseSegments {
            let line = UnsafeBufferPointer(rebasing: all[document.lines.byteRange(of: segment.line - 1)])
            var i = segment.start
            while i < segment.end {
                // Only an apostrophe starts a finding: `'`, or the first byte of `’`.
                i = nextApostrophe(line, from: i, end: segment.end)
                guard i < segment.end else { break }
                let quote = quoteLength(line, at: i)
                guard quote > 0 else {
                    i += 1
                    continue
                }
                defer { i += quote }
                // Before the apostrophe: optional spaces, then the end of a word or of ** / _ / ) / ".
                var before = i
                while before > segment.start, line[before - 1] == 0x20 { before -= 1 }
                let spaceBefore = before < i
                guard before > segment.start, endsWord(line[before - 1]) else { continue }
                var after = i + quote
                while after < segment.end, line[after] == 0x20 { after += 1 }
                let spaceAfter = after > i + quote
                guard spaceBefore || spaceAfter else { continue }
                var end = after
                while end < segment.end, isLetterByte(line, end) { end += 1 }
                guard end > after, end == segment.end || !isLetterByte(line, end) else { continue }
                let suffix = String(decoding: line[after..<end], as: UTF8.self)
                guard suffixes.contains(suffix) else { continue }
                let word = wordBefore(line, from: segment.start, to: before)
                let start = spaceBefore ? before : i
                // The spaces go; the apostrophe stays as it is written (' or ’). Turkish sets a
                // suffix off with an apostrophe only after a name, a number or an abbreviation (and
                // a UI label, which names a thing on screen); after a common word the ending
                // joins the word itself, often changing its last letter, which is not guessed.
                let fixIts =
                    takesApostrophe(word, endingWith: line[before - 1], names: names)
                    ? [
                        Diagnostic.FixIt(
                            messageKey: key("fix"),
                            edits: [
                                Diagnostic.TextEdit(
                                    range: SourceRange(line: segment.line, column: before + 1, endColumn: after + 1),
                                    replacement: String(decoding: line[i..<(i + quote)], as: UTF8.self))
                            ])
                    ] : []
                findings.report(
                    Self.self, at: SourceRange(line: segment.line, column: start + 1, endColumn: end),
                    ["suffix": suffix, "fixed": word + "'" + suffix], fixIts: fixIts)
            }
        }
    }

    /// The word (or bold label, whole) that ends at `end`: `Merkezi`, `**Satıcı ilişkisini kaldır**`.
    private static func wordBefore(_ line: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        let text = String(decoding: line[start..<end], as: UTF8.self)
        for marker in ["**", "__"] where text.hasSuffix(marker) {
            let inner = text.dropLast(2)
            if let open = inner.range(of: marker, options: .backwards) {
                return String(text[open.lowerBound...])
            }
        }
        // The text after the last space. Found by bytes unless a space could start a character
        // with a combining mark (a space followed by a byte outside ASCII and the Turkish letters).
        let bytes = line[start..<end]
        guard let space = bytes.lastIndex(of: 0x20) else { return text }
        if space + 1 < end, line[space + 1] >= 0x80, !(0xC3...0xC5).contains(line[space + 1]) {
            return text.split(separator: " ").last.map(String.init) ?? ""
        }
        return String(decoding: line[(space + 1)..<end], as: UTF8.self)
    }

    /// Whether Turkish writes an apostrophe between `word` and a suffix: after a bold or linked
    /// label, a quoted name, a number, an abbreviation or a name written with a capital letter
    /// (`CSP`, `reportName`), or a word of one of the glossary's names written in lower case
    /// (`merkezi` of "İş Ortağı Merkezi"), whose suffix takes the apostrophe all the same.
    static func takesApostrophe(_ word: String, endingWith last: UInt8, names: Set<String> = []) -> Bool {
        if last == UInt8(ascii: "*") || last == UInt8(ascii: "_") || last == UInt8(ascii: ")")
            || last == UInt8(ascii: "\"") || (last >= UInt8(ascii: "0") && last <= UInt8(ascii: "9"))
        {
            return true
        }
        let letters = word.drop { !$0.isLetter && !$0.isNumber }
        guard let first = letters.first else { return false }
        return first.isNumber || letters.contains(where: \.isUppercase)
            || names.contains(TurkishText.fold(String(letters)))
    }

    /// The first index from `from` (before `end`) of a `'` or of the byte E2 that starts `’`,
    /// found with `memchr`; `end` when there is none. (Most prose has neither.)
    static func nextApostrophe(_ b: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int {
        guard from < end, let base = b.baseAddress else { return end }
        let quote = memchr(base + from, 0x27, end - from).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? end
        let curly =
            memchr(base + from, 0xE2, quote - from).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? quote
        return min(quote, curly)
    }

    /// Length in bytes of an apostrophe (`'` or `’`) at `i`, or 0.
    private static func quoteLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        if b[i] == UInt8(ascii: "'") { return 1 }
        if b[i] == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x99 { return 3 }
        return 0
    }

    private static func endsWord(_ b: UInt8) -> Bool {
        b >= 0x80 || (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
            || b == UInt8(ascii: "*") || b == UInt8(ascii: "_") || b == UInt8(ascii: ")") || b == UInt8(ascii: "\"")
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// ASCII letters and the bytes of non-ASCII letters (Turkish letters are all two bytes).
    private static func isLetterByte(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = b[i]
        if c >= 0x80 { return !(c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80) }
        return (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
    }
}
