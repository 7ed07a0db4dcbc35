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

    static func finding(_ n: Int) -> Diagnostic {
        Diagnostic(
            id: n % 3 == 0 ? "link-missing-target" : "translation-stale", severity: n % 2 == 0 ? .error : .note,
            path: "docs/tr-tr/\"quoted\"\\\(n).md",
            range: n % 4 == 0 ? nil : SourceRange(line: n * 1_000_003, column: n % 7 + 1, endLine: n, endColumn: 0),
            messageKey: "rule.m\(n)",
            arguments: n % 5 == 0 ? [:] : ["target": "a\nb\t\u{01}İş \(n)", "count": String(-n), "z": ""],
            sourceLine: "line \(n)")
    }

    /// Up to five slices of findings, so that the rounds of slices come out full and part-full.
    @Test(arguments: [0, 1, 2, 700, 1_500, 4_100])
    func writesWhatTheGeneralWriterWrites(_ count: Int) {
        let report = Report(
            findings: (0..<count).map(Self.finding), articlesChecked: count * 2, baselined: count / 3,
            localize: { key, arguments in "\(key): \(arguments.keys.sorted().joined(separator: ","))\u{7f}\"" })
        #expect(ReportFormat.json.bytes(report) == Self.reference(report))
        // Streamed: the same bytes, in pieces no larger than a slice's.
        var streamed: [UInt8] = []
        var largest = 0
        ReportFormat.json.write(report) { piece in
            streamed += piece
            largest = max(largest, piece.count)
        }
        #expect(streamed == Self.reference(report))
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
        #expect(plain.message(findings[1]) == "rule.m1(count=-1,target=a\nb\t\u{01}İş 1,z=)")
    }

    @Test(arguments: [0, 7, -7, 10, 99, 100, -100, Int.max, Int.min + 1, Int.min])
    func writesIntegersAsDecimal(_ n: Int) {
        var out: [UInt8] = []
        JSONValue.writeInt(n, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(n))
    }
}
