/// Just enough morphology to recognise a UI label in running Turkish or Hungarian text.
///
/// Both languages add case and possessive suffixes to nouns, so a label appears as `Hesabı`
/// (Hesap + accusative, with p→b softening) or `fiókot` (Fiók + accusative). Matching folds case
/// without locale (so `Iş` and `İş` meet), then accepts a term's last word followed by up to three
/// suffixes from the language's list.
enum Inflection {
    static let suffixes: [String: [String]] = [
        "tr": [
            "ı", "i", "u", "ü", "a", "e", "ya", "ye", "yı", "yi", "yu", "yü", "da", "de", "ta", "te", "dan", "den",
            "tan",
            "ten", "ın", "in", "un", "ün", "nın", "nin", "nun", "nün", "la", "le", "yla", "yle", "lar", "ler", "sı",
            "si", "su", "sü", "nda", "nde", "ndan", "nden", "na", "ne", "nı", "ni", "nu", "nü", "m", "n", "mız", "miz",
            "nız", "niz",
        ],
        "hu": [
            "t", "ot", "et", "öt", "at", "ban", "ben", "ba", "be", "ra", "re", "ról", "ről", "nak", "nek", "nál", "nél",
            "hoz", "hez", "höz", "tól", "től", "ból", "ből", "on", "en", "ön", "n", "val", "vel", "ért", "ig", "k",
            "ok",
            "ek", "ök", "ak", "ja", "je", "a", "e", "i", "ai", "ei", "ig",
        ],
        "en": ["s", "es", "'s"],
    ]

    /// Turkish final consonants that soften before a vowel: Hesap → Hesabı, ağaç → ağacı.
    static let softening: [Character: [Character]] = ["p": ["b"], "ç": ["c"], "t": ["d"], "k": ["ğ", "g"]]
    /// Hungarian final vowels that lengthen before a suffix: alma → almát, kefe → kefét.
    static let lengthening: [Character: Character] = ["a": "á", "e": "é"]

    /// The words of a label, folded, without Markdown emphasis, punctuation, or a detached suffix
    /// (`müşteriler ' e` → `müşteriler`).
    static func words(of label: String) -> [String] {
        var text = label
        if let apostrophe = text.firstIndex(where: { $0 == "'" || $0 == "’" }) {
            let before = text[..<apostrophe]
            if !String(before).isBlank { text = String(before) }
        }
        let folded = LocaleFormatter.fold(text)
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }).map(String.init)
    }

    /// How `words` matches `term` (both folded), or `nil`.
    static func match(_ words: [String], _ term: [String], language: String) -> GlossaryMatch.Kind? {
        guard words.count == term.count else { return nil }
        if words == term { return .exact }
        // Every word but the last must be the same; Turkish and Hungarian inflect the last.
        // (Turkish also marks compounds on the last word: "ilişkisini kaldır" keeps "kaldır".)
        var inflected = false
        for (w, t) in zip(words, term) where w != t {
            guard isInflection(w, of: t, language: language) else { return nil }
            inflected = true
        }
        return inflected ? .inflected : .exact
    }

    static func isInflection(_ word: String, of term: String, language: String) -> Bool {
        var stems = [term]
        if language == "tr", let last = term.last, let softer = softening[last] {
            stems += softer.map { String(term.dropLast()) + String($0) }
        }
        if language == "hu", let last = term.last, let longer = lengthening[last] {
            stems.append(String(term.dropLast()) + String(longer))
        }
        let list = suffixes[language] ?? []
        for stem in stems where word.hasPrefix(stem) {
            if isSuffixChain(String(word.dropFirst(stem.count)), list, depth: 3) { return true }
        }
        return false
    }

    private static func isSuffixChain(_ rest: String, _ list: [String], depth: Int) -> Bool {
        if rest.isEmpty { return true }
        guard depth > 0 else { return false }
        return list.contains {
            rest.hasPrefix($0) && isSuffixChain(String(rest.dropFirst($0.count)), list, depth: depth - 1)
        }
    }
}
