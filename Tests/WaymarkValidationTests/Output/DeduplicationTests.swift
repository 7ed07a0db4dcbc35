import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

@Suite struct DeduplicationTests {
    /// The plain way: a stable sort of the findings themselves, then drop a finding equal to the one before.
    static func reference(_ findings: [Diagnostic]) -> [Diagnostic] {
        let sorted = findings.enumerated().sorted { a, b in
            if Diagnostic.precedes(a.element, b.element) { return true }
            if Diagnostic.precedes(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
        var out: [Diagnostic] = []
        for f in sorted {
            if let last = out.last, last.fingerprint == f.fingerprint, last.path == f.path,
                last.range?.start == f.range?.start
            {
                continue
            }
            out.append(f)
        }
        return out
    }

    @Test(arguments: [0, 1, 2, 50, 2_000])
    func sortsAndDropsRepeatsLikeThePlainWay(_ count: Int) {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        func next(_ bound: Int) -> Int { numbers.next(bound) }
        // Few paths, lines and rules, so that ties and exact repeats are common; the severity and
        // end column differ between repeats, to show which one of them is kept.
        let findings = (0..<count).map { _ in
            Diagnostic(
                id: ["b-rule", "a-rule", "c-rule"][next(3)], severity: [.error, .warning, .note][next(3)],
                path: ["docs/b.md", "docs/a.md", "docs/İ.md", "z.yml"][next(4)],
                range: next(5) == 0
                    ? nil : SourceRange(line: next(4), column: next(3) + 1, endLine: 9, endColumn: next(40)),
                messageKey: ["k1", "k2"][next(2)], arguments: next(2) == 0 ? [:] : ["n": String(next(3))],
                sourceLine: ["x", " x ", "y"][next(3)])
        }
        let got = Validator.deduplicated(findings)
        let want = Self.reference(findings)
        #expect(got == want, "seed \(seed)")
        // The articles' findings and the corpus rules' are sorted apart, then merged: the same
        // report as sorting them together, wherever the list is cut.
        let cut = next(count + 1)
        let merged = Validator.merged(
            Validator.deduplicated(Array(findings[..<cut])), Validator.deduplicated(Array(findings[cut...])))
        #expect(merged == want, "seed \(seed), cut at \(cut)")
        // The corpus rules' lists, one a rule, merged with the articles' all at once: the same,
        // however many lists there are and wherever they are cut.
        let cuts = ([0, count] + (0..<next(7)).map { _ in next(count + 1) }).sorted()
        let lists = zip(cuts, cuts.dropFirst()).map { Validator.deduplicated(Array(findings[$0..<$1])) }
        #expect(Validator.merged(lists) == want, "seed \(seed), cut at \(cuts)")
        // Merged in two halves on two processors, whatever the size.
        #expect(Validator.merged(lists, splittingAbove: 0) == want, "seed \(seed), cut at \(cuts), in halves")
        // Kept as bytes and read in the order of their merge: the same, in one piece or two.
        for threshold in [0, 4_096] {
            let list = FindingList(MergedFindings(lists: lists.map { SpilledFindings($0) }, splittingAbove: threshold))
            #expect(Array(list) == want, "seed \(seed), cut at \(cuts), as bytes above \(threshold)")
            for severity in Severity.allCases {
                #expect(list.count(severity) == want.count { $0.severity == severity }, "seed \(seed)")
            }
        }
    }

    /// A run's findings as bytes: the articles' lists get the notes of the places that include a
    /// file, the corpus rules' do not; keeping some of them keeps their order and counts.
    @Test func findingsReadAsBytesGetTheirNotesAndCanBeFiltered() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        func next(_ bound: Int) -> Int { numbers.next(bound) }
        func finding(_ path: String) -> Diagnostic {
            Diagnostic(
                id: ["b-rule", "a-rule"][next(2)], severity: Severity.allCases[next(3)], path: path,
                range: SourceRange(line: next(30) + 1, column: next(3) + 1, endLine: 40, endColumn: 1),
                messageKey: "k", arguments: ["n": String(next(50))])
        }
        let paths = ["docs/a.md", "docs/includes/x.md", "docs/z.md"]
        let articles = (0..<6).map { _ in Validator.deduplicated((0..<next(40)).map { _ in finding(paths[next(3)]) }) }
        let corpus = (0..<3).map { _ in Validator.deduplicated((0..<next(40)).map { _ in finding(paths[next(3)]) }) }
        let note = Diagnostic.Note(
            path: "docs/a.md", range: SourceRange(line: 3, column: 1, endColumn: 1), messageKey: "included-here")
        var annotated = articles
        for index in annotated.indices {
            for k in annotated[index].indices where annotated[index][k].path == paths[1] {
                annotated[index][k].notes.append(note)
            }
        }
        let want = Validator.merged(annotated + corpus)
        let list = FindingList(
            MergedFindings(
                lists: (articles + corpus).map { SpilledFindings($0) }, annotated: articles.count,
                notes: [paths[1]: [note]], splittingAbove: 0))
        #expect(Array(list) == want, "seed \(seed)")
        #expect(list.indices.map { list[$0] } == want, "seed \(seed)")
        let kept = list.keeping { $0.severity != .note && $0.path != paths[2] }
        let wantKept = want.filter { $0.severity != .note && $0.path != paths[2] }
        #expect(Array(kept) == wantKept, "seed \(seed)")
        #expect(kept.count(.note) == 0 && kept.count(.error) == wantKept.count { $0.severity == .error })
        #expect(kept.count(.warning) == wantKept.count { $0.severity == .warning }, "seed \(seed)")
    }

    /// A large tree's lists: most are one article's findings in its own file, an include's
    /// findings come in the list of each article that includes it (a popular one in more lists
    /// than the merge chains), and a few lists span many files (the corpus rules', the memo's).
    /// Merged as bytes, in one piece or two: the same as the plain way.
    @Test(arguments: [1, 2, 3])
    func listsOfOneFileEachMergeLikeThePlainWay(_ round: Int) {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        func next(_ bound: Int) -> Int { numbers.next(bound) }
        let paths = (0..<60).map { "docs/p\(String(format: "%02d", $0)).md" } + ["docs/includes/popular.md"]
        func finding(_ path: String) -> Diagnostic {
            Diagnostic(
                id: ["b-rule", "a-rule"][next(2)], severity: Severity.allCases[next(3)], path: path,
                range: next(6) == 0
                    ? nil : SourceRange(line: next(6) + 1, column: next(2) + 1, endLine: 9, endColumn: next(9)),
                messageKey: ["k1", "k2"][next(2)], arguments: next(2) == 0 ? [:] : ["n": String(next(3))])
        }
        var raw: [[Diagnostic]] = []
        // In no particular order, as the lists of a tree's files are not in the order of their paths.
        var shuffled = paths
        for index in shuffled.indices.reversed() { shuffled.swapAt(index, next(index + 1)) }
        for path in shuffled {
            let copies = path.contains("popular") ? 24 : 1 + next(3)
            for _ in 0..<copies { raw.append((0..<next(8)).map { _ in finding(path) }) }
        }
        for _ in 0..<4 {
            raw.insert((0..<next(300)).map { _ in finding(paths[next(paths.count)]) }, at: next(raw.count))
        }
        let want = Self.reference(Array(raw.joined()))
        let lists = raw.map { SpilledFindings(Validator.deduplicated($0)) }
        for threshold in [0, 4_096] {
            let list = FindingList(MergedFindings(lists: lists, splittingAbove: threshold))
            #expect(Array(list) == want, "seed \(seed), round \(round), above \(threshold)")
            for severity in Severity.allCases {
                #expect(list.count(severity) == want.count { $0.severity == severity }, "seed \(seed)")
            }
        }
        // The articles' lists chained: far fewer sources than lists.
        let ranks = MergedFindings.pathRanks(lists)
        let sources = MergedFindings.chains(lists, lists.map { 0..<$0.count }, ranks: ranks)
        #expect(Set(sources.joined()) == Set(lists.indices.filter { lists[$0].count > 0 }), "seed \(seed)")
        #expect(sources.count <= 4 + 16 + 24, "seed \(seed)")
        #expect(sources.count * 3 < lists.count, "seed \(seed)")
    }

    /// The merge compares paths as ranks: in string order, equal paths one rank; with every
    /// path's hash made the same (as if hashes collided), the ranks are worked out from the
    /// paths as strings, and come out the same.
    @Test func pathRanksFollowTheOrderOfThePaths() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        func next(_ bound: Int) -> Int { numbers.next(bound) }
        let mixed: [String?] = [
            nil, "", "docs/a.md", "docs/b.md", "docs/İ.md", "docs/ı.md", "z.yml",
            "docs/a-long-name-past-fifteen-bytes.md", "docs/B.md",
        ]
        // Paths all ASCII too: ranked from their bytes, without strings.
        for paths in [mixed, mixed.filter { $0?.utf8.allSatisfy { $0 < 0x80 } ?? true }] {
            // Some lists all in one file, as an article's own findings mostly are.
            let made = (0..<12).map { number in
                let own = paths[next(paths.count)]
                return SpilledFindings(
                    Validator.deduplicated(
                        (0..<next(30)).map { _ in
                            Diagnostic(
                                id: "a-rule", severity: .warning,
                                path: number % 3 == 0 ? own : paths[next(paths.count)],
                                range: SourceRange(line: next(9) + 1, column: 1, endColumn: 2), messageKey: "k")
                        }))
            }
            // And the same lists read back as the fact cache gives them, which know when all their
            // findings share one path (ranked once for the list).
            let readBack = made.map { list in
                list.standaloneBytes().withUnsafeBytes {
                    SpilledFindings.standalone($0, count: list.count, keepsLines: true)!
                }
            }
            #expect(readBack.contains { $0.pathRuns != nil }, "seed \(seed)")
            for (list, back) in zip(made, readBack) where list.count > 0 {
                let onePath = Set((0..<list.count).map { list.path(at: $0) ?? "" }).count == 1
                #expect((back.pathRuns != nil) == onePath, "seed \(seed)")
            }
            let lists = made + readBack
            for ranks in [MergedFindings.pathRanks(lists), MergedFindings.pathRanks(lists, hash: { _ in 7 })] {
                #expect(Array(ranks[made.count...]) == Array(ranks[..<made.count]), "seed \(seed)")
                var seen: [(path: String, rank: Int32)] = []
                for list in lists.indices {
                    for index in 0..<lists[list].count {
                        seen.append((lists[list].path(at: index) ?? "", ranks[list][index]))
                    }
                }
                for a in seen {
                    for b in seen {
                        #expect((a.path < b.path) == (a.rank < b.rank), "seed \(seed): \(a), \(b)")
                        #expect((a.path == b.path) == (a.rank == b.rank), "seed \(seed): \(a), \(b)")
                    }
                }
            }
            // The runs of the first lists and of the last, worked out before (on other threads, in a
            // run), rank as those worked out here; and a last list without runs given is not
            // mistaken for one with.
            let runs = lists.map { MergedFindings.pathRuns(of: $0) }
            let worked = MergedFindings.pathRanks(lists)
            let first = next(lists.count + 1)
            #expect(MergedFindings.pathRanks(lists, runsOfFirst: Array(runs[..<first])) == worked, "seed \(seed)")
            #expect(
                MergedFindings.pathRanks(lists, runsOfFirst: Array(runs[..<first]), runsOfLast: runs.last) == worked,
                "seed \(seed)")
            let merged = MergedFindings(lists: lists, runsOfFirst: Array(runs[..<first]), runsOfLast: runs.last)
            #expect(Array(FindingList(merged)) == Array(FindingList(MergedFindings(lists: lists))), "seed \(seed)")
        }
    }
}
