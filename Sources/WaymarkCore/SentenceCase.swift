/// A message shown on its own starts a sentence; the same message after `waymark: note:` reads as
/// a clause and starts in lower case. This upper-cases the first letter by the language's rules:
/// Turkish and Azerbaijani `i` becomes `İ` (and `ı` becomes `I`), where every other language
/// gives `I` for `i`.
public enum SentenceCase {
    public static func capitalized(_ text: String, locale: String) -> String {
        guard let first = text.first, first.isLetter, first.isLowercase else { return text }
        let language = locale.prefix { $0 != "-" && $0 != "_" }.lowercased()
        let upper: String =
            switch (language, first) {
            case ("tr", "i"), ("az", "i"): "İ"
            case ("tr", "ı"), ("az", "ı"): "I"
            default: String(first).uppercased()
            }
        return upper + text.dropFirst()
    }
}
