import Testing
import WaymarkCore

@testable import WaymarkValidation

@Suite struct FixerTests {
    static func edit(_ line: Int, _ from: Int, _ to: Int, _ text: String) -> Diagnostic.TextEdit {
        Diagnostic.TextEdit(range: SourceRange(line: line, column: from, endColumn: to), replacement: text)
    }

    @Test func editsApplyByLineAndByteColumn() {
        let text = Array("Iş Ortağı\nMerkezi ' nde\n".utf8)
        let (out, applied) = Fixer.apply([[Self.edit(1, 1, 2, "İ")], [Self.edit(2, 8, 11, "'")]], to: text)
        #expect(String(decoding: out, as: UTF8.self) == "İş Ortağı\nMerkezi'nde\n")
        #expect(applied == 2)
    }

    @Test func anEditOverlappingAnEarlierOneIsLeftForTheNextRun() {
        let text = Array("abcdef\n".utf8)
        let (out, applied) = Fixer.apply([[Self.edit(1, 2, 4, "X")], [Self.edit(1, 3, 5, "Y")]], to: text)
        #expect(String(decoding: out, as: UTF8.self) == "aXdef\n")
        #expect(applied == 1)
    }

    @Test func positionsCountAsTheParserCountsThem() {
        // After a byte-order mark, in CRLF lines, an insertion before the period.
        let text: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("x\r\n2020. február\r\n".utf8)
        let (out, _) = Fixer.apply([[Self.edit(2, 5, 5, "\\")]], to: text)
        #expect(out == [0xEF, 0xBB, 0xBF] + Array("x\r\n2020\\. február\r\n".utf8))
        // Past the end of a line or of the file: not applied.
        let (same, applied) = Fixer.apply([[Self.edit(1, 9, 9, "!")], [Self.edit(9, 1, 1, "!")]], to: text)
        #expect(same == text && applied == 0)
    }

    @Test func theDiffIsUnifiedWithThreeLinesOfContext() {
        let original = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let fixed = original.replacingOccurrences(of: "line 2\n", with: "LINE 2\n")
            .replacingOccurrences(of: "line 11\n", with: "LINE 11\n")
        let diff = Fixer.unifiedDiff(
            Fixer.FileFix(path: "tr-tr/x.md", original: Array(original.utf8), fixed: Array(fixed.utf8), count: 2))
        #expect(
            diff == """
                --- a/tr-tr/x.md
                +++ b/tr-tr/x.md
                @@ -1,5 +1,5 @@
                 line 1
                -line 2
                +LINE 2
                 line 3
                 line 4
                 line 5
                @@ -8,5 +8,5 @@
                 line 8
                 line 9
                 line 10
                -line 11
                +LINE 11
                 line 12

                """)
    }
}
