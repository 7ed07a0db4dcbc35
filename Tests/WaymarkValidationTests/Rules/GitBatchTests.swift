import Foundation
import Synchronization
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// A work tree's files at a commit are read through one `git cat-file --batch` for the whole run:
/// each answer must be the file asked for, whatever came before it (a name git does not know, a
/// folder, a file larger than a read, an empty one).
@Suite(.enabled(if: GitCommand.isAvailable)) struct GitBatchTests {
    @Test func filesAtACommitAreReadInTurnThroughOneBatch() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GitStalenessTests.git(["init", "-q", "."], in: dir)
        let files = [
            "a.md": "# A\n",
            "folder/b c.md": "a name with a space\n",
            "big.md": String(repeating: "a line of text, ü and İ\n", count: 12_000),
            "empty.md": "",
            "line\nbreak.md": "asked on its own\n",
        ]
        for (path, text) in files { try GitStalenessTests.write(text, path, in: dir) }
        try GitStalenessTests.git(["add", "."], in: dir)
        try GitStalenessTests.git(["commit", "-q", "-m", "files"], in: dir)
        let commit = try GitStalenessTests.git(["rev-parse", "HEAD"], in: dir)
        // Changed since: the commit's text is what is read.
        try GitStalenessTests.write("# A, changed\n", "a.md", in: dir)
        let tree = try #require(GitTree.open(at: dir.path))
        #expect(files["big.md"]!.utf8.count > 200_000)
        for round in 0..<3 {
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                #expect(tree.contents(of: tree.top + "/" + path, at: commit) == Array(text.utf8), "\(path), \(round)")
                #expect(tree.contents(of: tree.top + "/missing.md", at: commit) == nil)
                #expect(tree.contents(of: tree.top + "/folder", at: commit) == nil)
                #expect(tree.contents(of: tree.top + "/a.md", at: String(repeating: "0", count: 40)) == nil)
            }
        }
        // A short name of the commit, and one that is not a name at all.
        #expect(tree.contents(of: tree.top + "/a.md", at: String(commit.prefix(8))) == Array("# A\n".utf8))
        #expect(tree.contents(of: tree.top + "/a.md", at: "HEAD") == nil)
        #expect(tree.contents(of: "/elsewhere/a.md", at: commit) == nil)
    }

    /// A work tree opened ahead of its first use (`SourceRevisions.prefetch`) is the one opened
    /// where it is first asked for: every thread that asks, while it is opening or after, gets
    /// it, with the files changed since the commit marked. A tree outside git has none.
    @Test func aWorkTreeOpenedAheadIsTheOneOpenedOnFirstUse() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GitStalenessTests.git(["init", "-q", "."], in: dir)
        try GitStalenessTests.write("# A\n", "a.md", in: dir)
        try GitStalenessTests.write("# B\n", "b.md", in: dir)
        try GitStalenessTests.git(["add", "."], in: dir)
        try GitStalenessTests.git(["commit", "-q", "-m", "files"], in: dir)
        try GitStalenessTests.write("# A, changed\n", "a.md", in: dir)
        let lazy = try #require(SourceRevisions(root: dir.path).git)
        let ahead = SourceRevisions(root: dir.path)
        ahead.prefetch()
        ahead.prefetch()
        let seen = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let git = ahead.git
            let names = [git?.top ?? "none", git?.head ?? "none", ahead.revision(of: lazy.top + "/a.md")]
            seen.withLock { $0.append(names.joined(separator: " ")) }
        }
        let expected = [lazy.top, lazy.head, lazy.head + "+"].joined(separator: " ")
        #expect(seen.withLock { $0 } == Array(repeating: expected, count: 8))
        #expect(ahead.revision(of: lazy.top + "/b.md") == lazy.head)

        let outside = try RepositoryPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        let none = SourceRevisions(root: outside.path)
        none.prefetch()
        #expect(GitTree.hasGitAbove(outside.path) || none.git == nil)
    }

    /// An answer that is not what the batch writes breaks the session: nothing after it is
    /// trusted, and the file is asked for on its own instead.
    @Test func aSessionThatEndsIsBrokenNotMisread() throws {
        let session = try #require(ChildProcess.Session("sh", ["-c", "read line; printf 'deadbeef blob 10\\nabc'"]))
        #expect(GitTree.blob("x:y", from: session) == nil)
        #expect(session.broken)
        #expect(GitTree.blob("x:y", from: session) == nil)
        let gone = try #require(ChildProcess.Session("true", []))
        // Writing to a program that has exited fails (no SIGPIPE).
        Thread.sleep(forTimeInterval: 0.1)
        #expect(GitTree.blob("x:y", from: gone) == nil)
        #expect(gone.broken)
    }
}
