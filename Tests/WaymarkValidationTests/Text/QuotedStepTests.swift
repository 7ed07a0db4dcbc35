import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkValidation

/// How a message quotes a long step: its first characters (grapheme clusters, not bytes or
/// scalars) and an ellipsis, whether the cut is found in the bytes or by walking characters.
@Suite struct QuotedStepTests {
    /// The quote as characters count it.
    static func reference(_ text: String) -> String {
        let length = DocumentFacts.StepFacts.quotedLength
        guard text.count > length else { return text }
        return String(text.prefix(length - 1)) + "…"
    }

    @Test func randomTextsAreCutAfterTheSameCharacters() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        // Letters the bytes are read for, and what makes them walk characters: a combining accent,
        // CR LF, a flag, a family joined with ZWJ, a Hangul syllable's jamo, a prepended mark.
        let pieces = [
            "a", "Z", " ", ".", "\t", "\n", "ı", "İ", "ş", "ő", "ű", "é", "×", "ÿ", "ſ", "\u{301}", "\r\n", "\r",
            "🇹🇷", "👨‍👩‍👧", "\u{1100}\u{1161}", "\u{600}1", "ǅ", "€",
        ]
        for _ in 0..<4_000 {
            let plain = numbers.next(4) > 0
            let count = 55 + numbers.next(12)
            var text = ""
            for _ in 0..<count {
                text += plain ? pieces[numbers.next(14)] : pieces[numbers.next(pieces.count)]
            }
            #expect(
                DocumentFacts.StepFacts.quoted(text) == Self.reference(text),
                "\(text.debugDescription) (seed \(seed))")
        }
    }

    /// A step's text made from its bytes is the text the strings make: trimmed (white space by
    /// Unicode's list at the ends, a no-break space among it), then quoted.
    @Test func aStepsTextFromItsBytesIsTheStringsOne() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let pieces = [
            "a", "Z", " ", ".", "\t", "\n", "ı", "İ", "ş", "ő", "é", "**", "`", "\u{A0}", "\u{2003}", "\u{301}",
            "\r\n", "🇹🇷", "€",
        ]
        for _ in 0..<4_000 {
            let plain = numbers.next(3) > 0
            var text = ""
            for _ in 0..<(numbers.next(2) == 0 ? numbers.next(20) : 50 + numbers.next(20)) {
                text += plain ? pieces[numbers.next(12)] : pieces[numbers.next(pieces.count)]
            }
            let expected = DocumentFacts.StepFacts.quoted(text.trimmingSpaces)
            #expect(
                Array(DocumentFacts.StepFacts.stepText(Array(text.utf8)).utf8) == Array(expected.utf8),
                "\(text.debugDescription) (seed \(seed))")
        }
    }

    @Test(arguments: [
        (String(repeating: "a", count: 60), false), (String(repeating: "a", count: 61), true),
        (String(repeating: "ş", count: 61), true), (String(repeating: "a", count: 60) + "\u{301}", false),
        (String(repeating: "a", count: 59) + "\r\n" + "b", true),
    ])
    func edges(_ text: String, _ cut: Bool) {
        let quoted = DocumentFacts.StepFacts.quoted(text)
        #expect(quoted == Self.reference(text))
        #expect(quoted.hasSuffix("…") == cut)
    }
}
