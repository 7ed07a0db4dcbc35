/// Letter case by a language's rules, where they differ from the root rules: Turkish and
/// Azerbaijani pair `i` with `İ` and `ı` with `I`.
public enum LanguageCase {
    /// The language of a locale tag (`tr-TR` → `tr`), lower-cased.
    static func language(of locale: String) -> String {
        locale.prefix { $0 != "-" && $0 != "_" }.lowercased()
    }

    static func dotted(_ language: String) -> Bool { language == "tr" || language == "az" }

    /// `text` in lower case by the language's rules (`IŞIK` → `ışık` in Turkish).
    public static func lowercased(_ text: String, locale: String) -> String {
        guard dotted(language(of: locale)) else { return text.lowercased() }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "I": out += "ı"
            case "İ": out += "i"
            default: out += String(scalar).lowercased()
            }
        }
        return out
    }

    /// A message shown on its own starts a sentence; the same message after `waymark: note:`
    /// reads as a clause and starts in lower case. This upper-cases the first letter by the
    /// language's rules (Turkish `işlem` → `İşlem`).
    public static func sentence(_ text: String, locale: String) -> String {
        guard let first = text.first, first.isLetter, first.isLowercase else { return text }
        let upper: String =
            switch (dotted(language(of: locale)), first) {
            case (true, "i"): "İ"
            case (true, "ı"): "I"
            default: String(first).uppercased()
            }
        return upper + text.dropFirst()
    }
}
