import Testing
import WaymarkLibrary

/// Terms are made the way readers type: the language's casing, Snowball's stems, no diacritics.
@Suite struct SearchTermsTests {
    @Test(arguments: [
        ("tr", "İLİŞKİYİ", "ilişkiyi"),
        ("tr", "iliskiyi", "ilişkiyi"),
        ("tr", "hesabını", "hesap"),
        ("tr", "aboneliklerini", "abonelik"),
        ("hu", "eltávolítása", "eltávolítás"),
        ("hu", "ELTÁVOLÍTÁSA", "eltavolitas"),
        ("en", "Subscriptions", "subscription"),
    ])
    func inflectedCasedAndUnaccentedFormsMeetTheSameTerm(_ language: String, _ a: String, _ b: String) {
        let terms = SearchTerms(language: language)
        #expect(terms.term(a) == terms.term(b), "\(a) → \(terms.term(a)), \(b) → \(terms.term(b))")
    }

    @Test func turkishCasingIsNotEnglishCasing() {
        let turkish = SearchTerms(language: "tr")
        #expect(turkish.lowercased("IŞIK") == "ışık")
        #expect(turkish.lowercased("İSTANBUL") == "istanbul")
        #expect(SearchTerms(language: "en").lowercased("I") == "i")
    }

    @Test func wordsAreRunsOfLettersAndDigits() {
        #expect(SearchTerms.words(of: "Azure plan'ı, 2. adım") == ["Azure", "plan", "ı", "2", "adım"])
        #expect(SearchTerms.folded("Kaldırın ŐSZ") == "Kaldirin OSZ")
    }
}
