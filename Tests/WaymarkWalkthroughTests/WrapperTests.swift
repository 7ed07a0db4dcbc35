import Testing
import WaymarkCore
import WaymarkWalkthrough

/// Wrapping step text by display width: every line fits, nothing is lost, and controls from the
/// article are shown visibly and measured that way.
@Suite struct WrapperTests {
    func text(_ lines: [[Styled]]) -> [String] { lines.map { $0.map(\.text).joined() } }

    @Test func aWordLongerThanManyLinesIsCutIntoFullLinesInOnePass() {
        // 300 KB in one word: cut in one pass (the old cut re-measured the rest for every line).
        let word = String(repeating: "ğ", count: 150_000)
        let lines = text(Wrapper.wrap([Styled("Select " + word + " now", .plain)], width: 80))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == "Select" + word + "now")
        #expect(lines.count == 1 + 150_000 / 80 + 1)
    }

    @Test func controlsAreShownAndMeasuredVisibly() {
        let lines = text(Wrapper.wrap([Styled("a\u{1B}]0;title\u{07} b\u{202E}c", .plain)], width: 40))
        #expect(lines == ["a^[]0;title^G b<U+202E>c"])
        #expect(!lines.joined().unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }

    @Test func wideCharactersAndIndentKeepLinesWithinTheWidth() {
        let lines = Wrapper.wrap([Styled(String(repeating: "界", count: 100), .label)], width: 20, indent: 4)
        for line in text(lines) { #expect(DisplayWidth.of(line) <= 16) }
        #expect(text(lines).joined().count == 100)
    }

    @Test func continuationLinesHangUnderTheTextNotTheNumber() {
        let lines = Wrapper.wrap(
            [Styled("2.c  ", .heading), Styled("Select the reseller relationship you want to remove from the list")],
            width: 30, hang: 5)
        #expect(lines.count > 1)
        // The screen pads each continuation line by `hang`: it must fit in what is left.
        for line in lines.dropFirst() { #expect(DisplayWidth.of(line.map(\.text).joined()) <= 25) }
        #expect(DisplayWidth.of(lines[0].map(\.text).joined()) <= 30)
    }
}
