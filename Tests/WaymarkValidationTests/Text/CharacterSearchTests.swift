import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkValidation

/// Searches that compare bytes where that gives Foundation's answer, and leave the rest to it.
@Suite struct CharacterSearchTests {
    /// Letters with accents (each one scalar below U+0300, where bytes are compared), their bases,
    /// and what Foundation must answer for: a combining accent, CR LF, a flag, a CJK letter.
    static let pieces = [
        "a", "s", "e", "i", "ı", "I", "İ", "ş", "é", "ő", "ü", " ", "-", ":", ":::image", ":::", "\"", "\u{301}",
        "\u{327}", "\r\n", "\r", "\n", "🇹🇷", "語",
    ]

    static func text(_ numbers: inout SeededNumbers, pieces count: Int, plain: Bool) -> String {
        var text = ""
        for _ in 0..<count { text += pieces[numbers.next(plain ? 17 : pieces.count)] }
        return text
    }

    @Test func containsCharactersAnswersAsFoundationDoes() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        for _ in 0..<20_000 {
            let plain = numbers.next(3) > 0
            let (textLength, needleLength) = (numbers.next(8), numbers.next(4))
            let text = Self.text(&numbers, pieces: textLength, plain: plain)
            let needle = Self.text(&numbers, pieces: needleLength, plain: plain)
            #expect(
                text.containsCharacters(needle) == text.contains(needle),
                "\(text.debugDescription) \(needle.debugDescription) (seed \(seed))")
        }
    }

    @Test(arguments: [
        ("şé", "s", false), ("Kaydet", "", false), ("", "", false), ("Küldés lehetőséget", "küldés", false),
        ("küldés lehetőséget", "küldés", true), ("API-engedélyekhez", "engedély", true),
    ])
    func edges(_ text: String, _ needle: String, _ found: Bool) {
        #expect(text.containsCharacters(needle) == found)
        #expect(text.contains(needle) == found)
    }

    /// Texts bytes would answer wrongly for, which go to Foundation.
    @Test(arguments: [("é", "e\u{301}"), ("e\u{301}", "e"), ("s\u{327}", "s"), ("ş", "s\u{327}")])
    func textsBytesWouldMisreadAnswerAsFoundationDoes(_ text: String, _ needle: String) {
        #expect(text.containsCharacters(needle) == text.contains(needle))
    }

    @Test func anImageLineIsClosedByBytesAsByCharacters() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        for _ in 0..<20_000 {
            let (length, plain) = (numbers.next(10), numbers.next(3) > 0)
            let line = Self.text(&numbers, pieces: length, plain: plain)
            #expect(
                DocfxSyntaxInvalid.isClosed(line) == DocfxSyntaxInvalid.isClosedByCharacters(line),
                "\(line.debugDescription) (seed \(seed))")
        }
    }
}
