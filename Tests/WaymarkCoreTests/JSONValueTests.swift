import Testing
import WaymarkCore

@Suite struct JSONValueTests {
    @Test func keepsKeyOrderAndEscapes() {
        let value = JSONValue.object([
            ("z", .string("a\"b\\c\nd\u{01}")), ("a", .array([.int(1), .bool(false), .null])),
        ])
        #expect(value.serialized(pretty: false) == #"{"z":"a\"b\\c\nd\u0001","a":[1,false,null]}"#)
    }

    @Test func prettyPrintsNestedContainers() {
        let value = JSONValue.object([("k", .array([.object([])]))])
        #expect(value.serialized() == "{\n  \"k\": [\n    {}\n  ]\n}")
    }

    @Test func keepsNonASCIITextAsIs() {
        #expect(JSONValue.string("İş Ortağı").serialized() == "\"İş Ortağı\"")
    }
}

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
}

@Suite struct CalendarDateTests {
    @Test(arguments: [("06/05/2020", "2020-06-05"), ("2020-06-05", "2020-06-05"), ("2/29/2024", "2024-02-29")])
    func readsLearnAndISODates(_ text: String, _ iso: String) throws {
        #expect(try #require(CalendarDate(metadata: text)).description == iso)
    }

    @Test(arguments: ["13/01/2020", "02/30/2021", "2/29/2023", "June 5, 2020", "2020-6-5", "", "06/05/20"])
    func rejectsInvalidDates(_ text: String) {
        #expect(CalendarDate(metadata: text) == nil)
    }
}

@Suite struct MessageTemplateTests {
    @Test func fillsPlaceholdersAndKeepsUnknownOnes() {
        #expect(
            MessageTemplate.render("key '{key}' on line {line} {other}", ["key": "title", "line": "3"])
                == "key 'title' on line 3 {other}")
    }

    @Test func diagnosticFormatsLikeACompiler() {
        let d = Diagnostic(
            id: "content.x", severity: .error, range: SourceRange(line: 3, column: 7), arguments: ["a": "b"],
            template: "bad {a}")
        #expect(d.formatted(path: "doc.md") == "doc.md:3:7: error: bad b [content.x]")
    }
}
