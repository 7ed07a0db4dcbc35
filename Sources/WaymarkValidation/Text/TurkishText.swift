/// Turkish spelling helpers: case folding with the dotted and dotless i, and the letters that mark
/// a word as Turkish.
enum TurkishText {
    /// Lower-cases the Turkish way: `İ` → `i`, `I` → `ı`, the rest as Unicode does.
    static func fold(_ text: String) -> String {
        // ASCII letters fold by themselves; only `I` (to `ı`) needs more than one byte.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "I") }) {
            return String(decoding: text.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "İ": out.append("i")
            case "I": out.append("ı")
            default: out += String(scalar).lowercased()
            }
        }
        return out
    }

    /// Letters Turkish has and English does not.
    static func hasTurkishLetter(_ text: Substring) -> Bool {
        text.unicodeScalars.contains { "çğıöşüÇĞÖŞÜİ".unicodeScalars.contains($0) }
    }

    /// The words of `text` (letters only; digits and punctuation separate words).
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { !$0.isLetter })
    }
}
