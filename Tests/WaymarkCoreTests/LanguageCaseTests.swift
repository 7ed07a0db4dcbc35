import Testing
import WaymarkCore

/// Turkish and Azerbaijani pair `i` with `İ` and `ı` with `I`; other languages do not.
@Suite struct LanguageCaseTests {
    @Test func lowerCaseFollowsTheLanguage() {
        #expect(LanguageCase.lowercased("IŞIK İSTANBUL", locale: "tr-TR") == "ışık istanbul")
        #expect(LanguageCase.lowercased("IŞIK", locale: "az") == "ışık")
        #expect(LanguageCase.lowercased("INDEX", locale: "hu-HU") == "index")
    }

    @Test func aSentenceStartsWithTheLanguagesCapital() {
        #expect(LanguageCase.sentence("işlem tamam", locale: "tr-TR") == "İşlem tamam")
        #expect(LanguageCase.sentence("ılık", locale: "tr_TR") == "Ilık")
        #expect(LanguageCase.sentence("ez a cikk", locale: "hu-HU") == "Ez a cikk")
        #expect(LanguageCase.sentence("index", locale: "en-US") == "Index")
        #expect(LanguageCase.sentence("2 items", locale: "en-US") == "2 items")
        #expect(LanguageCase.sentence("", locale: "tr-TR") == "")
    }
}
