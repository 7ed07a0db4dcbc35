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
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
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
        var out = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            switch scalar {
            case "ı": out.append("i")
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            default:
                let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                for part in decomposed where part.properties.generalCategory != .nonspacingMark { out.append(part) }
            }
        }
        return String(out)
    }
}
