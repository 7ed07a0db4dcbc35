import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// A cached run keeps its cross-locale findings (`CorpusMemo`) and the next run makes them again
/// only where a change reaches: the report is the same as a run without the cache, the corpus
/// rules' work is the reached files', and a memo that is damaged, cut short, foreign, forged or
/// made for another key is not used.
@Suite(.serialized) struct CorpusMemoTests {
    /// The memo's file, once the runs before have written it (as the command waits before it exits).
    static func memoFile(_ w: FactCacheTests.Workspace) throws -> String {
        Validator.finishWrites()
        let names = try FileManager.default.contentsOfDirectory(atPath: w.cache.path)
        let memo = try #require(names.first { $0.hasPrefix("waymark-corpus-") && $0.hasSuffix(".bin") })
        return w.cache.appendingPathComponent(memo).path
    }

    /// The merge's runs of `memo`'s findings, from the paths read with it, for all of its groups
    /// and for every other one: the runs read from the findings themselves.
    static func expectRunsAsRead(_ memo: CorpusMemo) {
        let some = memo.groups.indices.filter { $0 % 2 == 0 }.map { memo.groups[$0] }
        for groups in [memo.groups, some] {
            func shown(_ runs: [MergedFindings.PathRun]) -> [String] {
                runs.map { "\($0.start) \($0.hash) \($0.bytes)" }
            }
            #expect(!groups.isEmpty)
            #expect(shown(CorpusMemo.runs(of: groups)) == shown(MergedFindings.pathRuns(of: memo.list(of: groups))))
        }
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func aCachedRunMakesCrossLocaleFindingsAgainOnlyWhereAChangeReaches() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("CorpusMemoTests.reach") else { return }
        let w = try FactCacheTests.Workspace(corpus: corpus)
        // The first run has no memo: every corpus rule runs, and the memo is written.
        let first = try w.compare("the first, cold, run")
        #expect(first.cache?.crossLocaleReused == nil)
        _ = try Self.memoFile(w)

        // Nothing changed: every file's cross-locale findings come from the memo.
        let again = try w.compare("no change")
        #expect(again.cache?.crossLocaleReached == 0)
        let files = try #require(again.cache?.crossLocaleReused)
        #expect(files > 50)
        let memo = try CorpusMemo.parse(try FileReader.read(try Self.memoFile(w)))
        #expect(memo.groups.contains { $0.count > 1 })
        Self.expectRunsAsRead(memo)

        // One source article changed: its translations and the files that link to it are made
        // again, the rest comes from the memo.
        let source = "en-us/hololens/hololens-FAQ.md"
        try w.append("\n\n## A section added for the test\n\n1. A step.\n1. Another step.\n", to: source)
        let edited = try w.compare("a section added to \(source)")
        let reached = try #require(edited.cache?.crossLocaleReached)
        // (Of 334 files: the article in three locales, the files that link to it, the TOC.)
        #expect(reached >= 3 && reached < 60, "reached \(reached)")
        #expect((edited.cache?.crossLocaleReused ?? 0) >= files - reached)

        // A file touched, its bytes the same: the same checks, nothing to make again.
        let touched = w.path(source)
        try Data(try FileReader.read(touched)).write(to: URL(fileURLWithPath: touched))
        let same = try w.compare("\(source) written again unchanged")
        #expect(same.cache?.crossLocaleReached == 0)

        // Another configuration is another key: a whole run, and a memo for that key.
        w.configuration.rules["translation-missing"] = .severity(.warning)
        let reconfigured = try w.compare("another configuration")
        #expect(reconfigured.cache?.crossLocaleReused == nil)
        let after = try w.compare("the same configuration again")
        #expect(after.cache?.crossLocaleReached == 0)
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func aDamagedForeignOrForgedMemoIsNotUsed() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("CorpusMemoTests.damaged") else { return }
        let w = try FactCacheTests.Workspace(corpus: corpus)
        let reference = try w.run(cached: false).report
        _ = try w.run(cached: true)
        let file = try Self.memoFile(w)
        let good = try FileReader.read(file)
        let memo = try CorpusMemo.parse(good)
        #expect(!memo.groups.isEmpty)

        // A memo whose first group's findings are said to be in another file, with a checksum
        // that matches: written as a run would, read as a run would.
        var forged = memo.groups.map {
            CorpusMemo.Written(path: $0.path, count: $0.count, range: $0.range)
        }
        forged[0].path = forged[0].path + "x"
        let forgedFile = w.dir.appendingPathComponent("forged.bin").path
        func write(_ groups: [CorpusMemo.Written], limit: Int) -> Bool {
            CorpusMemo.write(
                forgedFile, key: memo.key, paths: memo.paths, pipelineLinks: memo.pipelineLinks, checks: memo.checks,
                groups: groups, source: memo.bytes, limit: limit)
        }
        #expect(write(forged, limit: 1 << 30))
        let forgedBytes = try FileReader.read(forgedFile)
        #expect(throws: FactDecoder.Damaged.self) { try CorpusMemo.parse(forgedBytes) }
        // One finding too many said to be in a group.
        var counted = memo.groups.map {
            CorpusMemo.Written(path: $0.path, count: $0.count, range: $0.range)
        }
        counted[0].count += 1
        #expect(write(counted, limit: 1 << 30))
        let countedBytes = try FileReader.read(forgedFile)
        #expect(throws: FactDecoder.Damaged.self) { try CorpusMemo.parse(countedBytes) }
        // Over the limit: not written.
        #expect(!write(counted, limit: 1024))

        // One byte changed in the middle, the file cut short, the fact cache's file, another
        // program's file, empty, and the forged ones.
        var flipped = good
        flipped[good.count / 2] ^= 0x20
        let facts = try FileReader.read(w.cache.appendingPathComponent(try #require(w.cacheFiles.first)).path)
        for damaged in [
            flipped, Array(good.prefix(good.count / 3)), facts, Array("not a memo\n".utf8), [], forgedBytes,
            countedBytes,
        ] {
            Validator.finishWrites()
            try Data(damaged).write(to: URL(fileURLWithPath: file))
            // A file edited, so that the memo would be asked for what it holds.
            try w.append("\n<!-- edited -->\n", to: "en-us/hololens/hololens-FAQ.md")
            let run = try w.run(cached: true)
            #expect(FactCacheTests.difference(run.report, try w.run(cached: false).report) == nil)
            #expect(run.cache?.crossLocaleReused == nil)
        }
        // And the memo the last of those runs wrote is whole and used.
        let after = try w.run(cached: true)
        #expect(after.cache?.crossLocaleReached == 0)
        _ = reference
    }

    /// In a git work tree the cross-locale rules name each source's revision by the commit, marked
    /// when the file has changes of its own: an edit not committed is a change the memo follows, a
    /// commit is another key.
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func inAGitWorkTreeEditsAreFollowedAndACommitStartsOver() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("CorpusMemoTests.git") else { return }
        let w = try FactCacheTests.Workspace(corpus: corpus)
        try w.commitTree()
        _ = try w.compare("the first run in the work tree")
        let source = "en-us/hololens/hololens-FAQ.md"
        try w.append("\n\nA sentence added, not committed.\n", to: source)
        let edited = try w.compare("\(source) edited, not committed")
        #expect(edited.cache?.crossLocaleReached ?? 0 >= 3)
        try w.append("\n\nAnother sentence.\n", to: source)
        let again = try w.compare("\(source) edited again")
        #expect(again.cache?.crossLocaleReached ?? 0 >= 3)
        try GitStalenessTests.git(["commit", "-q", "-am", "the edit"], in: w.tree)
        let committed = try w.compare("the edit committed")
        #expect(committed.cache?.crossLocaleReused == nil)
        let after = try w.compare("nothing changed since the commit")
        #expect(after.cache?.crossLocaleReached == 0)
    }

    /// A link that ten or more translations of a locale add and no source has is the localization
    /// pipeline's, not reported; one edit that takes a tenth translation's link away (or gives it
    /// one) changes the findings of the nine others, which link to nothing that changed. The memo
    /// is then not used, and the report is still the one a run without the cache makes.
    @Test func aLinkBecomingOrCeasingToBeThePipelinesChangesTheFindingsOfFilesNoEditReached() throws {
        let linked = 10
        var files: [String: String] = [:]
        for n in 1...40 {
            let front = "---\ntitle: Article \(n)\ndescription: The article numbered \(n), for a test of links.\n"
            files["en-us/a\(n).md"] =
                front + "ms.date: 01/02/2026\n---\n\n# Article \(n)\n\nSee [the guide](https://example.com/guide).\n"
            let survey = n <= linked ? " [Anket](https://example.com/survey)" : ""
            files["tr-tr/a\(n).md"] =
                front + "ms.date: 01/02/2026\nms.locale: tr-tr\n---\n\n# Makale \(n)\n\n"
                + "Bkz. [kılavuz](https://example.com/guide).\(survey)\n"
        }
        let w = try FactCacheTests.Workspace(
            files: files,
            configuration: "sourceLocale: en-US\nlocales:\n  en-US: { root: en-us }\n  tr-TR: { root: tr-tr }\n")
        func extras(_ report: [UInt8]) -> Int {
            FactCacheTests.findings(report).count {
                ($0["rule"] as? String) == "translation-links-differ" && "\($0)".contains("example.com/survey")
            }
        }
        let first = try w.compare("ten translations add the link")
        #expect(extras(first.report) == 0)
        let again = try w.compare("no change")
        #expect(again.cache?.crossLocaleReached == 0)

        // An edit elsewhere leaves the pipeline's links as they were: the memo is used.
        try w.append("\nOne more sentence.\n", to: "tr-tr/a30.md")
        let elsewhere = try w.compare("an edit that leaves the pipeline's links alone")
        #expect(elsewhere.cache?.crossLocaleReused != nil)

        // Nine translations add it now: a translator's link in each of them.
        let first1 = w.path("tr-tr/a1.md")
        let text = try String(contentsOfFile: first1, encoding: .utf8)
        try Data(text.replacingOccurrences(of: " [Anket](https://example.com/survey)", with: "").utf8)
            .write(to: URL(fileURLWithPath: first1))
        let fewer = try w.compare("one translation's link taken away")
        #expect(extras(fewer.report) == linked - 1)
        #expect(fewer.cache?.crossLocaleReused == nil)
        // And ten again: none is reported.
        try Data(text.utf8).write(to: URL(fileURLWithPath: first1))
        let more = try w.compare("the link given back")
        #expect(extras(more.report) == 0)
        #expect(more.cache?.crossLocaleReused == nil)
        let after = try w.compare("nothing changed since")
        #expect(after.cache?.crossLocaleReached == 0)
    }

    /// A run whose change reached a few files adds what changed to the memo's file, which stays the
    /// same file, longer; read back, the memo is the one a run writes whole. An addition cut short
    /// or damaged is passed over (the memo is the one before it) and the next run writes the file
    /// whole; so does the run after sixteen additions.
    @Test func additionsReadBackAsTheMemoWrittenWhole() throws {
        var files: [String: String] = [:]
        for n in 1...24 {
            let front = "---\ntitle: Article \(n)\ndescription: The article numbered \(n), for a test of the memo.\n"
            files["en-us/a\(n).md"] =
                front + "ms.date: 01/02/2026\n---\n\n# Article \(n)\n\n1. Select **Save**.\n1. Select **Close**.\n"
            files["tr-tr/a\(n).md"] =
                front + "ms.date: 01/02/2026\nms.locale: tr-tr\n---\n\n# Makale \(n)\n\n1. **Kaydet**'i seçin.\n"
        }
        let w = try FactCacheTests.Workspace(
            files: files,
            configuration: "sourceLocale: en-US\nlocales:\n  en-US: { root: en-us }\n  tr-TR: { root: tr-tr }\n")
        _ = try w.compare("the first run")
        let file = try Self.memoFile(w)
        // (Each read once the runs before have written the memo.)
        func memo() throws -> CorpusMemo {
            Validator.finishWrites()
            return try CorpusMemo.parse(try FileReader.read(file))
        }
        func inode() throws -> UInt64 {
            Validator.finishWrites()
            var info = stat()
            try #require(stat(file, &info) == 0)
            return UInt64(info.st_ino)
        }
        func state(_ memo: CorpusMemo) -> [String] {
            ["\(memo.key) \(memo.paths) \(memo.treeWide) \(memo.checks)"]
                + memo.groups.map { "\($0.path) \($0.count) \(memo.bytes[$0.range])" }
        }
        let first = try inode()
        var lengths: [Int] = []
        var states: [[String]] = []
        for n in 1...3 {
            try w.append("\nOne more sentence, \(n).\n", to: "tr-tr/a\(n).md")
            let run = try w.compare("edit \(n)")
            #expect(run.cache?.crossLocaleReused != nil && run.cache?.crossLocaleReached ?? 0 > 0)
            _ = try Self.memoFile(w)
            #expect(try inode() == first, "edit \(n): added to, not written again")
            let read = try memo()
            Self.expectRunsAsRead(read)
            let size = try FileReader.read(file).count
            #expect(read.file.additions == n && read.file.length == size)
            lengths.append(read.file.length)
            states.append(state(read))
        }
        // The same tree's memo written whole: every cross-locale finding made again.
        Validator.finishWrites()
        let added = try FileReader.read(file)
        try FileManager.default.removeItem(atPath: file)
        let whole = try w.compare("the memo written whole")
        #expect(whole.cache?.crossLocaleReused == nil)
        let written = try memo()
        #expect(written.file.additions == 0)
        #expect(state(written) == states.last)

        // The last addition cut short, or a byte of it changed: the memo before it.
        let damaged = [
            Array(added.prefix(lengths[1] + (lengths[2] - lengths[1]) / 2)),
            added.enumerated().map { $0.offset == lengths[1] + 40 ? $0.element ^ 0x10 : $0.element },
        ]
        for bytes in damaged {
            let read = try CorpusMemo.parse(bytes)
            #expect(read.file.additions == 2 && read.file.length == lengths[1])
            #expect(state(read) == states[1])
        }
        // On the disk: the next run's report is still a run's without the cache, and the file is
        // written whole (a file that does not end where its memo does is not added to).
        try Data(damaged[0]).write(to: URL(fileURLWithPath: file))
        try w.append("\nAnd one more.\n", to: "tr-tr/a4.md")
        _ = try w.compare("after a damaged addition")
        _ = try Self.memoFile(w)
        #expect(try memo().file.additions == 0)

        // Additions until they would make up a quarter of the file or number sixteen, then the
        // file written whole again.
        var rounds: [(additions: Int, inode: UInt64, length: Int, base: Int)] = []
        for n in 1...CorpusMemo.maximumChanges + 1 {
            try w.append("\nA sentence for round \(n).\n", to: "tr-tr/a\(n % 20 + 1).md")
            _ = try w.run(cached: true)
            _ = try Self.memoFile(w)
            let read = try memo()
            rounds.append((read.file.additions, try inode(), read.file.length, read.file.baseLength))
        }
        #expect(rounds.allSatisfy { $0.additions <= CorpusMemo.maximumChanges })
        #expect(rounds.allSatisfy { $0.length - $0.base <= $0.base / 4 })
        #expect(rounds.contains { $0.additions > 0 } && rounds.contains { $0.additions == 0 })
        for (before, after) in zip(rounds, rounds.dropFirst()) {
            // Each run adds one, or writes the file whole (another file, none added).
            #expect(
                (after.additions == before.additions + 1 && after.inode == before.inode)
                    || (after.additions == 0 && after.inode != before.inode))
        }
        _ = try w.compare("after the rounds")
    }

    /// A list kept as bytes with its table of strings, copied finding by finding with the texts in
    /// place, reads back the same findings; cut anywhere, or with a byte changed where it counts,
    /// it is refused, never read past its end.
    @Test func standaloneCopiesReadBackAndAreCheckedWhole() {
        let long = String(repeating: "partner-center/customers/", count: 3)
        let findings = (0..<40).map { index in
            Diagnostic(
                id: "translation-steps-differ", severity: Severity.allCases[index % 3], path: "tr-tr/\(long).md",
                range: SourceRange(line: index + 1, column: 1, endLine: index + 1, endColumn: 9),
                messageKey: "rule.translation-steps-differ.message",
                arguments: ["source": "en-US", "step": "\(long)/\(index)"],
                notes: index % 4 == 0
                    ? [
                        Diagnostic.Note(
                            path: "en-us/\(long).md", range: SourceRange(line: 2, column: 1, endColumn: 4),
                            messageKey: "rule.translation-steps-differ.source-step", arguments: ["revision": long])
                    ] : [],
                fixIts: index % 5 == 0
                    ? [
                        Diagnostic.FixIt(
                            messageKey: "fix", arguments: ["fixed": long],
                            edits: [
                                Diagnostic.TextEdit(
                                    path: nil, range: SourceRange(line: 1, column: 1, endColumn: 2), replacement: "İ")
                            ])
                    ] : [],
                sourceLine: index % 2 == 0 ? "1. \(long)" : nil)
        }
        let spilled = SpilledFindings(findings)
        var bytes: [UInt8] = []
        for index in findings.indices { spilled.appendStandalone(findingAt: index, to: &bytes) }
        var starts: [UInt32] = []
        let whole = bytes.withUnsafeBytes {
            SpilledFindings.checkStandalone(
                $0, 0..<bytes.count, count: findings.count, path: "tr-tr/\(long).md", starts: &starts)
        }
        #expect(whole)
        let ends = starts.dropFirst() + [UInt32(bytes.count)]
        #expect(SpilledFindings(standaloneBytes: bytes, starts: starts, ends: Array(ends)).findings() == findings)
        // Cut short, one finding more than there are, another path.
        for cut in [1, bytes.count / 2, bytes.count - 1] {
            var none: [UInt32] = []
            let read = bytes.withUnsafeBytes {
                SpilledFindings.checkStandalone(
                    $0, 0..<cut, count: findings.count, path: "tr-tr/\(long).md", starts: &none)
            }
            #expect(!read, "cut at \(cut)")
        }
        var more: [UInt32] = []
        #expect(
            !bytes.withUnsafeBytes {
                SpilledFindings.checkStandalone(
                    $0, 0..<bytes.count, count: findings.count + 1, path: "tr-tr/\(long).md", starts: &more)
            })
        var other: [UInt32] = []
        #expect(
            !bytes.withUnsafeBytes {
                SpilledFindings.checkStandalone(
                    $0, 0..<bytes.count, count: findings.count, path: "hu-hu/x.md", starts: &other)
            })
        // Every single byte changed to 0xFF: refused or read whole, never past the end.
        for index in stride(from: 0, to: bytes.count, by: 7) {
            var changed = bytes
            changed[index] = 0xFF
            var found: [UInt32] = []
            let read = changed.withUnsafeBytes {
                SpilledFindings.checkStandalone(
                    $0, 0..<changed.count, count: findings.count, path: "tr-tr/\(long).md", starts: &found)
            }
            if read {
                let ends = found.dropFirst() + [UInt32(changed.count)]
                _ = SpilledFindings(standaloneBytes: changed, starts: found, ends: Array(ends)).findings()
            }
        }
    }
}
