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
}
