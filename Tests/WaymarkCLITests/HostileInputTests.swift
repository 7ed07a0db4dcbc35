import Foundation
import GRDB
import Testing
import WaymarkTestSupport

/// Bad input for every reader Waymark has (articles, front matter, includes, links, the tree,
/// configuration, bindings, XLIFF catalogs, the glossary, the store, locales), each run through
/// `waymark` as a user would: the run must end (no hang), with no crash, with the expected clear
/// error and exit status, and leave files it was given as they were.
@Suite struct HostileInputTests {
    @Test(arguments: HostileCase.all)
    func hostileInputGetsAClearError(_ c: HostileCase) throws {
        if c.asOtherUser, getuid() == 0, !FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            print("SKIPPED hostile case \(c.name): running as root without setpriv to drop privileges")
            return
        }
        let dir = try RepositoryPaths.temporaryDirectory()
        defer {
            chmodTree(dir)
            try? FileManager.default.removeItem(at: dir)
        }
        try c.setup(dir)
        let guarded = c.unchanged.map { dir.appendingPathComponent($0).path }
        let before = guarded.map { FileManager.default.contents(atPath: $0) }
        let arguments = c.arguments.map { $0.replacingOccurrences(of: "$DIR", with: dir.path) }
        let launcher =
            c.asOtherUser && getuid() == 0
            ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : []
        let result: CommandRunner.Result
        if let lock = c.lockedDatabase {
            // Another process's write transaction holds the database for the whole run.
            let queue = try DatabaseQueue(path: dir.appendingPathComponent(lock).path)
            result = try queue.inDatabase { db in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                defer { try? db.execute(sql: "ROLLBACK") }
                return try CommandRunner.run(arguments, environment: c.environment, directory: dir, timeout: 60)
            }
        } else {
            result = try CommandRunner.run(
                arguments, environment: c.environment, directory: dir, launcher: launcher, timeout: 60)
        }
        let output = result.stderr + result.stdout
        #expect(!result.signaled, "\(c.name): killed by a signal (crash or hang): \(output.prefix(2000))")
        #expect(
            result.status == c.status, "\(c.name): exit \(result.status), expected \(c.status): \(output.prefix(2000))")
        for text in c.expect {
            #expect(output.contains(text), "\(c.name): \"\(text)\" not in: \(output.prefix(2000))")
        }
        for text in c.absent {
            #expect(!output.contains(text), "\(c.name): \"\(text)\" should not be printed")
        }
        for (path, old) in zip(guarded, before) {
            #expect(FileManager.default.contents(atPath: path) == old, "\(c.name): \(path) was changed")
        }
    }

    @Test func theSuiteCoversEveryKindOfBadInputTheIssueNames() {
        #expect(HostileCase.all.count >= 40)
        #expect(Set(HostileCase.all.map(\.name)).count == HostileCase.all.count)
        for reader in HostileCase.Reader.allCases {
            #expect(HostileCase.all.contains { $0.reader == reader }, "no case for \(reader)")
        }
    }

    private func chmodTree(_ dir: URL) {
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return }
        while let next = walker.nextObject() as? String {
            chmod(dir.appendingPathComponent(next).path, 0o755)
        }
    }
}

/// One bad input: the files it needs, the command, and what a user must see.
struct HostileCase: Sendable, CustomTestStringConvertible {
    enum Reader: String, CaseIterable, Sendable {
        case article, frontMatter, include, tree, configuration, binding, xliff, glossary, store, locale
    }

    var name: String
    var reader: Reader
    var arguments: [String]
    var status: Int32
    var expect: [String]
    var absent: [String] = []
    var environment: [String: String] = [:]
    /// Files (relative to the case's folder) whose bytes must be the same afterwards.
    var unchanged: [String] = []
    /// Runs the command as an unprivileged user, so that file modes apply even to root.
    var asOtherUser = false
    /// A database (relative path) another connection holds an exclusive lock on during the run.
    var lockedDatabase: String?
    var setup: @Sendable (URL) throws -> Void

    var testDescription: String { name }
}

// MARK: - Building inputs

/// Files and texts the hostile cases are made of.
enum Hostile {
    static let frontMatter = "---\ntitle: Hostile input\nms.date: 01/02/2024\n---\n# Hostile\n\n"

    static func write(_ dir: URL, _ path: String, _ bytes: [UInt8]) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    static func write(_ dir: URL, _ path: String, _ text: String) throws {
        try write(dir, path, Array(text.utf8))
    }

    static func link(_ dir: URL, _ path: String, to target: String) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    static func fifo(_ dir: URL, _ path: String) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard mkfifo(url.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// YAML whose aliases expand to 9^depth values.
    static func aliasBomb(depth: Int) -> String {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for i in 1...depth {
            let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ")
            lines.append("a\(i): &a\(i) [\(refs)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An XLIFF 2.0 document around `units`, after an optional prolog.
    static func xliff(_ units: String, prolog: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(prolog)<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US">
        <file id="f">\(units)</file>
        </xliff>

        """
    }

    static let docsRootMarker = "docfx.json"

    /// A store with the demo data, made by the program itself.
    static func demoStore(_ dir: URL, _ name: String) throws {
        let made = try CommandRunner.run(["customers", "list", "--db", dir.appendingPathComponent(name).path])
        guard made.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        for suffix in ["-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: dir.appendingPathComponent(name).path + suffix)
        }
    }
}
