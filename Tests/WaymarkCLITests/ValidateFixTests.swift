import Foundation
import Testing
import WaymarkTestSupport

/// `waymark validate --fix [--dry-run]` as a docs team runs it.
@Suite struct ValidateFixTests {
    static let turkish = """
        ---
        title: Satıcı ilişkisini kaldırma
        description: Doğrudan iş ortağının bir müşterisiyle satıcı ilişkisini nasıl kaldırdığı.
        ms.date: 06/05/2020
        ms.topic: how-to
        author: someone
        ms.author: someone
        ms.service: partner-dashboard
        ---
        # İlişkiyi kaldırma

        Bu makale, Iş Ortağı Merkezi ' nde bir ilişkinin kaldırılmasını açıklar. İş ortağı olarak bunu yapabilirsiniz.

        Bkz. [sözleşmeler](..\\tr-tr\\Agreements.md).

        """

    static func tree() throws -> URL {
        try RepositoryPaths.temporaryTree([
            "tr-tr/x.md": turkish, "tr-tr/agreements.md": turkish.replacingOccurrences(of: "Bkz.", with: "Ayrıca"),
        ])
    }

    static func read(_ dir: URL, _ path: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func dryRunPrintsAUnifiedDiffAndChangesNothing() throws {
        let dir = try Self.tree()
        let result = try CommandRunner.run(
            ["validate", ".", "--fix", "--dry-run", "--today", "2026-11-21"], directory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("--- a/"), "\(result.stdout)")
        #expect(result.stdout.contains("--- a/tr-tr/x.md\n+++ b/tr-tr/x.md\n@@ "), "\(result.stdout)")
        #expect(result.stdout.contains("+Bu makale, İş Ortağı Merkezi'nde bir ilişkinin"))
        #expect(result.stdout.contains("-Bkz. [sözleşmeler](..\\tr-tr\\Agreements.md)."))
        #expect(result.stderr.contains("--fix would fix"))
        #expect(try Self.read(dir, "tr-tr/x.md") == Self.turkish)
    }

    @Test func fixRewritesTheFilesReportsWhatIsLeftAndASecondRunChangesNothing() throws {
        let dir = try Self.tree()
        let first = try CommandRunner.run(["validate", ".", "--fix", "--today", "2026-11-21"], directory: dir)
        #expect(first.stderr.contains("fixed"), "\(first.stderr)")
        let fixed = try Self.read(dir, "tr-tr/x.md")
        #expect(fixed.contains("Bu makale, İş Ortağı Merkezi'nde bir ilişkinin"))
        // The backslashes first, then the case of the name, in one run: two fixes of one link
        // overlap, so the second waits; a second run finishes it.
        _ = try CommandRunner.run(["validate", ".", "--fix", "--today", "2026-11-21"], directory: dir)
        #expect(try Self.read(dir, "tr-tr/x.md").contains("[sözleşmeler](../tr-tr/agreements.md)"))
        let again = try CommandRunner.run(
            ["validate", ".", "--fix", "--dry-run", "--today", "2026-11-21"], directory: dir)
        #expect(again.stdout.isEmpty, "\(again.stdout)")
        // No temporary file is left beside the article.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("tr-tr").path)
        #expect(names.sorted() == ["agreements.md", "x.md"])
    }

    @Test func dryRunAloneIsAUsageError() throws {
        let dir = try Self.tree()
        let result = try CommandRunner.run(["validate", ".", "--dry-run"], directory: dir)
        #expect(result.status == 64 || result.status == 2, "\(result.status) \(result.stderr)")
        #expect(try Self.read(dir, "tr-tr/x.md") == Self.turkish)
    }

    /// The fix over a copy of the real three-locale tree: what it must remove, and that no rule
    /// gains a finding.
    @Test(.enabled(if: RepositoryPaths.hasCorpus)) func onACopyOfTheCorpusTheFixAddsNoFinding() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("validate --fix over the corpus") else { return }
        let dir = try RepositoryPaths.temporaryDirectory()
        let tree = dir.appendingPathComponent("partner-center")
        try FileManager.default.copyItem(at: corpus.appendingPathComponent("partner-center"), to: tree)
        let config = RepositoryPaths.file("Examples/partner-center.waymark.yml").path
        func counts() throws -> [String: Int] {
            let run = try CommandRunner.run(
                ["validate", "--config", config, "partner-center", "--today", "2026-11-21", "--format", "json"],
                directory: dir)
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            var counts: [String: Int] = [:]
            for finding in object?["findings"] as? [[String: Any]] ?? [] {
                counts[finding["rule"] as? String ?? "", default: 0] += 1
            }
            return counts
        }
        let before = try counts()
        let fix = try CommandRunner.run(
            [
                "validate", "--config", config, "partner-center", "--today", "2026-11-21", "--fix", "--format", "json",
                "--output", "/dev/null",
            ],
            directory: dir)
        #expect(fix.stderr.contains("fixed"), "\(fix.stderr)")
        let after = try counts()
        for (rule, count) in after {
            #expect(count <= before[rule] ?? 0, "\(rule): \(before[rule] ?? 0) → \(count)")
        }
        func removed(_ rule: String) -> Double {
            let was = Double(before[rule] ?? 0)
            return was == 0 ? 1 : (was - Double(after[rule] ?? 0)) / was
        }
        #expect((before["turkish-dotless-capital-i"] ?? 0) > 1000)
        #expect(removed("turkish-dotless-capital-i") >= 0.95)
        #expect(removed("turkish-detached-suffix") >= 0.90)
        #expect(after["link-backslash", default: 0] == 0 && before["link-backslash", default: 0] > 0)
        #expect(after["link-case-mismatch", default: 0] == 0 && before["link-case-mismatch", default: 0] > 0)
        // Idempotent: a second run has nothing left to fix.
        let again = try CommandRunner.run(
            ["validate", "--config", config, "partner-center", "--today", "2026-11-21", "--fix", "--dry-run"],
            directory: dir)
        #expect(again.stdout.isEmpty)
    }
}

/// `--fix` writes only inside the validated tree.
@Suite struct ValidateFixBoundaryTests {
    @Test func anArticleLinkedFromOutsideTheTreeIsNotRewritten() throws {
        let outside = try RepositoryPaths.temporaryDirectory().appendingPathComponent("outside.md")
        try Data(ValidateFixTests.turkish.utf8).write(to: outside)
        let dir = try RepositoryPaths.temporaryTree(["tr-tr/agreements.md": ValidateFixTests.turkish])
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("tr-tr/x.md"), withDestinationURL: outside)
        let result = try CommandRunner.run(["validate", ".", "--fix", "--today", "2026-11-21"], directory: dir)
        #expect(result.stderr.contains("left out"), "\(result.stderr)")
        #expect(try String(contentsOf: outside, encoding: .utf8) == ValidateFixTests.turkish)
        // The link is still a link, and the article in the tree was fixed.
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("tr-tr/x.md").path)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try ValidateFixTests.read(dir, "tr-tr/agreements.md").contains("İş Ortağı Merkezi'nde"))
    }
}

/// The dry-run diff is raw for `patch` when piped, and never drives the terminal it is shown on.
@Suite(.enabled(if: TmuxSession.isAvailable)) struct ValidateFixTerminalTests {
    @Test func anArticlesControlCharactersAreShownNotObeyedOnATerminal() throws {
        // A line with a fix and an escape sequence that would clear the screen.
        let article = ValidateFixTests.turkish.replacingOccurrences(
            of: "Bu makale,", with: "\u{1B}[2J\u{1B}[31mBu makale,")
        let dir = try RepositoryPaths.temporaryTree(["tr-tr/x.md": article])
        let piped = try CommandRunner.run(
            ["validate", ".", "--fix", "--dry-run", "--today", "2026-11-21"], directory: dir)
        #expect(piped.stdout.contains("+\u{1B}[2J\u{1B}[31mBu makale, İş Ortağı"), "\(piped.stdout)")
        let tmux = try TmuxSession(width: 200, height: 30)
        try tmux.type(
            "cd \(dir.path) && \(CommandRunner.executable.path) validate . --fix --dry-run --today 2026-11-21")
        let screen = try tmux.waitFor("would fix")
        #expect(screen.contains("^[[2J^[[31mBu makale, İş Ortağı"), "\(screen)")
    }
}
