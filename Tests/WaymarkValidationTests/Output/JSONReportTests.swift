import Testing
import WaymarkCore
import WaymarkValidation

@Suite struct JSONReportTests {
    /// The report as the general JSON writer lays it out: the direct writer must give the same bytes.
    static func reference(_ report: Report) -> [UInt8] {
        let findings: [JSONValue] = report.findings.map { f in
            var fields: [(String, JSONValue)] = [
                ("rule", .string(f.id)), ("severity", .string(f.severity.rawValue)), ("path", .string(f.path ?? "")),
            ]
            if let r = f.range {
                fields += [
                    ("line", .int(r.start.line)), ("column", .int(r.start.column)),
                    ("endLine", .int(r.end.line)), ("endColumn", .int(r.end.column)),
                ]
            }
            fields += [
                ("message", .string(report.message(f))), ("messageKey", .string(f.messageKey)),
                ("arguments", .object(f.arguments.keys.sorted().map { ($0, .string(f.arguments[$0] ?? "")) })),
                ("fingerprint", .string(f.fingerprint)),
            ]
            if !f.notes.isEmpty {
                fields.append(
                    (
                        "notes",
                        .array(
                            f.notes.map { note in
                                var members: [(String, JSONValue)] = [("path", .string(note.path ?? ""))]
                                if let r = note.range {
                                    members += [("line", .int(r.start.line)), ("column", .int(r.start.column))]
                                }
                                members += [
                                    ("message", .string(report.localize(note.messageKey, note.arguments))),
                                    ("messageKey", .string(note.messageKey)),
                                ]
                                return .object(members)
                            })
                    ))
            }
            if !f.fixIts.isEmpty {
                fields.append(("fixIts", .array(f.fixIts.map { fixIt($0, report.localize) })))
            }
            return .object(fields)
        }
        let document: JSONValue = .object([
            ("version", .int(1)), ("findings", .array(findings)),
            (
                "summary",
                .object([
                    ("files", .int(report.articlesChecked)), ("errors", .int(report.count(.error))),
                    ("warnings", .int(report.count(.warning))), ("notes", .int(report.count(.note))),
                    ("baselined", .int(report.baselined)),
                ])
            ),
        ])
        return Array((document.serialized() + "\n").utf8)
    }

    /// A fix-it as a `JSONValue`, its edits' path only when they have one.
    static func fixIt(_ fix: Diagnostic.FixIt, _ localize: Localize) -> JSONValue {
        .object([
            ("message", .string(localize(fix.messageKey, fix.arguments))), ("messageKey", .string(fix.messageKey)),
            (
                "edits",
                .array(
                    fix.edits.map { edit in
                        var fields: [(String, JSONValue)] = []
                        if let path = edit.path { fields.append(("path", .string(path))) }
                        fields += [
                            ("line", .int(edit.range.start.line)), ("column", .int(edit.range.start.column)),
                            ("endLine", .int(edit.range.end.line)), ("endColumn", .int(edit.range.end.column)),
                            ("replacement", .string(edit.replacement)),
                        ]
                        return .object(fields)
                    })
            ),
        ])
    }

    /// Findings with and without arguments, notes (with and without a place) and fix-its (with
    /// no edit, one, or two, with and without a path).
    static func finding(_ n: Int) -> Diagnostic {
        let notes = (0..<(n % 6 == 1 ? n % 3 + 1 : 0)).map { k in
            Diagnostic.Note(
                path: k == 1 ? nil : "docs/en-us/\(n).md",
                range: k == 2 ? nil : SourceRange(line: k + 1, column: n % 9),
                messageKey: "note.\(k)", arguments: k == 0 ? [:] : ["source": "en-US", "revision": "\"r\(n)\""])
        }
        let fixIts = (0..<(n % 5 == 2 ? n % 2 + 1 : 0)).map { k in
            Diagnostic.FixIt(
                messageKey: "fix.\(k)", arguments: ["fixed": "2020\\. şubat \u{7f}"],
                edits: (0..<(n + k) % 3).map { e in
                    Diagnostic.TextEdit(
                        path: e == 1 ? "docs/inc/\(n).md" : nil,
                        range: SourceRange(line: n + 1, column: e + 1, endLine: n + 2, endColumn: e),
                        replacement: e == 0 ? "\\" : "a \"b\"\n")
                })
        }
        return Diagnostic(
            id: n % 3 == 0 ? "link-missing-target" : "translation-stale", severity: n % 2 == 0 ? .error : .note,
            path: "docs/tr-tr/\"quoted\"\\\(n).md",
            range: n % 4 == 0 ? nil : SourceRange(line: n * 1_000_003, column: n % 7 + 1, endLine: n, endColumn: 0),
            messageKey: "rule.m\(n)",
            arguments: n % 5 == 0 ? [:] : ["target": "a\nb\t\u{01}İş \(n)", "count": String(-n), "z": ""],
            notes: notes, fixIts: fixIts, sourceLine: "line \(n)")
    }

    /// Up to five slices of findings, so that the rounds of slices come out full and part-full.
    @Test(arguments: [0, 1, 2, 700, 1_500, 4_100])
    func writesWhatTheGeneralWriterWrites(_ count: Int) {
        let report = Report(
            findings: (0..<count).map(Self.finding), articlesChecked: count * 2, baselined: count / 3,
            localize: { key, arguments in "\(key): \(arguments.keys.sorted().joined(separator: ","))\u{7f}\"" })
        // Compared apart: a failed comparison of whole reports would print them.
        let reference = Self.reference(report)
        let same = ReportFormat.json.bytes(report) == reference
        #expect(same)
        // Streamed: the same bytes, in pieces no larger than a slice's.
        var streamed: [UInt8] = []
        var largest = 0
        ReportFormat.json.write(report) { piece in
            streamed += piece
            largest = max(largest, piece.count)
        }
        let streamedSame = streamed == reference
        #expect(streamedSame)
        #expect(largest < 1_024 * 1_000)
    }

    /// A finding's message made by a caller that reads its arguments in place is the one
    /// `localize` makes of its key and arguments, in every format.
    @Test func aFindingsMessageReadInPlaceIsTheSame() {
        let localize: Localize = { key, arguments in
            key + "(" + arguments.keys.sorted().map { "\($0)=\(arguments[$0] ?? "")" }.joined(separator: ",") + ")"
        }
        let findings = (0..<60).map(Self.finding)
        let plain = Report(findings: findings, articlesChecked: 1, baselined: 0, localize: localize)
        let inPlace = Report(
            findings: findings, articlesChecked: 1, baselined: 0, localize: localize,
            localizeFinding: { f in
                var names: [String] = []
                f.forEachArgument { name, _ in names.append(name) }
                return f.messageKey + "("
                    + names.map { "\($0)=\(f.argument($0) ?? "missing")" }.joined(separator: ",") + ")"
            })
        for format in ReportFormat.allCases {
            #expect(format.bytes(inPlace) == format.bytes(plain), "\(format)")
        }
        // And a caller that writes the messages as bytes: the same reports.
        let asBytes = Report(
            findings: findings, articlesChecked: 1, baselined: 0, localize: localize,
            writeFindingMessage: { f, out in out += localize(f.messageKey, f.arguments).utf8 },
            writeNoteMessage: { note, out in out += "\(localize(note.messageKey, note.arguments))".utf8 })
        for format in ReportFormat.allCases {
            #expect(format.bytes(asBytes) == format.bytes(plain), "\(format)")
        }
        #expect(findings.contains { !$0.notes.isEmpty } && findings.contains { !$0.fixIts.isEmpty })
        #expect(plain.message(findings[1]) == "rule.m1(count=-1,target=a\nb\t\u{01}İş 1,z=)")
    }

    @Test(arguments: [0, 7, -7, 10, 99, 100, -100, Int.max, Int.min + 1, Int.min])
    func writesIntegersAsDecimal(_ n: Int) {
        var out: [UInt8] = []
        JSONValue.writeInt(n, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(n))
    }
}
