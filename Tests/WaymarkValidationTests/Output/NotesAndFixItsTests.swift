import Foundation
import Testing
import WaymarkCore
import WaymarkValidation

/// Notes point at a second place that explains a finding; fix-its carry the edit that fixes it.
@Suite struct NotesAndFixItsTests {
    @Test func aMissingStepNotesTheSourceStep() throws {
        let tree = Doc.tree(
            tr: Doc.turkish(
                Doc.turkishBody.replacingOccurrences(of: "2. **Satıcı ilişkisini kaldır**'ı seçin.\n", with: "")))
        let outcome = try TreeFixture(tree).validate()
        let missing = try #require(
            outcome.of("translation-steps-differ").first { $0.messageKey.hasSuffix(".missing") })
        let note = try #require(missing.notes.first)
        #expect(note.path?.hasSuffix("en-us/x.md") == true)
        #expect(note.messageKey == "rule.translation-steps-differ.source-step")
        // The note's line is the source's step 2.
        let english = Doc.english().components(separatedBy: "\n")
        let line = try #require(note.range?.start.line)
        #expect(english[line - 1].hasPrefix("2. "), "\(english[line - 1])")
    }

    @Test func aBackslashLinkCarriesItsFix() throws {
        let body = Doc.englishBody + "\nSee [security](..\\en-us\\other.md).\n"
        let outcome = try TreeFixture(["en-us/x.md": Doc.english(body), "en-us/other.md": Doc.english()]).validate()
        let finding = try #require(outcome.of("link-backslash").first)
        let edit = try #require(finding.fixIts.first?.edits.first)
        #expect(edit.replacement == "../en-us/other.md")
        let line = Doc.english(body).components(separatedBy: "\n")[edit.range.start.line - 1]
        let bytes = Array(line.utf8)[(edit.range.start.column - 1)..<(edit.range.end.column - 1)]
        #expect(String(decoding: bytes, as: UTF8.self) == "..\\en-us\\other.md")
    }

    @Test func reportsShowNotesAndFixIts() throws {
        let body = Doc.englishBody + "\nSee [security](..\\en-us\\other.md).\n"
        let outcome = try TreeFixture(["en-us/x.md": Doc.english(body), "en-us/other.md": Doc.english()]).validate()
        var finding = try #require(outcome.of("link-backslash").first)
        finding.notes = [
            Diagnostic.Note(path: "en-us/other.md", range: SourceRange(line: 2, column: 1), messageKey: "n")
        ]
        let report = Report(findings: [finding], articlesChecked: 1, baselined: 0) { key, _ in key }
        let text = ReportFormat.text.render(report)
        #expect(text.contains("en-us/other.md:2:1: note: n\n"))
        #expect(text.contains("fix-it: rule.link-backslash.fix\n"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(ReportFormat.json.render(report).utf8)) as? [String: Any])
        let first = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect((first["notes"] as? [[String: Any]])?.first?["line"] as? Int == 2)
        let edits = (first["fixIts"] as? [[String: Any]])?.first?["edits"] as? [[String: Any]]
        #expect(edits?.first?["replacement"] as? String == "../en-us/other.md")
        let sarif = ReportFormat.sarif.render(report)
        #expect(sarif.contains("\"relatedLocations\""))
        #expect(sarif.contains("\"insertedContent\""))
        #expect(ReportFormat.github.render(report).contains("%0Aen-us/other.md:2:1: note: n"))
        #expect(ReportFormat.junit.render(report).contains("fix-it: rule.link-backslash.fix"))
    }
}
