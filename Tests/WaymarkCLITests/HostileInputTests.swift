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

private let frontMatter = "---\ntitle: Hostile input\nms.date: 01/02/2024\n---\n# Hostile\n\n"

private func write(_ dir: URL, _ path: String, _ bytes: [UInt8]) throws {
    let url = dir.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
}

private func write(_ dir: URL, _ path: String, _ text: String) throws {
    try write(dir, path, Array(text.utf8))
}

private func link(_ dir: URL, _ path: String, to target: String) throws {
    let url = dir.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
}

private func fifo(_ dir: URL, _ path: String) throws {
    let url = dir.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    guard mkfifo(url.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
}

/// YAML whose aliases expand to 9^depth values.
private func aliasBomb(depth: Int) -> String {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in 1...depth {
        let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ")
        lines.append("a\(i): &a\(i) [\(refs)]")
    }
    return lines.joined(separator: "\n") + "\n"
}

/// An XLIFF 2.0 document around `units`, after an optional prolog.
private func xliff(_ units: String, prolog: String = "") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    \(prolog)<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US">
    <file id="f">\(units)</file>
    </xliff>

    """
}

private let docsRootMarker = "docfx.json"

/// A store with the demo data, made by the program itself.
private func demoStore(_ dir: URL, _ name: String) throws {
    let made = try CommandRunner.run(["customers", "list", "--db", dir.appendingPathComponent(name).path])
    guard made.status == 0 else { throw CocoaError(.fileWriteUnknown) }
    for suffix in ["-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: dir.appendingPathComponent(name).path + suffix)
    }
}

extension HostileCase {
    static let all: [HostileCase] =
        articles + frontMatters + includes + trees + configurations + bindings + catalogs
        + glossaries + stores + locales

    static let articles: [HostileCase] = [
        HostileCase(
            name: "invalid UTF-8 in the body", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:7:6: error: invalid UTF-8 byte sequence"]
        ) { try write($0, "a.md", Array((frontMatter + "1. ab").utf8) + [0xFF, 0xFE] + Array("cd\n".utf8)) },
        HostileCase(
            name: "an overlong UTF-8 encoding of '/'", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:7:1: error: invalid UTF-8 byte sequence"]
        ) { try write($0, "a.md", Array(frontMatter.utf8) + [0xC0, 0xAF, 0x0A]) },
        HostileCase(
            name: "a UTF-16 file", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:1:1: error: invalid UTF-8 byte sequence"]
        ) { try write($0, "a.md", [0xFF, 0xFE] + Array("---".utf16).flatMap { [UInt8($0), 0] }) },
        HostileCase(
            name: "a NUL byte in the body", reader: .article, arguments: ["inspect", "a.md"], status: 0,
            expect: ["a.md:7:3: warning: NUL byte (U+0000)", "Hostile"]
        ) { try write($0, "a.md", Array((frontMatter + "ab").utf8) + [0] + Array("cd\n".utf8)) },
        HostileCase(
            name: "a 100 MB line", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:1:1: error: file is 104,857,", "bytes, larger than the 16,777,216-byte limit"]
        ) { try write($0, "a.md", Array(frontMatter.utf8) + [UInt8](repeating: 0x61, count: 100 << 20) + [0x0A]) },
        HostileCase(
            name: "a 15 MB line under the size limit", reader: .article, arguments: ["inspect", "a.md"], status: 0,
            expect: ["FrontMatter @1:1-4:3"]
        ) { try write($0, "a.md", frontMatter + "1. " + String(repeating: "word ", count: 3_000_000) + "\n") },
        HostileCase(
            name: "10,000 nested lists", reader: .article, arguments: ["inspect", "a.md"], status: 0,
            expect: ["warning: content nested more than"]
        ) {
            try write($0, "a.md", frontMatter + String(repeating: "- ", count: 10_000) + "item\n")
        },
        HostileCase(
            name: "10,000 nested block quotes", reader: .article, arguments: ["inspect", "a.md"], status: 0,
            expect: ["warning: content nested more than"]
        ) { try write($0, "a.md", frontMatter + String(repeating: ">", count: 10_000) + " deep\n") },
        HostileCase(
            name: "50,000 unclosed brackets and emphasis marks", reader: .article, arguments: ["inspect", "a.md"],
            status: 0, expect: ["Paragraph"]
        ) { try write($0, "a.md", frontMatter + String(repeating: "[*_`", count: 50_000) + "\n") },
        HostileCase(
            name: "a missing article", reader: .article, arguments: ["inspect", "gone.md"], status: 1,
            expect: ["gone.md: no such file"]
        ) { _ in },
        HostileCase(
            name: "an article that is a folder", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md: is a directory"]
        ) {
            try FileManager.default.createDirectory(
                at: $0.appendingPathComponent("a.md"), withIntermediateDirectories: true)
        },
        HostileCase(
            name: "an article that is a FIFO", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md: cannot be read: not a regular file"]
        ) { try fifo($0, "a.md") },
        HostileCase(
            name: "an article that is a symbolic-link loop", reader: .article, arguments: ["inspect", "a.md"],
            status: 1, expect: ["a.md: cannot be read: too many levels of symbolic links"]
        ) {
            try link($0, "a.md", to: "b.md")
            try link($0, "b.md", to: "a.md")
        },
        HostileCase(
            name: "an unreadable article", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md: cannot be read: permission denied"], asOtherUser: true
        ) {
            try write($0, "a.md", frontMatter)
            chmod($0.appendingPathComponent("a.md").path, 0)
            chmod($0.path, 0o755)
        },
        HostileCase(
            name: "an empty article", reader: .article, arguments: ["inspect", "a.md"], status: 0,
            expect: ["a.md:1:1: warning: file is empty"]
        ) { try write($0, "a.md", "") },
    ]

    static let frontMatters: [HostileCase] = [
        HostileCase(
            name: "malformed YAML", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:3:8: error: YAML syntax error in front matter"]
        ) { try write($0, "a.md", "---\ntitle: [unclosed\nms.date: 01/02/2024\n---\n# T\n") },
        HostileCase(
            name: "a YAML alias bomb", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["error: front matter is too large or too deeply nested to read"]
        ) { try write($0, "a.md", "---\n" + aliasBomb(depth: 9) + "title: x\n---\n# T\n") },
        HostileCase(
            name: "YAML nested 10,000 levels deep", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["error: front matter is too large or too deeply nested to read"]
        ) {
            try write($0, "a.md", "---\ntitle: " + String(repeating: "[", count: 10_000) + "\n---\n# T\n")
        },
        HostileCase(
            name: "front matter that is never closed", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:1:1: error: front matter opened here is never closed"]
        ) { try write($0, "a.md", "---\ntitle: x\nms.date: 01/02/2024\n# T\n") },
        HostileCase(
            name: "front matter that is a list", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["error: front matter must be a mapping"]
        ) { try write($0, "a.md", "---\n- title\n- date\n---\n# T\n") },
        HostileCase(
            name: "invalid UTF-8 in front matter", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:2:8: error: invalid UTF-8 byte sequence"]
        ) { try write($0, "a.md", Array("---\ntitle: ".utf8) + [0xE2, 0x28, 0xA1] + Array("\n---\n# T\n".utf8)) },
        HostileCase(
            name: "an impossible date", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:3:1: error: \"ms.date\" is \"02/30/2024\", not a date"]
        ) { try write($0, "a.md", "---\ntitle: x\nms.date: 02/30/2024\n---\n# T\n") },
    ]

    static let includes: [HostileCase] = [
        HostileCase(
            name: "an include that climbs out of the docs root", reader: .include,
            arguments: ["inspect", "docs/a/a.md"], status: 1,
            expect: ["docs/a/a.md:7:1: error: included file \"../../../../../../etc/passwd\" is outside the docs root"],
            absent: ["root:x:0"]
        ) {
            try write($0, "docs/" + docsRootMarker, "{}")
            try write($0, "docs/a/a.md", frontMatter + "[!INCLUDE [p](../../../../../../etc/passwd)]\n")
        },
        HostileCase(
            name: "an include through a symbolic link leading out", reader: .include,
            arguments: ["inspect", "docs/a/a.md"], status: 1,
            expect: ["docs/a/a.md:7:1: error: included file \"secret.md\" is outside the docs root"],
            absent: ["root:x:0"]
        ) {
            try write($0, "docs/" + docsRootMarker, "{}")
            try link($0, "docs/a/secret.md", to: "/etc/passwd")
            try write($0, "docs/a/a.md", frontMatter + "[!INCLUDE [p](secret.md)]\n")
        },
        HostileCase(
            name: "an absolute include path", reader: .include, arguments: ["inspect", "docs/a/a.md"], status: 0,
            expect: ["docs/a/a.md:7:1: warning: included file \"/etc/passwd\" does not exist"], absent: ["root:x:0"]
        ) {
            try write($0, "docs/" + docsRootMarker, "{}")
            try write($0, "docs/a/a.md", frontMatter + "[!INCLUDE [p](/etc/passwd)]\n")
        },
        HostileCase(
            name: "an include cycle", reader: .include, arguments: ["inspect", "docs/a.md"], status: 1,
            expect: ["docs/b.md:1:1: error: include cycle: a.md -> b.md -> a.md"]
        ) {
            try write($0, "docs/" + docsRootMarker, "{}")
            try write($0, "docs/a.md", frontMatter + "[!INCLUDE [p](b.md)]\n")
            try write($0, "docs/b.md", "[!INCLUDE [p](a.md)]\n")
        },
        HostileCase(
            name: "includes nested 20 deep", reader: .include, arguments: ["inspect", "docs/a.md"], status: 1,
            expect: ["error: includes nested more than 8 levels deep"]
        ) {
            try write($0, "docs/" + docsRootMarker, "{}")
            try write($0, "docs/a.md", frontMatter + "[!INCLUDE [p](i1.md)]\n")
            for i in 1...20 { try write($0, "docs/i\(i).md", "Level \(i)\n\n[!INCLUDE [p](i\(i + 1).md)]\n") }
        },
        HostileCase(
            name: "an include that is a FIFO", reader: .include, arguments: ["inspect", "docs/a.md"], status: 1,
            expect: ["docs/a.md:7:1: error: included file \"f.md\" could not be read", "not a regular file"]
        ) {
            try write($0, "docs/" + docsRootMarker, "{}")
            try fifo($0, "docs/f.md")
            try write($0, "docs/a.md", frontMatter + "[!INCLUDE [p](f.md)]\n")
        },
        HostileCase(
            name: "a missing include", reader: .include, arguments: ["inspect", "docs/a.md"], status: 0,
            expect: ["docs/a.md:7:1: warning: included file \"gone.md\" does not exist"]
        ) {
            try write($0, "docs/" + docsRootMarker, "{}")
            try write($0, "docs/a.md", frontMatter + "[!INCLUDE [p](gone.md)]\n")
        },
    ]

    static let validArticle =
        "---\ntitle: A title that is long enough\ndescription: d\nms.date: 01/02/2024\n---\n# T\n\n"

    static let trees: [HostileCase] = [
        HostileCase(
            name: "a link that climbs out of the tree", reader: .tree,
            arguments: ["validate", "docs", "--today", "2024-06-01", "--format", "github"], status: 1,
            expect: ["file=docs/en-us/a.md,line=8,col=5", "is outside the documentation tree"]
        ) {
            try write($0, "docs/.waymark.yml", "profile: minimal\n")
            try write($0, "docs/en-us/a.md", validArticle + "See [this](../../../../etc/passwd).\n")
        },
        HostileCase(
            name: "folder symbolic links that loop", reader: .tree,
            arguments: ["validate", "docs", "--today", "2024-06-01"], status: 0, expect: ["1 file checked"]
        ) {
            try write($0, "docs/.waymark.yml", "profile: minimal\n")
            try write($0, "docs/en-us/a.md", validArticle)
            try link($0, "docs/en-us/sub/up", to: "..")
            try link($0, "docs/en-us/loop", to: "../..")
        },
        HostileCase(
            name: "an unreadable article in the tree", reader: .tree,
            arguments: ["validate", "docs", "--today", "2024-06-01"], status: 1,
            expect: ["docs/en-us/b.md", "permission denied"], asOtherUser: true
        ) {
            try write($0, "docs/.waymark.yml", "profile: minimal\n")
            try write($0, "docs/en-us/a.md", validArticle)
            try write($0, "docs/en-us/b.md", validArticle)
            chmod($0.appendingPathComponent("docs/en-us/b.md").path, 0)
        },
        HostileCase(
            name: "a FIFO and a dangling link in the tree", reader: .tree,
            arguments: ["validate", "docs", "--today", "2024-06-01"], status: 0, expect: ["1 file checked"]
        ) {
            try write($0, "docs/.waymark.yml", "profile: minimal\n")
            try write($0, "docs/en-us/a.md", validArticle)
            try fifo($0, "docs/en-us/pipe.md")
            try link($0, "docs/en-us/dangling.md", to: "nowhere.md")
        },
        HostileCase(
            name: "a missing tree", reader: .tree, arguments: ["validate", "nowhere"], status: 1,
            expect: ["nowhere"]
        ) { _ in },
    ]

    static let configurations: [HostileCase] = [
        HostileCase(
            name: "malformed configuration YAML", reader: .configuration, arguments: ["validate", "docs"], status: 1,
            expect: ["docs/.waymark.yml:2:1: YAML syntax error in configuration"]
        ) {
            try write($0, "docs/.waymark.yml", "rules: [unclosed\n")
            try write($0, "docs/en-us/a.md", validArticle)
        },
        HostileCase(
            name: "a configuration alias bomb", reader: .configuration, arguments: ["validate", "docs"], status: 1,
            expect: ["docs/.waymark.yml: YAML syntax error in configuration: more than 10000 values"]
        ) { try write($0, "docs/.waymark.yml", aliasBomb(depth: 8)) },
        HostileCase(
            name: "a 100 MB configuration line", reader: .configuration, arguments: ["validate", "docs"], status: 1,
            expect: ["docs/.waymark.yml: YAML syntax error in configuration: more than 65536 bytes"]
        ) { try write($0, "docs/.waymark.yml", Array("rules: ".utf8) + [UInt8](repeating: 0x61, count: 100 << 20)) },
        HostileCase(
            name: "an unknown rule in the configuration", reader: .configuration, arguments: ["validate", "docs"],
            status: 1, expect: ["docs/.waymark.yml:2:3: unknown rule \"no-such-rule\""]
        ) { try write($0, "docs/.waymark.yml", "rules:\n  no-such-rule: error\n") },
    ]

    static let bindingConfig = "docs/.waymark.yml"

    static let bindings: [HostileCase] = [
        HostileCase(
            name: "a binding with a YAML syntax error", reader: .binding,
            arguments: ["validate", "docs", "--today", "2024-06-01", "--format", "github"], status: 1,
            expect: ["file=docs/procedures/b.yml,line=2,col=1", "YAML syntax error in binding"]
        ) {
            try write($0, bindingConfig, "profile: minimal\nbindings: procedures\n")
            try write($0, "docs/procedures/b.yml", "steps: {\n")
        },
        HostileCase(
            name: "a binding alias bomb", reader: .binding,
            arguments: ["validate", "docs", "--today", "2024-06-01", "--format", "github"], status: 1,
            expect: ["file=docs/procedures/b.yml", "binding has no \"procedure\""]
        ) {
            try write($0, bindingConfig, "profile: minimal\nbindings: procedures\n")
            try write($0, "docs/procedures/b.yml", aliasBomb(depth: 9))
        },
        HostileCase(
            name: "invalid UTF-8 in a binding", reader: .binding,
            arguments: ["validate", "docs", "--today", "2024-06-01", "--format", "github"], status: 1,
            expect: ["file=docs/procedures/b.yml,line=1,col=10", "invalid UTF-8"]
        ) {
            try write($0, bindingConfig, "profile: minimal\nbindings: procedures\n")
            try write($0, "docs/procedures/b.yml", Array("article: ".utf8) + [0xFF] + Array("\n".utf8))
        },
        HostileCase(
            name: "an oversized binding", reader: .binding,
            arguments: ["validate", "docs", "--today", "2024-06-01", "--format", "github"], status: 1,
            expect: ["file=docs/procedures/b.yml", "binding file cannot be read", "more than the 65536 allowed"]
        ) {
            try write($0, bindingConfig, "profile: minimal\nbindings: procedures\n")
            try write($0, "docs/procedures/b.yml", "article: " + String(repeating: "a", count: 1 << 20) + "\n")
        },
    ]

    static let catalogs: [HostileCase] = [
        HostileCase(
            name: "an XML external entity", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:2:1: error: document type declarations (<!DOCTYPE>) are not accepted"],
            absent: ["root:x:0"]
        ) {
            try write(
                $0, "c.xlf",
                xliff(
                    "<unit id=\"u\"><segment><source>&e;</source></segment></unit>",
                    prolog: "<!DOCTYPE xliff [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"))
        },
        HostileCase(
            name: "billion laughs", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:2:1: error: document type declarations (<!DOCTYPE>) are not accepted"]
        ) {
            var entities = "<!ENTITY l0 \"lol\">"
            for i in 1...9 { entities += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
            try write(
                $0, "c.xlf",
                xliff(
                    "<unit id=\"u\"><segment><source>&l9;</source></segment></unit>",
                    prolog: "<!DOCTYPE x [\(entities)]>\n"))
        },
        HostileCase(
            name: "a parameter entity fetched from the network", reader: .xliff,
            arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:2:1: error: document type declarations (<!DOCTYPE>) are not accepted"]
        ) {
            try write(
                $0, "c.xlf",
                xliff("", prolog: "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]>\n"))
        },
        HostileCase(
            name: "mismatched XML tags", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:3:53: error: Opening and ending tag mismatch"]
        ) { try write($0, "c.xlf", xliff("<unit id=\"u\"><segment><source>a</sourc></segment></unit>")) },
        HostileCase(
            name: "an XLIFF 1.2 file", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["error: root element must be <xliff> in the namespace urn:oasis:names:tc:xliff:document:2.0"]
        ) {
            try write(
                $0, "c.xlf",
                "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\"/>\n")
        },
        HostileCase(
            name: "invalid UTF-8 in a catalog", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:3:", "not proper UTF-8"]
        ) {
            try write(
                $0, "c.xlf",
                Array(xliff("<unit id=\"u\"><segment><source>X</source></segment></unit>").utf8).map {
                    $0 == UInt8(ascii: "X") ? 0xFF : $0
                })
        },
        HostileCase(
            name: "a broken ICU message", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:3:", "message syntax error", "never closed"]
        ) {
            try write(
                $0, "c.xlf",
                xliff("<unit id=\"u\"><segment><source>{n, plural, one {x}</source></segment></unit>"))
        },
        HostileCase(
            name: "a 100 MB catalog", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:1:1: error: document is 104857", "more than the 8388608-byte limit"]
        ) {
            try write(
                $0, "c.xlf", Array("<?xml version=\"1.0\"?>\n<x>".utf8) + [UInt8](repeating: 0x61, count: 100 << 20))
        },
        HostileCase(
            name: "XML nested 100,000 elements deep", reader: .xliff, arguments: ["strings", "check", "c.xlf"],
            status: 1, expect: ["c.xlf:2:", "error:"]
        ) {
            let depth = 100_000
            try write(
                $0, "c.xlf",
                "<?xml version=\"1.0\"?>\n" + String(repeating: "<a>", count: depth)
                    + String(repeating: "</a>", count: depth))
        },
        HostileCase(
            name: "a hostile catalog in the catalog folder", reader: .xliff,
            arguments: ["--locale", "tr-TR", "customers", "list", "--db", "$DIR/s.sqlite"], status: 1,
            expect: ["tr-TR.xlf:2:1: error: document type declarations (<!DOCTYPE>) are not accepted"],
            environment: ["WAYMARK_LOCALIZATIONS": "catalogs"]
        ) {
            try write(
                $0, "catalogs/tr-TR.xlf",
                xliff("", prolog: "<!DOCTYPE xliff [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"))
        },
    ]

    static let glossaries: [HostileCase] = [
        HostileCase(
            name: "a glossary with an external entity", reader: .glossary,
            arguments: ["validate", "docs", "--today", "2024-06-01"], status: 1,
            expect: ["g.tbx", "document type declarations (<!DOCTYPE>) are not accepted"], absent: ["root:x:0"]
        ) {
            try write($0, "docs/.waymark.yml", "profile: minimal\nglossary: ../g.tbx\n")
            try write($0, "docs/en-us/a.md", validArticle)
            try write(
                $0, "g.tbx",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<tbx>&e;</tbx>\n")
        },
        HostileCase(
            name: "a glossary that is a FIFO", reader: .glossary,
            arguments: ["validate", "docs", "--today", "2024-06-01"], status: 1,
            expect: ["g.tbx", "not a regular file"]
        ) {
            try write($0, "docs/.waymark.yml", "profile: minimal\nglossary: ../g.tbx\n")
            try write($0, "docs/en-us/a.md", validArticle)
            try fifo($0, "g.tbx")
        },
    ]

    static let stores: [HostileCase] = [
        HostileCase(
            name: "a store that is not SQLite", reader: .store, arguments: ["customers", "list", "--db", "s.sqlite"],
            status: 1, expect: ["s.sqlite is not a Waymark database (not SQLite); it was left untouched"],
            unchanged: ["s.sqlite"]
        ) { try write($0, "s.sqlite", "These are my notes, not a database.\n") },
        HostileCase(
            name: "a truncated store", reader: .store, arguments: ["customers", "list", "--db", "s.sqlite"],
            status: 1, expect: ["s.sqlite is damaged", "it was left untouched"], unchanged: ["s.sqlite"]
        ) {
            try demoStore($0, "s.sqlite")
            truncate($0.appendingPathComponent("s.sqlite").path, 5000)
        },
        HostileCase(
            name: "a store with a damaged schema page", reader: .store,
            arguments: ["customers", "list", "--db", "s.sqlite"], status: 1,
            expect: ["s.sqlite", "it was left untouched"], unchanged: ["s.sqlite"]
        ) {
            try demoStore($0, "s.sqlite")
            let url = $0.appendingPathComponent("s.sqlite")
            var bytes = try Data(contentsOf: url)
            for i in 100..<min(bytes.count, 4096) { bytes[i] = 0xA5 }
            try bytes.write(to: url)
        },
        HostileCase(
            name: "a damaged store under the walkthrough", reader: .store,
            arguments: [
                "walk", "partner-center/remove-a-relationship.md", "--customer", "wingtip", "--db", "s.sqlite",
            ],
            status: 1, expect: ["s.sqlite", "it was left untouched"], unchanged: ["s.sqlite"]
        ) {
            try demoStore($0, "s.sqlite")
            truncate($0.appendingPathComponent("s.sqlite").path, 5000)
        },
        HostileCase(
            name: "a store another process keeps locked", reader: .store,
            arguments: [
                "customers", "suspend-subscription", "wingtip-azure-plan", "--operator", "ana", "--role",
                "global-admin",
                "--db", "s.sqlite",
            ], status: 1,
            expect: ["s.sqlite is busy: another process kept it locked too long; nothing was changed"],
            lockedDatabase: "s.sqlite"
        ) { try demoStore($0, "s.sqlite") },
        HostileCase(
            name: "a store path that is a folder", reader: .store,
            arguments: ["customers", "list", "--db", "s.sqlite"],
            status: 1, expect: ["cannot open s.sqlite: it is a folder"]
        ) {
            try FileManager.default.createDirectory(
                at: $0.appendingPathComponent("s.sqlite"), withIntermediateDirectories: true)
        },
        HostileCase(
            name: "a store from a newer Waymark", reader: .store, arguments: ["customers", "list", "--db", "s.sqlite"],
            status: 1,
            expect: ["s.sqlite was written by a newer Waymark (unknown schema v99-future); it was left untouched"],
            unchanged: ["s.sqlite"]
        ) {
            try demoStore($0, "s.sqlite")
            let queue = try DatabaseQueue(path: $0.appendingPathComponent("s.sqlite").path)
            try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
            try queue.close()
            for suffix in ["-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: $0.appendingPathComponent("s.sqlite").path + suffix)
            }
        },
        HostileCase(
            name: "a database URL with a port out of range", reader: .store,
            arguments: ["customers", "list", "--db", "postgres://ops:hunter2@db:70000/team"], status: 64,
            expect: ["cannot be used as a store: the port is not 1 to 65535"], absent: ["hunter2"]
        ) { _ in },
        HostileCase(
            name: "a database URL whose escapes are not UTF-8", reader: .store,
            arguments: ["audit", "--db", "postgres://%ff%fe:hunter2@db/team"], status: 64,
            expect: ["cannot be used as a store: a bad %-escape"], absent: ["hunter2"]
        ) { _ in },
        HostileCase(
            name: "a database URL of 100 KB", reader: .store,
            arguments: [
                "sessions", "list", "--db", "postgres://ops:hunter2@" + String(repeating: "h", count: 100_000),
            ],
            status: 1, expect: ["cannot reach the PostgreSQL server at"], absent: ["hunter2"]
        ) { _ in },
        HostileCase(
            name: "a database URL of another scheme", reader: .store,
            arguments: ["customers", "list", "--db", "sqlite://ops:hunter2@s.sqlite"], status: 64,
            expect: ["cannot be used as a store: unknown scheme sqlite"], absent: ["hunter2"]
        ) { _ in },
        HostileCase(
            name: "a database server that refuses connections", reader: .store,
            arguments: [
                "walk", "partner-center/remove-a-relationship.md", "--customer", "wingtip", "--db",
                "postgres://ops:hunter2@127.0.0.1:1/team",
            ], status: 1,
            expect: ["cannot reach the PostgreSQL server at 127.0.0.1 port 1"], absent: ["hunter2"]
        ) { _ in },
        HostileCase(
            name: "an import file that is not JSON", reader: .store,
            arguments: ["customers", "import", "bad.json", "--db", "s.sqlite"], status: 1,
            expect: ["bad.json:1:12: not JSON: expected a value", "nothing was imported"],
            unchanged: ["s.sqlite"]
        ) {
            try demoStore($0, "s.sqlite")
            try write($0, "bad.json", Array("{\"items\": [".utf8) + [0xFF, 0x00])
        },
        HostileCase(
            name: "an import file nested 100,000 deep", reader: .store,
            arguments: ["customers", "import", "deep.json", "--db", "s.sqlite"], status: 1,
            expect: ["deep.json:1:513: not JSON: nested deeper than 512 arrays and objects", "nothing was imported"],
            unchanged: ["s.sqlite"]
        ) {
            try demoStore($0, "s.sqlite")
            try write($0, "deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        },
    ]

    static let locales: [HostileCase] = [
        HostileCase(
            name: "an unknown locale", reader: .locale, arguments: ["--locale", "xx-XX", "customers", "list"],
            status: 64, expect: ["no catalog for xx-XX; available: en-US, hu-HU, tr-TR"]
        ) { _ in },
        HostileCase(
            name: "a path given as a locale", reader: .locale,
            arguments: ["--locale", "../../etc", "customers", "list"],
            status: 64, expect: ["\"../../etc\" is not a locale"]
        ) { _ in },
        HostileCase(
            name: "an unknown locale in the environment falls back to English", reader: .locale,
            arguments: ["customers", "list", "--db", "s.sqlite"], status: 0, expect: ["Wingtip Toys", "active"],
            environment: ["LANG": "zz_ZZ.UTF-8"]
        ) { _ in },
        HostileCase(
            name: "an article in a locale Waymark does not have", reader: .locale,
            arguments: [
                "--locale", "de-DE", "walk", "partner-center/remove-a-relationship.md", "--customer", "wingtip",
            ],
            status: 64, expect: ["no catalog for de-DE; available: en-US, hu-HU, tr-TR"]
        ) { _ in },
    ]
}
