import Testing
import WaymarkLocalization

@Suite struct LocaleTagTests {
    @Test(arguments: [
        ("tr_TR.UTF-8", "tr-TR"), ("tr-tr", "tr-TR"), ("TR-tr", "tr-TR"), ("hu_HU@euro", "hu-HU"), ("en", "en"),
        ("sr-latn-rs", "sr-Latn-RS"), ("es-419", "es-419"),
    ])
    func canonicalForm(_ text: String, _ canonical: String) {
        #expect(LocaleTag(text)?.description == canonical)
    }

    @Test(arguments: ["", "C", "C.UTF-8", "x", "tr!TR", "toolonglanguage", "tr-TR-" + String(repeating: "x", count: 9)])
    func rejectsWhatIsNotATag(_ text: String) {
        #expect(LocaleTag(text) == nil)
    }

    @Test func fallbackChains() {
        #expect(LocaleTag("tr-TR")?.fallbackChain.map(\.description) == ["tr-TR", "tr", "en-US"])
        #expect(LocaleTag("hu-HU")?.fallbackChain.map(\.description) == ["hu-HU", "hu", "en-US"])
        #expect(LocaleTag("en-US")?.fallbackChain.map(\.description) == ["en-US", "en"])
    }

    @Test func negotiationOrder() {
        let env = ["LC_ALL": "", "LC_MESSAGES": "hu_HU.UTF-8", "LANG": "tr_TR.UTF-8"]
        #expect(
            LocaleNegotiation.choose(option: "tr-tr", environment: env)
                == LocaleChoice(tag: LocaleTag("tr-TR")!, source: "--locale"))
        #expect(LocaleNegotiation.choose(option: nil, environment: env)?.tag.description == "hu-HU")
        #expect(LocaleNegotiation.choose(option: nil, environment: env)?.source == "LC_MESSAGES")
        #expect(LocaleNegotiation.choose(option: nil, environment: ["LANG": "tr_TR.UTF-8"])?.source == "LANG")
        #expect(LocaleNegotiation.choose(option: nil, environment: ["LC_ALL": "C"])?.tag == LocaleTag.source)
        #expect(LocaleNegotiation.choose(option: nil, environment: [:])?.source == "default")
        #expect(LocaleNegotiation.choose(option: "not a locale!", environment: [:]) == nil)
    }
}
