import WaymarkCore

/// How a placeholder's value sounds read aloud, for the grammar that depends on it and that a
/// catalog cannot write out: the Hungarian definite article (`a 2. lépés`, `az 5 tétel`, `az
/// 51596a43 munkamenet`) and Turkish case suffixes, which follow vowel harmony and the
/// pronunciation of numbers (`2'ye`, `5'e`, `Azure plan'ı`).
///
/// Messages reach it through two formatter functions:
///
/// ```
/// {session, article} {session} munkamenet          → az 51596a43 munkamenet
/// {step, article, capital} {step}. lépés            → A 2. lépés
/// Adım {step}{step, suffix, dative} geçin           → Adım 2'ye geçin
/// ```
///
/// Numbers are read the way the language says them (Hungarian `ötven`, `ezer`; Turkish `beş`,
/// `kırk`); a short word in capitals (`CSP`, `API`) and a code that mixes letters and digits are
/// read letter by letter; other words by their letters as written.
public enum SpokenForm {
    /// The Turkish cases a suffix can mark.
    public enum TurkishCase: String, Sendable, CaseIterable {
        case accusative, dative, locative, ablative, genitive, instrumental
    }

    // MARK: Hungarian

    /// `a` or `az`, the Hungarian definite article before `value` (`capital`: `A`, `Az`).
    public static func hungarianArticle(before value: String, capital: Bool = false) -> String {
        let az = hungarianStartsWithVowelSound(value)
        return capital ? (az ? "Az" : "A") : (az ? "az" : "a")
    }

    static func hungarianStartsWithVowelSound(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars.drop { !isLetterOrDigit($0) })
        guard let first = scalars.first else { return false }
        if isDigit(first) {
            return hungarianNumberStartsWithVowel(leadingNumber(scalars))
        }
        let token = scalars.prefix { isLetterOrDigit($0) }
        let firstLetter = String(String.UnicodeScalarView(token.prefix(1))).lowercased()
        if readLetterByLetter(Array(token)) {
            return hungarianVowelLetterNames.contains(firstLetter)
        }
        return hungarianVowels.contains(firstLetter)
    }

    /// Letters whose Hungarian names begin with a vowel: the vowels, and `ef el em en er es iksz
    /// ipszilon`.
    static let hungarianVowelLetterNames: Set<String> = hungarianVowels.union(["f", "l", "m", "n", "r", "s", "x", "y"])
    static let hungarianVowels: Set<String> = ["a", "á", "e", "é", "i", "í", "o", "ó", "ö", "ő", "u", "ú", "ü", "ű"]

    /// Whether the first word Hungarian says for `n` begins with a vowel: `egy` (1), `öt` (5),
    /// `ötven` (50–59), `ötszáz` (500–599), `ezer` (1000–1999), `egymillió`…; `nulla`, `tíz`,
    /// `száz` (100–199) and the rest begin with a consonant.
    static func hungarianNumberStartsWithVowel(_ digits: [UInt8]) -> Bool {
        let digits = Array(digits.drop { $0 == 0 })
        guard !digits.isEmpty else { return false }  // nulla
        // The first group of three digits, and how many groups follow it.
        let groups = (digits.count - 1) / 3
        let headLength = digits.count - groups * 3
        let head = digits.prefix(headLength).reduce(0) { $0 * 10 + Int($1) }
        // Exactly one thousand, million, …: `ezer`, `egymillió`, `egymilliárd`.
        if groups > 0, head == 1 { return true }
        let hundreds = head / 100
        let tens = head / 10 % 10
        let units = head % 10
        if hundreds > 0 { return hundreds == 5 }  // `száz`, `kétszáz` … but `ötszáz`
        if tens > 0 { return tens == 5 }  // `tíz`, `húsz` … but `ötven`
        return units == 1 || units == 5  // `egy`, `öt`
    }

    // MARK: Turkish

    /// The suffix of `grammaticalCase` after `value`, with its apostrophe: `'ye` after `2` (iki),
    /// `'e` after `5` (beş), `'ı` after `Azure plan`, `'te` after `40` (kırk).
    public static func turkishSuffix(_ grammaticalCase: TurkishCase, after value: String) -> String {
        let sound = turkishEnding(value)
        let back = "aıou".unicodeScalars.contains(sound.lastVowel)
        let rounded = "ouöü".unicodeScalars.contains(sound.lastVowel)
        let two = back ? "a" : "e"
        let four = back ? (rounded ? "u" : "ı") : (rounded ? "ü" : "i")
        let d = sound.voicelessEnd ? "t" : "d"
        let suffix =
            switch grammaticalCase {
            case .accusative: (sound.vowelEnd ? "y" : "") + four
            case .dative: (sound.vowelEnd ? "y" : "") + two
            case .locative: d + two
            case .ablative: d + two + "n"
            case .genitive: (sound.vowelEnd ? "n" : "") + four + "n"
            case .instrumental: (sound.vowelEnd ? "yl" : "l") + two
            }
        return "'" + suffix
    }

    /// How a value ends when read in Turkish: its last vowel, whether it ends in a vowel, and
    /// whether it ends in a voiceless consonant (ç f h k p s ş t), which turns `-da` into `-ta`.
    struct TurkishEnding: Equatable {
        var lastVowel: Unicode.Scalar
        var vowelEnd: Bool
        var voicelessEnd: Bool
    }

    static func turkishEnding(_ value: String) -> TurkishEnding {
        let scalars = Array(value.unicodeScalars.reversed().drop { !isLetterOrDigit($0) }.reversed())
        guard let last = scalars.last else {
            return TurkishEnding(lastVowel: "e", vowelEnd: false, voicelessEnd: false)
        }
        let spoken: String
        if isDigit(last) {
            let digits = Array(scalars.reversed().prefix { isDigit($0) }.reversed()).map { UInt8($0.value - 0x30) }
            spoken = turkishLastNumberWord(digits)
        } else {
            let token = Array(scalars.reversed().prefix { isLetterOrDigit($0) }.reversed())
            if readLetterByLetter(token) || token.count == 1 {
                let letter = turkishLowercased(String(String.UnicodeScalarView(token.suffix(1))))
                spoken = turkishLetterNames[letter] ?? letter
            } else {
                spoken = turkishLowercased(String(String.UnicodeScalarView(token)))
            }
        }
        let vowels = "aeıioöuü".unicodeScalars
        let letters = Array(spoken.unicodeScalars)
        let lastVowel = letters.last { vowels.contains($0) } ?? "e"
        let end = letters.last ?? "e"
        return TurkishEnding(
            lastVowel: lastVowel, vowelEnd: vowels.contains(end), voicelessEnd: "çfhkpsşt".unicodeScalars.contains(end))
    }

    /// The last word Turkish says for a number: `iki` for 2, `on` for 10, `kırk` for 40, `yüz`
    /// for 100, `bin` for 1000, `milyon`, `milyar`; `sıfır` for 0.
    static func turkishLastNumberWord(_ digits: [UInt8]) -> String {
        let units = ["sıfır", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"]
        let tens = ["", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"]
        guard digits.contains(where: { $0 != 0 }) else { return "sıfır" }
        // The groups of three digits from the right: the last one that is not zero is the one said last.
        var groups: [Int] = []
        var end = digits.count
        while end > 0 {
            let start = max(0, end - 3)
            groups.append(digits[start..<end].reduce(0) { $0 * 10 + Int($1) })
            end = start
        }
        let position = groups.firstIndex { $0 != 0 } ?? 0
        guard position == 0 else { return ["bin", "milyon", "milyar", "trilyon"][min(position, 4) - 1] }
        let group = groups[0]
        if group % 10 != 0 { return units[group % 10] }
        if group / 10 % 10 != 0 { return tens[group / 10 % 10] }
        return "yüz"
    }

    /// The names of letters in Turkish (the Turkish Language Association's readings): `be`,
    /// `ce`, … and `kü`, `iks` for q and x.
    static let turkishLetterNames: [String: String] = [
        "a": "a", "b": "be", "c": "ce", "ç": "çe", "d": "de", "e": "e", "f": "fe", "g": "ge", "ğ": "ğe", "h": "he",
        "ı": "ı", "i": "i", "j": "je", "k": "ke", "l": "le", "m": "me", "n": "ne", "o": "o", "ö": "ö", "p": "pe",
        "q": "kü", "r": "re", "s": "se", "ş": "şe", "t": "te", "u": "u", "ü": "ü", "v": "ve", "w": "ve", "x": "iks",
        "y": "ye", "z": "ze",
    ]

    static func turkishLowercased(_ text: String) -> String { LanguageCase.lowercased(text, locale: "tr") }

    // MARK: Shared

    /// A word read letter by letter: a code that mixes letters and digits (`51596a43`, `b2c`), a
    /// short one that cannot be said as a word (up to four letters without a vowel: `CSP`, `SMS`,
    /// `ms`), or two capitals (`ID`, `HU`). `NOTE` and `TIP` are said as words.
    static func readLetterByLetter(_ token: [Unicode.Scalar]) -> Bool {
        let letters = token.filter { $0.properties.isAlphabetic }
        if token.contains(where: isDigit) && !letters.isEmpty { return true }
        guard letters.count >= 2, letters.count <= 4 else { return false }
        let vowels = "aeiouáéíóöőúüűıAEIOUÁÉÍÓÖŐÚÜŰİ".unicodeScalars
        if !letters.contains(where: { vowels.contains($0) }) { return true }
        return letters.count == 2 && letters.allSatisfy { $0.properties.isUppercase }
    }

    /// The digits a value begins with, grouping spaces (`1 000`, with a space or a no-break
    /// space between groups of three) read through.
    static func leadingNumber(_ scalars: [Unicode.Scalar]) -> [UInt8] {
        var digits: [UInt8] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(scalar) {
                digits.append(UInt8(scalar.value - 0x30))
                index += 1
            } else if [" ", "\u{A0}", "\u{202F}"].contains(scalar), !digits.isEmpty,
                scalars.count >= index + 4, scalars[(index + 1)...(index + 3)].allSatisfy(isDigit),
                scalars.count == index + 4 || !isDigit(scalars[index + 4])
            {
                index += 1
            } else {
                break
            }
        }
        return digits
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool { isDigit(scalar) || scalar.properties.isAlphabetic }
}
