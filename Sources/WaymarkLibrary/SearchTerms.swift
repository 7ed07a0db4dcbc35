internal import CStemmer
import Foundation
import WaymarkCore

/// Turns text into the terms the search index holds and queries look for, the way Turkish,
/// Hungarian and English readers type:
///
/// 1. words are runs of letters and digits;
/// 2. lower-cased by the language's rules (Turkish: `İ` → `i`, `I` → `ı`);
/// 3. stemmed by Snowball's stemmer for the language (`hesabını` → `hesap`, `aboneliklerini` →
///    `abonelik`, `eltávolítása` → `eltávolítás`);
/// 4. folded to letters without diacritics (`ilişki` → `iliski`, `kaldır` → `kaldir`), so a query
///    typed without them finds the same stems.
///
/// ```
/// SearchTerms(language: "tr").terms(of: "İLİŞKİYİ kaldırın")  // ["iliski", "kaldirin"]
/// ```
///
/// Not thread-safe (a Snowball stemmer keeps state): one per thread.
public final class SearchTerms {
    public let language: String
    private let stemmer: OpaquePointer?

    /// `language`: `tr`, `hu`, `en` (others are lower-cased and folded, not stemmed).
    public init(language: String) {
        self.language = language
        let algorithm: String? =
            switch language {
            case "tr": "turkish"
            case "hu": "hungarian"
            case "en": "english"
            default: nil
            }
        stemmer = algorithm.flatMap { sb_stemmer_new($0, "UTF_8") }
    }

    deinit { if let stemmer { sb_stemmer_delete(stemmer) } }

    /// Terms already made, by word (its UTF-8 bytes, up to 32 of them): a document repeats its
    /// words, and lower-casing and stemming them are the dearest steps.
    private var made: [WordKey: [UInt8]] = [:]
    /// Enough for the vocabulary of a large tree; past it, terms are made but not kept.
    private static let madeLimit = 1 << 18

    /// The terms of `text`, in order.
    public func terms(of text: String) -> [String] {
        var out: [String] = []
        var text = text
        text.withUTF8 { bytes in
            SearchTerms.forEachWord(in: bytes) { word in
                out.append(String(decoding: term(UnsafeBufferPointer(rebasing: bytes[word])), as: UTF8.self))
            }
        }
        return out
    }

    /// The terms of `text` appended to `out` as UTF-8, each followed by a space.
    public func appendTerms(of text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            SearchTerms.forEachWord(in: bytes) { word in
                out.append(contentsOf: term(UnsafeBufferPointer(rebasing: bytes[word])))
                out.append(0x20)
            }
        }
    }

    /// The term of one word.
    public func term(_ word: String) -> String {
        var word = word
        return word.withUTF8 { String(decoding: term($0), as: UTF8.self) }
    }

    private func term(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let key = WordKey(word)
        if let key, let term = made[key] { return term }
        var text = String(decoding: word, as: UTF8.self)
        // Decomposed text (as some editors save it) is composed first: stemmers know `ş`, not
        // `s` followed by a cedilla.
        if word.contains(where: { $0 >= 0xCC }) { text = text.precomposedStringWithCanonicalMapping }
        let term = Array(SearchTerms.folded(stem(lowercased(text))).utf8)
        if let key, made.count < SearchTerms.madeLimit { made[key] = term }
        return term
    }

    /// The word lower-cased by the language's rules.
    public func lowercased(_ word: String) -> String { LanguageCase.lowercased(word, locale: language) }

    /// Snowball's stem of a lower-cased word (the word itself when the language has no stemmer).
    public func stem(_ word: String) -> String {
        guard let stemmer, !word.isEmpty else { return word }
        var bytes = Array(word.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            guard let result = sb_stemmer_stem(stemmer, buffer.baseAddress, Int32(buffer.count)) else { return word }
            let length = Int(sb_stemmer_length(stemmer))
            return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
        }
    }

    /// Runs of letters and digits (a word with an apostrophe, `plan'ı`, is two).
    public static func words(of text: String) -> [String] {
        var words: [String] = []
        var text = text
        text.withUTF8 { bytes in
            forEachWord(in: bytes) {
                words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self))
            }
        }
        return words
    }

    /// Calls `body` with the byte range of each run of letters and digits in `bytes` (UTF-8).
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start = -1
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            var length = 1
            let isWordScalar: Bool
            if lead < 0x80 {
                isWordScalar =
                    (lead >= 0x61 && lead <= 0x7A) || (lead >= 0x41 && lead <= 0x5A) || (lead >= 0x30 && lead <= 0x39)
            } else {
                // Valid UTF-8 (it comes from a String): the lead byte says how long the scalar is.
                var value: UInt32
                switch lead {
                case ..<0xE0:
                    length = 2
                    value = UInt32(lead & 0x1F)
                case ..<0xF0:
                    length = 3
                    value = UInt32(lead & 0x0F)
                default:
                    length = 4
                    value = UInt32(lead & 0x07)
                }
                length = min(length, count - index)
                for offset in 1..<max(length, 1) { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                isWordScalar =
                    value < UInt32(latinWordScalars.count)
                    ? latinWordScalars[Int(value)] : Unicode.Scalar(value).map(isWord) ?? false
            }
            if isWordScalar {
                if start < 0 { start = index }
            } else if start >= 0 {
                body(start..<index)
                start = -1
            }
            index += length
        }
        if start >= 0 { body(start..<count) }
    }

    /// Letters, digits, and the combining marks of decomposed text (`e` + U+0301), which belong to
    /// the letter before them.
    private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Which scalars below U+0250 (Latin, where Turkish and Hungarian letters are) belong to words.
    private static let latinWordScalars: [Bool] = (0..<0x250).map { value in
        Unicode.Scalar(UInt32(value)).map(isWord) ?? false
    }

    /// The word without diacritics, `ı` as `i` (Turkish users often type neither).
    public static func folded(_ word: String) -> String {
        // ASCII words (most of an English tree, many Turkish and Hungarian words) are already folded.
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
        var out = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if scalar.value < 0x80 {
                out.append(scalar)
            } else if let base = latinBase[scalar.value] {
                out.append(contentsOf: base.unicodeScalars)
            } else {
                let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                for part in decomposed where part.properties.generalCategory != .nonspacingMark { out.append(part) }
            }
        }
        return String(out)
    }

    /// The letters of Latin-1 and Latin Extended-A (Turkish and Hungarian among them) without
    /// their marks, made once from Unicode's decompositions; `ı` is `i` and `ß` is `ss`.
    static let latinBase: [UInt32: String] = {
        var table: [UInt32: String] = [0x131: "i", 0xDF: "ss"]
        for value in UInt32(0xC0)...0x17F {
            guard table[value] == nil, let scalar = Unicode.Scalar(value) else { continue }
            let parts = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                .filter { $0.properties.generalCategory != .nonspacingMark }
            table[value] = String(String.UnicodeScalarView(parts))
        }
        return table
    }()
}

/// A word's UTF-8 bytes packed into four machine words (nil when longer than 32 bytes): a key
/// that costs no allocation to build and hashes without Unicode normalization.
struct WordKey: Hashable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var count: Int

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 32 else { return nil }
        count = bytes.count
        withUnsafeMutableBytes(of: &words) { raw in
            if let base = bytes.baseAddress { raw.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
        }
    }

    static func == (a: WordKey, b: WordKey) -> Bool {
        a.count == b.count && a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2
            && a.words.3 == b.words.3
    }

    func hash(into hasher: inout Hasher) {
        // One value for the hasher instead of five: the words mixed by multiplication (odd
        // constants), which is enough for a table that the hasher then scrambles with its seed.
        var mixed = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ words.0) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ words.1) &* 0x94D0_49BB_1331_11EB
        mixed = (mixed ^ words.2) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ words.3) &* 0x94D0_49BB_1331_11EB
        hasher.combine(mixed ^ (mixed >> 31))
    }
}
