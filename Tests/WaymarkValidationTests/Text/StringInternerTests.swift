import Testing

@testable import WaymarkValidation

/// The run's interner gives one string for equal texts, so the facts of many articles share it.
@Suite struct StringInternerTests {
    static func address(_ text: String) -> UnsafeRawPointer? {
        var copy = text
        return copy.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func equalTextsShareOneString() {
        let interned = StringInterner()
        let first = String(decoding: Array("https://learn.microsoft.com/{locale}/partner-center/".utf8), as: UTF8.self)
        let second = String(decoding: Array("https://learn.microsoft.com/{locale}/partner-center/".utf8), as: UTF8.self)
        #expect(Self.address(first) != Self.address(second))
        let a = interned(first)
        let b = interned(second)
        #expect(a == second && b == second)
        #expect(Self.address(a) == Self.address(first))
        #expect(Self.address(b) == Self.address(first))
        // Another text is kept as itself.
        let other = "partner-center/other-article.md#section"
        #expect(Self.address(interned(other)) == Self.address(other))
        // Short texts live inside the string value: returned as they are.
        #expect(interned("#anchor") == "#anchor")
        // Forgotten: the next equal text is kept as itself.
        interned.removeAll()
        #expect(Self.address(interned(second)) == Self.address(second))
    }

    @Test func bytesFindTheStringKeptForThem() {
        let interned = StringInterner()
        let text = "partner-center/customers/reservations.md"
        let kept = interned(text)
        let found = Array(text.utf8).withUnsafeBytes { interned.string(utf8: $0) }
        #expect(found == text)
        #expect(Self.address(found) == Self.address(kept))
        // Bytes seen for the first time make a string, kept for the next time.
        let made = Array("partner-center/billing/invoice-terms.md".utf8).withUnsafeBytes { interned.string(utf8: $0) }
        #expect(made == "partner-center/billing/invoice-terms.md")
        #expect(Self.address(interned("partner-center/billing/invoice-terms.md")) == Self.address(made))
        // Bytes that are not UTF-8 give the repaired string, which is not kept for them.
        let broken: [UInt8] = Array("partner-center/".utf8) + [0xFF, 0xFE] + Array("broken.md".utf8)
        let repaired = broken.withUnsafeBytes { interned.string(utf8: $0) }
        #expect(repaired == "partner-center/\u{FFFD}\u{FFFD}broken.md")
        #expect(broken.withUnsafeBytes { interned.string(utf8: $0) } == repaired)
    }

    /// Two spellings of one canonical text are equal strings to Swift, but each keeps its bytes:
    /// which came first (the workers' order) must not decide what a report shows.
    @Test func canonicallyEquivalentSpellingsKeepTheirBytes() {
        let interned = StringInterner()
        let composed = "#kullan\u{0131}c\u{0131}-ayarlar\u{0131}-caf\u{E9}"
        let decomposed = "#kullan\u{0131}c\u{0131}-ayarlar\u{0131}-cafe\u{0301}"
        #expect(composed == decomposed)
        let first = interned(composed)
        let second = interned(decomposed)
        #expect(Array(first.utf8) == Array(composed.utf8))
        #expect(Array(second.utf8) == Array(decomposed.utf8))
    }

    /// Many texts (the table grows, shards fill) each come back as the string first kept for them.
    @Test func manyTextsComeBackAsFirstKept() {
        let interned = StringInterner()
        let texts = (0..<5000).map { "partner-center/article-number-\($0).md" }
        let kept = texts.map { interned($0) }
        for (index, text) in texts.enumerated() {
            let again = String(decoding: Array(text.utf8), as: UTF8.self)
            #expect(Self.address(interned(again)) == Self.address(kept[index]))
        }
    }
}
