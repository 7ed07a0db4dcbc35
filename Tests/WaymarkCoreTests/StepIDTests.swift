import Testing
import WaymarkCore

/// A step id's text: its anchor, a slash, and its markers joined with dots.
@Suite struct StepIDTests {
    @Test func parsesAndPrints() throws {
        let id = try #require(StepID("how-to-remove-a-relationship/2.c"))
        #expect(id.procedure == "how-to-remove-a-relationship")
        #expect(id.path == ["2", "c"])
        #expect(id.description == "how-to-remove-a-relationship/2.c")
        #expect(id.appending("i").description == "how-to-remove-a-relationship/2.c.i")
    }

    @Test(arguments: ["", "no-slash", "anchor/", "/1"])
    func rejectsMalformedIDs(_ text: String) {
        #expect(StepID(text) == nil)
    }

    @Test(arguments: [
        ("how-to-remove-a-relationship", ["1"], "how-to-remove-a-relationship/1"),
        ("a", ["2", "c", "iii"], "a/2.c.iii"), ("müşteri-ekleme", ["10", "b"], "müşteri-ekleme/10.b"),
        ("x", [], "x/"), ("", ["1"], "/1"), ("", [], "/"), ("ügyfél", ["ő", "", "3"], "ügyfél/ő..3"),
    ])
    func text(_ procedure: String, _ path: [String], _ expected: String) {
        let id = StepID(procedure: procedure, path: path)
        #expect(id.description == expected)
        #expect(Array(id.description.utf8) == Array(expected.utf8))
        if !procedure.isEmpty, !path.isEmpty, !path.contains(""), let parsed = StepID(id.description) {
            #expect(parsed == id)
        }
    }

    /// Long anchors and many markers, where the text is no small string.
    @Test func longIDsReadBackAsTheirParts() {
        for count in [1, 5, 40] {
            let procedure = String(repeating: "step-ı", count: count)
            let path = (1...count).map(String.init)
            let id = StepID(procedure: procedure, path: path)
            #expect(id.description == procedure + "/" + path.joined(separator: "."))
            #expect(StepID(id.description) == id)
        }
    }
}
