import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// `validate --changed-since`: over a git repository of a real product's tree with an article
/// edited, an include edited, an article deleted and one added, the report is byte for byte the
/// whole tree's report cut to the changed files and the files that depend on them, found here
/// from the files' text (the other locales' copies, the files that link to or include them).
@Suite(.enabled(if: GitCommand.isAvailable)) struct ChangedSinceTests {
    static let edited = "tr-tr/hololens/hololens-kiosk.md"
    static let include = "en-us/hololens/includes/kiosk-configure-steps.md"
    static let deleted = "en-us/hololens/hololens-calibration.md"
    static let added = "en-us/hololens/waymark-added.md"

    static func report(_ findings: [Diagnostic], files: Int) -> [UInt8] {
        ReportFormat.json.bytes(
            Report(
                findings: findings, articlesChecked: files, baselined: 0,
                localize: { key, arguments in key + arguments.sorted { $0.key < $1.key }.map { " \($0.value)" }.joined()
                }))
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func theReportIsTheWholeReportOfTheChangedFilesAndTheirDependents() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("ChangedSinceTests.report") else { return }
        let dir = try RepositoryPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("hololens")
        try FileManager.default.copyItem(at: corpus.appendingPathComponent("hololens"), to: tree)
        try GitStalenessTests.git(["init", "-q", "."], in: tree)
        try GitStalenessTests.git(["add", "."], in: tree)
        try GitStalenessTests.git(["commit", "-q", "-m", "HoloLens"], in: tree)

        func append(_ text: String, _ relative: String) throws {
            let handle = try FileHandle(forWritingTo: tree.appendingPathComponent(relative))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
        try append("\nBkz. [eksik](bu-dosya-yok.md).\n", Self.edited)
        try append("\nSee [missing](not-here.md).\n", Self.include)
        try FileManager.default.removeItem(at: tree.appendingPathComponent(Self.deleted))
        let source = try String(
            contentsOf: tree.appendingPathComponent("en-us/hololens/hololens-kiosk.md"), encoding: .utf8)
        try Data((source + "\n[Broken](no-such-article.md)\n").utf8).write(
            to: tree.appendingPathComponent(Self.added))

        let configuration = try ValidationConfiguration.load(
            path: RepositoryPaths.file("Examples/hololens.waymark.yml").path)
        let whole = try Validator(configuration: configuration, options: .init(jobs: 2, today: TreeFixture.today))
            .run(root: tree.path)
        let changed = try Validator(
            configuration: configuration, options: .init(jobs: 2, today: TreeFixture.today, changedSince: "HEAD")
        ).run(root: tree.path)

        // What depends on the changes, from the text of the files.
        let changedFiles = [Self.edited, Self.include, Self.deleted, Self.added]
        var expected = Set(changedFiles)
        let files =
            FileManager.default.enumerator(atPath: tree.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".git/") } ?? []
        for path in changedFiles {
            let key = path.split(separator: "/").dropFirst().joined(separator: "/")
            for locale in ["en-us", "tr-tr", "hu-hu"] where files.contains("\(locale)/\(key)") {
                expected.insert("\(locale)/\(key)")
            }
        }
        for file in files {
            // A link destination may follow its parenthesis after spaces.
            let text = ((try? String(contentsOf: tree.appendingPathComponent(file), encoding: .utf8)) ?? "")
                .replacingOccurrences(of: "\\(\\s+", with: "(", options: .regularExpression)
            let folder = (file as NSString).deletingLastPathComponent
            for path in changedFiles where (path as NSString).deletingLastPathComponent == folder {
                let name = (path as NSString).lastPathComponent
                if text.contains("(\(name)") || text.contains("(\(name.dropLast(3)))")
                    || text.contains("(\(name.dropLast(3))#")
                {
                    expected.insert(file)
                }
            }
            if text.lowercased().contains("includes/kiosk-configure-steps.md") { expected.insert(file) }
        }
        let shown = Set(expected.map { tree.path + "/" + $0 })
        let cut = whole.findings.filter { shown.contains($0.path ?? "") }
        #expect(!cut.isEmpty && cut.count < whole.findings.count)
        let reported = Set(changed.findings.compactMap(\.path))
        #expect(
            reported.isSubset(of: shown), "reported outside the expected files: \(reported.subtracting(shown).sorted())"
        )
        #expect(
            FactCacheTests.difference(
                Self.report(changed.findings, files: changed.articlesChecked),
                Self.report(cut, files: whole.articlesChecked)
            ) == nil,
            "expected \(cut.count) findings, reported \(changed.findings.count); not reported: \(Set(cut.compactMap(\.path)).subtracting(reported).sorted())"
        )
        #expect(changed.changedFiles == 4)
        #expect(changed.reportedFiles == expected.subtracting([Self.deleted]).count)
    }

    @Test func aTreeOutsideGitOrAnUnknownRevisionIsAClearError() throws {
        let dir = try RepositoryPaths.temporaryTree(["en-us/x.md": "# X\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ValidationFailure.self) {
            try Validator(configuration: ValidationConfiguration(), options: .init(changedSince: "HEAD")).run(
                root: dir.path)
        }
        try GitStalenessTests.git(["init", "-q", "."], in: dir)
        try GitStalenessTests.git(["add", "."], in: dir)
        try GitStalenessTests.git(["commit", "-q", "-m", "x"], in: dir)
        for revision in ["no-such-branch", "--output=/tmp/x", "HEAD~5"] {
            do {
                _ = try Validator(configuration: ValidationConfiguration(), options: .init(changedSince: revision))
                    .run(root: dir.path)
                Issue.record("\(revision) was accepted")
            } catch {
                #expect(error.text == .changedSinceUnknown)
                #expect(error.arguments["revision"] == revision)
            }
        }
    }
}
