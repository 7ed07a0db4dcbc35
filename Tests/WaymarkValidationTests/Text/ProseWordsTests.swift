import Testing
import WaymarkTestSupport

@testable import WaymarkValidation

/// The byte split of ASCII prose into words gives what splitting characters gives.
@Suite struct ProseWordsTests {
    @Test func asciiSplitMatchesCharacterSplit() {
        func reference(_ text: String) -> [String] {
            text.split(whereSeparator: { !$0.isLetter && $0 != "'" }).map { $0.lowercased() }
        }
        let pieces = [
            "Select", "the", "'", " ", "  ", "\t", "\r\n", "x", "Z", "@", "[", "`", "{", "9", "-", ".", "it's", "é",
            "İş",
        ]
        var random = SeededNumbers()
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<random.next(12) { text += pieces[random.next(pieces.count)] }
            #expect(ProseText.words(text) == reference(text), "\(text.debugDescription), seed \(random.seed)")
        }
        #expect(
            ProseText.words("Select the Save button, then SIGN in.") == [
                "select", "the", "save", "button", "then", "sign", "in",
            ])
        #expect(ProseText.words("") == [])
    }

    @Test func letterSearchMatchesCharacterSearch() {
        let turkish = ProseText.Letters("çğıöşüÇĞİÖŞÜ")
        func reference(_ text: String) -> Bool { text.unicodeScalars.contains { turkish.contains($0) } }
        let pieces = ["a", "ç", "İ", "ı", "é", "ő", "Ā", "ǿ", "Ȁ", "€", "😀", " ", "\u{C7}", "s\u{327}", "x", "Ş"]
        var random = SeededNumbers()
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<random.next(8) { text += pieces[random.next(pieces.count)] }
            #expect(
                ProseText.hasLetter(of: turkish, in: text) == reference(text),
                "\(text.debugDescription), seed \(random.seed)")
        }
    }
}
