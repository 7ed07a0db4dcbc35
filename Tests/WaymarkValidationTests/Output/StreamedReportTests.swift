import Foundation
import Synchronization
import Testing
import WaymarkCore

@testable import WaymarkValidation

/// Every format is written in slices of findings (`ReportSlices`), as JSON always was: what the
/// slices make together must be what one finding at a time makes, and a report must never be
/// handed over whole.
@Suite struct StreamedReportTests {
    static let localize: Localize = { key, arguments in
        "\(key): " + arguments.keys.sorted().map { "\($0)=\(arguments[$0] ?? "")" }.joined(separator: ",")
    }

    static func report(_ findings: [Diagnostic]) -> Report {
        Report(findings: findings, articlesChecked: findings.count + 1, baselined: 2, localize: localize)
    }

    /// Findings sorted as a run reports them, so that the same list can also be read from a merge.
    static func findings(_ count: Int) -> [Diagnostic] {
        (0..<count).map(JSONReportTests.finding).sorted(by: Diagnostic.precedes)
    }

    /// The report's pieces, and the largest of them.
    static func pieces(_ format: ReportFormat, _ report: Report) -> (bytes: [UInt8], largest: Int) {
        var bytes: [UInt8] = []
        var largest = 0
        format.write(report) { piece in
            bytes += piece
            largest = max(largest, piece.count)
        }
        return (bytes, largest)
    }

    /// The text and GitHub formats are one block a finding and the summary: the blocks of a
    /// report of thousands, written in slices on several processors, are each finding's own
    /// block, in order.
    @Test(arguments: [ReportFormat.text, .github], [0, 1, 1_025, 4_100])
    func aLineFormatIsEachFindingsBlockInOrder(_ format: ReportFormat, _ count: Int) {
        let findings = Self.findings(count)
        let (bytes, largest) = Self.pieces(format, Self.report(findings))
        // Without the summary, the last line (its counts differ from report to report).
        func blocks(_ bytes: [UInt8]) -> [UInt8] {
            let body = bytes.dropLast()
            return Array(body[..<((body.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1)])
        }
        var expected: [UInt8] = []
        for finding in findings { expected += blocks(format.bytes(Self.report([finding]))) }
        let same = blocks(bytes) == expected
        #expect(same)
        let summary = String(decoding: bytes, as: UTF8.self).split(separator: "\n").last.map(String.init)
        #expect(summary?.contains("articles=\(count + 1),") == true)
        #expect(largest < 1_024 * 2_000)
    }

    /// SARIF: the document parses, holds one result a finding in order, each the result a report
    /// of that finding alone holds, and around the results the document of an empty report.
    @Test(arguments: [0, 1, 1_025, 2_100])
    func sarifHoldsEachFindingsResultInOrder(_ count: Int) throws {
        let findings = Self.findings(count)
        let (bytes, largest) = Self.pieces(.sarif, Self.report(findings))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == count)
        for (index, finding) in findings.enumerated() where index % 97 == 0 || index == count - 1 {
            let alone = try #require(
                try JSONSerialization.jsonObject(with: Data(ReportFormat.sarif.bytes(Self.report([finding]))))
                    as? [String: Any])
            let own = try #require(((alone["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
            #expect(NSDictionary(dictionary: results[index]).isEqual(to: own), "result \(index)")
        }
        let empty = String(decoding: ReportFormat.sarif.bytes(Self.report([])), as: UTF8.self)
        let text = String(decoding: bytes, as: UTF8.self)
        let head = try #require(empty.range(of: "\"results\": []"))
        #expect(text.hasPrefix(empty[..<head.upperBound].dropLast(1)))
        #expect(text.hasSuffix(empty[head.upperBound...]))
        #expect(largest < 1_024 * 4_000)
    }

    /// JUnit: one suite a rule, rules in order, each suite's test cases its findings in report
    /// order, whether the list is an array or a merge of lists kept as bytes.
    @Test(arguments: [0, 1, 1_025, 3_000])
    func junitGroupsTheFindingsByRule(_ count: Int) {
        let findings = Self.findings(count)
        let array = Self.report(findings)
        let halves = [
            findings.enumerated().filter { $0.offset % 2 == 0 }.map(\.element),
            findings.enumerated().filter { $0.offset % 2 == 1 }.map(\.element),
        ]
        var merged = array
        merged.findings = FindingList(MergedFindings(lists: halves.map { SpilledFindings($0) }))
        let (bytes, largest) = Self.pieces(.junit, array)
        #expect(ReportFormat.junit.bytes(merged) == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let rules = Array(Set(findings.map(\.id))).sorted()
        var expected: [String] = []
        for rule in rules {
            let own = findings.filter { $0.id == rule }
            expected.append("suite \(own.count)")
            expected += own.map {
                "case "
                    + JUnitReport.attr(
                        ($0.path ?? "") + ($0.range.map { ":\($0.start.line):\($0.start.column)" } ?? ""))
            }
        }
        let seen = text.split(separator: "\n").compactMap { line -> String? in
            if line.hasPrefix("  <testsuite name="), let tests = line.range(of: " tests=\"") {
                return "suite " + line[tests.upperBound...].prefix { $0 != "\"" }
            }
            if line.hasPrefix("    <testcase classname="), let name = line.range(of: " name=\"") {
                return "case " + line[name.upperBound...].prefix { $0 != "\"" }
            }
            return nil
        }
        if count == 0 {
            #expect(seen == ["suite 1", "case " + JUnitReport.attr(array.summary)])
        } else {
            #expect(seen == expected)
        }
        #expect(largest < 1_024 * 3_000)
    }

    /// A finding's source line is dropped from the lists kept as bytes when asked, and nothing
    /// else of it: its fingerprint (which counts the line) stays.
    @Test func listsKeptAsBytesDropTheSourceLineWhenAsked() {
        let findings = Self.findings(40)
        #expect(findings.allSatisfy { $0.sourceLine != nil })
        let kept = SpilledFindings(findings).findings()
        let dropped = SpilledFindings(findings, keepsLines: false).findings()
        #expect(kept.map(\.sourceLine) == findings.map(\.sourceLine))
        #expect(dropped.allSatisfy { $0.sourceLine == nil })
        #expect(dropped.map(\.fingerprint) == findings.map(\.fingerprint))
        for format in [ReportFormat.json, .junit, .github] {
            #expect(format.bytes(Self.report(dropped)) == format.bytes(Self.report(findings)), "\(format)")
            #expect(!format.showsSourceLines)
        }
        #expect(ReportFormat.text.showsSourceLines && ReportFormat.sarif.showsSourceLines)
    }
}

/// SARIF's artifact URIs: every byte but ASCII letters, digits and `-._~/!$&'()*+,;=:@`
/// percent-encoded, as Foundation encodes them with that set.
@Suite struct SARIFURITests {
    @Test(arguments: [
        "en-us/a.md", "tr-tr/İş ortağı.md", "a b/c%d.md", "x#y?.md", "日本/テスト.md", "ctl\u{1}\u{7f}.md",
        "q\"<>[]{}|\\^`.md", "-._~/!$&'()*+,;=:@", "", "ü",
    ])
    func aPathIsEncodedAsFoundationEncodesIt(_ path: String) {
        let kept = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=:@")
        #expect(SARIFReport.uri(path) == path.addingPercentEncoding(withAllowedCharacters: kept))
    }
}

/// JUnit's escaping, over bytes, against its definition over Unicode scalars.
@Suite struct JUnitEscapingTests {
    static func reference(_ text: String, drops: Bool = true) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            guard !drops || v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF) else {
                continue
            }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @Test(arguments: [
        "", "plain", "\"Iş\" is written with a dotless I", "a & b < c > d 'e'", "tab\tline\nreturn\r",
        "\u{1}\u{8}\u{1f}\u{7f}\u{85}", "\u{fffe}x\u{ffff}y\u{fffd}\u{fefe}", "İş ortağı ü 日本 😀", "&amp;",
    ])
    func escapesAsItsDefinitionSays(_ text: String) {
        #expect(JUnitReport.attr(text) == Self.reference(text))
        // Markup escaping alone drops nothing.
        #expect(
            text.markupEscaped() == Self.reference(text, drops: false).replacingOccurrences(of: "&#39;", with: "'"))
        #expect(text.markupEscaped(apostrophes: true) == Self.reference(text, drops: false))
    }
}

/// `ReportSlices` fills the next round while it hands on one.
@Suite struct ReportSlicesTests {
    /// The next round's slices are put into words while a round is handed on: the pieces still
    /// come in order, and a piece that cannot be handed on (a full disk) ends the write with its
    /// error, after the piece before it and before any after it.
    @Test func piecesComeInOrderAndAFailedOneStopsTheWrite() {
        struct Full: Error {}
        let count = 9 * ReportSlices.sliceSize + 17
        var seen: [Int] = []
        ReportSlices.write(
            count: count,
            to: { piece in
                for at in stride(from: 0, to: piece.count, by: 4) {
                    seen.append(piece[at..<at + 4].reversed().reduce(0) { $0 << 8 | Int($1) })
                }
            },
            item: { index, out, _ in withUnsafeBytes(of: UInt32(index).littleEndian) { out += $0 } })
        #expect(seen == Array(0..<count))
        for failing in [0, 1, 4] {
            var handed = 0
            #expect(throws: Full.self) {
                try ReportSlices.write(
                    count: count,
                    to: { (piece: [UInt8]) throws(Full) in
                        if handed == failing { throw Full() }
                        handed += 1
                    }, item: { index, out, _ in out.append(UInt8(truncatingIfNeeded: index)) })
            }
            #expect(handed == failing)
        }
    }

    /// A slice's turn comes when the slice its slot held before was handed on, even when that
    /// one's thread has not even started it: a thread quick to take slice 2 of a two-slot ring
    /// must not fill slot 0 before slice 0 was filled there and handed on.
    @Test func aSlotIsFilledAgainOnlyAfterItsSliceWasHandedOn() {
        let ring = ReportSlices.Ring(slots: 2)
        let started = DispatchSemaphore(value: 0)
        let turns = Mutex<[Int]>([])
        let waiting = DispatchGroup()
        for slice in [2, 3] {
            DispatchQueue.global().async(group: waiting) {
                started.signal()
                if ring.waitForTurn(of: slice) { turns.withLock { $0.append(slice) } }
            }
        }
        started.wait()
        started.wait()
        usleep(50_000)
        #expect(turns.withLock { $0 }.isEmpty)
        // Slices 0 and 1 start late: their turns are theirs.
        #expect(ring.waitForTurn(of: 0))
        #expect(ring.waitForTurn(of: 1))
        ring.handedOn()
        // Slice 2's turn came (however slow its thread is to see it); slice 3's did not.
        var polls = 0
        while turns.withLock({ $0.isEmpty }), polls < 5_000 {
            usleep(1_000)
            polls += 1
        }
        #expect(turns.withLock { $0 } == [2])
        // A stop lets every waiting thread go without its turn.
        let late = DispatchGroup()
        DispatchQueue.global().async(group: late) { #expect(!ring.waitForTurn(of: 9)) }
        ring.stop()
        late.wait()
        waiting.wait()
        #expect(turns.withLock { $0 } == [2])
    }

    /// Threads that start their slices late, early or in between: the pieces still come in
    /// order, each once (a slot is filled again only after the slice it held was handed on).
    @Test func piecesComeInOrderHoweverTheThreadsAreLate() {
        let count = 40 * ReportSlices.sliceSize + 5
        for _ in 0..<4 {
            var seen: [Int] = []
            seen.reserveCapacity(count)
            ReportSlices.write(
                count: count,
                to: { piece in
                    for at in stride(from: 0, to: piece.count, by: 4) {
                        seen.append(piece[at..<at + 4].reversed().reduce(0) { $0 << 8 | Int($1) })
                    }
                },
                item: { index, out, _ in
                    if index % ReportSlices.sliceSize == 0, Bool.random() { usleep(UInt32.random(in: 0..<3_000)) }
                    withUnsafeBytes(of: UInt32(index).littleEndian) { out += $0 }
                })
            #expect(seen == Array(0..<count))
        }
    }
}
