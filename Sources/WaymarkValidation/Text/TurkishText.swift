import WaymarkCore

/// Turkish spelling helpers: case folding with the dotted and dotless i, and the letters that mark
/// a word as Turkish.
enum TurkishText {
    /// Lower-cases the Turkish way: `İ` → `i`, `I` → `ı`, the rest as Unicode does.
    static func fold(_ text: String) -> String {
        // ASCII letters fold by themselves; only `I` (to `ı`) needs more than one byte.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "I") }) {
            return String(decoding: text.utf8.map(\.asciiLowercased), as: UTF8.self)
        }
        // `İ` (C4 B0) and `I` are replaced first; the rest is then lower-cased scalar by scalar, which
        // is what `latinLowercased` does, in one pass.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 4)
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b == UInt8(ascii: "I") {
                bytes.append(0xC4)
                bytes.append(0xB1)
            } else if b == 0xB0, previous == 0xC4 {
                bytes[bytes.count - 1] = UInt8(ascii: "i")
            } else {
                bytes.append(b)
            }
            previous = b
        }
        return String(decoding: bytes, as: UTF8.self).latinLowercased
    }

    /// Letters Turkish has and English does not.
    static func hasTurkishLetter(_ text: Substring) -> Bool {
        text.unicodeScalars.contains {
            switch $0 {
            case "ç", "ğ", "ı", "ö", "ş", "ü", "Ç", "Ğ", "Ö", "Ş", "Ü", "İ": true
            default: false
            }
        }
    }

    /// The words of `text` (letters only; digits and punctuation separate words).
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { !$0.isLetter })
    }
}
