import Foundation
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

    @Test func wordsOutsideLatinAndLongWordsAreWordsToo() {
        // Greek and Cyrillic letters, a combining mark, digits of another script, a word longer
        // than the memo's 32-byte keys, and text that ends inside a word.
        let long = String(repeating: "ş", count: 40)
        #expect(
            SearchTerms.words(of: "αβγ—кот e\u{301}x ٣٤ \(long)!end")
                == ["αβγ", "кот", "e\u{301}x", "٣٤", long, "end"])
        let turkish = SearchTerms(language: "tr")
        // The memo gives the same term the second time, and tells apart words that share 32 bytes.
        #expect(turkish.terms(of: "\(long)a \(long)b \(long)a") == turkish.terms(of: "\(long)a \(long)b \(long)a"))
        let terms = turkish.terms(of: "\(long)a \(long)b")
        #expect(terms.count == 2 && terms[0] != terms[1])
        #expect(turkish.terms(of: "Hesabını HESABINI hesabını") == ["hesap", "hesap", "hesap"])
        // Decomposed text meets the same terms as composed text.
        let decomposed = "ilişkiyi kaldırın".decomposedStringWithCanonicalMapping
        #expect(turkish.terms(of: decomposed) == turkish.terms(of: "ilişkiyi kaldırın"))
    }
}
