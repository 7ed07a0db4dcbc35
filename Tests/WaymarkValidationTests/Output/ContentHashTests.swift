import Testing
import WaymarkCore

@testable import WaymarkValidation

@Suite struct ContentHashTests {
    @Test(arguments: ["", "\n", "\n\n", "one line", "a\nb", "a\nb\n", "a\r\nb\r\n", "İş\n\nOrtağı\n\n\n", "x\u{0}y\n"])
    func textGivesWhatItsLinesGive(_ text: String) {
        #expect(ContentHash.of(text: text) == ContentHash.of(text.lineSlices))
    }

    @Test func differentTextDifferentHash() {
        #expect(ContentHash.of(text: "a\nb") != ContentHash.of(text: "a\nb\n"))
        #expect(ContentHash.of(text: "").count == 16)
    }
}
