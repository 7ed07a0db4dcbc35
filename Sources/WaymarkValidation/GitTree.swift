import Foundation
import Synchronization
import WaymarkContent
import WaymarkCore

/// The git work tree a documentation tree lives in, read through the `git` command: the
/// revision a source article is at, and its text at an older commit.
///
/// Opened only when a rule asks (most runs never do), once a run; a tree outside git, or a
/// machine without git, has none, and the rules fall back on what the files themselves say.
package final class GitTree: Sendable {
    /// Absolute path of the work tree's top folder.
    let top: String
    /// Short name of the checked-out commit.
    let head: String
    /// Paths (relative to `top`) with changes not committed.
    let modified: Set<String>

    /// `git cat-file --batch` in the work tree, started by the first `contents` and kept for the
    /// rest of the run (a tree's translations ask for hundreds of files).
    private let batch = Mutex<(started: Bool, session: ChildProcess.Session?)>((false, nil))

    private init(top: String, head: String, modified: Set<String>) {
        self.top = top
        self.head = head
        self.modified = modified
    }

    /// The work tree that holds `folder`, or `nil`. Git is asked only when a `.git` is found in
    /// the folder or above it: most trees validated are not work trees, and a run should not
    /// start a process to learn that.
    package static func open(at folder: String) -> GitTree? {
        guard hasGitAbove(folder) else { return nil }
        guard let top = run(["-C", folder, "rev-parse", "--show-toplevel"]).flatMap(line),
            let head = run(["-C", folder, "rev-parse", "--short", "HEAD"]).flatMap(line)
        else { return nil }
        var modified: Set<String> = []
        if let status = run(["-C", top, "status", "--porcelain", "-z", "--untracked-files=all"]) {
            for entry in status.split(separator: 0) where entry.count > 3 {
                modified.insert(String(decoding: entry.dropFirst(3), as: UTF8.self))
            }
        }
        return GitTree(top: ArticleParser.absolute(top), head: head, modified: modified)
    }

    /// Whether `folder` or a folder above it holds `.git` (a folder, or a file in a worktree).
    static func hasGitAbove(_ folder: String) -> Bool {
        var path = ArticleParser.absolute(folder)
        while true {
            if access(path + "/.git", F_OK) == 0 { return true }
            guard let slash = path.lastIndex(of: "/"), path != "/" else { return false }
            path = slash == path.startIndex ? "/" : String(path[..<slash])
        }
    }

    /// `path` (absolute) relative to the work tree, or `nil` outside it.
    func relative(_ path: String) -> String? {
        let prefix = top.hasSuffix("/") ? top : top + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    /// The revision of the file at `path` (absolute): the checked-out commit, marked when the
    /// file has changes of its own.
    func revision(of path: String) -> String? {
        guard let relative = relative(path) else { return nil }
        return modified.contains(relative) ? head + "+" : head
    }

    /// The bytes of the file at `path` (absolute) as of `commit`, or `nil` when the commit or the
    /// file at it is unknown. `commit` must be a hexadecimal object name: it is never an option.
    package func contents(of path: String, at commit: String) -> [UInt8]? {
        guard (4...64).contains(commit.utf8.count), commit.utf8.allSatisfy(Self.isHex),
            let relative = relative(path)
        else { return nil }
        let object = "\(commit):\(relative)"
        // The batch reads one name a line: a path with a line break is asked on its own.
        if relative.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            return Self.run(["-C", top, "cat-file", "blob", object])
        }
        let top = self.top
        return batch.withLock { state -> [UInt8]? in
            if !state.started {
                state.started = true
                state.session = ChildProcess.Session(
                    "git", ["-C", top, "cat-file", "--batch"], environment: Self.environment)
            }
            guard let session = state.session, !session.broken else {
                return Self.run(["-C", top, "cat-file", "blob", object])
            }
            return Self.blob(object, from: session)
        }
    }

    /// The largest file read from git, as `run` reads.
    static let limit = 64 << 20

    /// The blob `object` names, asked of a `git cat-file --batch`: its answer is
    /// `OID SP TYPE SP SIZE LF`, the object's bytes and `LF`, or `NAME SP missing LF` (or
    /// `ambiguous`) for a name it does not resolve. A tree or a commit is read past.
    static func blob(_ object: String, from session: ChildProcess.Session) -> [UInt8]? {
        guard session.write(Array((object + "\n").utf8)), let header = session.readLine() else { return nil }
        let fields = header.split(separator: UInt8(ascii: " "))
        guard fields.count == 3, fields[0].allSatisfy(isHex),
            let size = Int(String(decoding: fields[2], as: UTF8.self)),
            size >= 0
        else { return nil }
        let keeps = fields[1].elementsEqual("blob".utf8) && size < limit
        guard let body = session.read(size, keeping: keeps), session.read(1) == [UInt8(ascii: "\n")] else {
            return nil
        }
        return keeps ? body : nil
    }

    /// What every git command gets: never the index lock, a credential prompt or a pager.
    private static let environment = ["GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"]

    static func isHex(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f"))
            || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
    }

    private static func line(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// `git ARGUMENTS`' standard output, or `nil` when git is missing or fails. Reading only:
    /// never the index lock, a credential prompt or a pager.
    static func run(_ arguments: [String]) -> [UInt8]? {
        ChildProcess.output("git", arguments, environment: environment, limit: limit)
    }
}

/// The revision of each source article that translations are compared with, named in the
/// cross-locale findings: the git commit when the tree is a work tree, else the article's
/// Waymark content hash (what `waymark.source-hash` records). Worked out on first use, or
/// ahead of it (`prefetch`).
final class SourceRevisions: Sendable {
    private let root: String
    /// Whether the work tree was opened (and which it is), the revisions named so far, and the
    /// opening `prefetch` started, left once it is done.
    private let state = Mutex<(opened: Bool, git: GitTree?, names: [String: String], opening: DispatchGroup?)>(
        (false, nil, [:], nil))

    init(root: String) { self.root = root }

    /// Starts opening the work tree on a thread of its own, when the tree is in one: the run's
    /// articles are checked meanwhile, and the first rule to name a revision does not wait for
    /// `git` (its `status` rehashes the files an index written in the same second as them
    /// lists, tens of milliseconds in a fresh clone).
    func prefetch() {
        guard GitTree.hasGitAbove(root) else { return }
        let group = DispatchGroup()
        group.enter()
        let starts = state.withLock { state -> Bool in
            guard !state.opened, state.opening == nil else { return false }
            state.opening = group
            return true
        }
        guard starts else { return }
        Thread { [self] in
            let git = GitTree.open(at: root)
            state.withLock {
                if !$0.opened { ($0.opened, $0.git) = (true, git) }
            }
            group.leave()
        }.start()
    }

    /// The work tree of the validated tree, opened on first use (or waited for, once `prefetch`
    /// started opening it).
    var git: GitTree? {
        let (opened, known, pending) = state.withLock { ($0.opened, $0.git, $0.opening) }
        if opened { return known }
        if let pending {
            pending.wait()
            return state.withLock { $0.git }
        }
        let git = GitTree.open(at: root)
        return state.withLock {
            if !$0.opened { ($0.opened, $0.git) = (true, git) }
            return $0.git
        }
    }

    /// How to name the revision of the file at `path` (absolute) with the files it includes: in a
    /// work tree the commit, marked when the file or one of its includes has changes of its own.
    func revision(of path: String, includes: [String] = []) -> String {
        if let known = state.withLock({ $0.names[path] }) { return known }
        let name: String
        if let git, let commit = git.revision(of: path) {
            let changedInclude = includes.contains { git.revision(of: $0)?.hasSuffix("+") == true }
            name = commit.hasSuffix("+") || !changedInclude ? commit : commit + "+"
        } else {
            name = ContentHash.of(fileAt: path) ?? "?"
        }
        state.withLock { $0.names[path] = name }
        return name
    }
}
