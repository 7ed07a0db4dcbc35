import Testing
import WaymarkLocalization

/// CLDR's own examples for each rule (plurals.xml and ordinals.xml, `@integer` samples).
@Suite struct PluralRulesTests {
    @Test(arguments: [
        ("en", PluralCategory.one, [1]),
        ("en", .other, [0, 2, 3, 4, 5, 16, 100, 1000, 10000, 100_000, 1_000_000]),
        ("tr", .one, [1]),
        ("tr", .other, [0, 2, 5, 16, 21, 100, 1000]),
        ("hu", .one, [1]),
        ("hu", .other, [0, 2, 5, 16, 21, 100, 1000]),
    ])
    func cardinal(_ language: String, _ category: PluralCategory, _ samples: [Int]) {
        let rules = PluralRules(language: language)
        for n in samples { #expect(rules.category(n) == category, "\(language) \(n)") }
    }

    @Test(arguments: [
        ("en", PluralCategory.one, [1, 21, 31, 41, 51, 61, 71, 81, 101, 1001]),
        ("en", .two, [2, 22, 32, 42, 52, 62, 72, 82, 102, 1002]),
        ("en", .few, [3, 23, 33, 43, 53, 63, 73, 83, 103, 1003]),
        ("en", .other, [0, 4, 5, 11, 12, 13, 18, 100, 111, 112, 113, 1000, 10000]),
        ("hu", .one, [1, 5]),
        ("hu", .other, [0, 2, 3, 4, 6, 7, 15, 17, 21, 25, 100, 1000]),
        ("tr", .other, [0, 1, 2, 5, 21, 100]),
    ])
    func ordinal(_ language: String, _ category: PluralCategory, _ samples: [Int]) {
        let rules = PluralRules(language: language, kind: .ordinal)
        for n in samples { #expect(rules.category(n) == category, "\(language) ordinal \(n)") }
    }

    @Test func englishDecimalsWithVisibleFractionAreOther() {
        #expect(PluralRules(language: "en").category(integer: 1, visibleFractionDigits: 1) == .other)
    }

    @Test func requiredCategoriesPerLanguage() {
        #expect(PluralRules(language: "en", kind: .ordinal).categories == [.one, .two, .few, .other])
        #expect(PluralRules(language: "tr", kind: .ordinal).categories == [.other])
        #expect(PluralRules(language: "hu", kind: .ordinal).categories == [.one, .other])
        #expect(PluralRules(language: "tr").categories == [.one, .other])
    }
}
