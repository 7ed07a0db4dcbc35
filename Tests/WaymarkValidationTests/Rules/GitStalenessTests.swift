import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport
import WaymarkValidation

enum GitCommand {
    static let isAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/git")
}

/// `translation-stale` from the translation's own record (`ms.sourcegitcommit`), on a git
/// repository the test builds: the source then and now compared step by step.
@Suite(.enabled(if: GitCommand.isAvailable)) struct GitStalenessTests {
    @discardableResult
    static func git(_ arguments: [String], in dir: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-c", "user.name=Waymark Test", "-c", "user.email=test@example.com"] + arguments
        process.currentDirectoryURL = dir
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func write(_ text: String, _ path: String, in dir: URL) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A repository whose English article changed after the Turkish one was made from it; the
    /// Turkish records `commit(first)`, and `edit` makes the English of the second commit.
    static func repository(edit: (String) -> String, recorded: ((String) -> String)? = nil) throws -> URL {
        let dir = try RepositoryPaths.temporaryDirectory()
        try git(["init", "-q", "."], in: dir)
        try write(Doc.english(), "en-us/x.md", in: dir)
        try git(["add", "."], in: dir)
        try git(["commit", "-q", "-m", "English"], in: dir)
        let first = try git(["rev-parse", "HEAD"], in: dir)
        try write(Doc.turkish(extra: "ms.sourcegitcommit: \((recorded ?? { $0 })(first))"), "tr-tr/x.md", in: dir)
        try write(edit(Doc.english()), "en-us/x.md", in: dir)
        try git(["add", "."], in: dir)
        try git(["commit", "-q", "-m", "Turkish, and the English edited"], in: dir)
        return dir
    }

    static func stale(_ dir: URL) throws -> [Diagnostic] {
        try Validator(configuration: ValidationConfiguration(), options: .init(jobs: 1, today: TreeFixture.today))
            .run(root: dir.path).findings.filter { $0.id == "translation-stale" }
    }

    @Test func aStepChangedSinceTheRecordedCommitIsNamedByItsStepID() throws {
        let dir = try Self.repository(edit: {
            $0.replacingOccurrences(
                of: "2. Select **Remove reseller relationship**.", with: "2. Select **End relationship**.")
        })
        let found = try Self.stale(dir)
        #expect(found.count == 1, "\(found.map(\.arguments))")
        let finding = try #require(found.first)
        #expect(finding.messageKey == "rule.translation-stale.changed")
        #expect(finding.arguments["steps"] == "remove/2")
        #expect(finding.arguments["count"] == "1")
        #expect(finding.path?.hasSuffix("tr-tr/x.md") == true)
        #expect(finding.sourceLine?.hasPrefix("ms.sourcegitcommit:") == true)
        let note = try #require(finding.notes.first)
        #expect(note.path?.hasSuffix("en-us/x.md") == true)
        // The cross-locale notes name the source revision: the commit checked out.
        let head = try Self.git(["rev-parse", "--short", "HEAD"], in: dir)
        #expect(head.count >= 4)
    }

    @Test func aChangeOutsideTheStepsIsReportedAsSuch() throws {
        let dir = try Self.repository(edit: {
            $0.replacingOccurrences(of: "Global admin", with: "Global admin, Admin agent")
        })
        let found = try Self.stale(dir)
        #expect(found.map(\.messageKey) == ["rule.translation-stale.changed-elsewhere"])
    }

    @Test func anUnchangedSourceAnUnknownCommitOrNoGitIsQuiet() throws {
        #expect(try Self.stale(Self.repository(edit: { $0 })).isEmpty)
        let unknown = try Self.repository(
            edit: { $0.replacingOccurrences(of: "Select", with: "Pick") }, recorded: { _ in "0123456789abcdef" })
        #expect(try Self.stale(unknown).isEmpty)
        // An option is never passed to git as a commit.
        let option = try Self.repository(
            edit: { $0.replacingOccurrences(of: "Select", with: "Pick") }, recorded: { _ in "--output=/tmp/x" })
        #expect(try Self.stale(option).isEmpty)
        // The same files outside git: the recorded commit cannot be read; the rule falls back.
        let plain = try RepositoryPaths.temporaryDirectory()
        try Self.write(Doc.english(), "en-us/x.md", in: plain)
        try Self.write(Doc.turkish(extra: "ms.sourcegitcommit: 0123456789abcdef"), "tr-tr/x.md", in: plain)
        #expect(try Self.stale(plain).isEmpty)
    }

    @Test func crossLocaleNotesNameTheSourceRevision() throws {
        let dir = try Self.repository(edit: { $0 })
        try Self.write(
            Doc.turkish(
                Doc.turkishBody.replacingOccurrences(of: "> [!NOTE]", with: "> [!WARNING]")), "tr-tr/x.md", in: dir)
        try Self.git(["commit", "-q", "-am", "A warning"], in: dir)
        let result = try Validator(
            configuration: ValidationConfiguration(), options: .init(jobs: 1, today: TreeFixture.today)
        ).run(root: dir.path)
        let finding = try #require(result.findings.first { $0.id == "translation-alerts-differ" })
        let head = try Self.git(["rev-parse", "--short", "HEAD"], in: dir)
        #expect(finding.notes.first?.arguments["revision"] == head)
    }
}
