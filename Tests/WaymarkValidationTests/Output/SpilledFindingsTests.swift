import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// A run that lets the articles' facts go before the merge keeps its findings as bytes until then:
/// what comes back must be the findings that went in, and the run's report the same.
@Suite struct SpilledFindingsTests {
    /// `count` findings made of few texts (so that the table is shared a lot), empty and long
    /// ones, non-ASCII ones, with and without notes, fix-its, lines and messages.
    static func findings(_ numbers: inout SeededNumbers, count: Int) -> [Diagnostic] {
        func next(_ bound: Int) -> Int { numbers.next(bound) }
        func range() -> SourceRange? {
            next(4) == 0
                ? nil
                : SourceRange(
                    line: next(100_000), column: next(300) + 1, endLine: next(100_000), endColumn: next(70_000))
        }
        let texts = ["", "a", "İş Ortağı", String(repeating: "line of text ", count: 20), "tr-tr/x.md", "ü"]
        func text() -> String { texts[next(texts.count)] }
        return (0..<count).map { _ in
            var arguments: [String: String] = [:]
            for _ in 0..<next(4) { arguments[["target", "source", "a", "zeta"][next(4)]] = text() }
            let notes = (0..<(next(3) == 0 ? next(3) : 0)).map { _ in
                Diagnostic.Note(
                    path: next(2) == 0 ? nil : text(), range: range(), messageKey: "note.\(next(3))",
                    arguments: next(2) == 0 ? [:] : ["n": text(), "m": text()])
            }
            let fixIts = (0..<(next(4) == 0 ? 1 : 0)).map { _ in
                Diagnostic.FixIt(
                    messageKey: "fix", arguments: ["fixed": text()],
                    edits: (0..<next(3)).map { _ in
                        Diagnostic.TextEdit(
                            path: next(2) == 0 ? nil : text(),
                            range: SourceRange(line: next(9) + 1, column: 1, endColumn: next(9) + 2),
                            replacement: text())
                    })
            }
            return Diagnostic(
                id: ["translation-steps-differ", "a", "anchor-duplicate"][next(3)],
                severity: Severity.allCases[next(3)], path: next(5) == 0 ? nil : text(), range: range(),
                messageKey: "rule.x.\(next(4))", arguments: arguments, notes: notes, fixIts: fixIts,
                sourceLine: next(3) == 0 ? nil : text(), message: next(5) == 0 ? text() : nil)
        }
    }

    /// A file's identity for the report's memo counts the notes that the places including it add
    /// (other includers, another text), and only its own: another file's notes change nothing.
    /// With a path of ASCII and one without.
    @Test(arguments: ["docs/includes/a.md", "docs/includes/ö-İ.md"])
    func anIncludedFilesIdentityCountsItsIncludersNotes(_ included: String) {
        let other = "docs/b.md"
        let finding = { (path: String) in
            Diagnostic(
                id: "a-rule", severity: .warning, path: path, range: SourceRange(line: 1, column: 1, endColumn: 2),
                messageKey: "k")
        }
        let lists = [SpilledFindings([finding(included)]), SpilledFindings([finding(other)])]
        func identity(_ notes: [String: [Diagnostic.Note]], of path: String) -> UInt64 {
            let merged = MergedFindings(lists: lists, annotated: lists.count, notes: notes)
            let position = (0..<merged.order.count).first { merged.finding(at: $0).path == path } ?? 0
            var scratch: [UInt8] = []
            return merged.identity(of: position..<position + 1, scratch: &scratch)
        }
        let note = { (from: String) in Diagnostic.Note(path: from, range: nil, messageKey: "note.included") }
        let (one, two) = ([included: [note("docs/x.md")]], [included: [note("docs/y.md")]])
        #expect(identity(one, of: included) != identity(two, of: included))
        #expect(identity(one, of: other) == identity(two, of: other))
    }

    @Test(arguments: [0, 1, 7, 3_000])
    func findingsComeBackAsTheyWentIn(_ count: Int) {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let findings = Self.findings(&numbers, count: count)
        let spilled = SpilledFindings(findings)
        #expect(spilled.count == count)
        let back = spilled.findings()
        #expect(back == findings, "seed \(seed)")
        #expect(back.map(\.fingerprint) == findings.map(\.fingerprint), "seed \(seed)")
        #expect(back.map(\.arguments) == findings.map(\.arguments), "seed \(seed)")
        // Read twice, the same.
        #expect(spilled.findings() == back, "seed \(seed)")
        // Each one read on its own, and its key: the same too.
        for index in findings.indices {
            let one = spilled.finding(at: index)
            #expect(one == findings[index], "seed \(seed), finding \(index)")
            let key = spilled.key(at: index)
            #expect(key.path == one.path ?? "" && key.id == one.id && key.messageKey == one.messageKey)
            #expect(key.start == one.range?.start ?? SourceLocation(line: 0, column: 0), "seed \(seed)")
            #expect(key.fingerprint == one.fingerprintValue && key.severity == one.severity, "seed \(seed)")
        }
    }

    /// A checked file's findings as the fact cache keeps them (standalone, lines and all) come
    /// back as the list a fresh check makes of them, with their lines or without: read the same,
    /// kept in place (each finding's bytes are its standalone bytes), and hashed the same by a
    /// merge, so that a report memo's text is found for a file whether it was checked or reused.
    @Test(arguments: [0, 1, 7, 3_000])
    func findingsFromTheFactCacheComeBackAsAFreshListHasThem(_ drawn: Int) {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        // Sorted and without repeats, as a check keeps them (`CheckedFile.encode`): a merge drops
        // a finding that repeats the one before it, and random findings side by side sometimes do.
        let findings = Validator.deduplicated(Self.findings(&numbers, count: drawn))
        let count = findings.count
        let bytes = SpilledFindings(findings).standaloneBytes()
        for keepsLines in [true, false] {
            let freshList = SpilledFindings(findings, keepsLines: keepsLines)
            let fresh = freshList.findings()
            let read = bytes.withUnsafeBytes { SpilledFindings.standalone($0, count: count, keepsLines: keepsLines) }
            #expect(read?.count == count, "seed \(seed)")
            #expect(read?.findings() == fresh, "seed \(seed), lines \(keepsLines)")
            #expect(read?.standaloneBytes() == SpilledFindings(fresh).standaloneBytes(), "seed \(seed)")
            guard let read else { continue }
            for index in 0..<count {
                var own: [UInt8] = []
                freshList.appendStandalone(findingAt: index, to: &own)
                let inPlace = read.withStandaloneBytes(ofFindingAt: index) { Array($0) }
                #expect(inPlace == own, "seed \(seed), lines \(keepsLines), finding \(index)")
            }
            var scratch: [UInt8] = []
            let a = MergedFindings(lists: [freshList]).identity(of: 0..<count, scratch: &scratch)
            let b = MergedFindings(lists: [read]).identity(of: 0..<count, scratch: &scratch)
            #expect(a == b, "seed \(seed), lines \(keepsLines)")
        }
    }

    /// A list that holds its findings as standalone bytes (a memo's) gives each one's bytes in
    /// place, the bytes another list writes for it; a merge hashes a file's findings the same
    /// whichever list they are read from, so a report memo's text is found either way.
    @Test(arguments: [1, 7, 3_000])
    func findingsReadInPlaceAreTheirStandaloneBytes(_ count: Int) {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let findings = Validator.deduplicated(Self.findings(&numbers, count: count))
        let made = SpilledFindings(findings)
        var bytes: [UInt8] = []
        var (starts, ends): ([UInt32], [UInt32]) = ([], [])
        var each: [[UInt8]] = []
        for index in findings.indices {
            var one: [UInt8] = []
            made.appendStandalone(findingAt: index, to: &one)
            starts.append(UInt32(bytes.count))
            bytes += one
            ends.append(UInt32(bytes.count))
            // Other bytes between the findings, as in a memo's file: each ends where it says.
            bytes += [0xEE, 0xEE, 0xEE]
            each.append(one)
        }
        let inPlace = SpilledFindings(standaloneBytes: bytes, starts: starts, ends: ends)
        for index in findings.indices {
            let read = inPlace.withStandaloneBytes(ofFindingAt: index) { Array($0) }
            #expect(read == each[index], "seed \(seed), finding \(index)")
        }
        #expect(inPlace.findings() == made.findings(), "seed \(seed)")
        var scratch: [UInt8] = []
        let a = MergedFindings(lists: [made]).identity(of: 0..<findings.count, scratch: &scratch)
        let b = MergedFindings(lists: [inPlace]).identity(of: 0..<findings.count, scratch: &scratch)
        #expect(a == b, "seed \(seed)")
        // And a finding changed: another hash.
        var changed = findings
        changed[count / 2].severity = changed[count / 2].severity == .error ? .warning : .error
        let c = MergedFindings(lists: [SpilledFindings(changed)]).identity(of: 0..<findings.count, scratch: &scratch)
        #expect(c != a, "seed \(seed)")
    }

    /// Bytes from a cache file that are not whole findings are refused, never read past: cut
    /// short, a finding more or fewer than there are, any byte changed.
    @Test func damagedFindingsFromTheFactCacheAreRefused() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let findings = Self.findings(&numbers, count: 60)
        let bytes = SpilledFindings(findings).standaloneBytes()
        func read(_ bytes: [UInt8], count: Int) -> SpilledFindings? {
            bytes.withUnsafeBytes { SpilledFindings.standalone($0, count: count, keepsLines: false) }
        }
        #expect(read(bytes, count: 60) != nil)
        for cut in [0, 1, bytes.count / 3, bytes.count - 1] {
            #expect(read(Array(bytes[..<cut]), count: 60) == nil, "seed \(seed), cut at \(cut)")
        }
        #expect(read(bytes, count: 61) == nil && read(bytes, count: 59) == nil, "seed \(seed)")
        for index in stride(from: 0, to: bytes.count, by: 3) {
            var changed = bytes
            changed[index] ^= 0xA5
            // Refused, or read whole.
            if let list = read(changed, count: 60) { #expect(list.findings().count == 60) }
        }
    }

    /// A corpus rule's sink that keeps its findings as bytes every few of them: its lists, merged,
    /// are what deduplicating all of its findings at once gives, repeats across lists dropped.
    @Test(arguments: [1, 2, 5, 64])
    func aSinkThatSpillsAsItGoesGivesWhatOneListWould(_ every: Int) {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let ids = ["translation-steps-differ", "translation-missing", "anchor-duplicate"]
        // Few paths and places, so that findings repeat within and across the lists.
        let findings = (0..<300).map { _ in
            Diagnostic(
                id: ids[numbers.next(ids.count)], severity: .warning, path: ["b.md", "a.md", "c.md"][numbers.next(3)],
                range: SourceRange(line: numbers.next(6) + 1, column: 1, endColumn: 4),
                messageKey: "rule.x.\(numbers.next(2))", arguments: ["n": "\(numbers.next(3))"])
        }
        let severities = Dictionary(uniqueKeysWithValues: ids.map { ($0, Severity.warning) })
        var sink = CorpusFindingSink(severities: severities, displayPathOf: { $0 }, spillingAt: every)
        for finding in findings { sink.report(finding, path: finding.path ?? "") }
        let lists = sink.takeSpilled()
        #expect(lists.count >= 300 / every / 2, "seed \(seed)")
        #expect(sink.findings.isEmpty && sink.spilled.isEmpty)
        let merged = Validator.merged(lists.map { $0.findings() })
        #expect(merged == Validator.deduplicated(findings), "seed \(seed)")
        #expect(merged.count < findings.count, "seed \(seed)")
    }

    /// The HoloLens tree (three locales, includes, docfx.json) validated with the findings kept
    /// as bytes and without: the same findings in the same order.
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func aRunThatSpillsReportsWhatARunThatDoesNotReports() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("SpilledFindingsTests.spillsReportTheSame") else {
            return
        }
        let configuration = try ValidationConfiguration.load(
            path: RepositoryPaths.file("Examples/hololens.waymark.yml").path)
        let tree = corpus.appendingPathComponent("hololens").path
        func run(spilling: Bool) throws -> Validator.Result {
            let options = Validator.Options(jobs: 2, today: TreeFixture.today, keepsFactsUntilExit: spilling)
            return try Validator(configuration: configuration, options: options).run(root: tree)
        }
        let plain = try run(spilling: false)
        let spilled = try run(spilling: true)
        #expect(plain.findings.count > 100)
        #expect(plain.findings.contains { !$0.notes.isEmpty })
        #expect(spilled.findings == plain.findings)
    }

    /// The writer's table of texts by address: a text asked for again gets its first number, the
    /// same address with another length is another text, and growing keeps every number.
    @Test func textNumbersByAddressSurviveGrowing() {
        var table = AddressNumbers()
        var expected: [Int] = []
        for index in 0..<10_000 {
            let address = UInt(0x10_0000 + (index / 2) * 48)
            expected.append(table.number(address: address, count: 16 + index % 2, next: index))
        }
        #expect(expected == Array(0..<10_000))
        for index in stride(from: 9_999, through: 0, by: -1) {
            let address = UInt(0x10_0000 + (index / 2) * 48)
            #expect(table.number(address: address, count: 16 + index % 2, next: -1) == index)
        }
    }
}
