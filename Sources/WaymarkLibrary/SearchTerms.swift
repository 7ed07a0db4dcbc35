internal import CStemmer
import Foundation

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

    /// The terms of `text`, in order.
    public func terms(of text: String) -> [String] {
        SearchTerms.words(of: text).map(term)
    }

    /// The term of one word.
    public func term(_ word: String) -> String {
        SearchTerms.folded(stem(lowercased(word)))
    }

    /// The word lower-cased by the language's rules.
    public func lowercased(_ word: String) -> String {
        guard language == "tr" || language == "az" else { return word.lowercased() }
        var out = ""
        for scalar in word.unicodeScalars {
            switch scalar {
            case "I": out += "ı"
            case "İ": out += "i"
            default: out += String(scalar).lowercased()
            }
        }
        return out
    }

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
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let isWordScalar =
                v < 0x80
                ? (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
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
