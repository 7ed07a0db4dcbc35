import Foundation
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

    /// Every byte below 0x80, and a few multi-byte letters, at every place of the eight-byte words
    /// the escape scan reads and of the tail after them, against escaping byte by byte.
    @Test func escapesEveryByteWhereverItStands() {
        func reference(_ bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = [UInt8(ascii: "\"")]
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                let v = scalar.value
                switch v {
                case 0x22: out += Array(#"\""#.utf8)
                case 0x5C: out += Array(#"\\"#.utf8)
                case 0x0A: out += Array(#"\n"#.utf8)
                case 0x0D: out += Array(#"\r"#.utf8)
                case 0x09: out += Array(#"\t"#.utf8)
                // Controls, DEL, C1, and the invisible direction and line characters: a terminal acts on them.
                case 0..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069:
                    out += Array(String(format: "\\u%04x", Int(v)).utf8)
                default: out += Array(String(scalar).utf8)
                }
            }
            return out + [UInt8(ascii: "\"")]
        }
        var checked = 0
        for length in [1, 7, 8, 9, 16, 19] {
            for position in 0..<length {
                let others = [
                    "ı", "ő", "\u{85}", "\u{9B}", "\u{A0}", "\u{202E}", "\u{2069}", "\u{061C}", "“", "…", "\u{200B}",
                ]
                for inserted in (0..<0x80).map({ [UInt8($0)] }) + others.map({ Array($0.utf8) }) {
                    var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                    bytes.replaceSubrange(position..<position + 1, with: inserted)
                    // A second special byte further on, so that a word holds two.
                    if position + 3 < bytes.count { bytes[position + 3] = UInt8(ascii: "\"") }
                    var out: [UInt8] = []
                    JSONValue.writeString(String(decoding: bytes, as: UTF8.self), to: &out)
                    #expect(out == reference(bytes), "\(bytes)")
                    checked += 1
                }
            }
        }
        #expect(checked == 60 * 139)
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

    /// The byte reading agrees with reading the fields by `split` and `Int(_:)`, signs and odd
    /// widths included.
    @Test(arguments: [
        " 06/05/2020\t", "+6/5/2020", "-6/5/2020", "6/+5/2020", "6//2020", "6/5/+020", "6/5/2020/1", "1/2/３０２０",
        "+024-06-05", "2024-+6-05", "2024-06-05-", "2024--6-05", "2024-06-5", "é/1/2024", "2024-06-05\u{301}",
        "/5/2020", "6/5/", "00/05/2020", "06/00/2020", "0006/05/2020", "2024-02-29", "1900-02-29", "2000-02-29",
    ])
    func agreesWithSplittingTheFields(_ text: String) {
        #expect(CalendarDate(metadata: text) == CalendarDateTests.bySplitting(text))
    }

    static func bySplitting(_ text: String) -> CalendarDate? {
        let t = text.trimmingSpaces
        let us = t.split(separator: "/", omittingEmptySubsequences: false)
        let iso = t.split(separator: "-", omittingEmptySubsequences: false)
        if us.count == 3, us[0].count <= 2, us[1].count <= 2, us[2].count == 4,
            let m = Int(us[0]), let d = Int(us[1]), let y = Int(us[2])
        {
            return CalendarDate(year: y, month: m, day: d)
        }
        if iso.count == 3, iso[0].count == 4, iso[1].count == 2, iso[2].count == 2,
            let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2])
        {
            return CalendarDate(year: y, month: m, day: d)
        }
        return nil
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
            id: "x-rule", severity: .error, range: SourceRange(line: 3, column: 7), messageKey: "content.x",
            arguments: ["a": "b"], message: MessageTemplate.render("bad {a}", ["a": "b"]))
        #expect(d.formatted(path: "doc.md") == "doc.md:3:7: error: bad b [x-rule]")
        #expect(d.formatted(path: "doc.md", message: "kötü b") == "doc.md:3:7: error: kötü b [x-rule]")
        #expect(d.inFile("inc.md").formatted(path: "doc.md") == "inc.md:3:7: error: bad b [x-rule]")
        // The file is part of what identifies the problem.
        #expect(d.inFile("inc.md").fingerprint != d.fingerprint)
    }
}
