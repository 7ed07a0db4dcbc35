import Foundation
import Testing
import WaymarkTestSupport

/// One id per problem: `inspect` and `validate` name a problem the same way, and the ids problems
/// had before (`content.invalid-date`) still work wherever an adopter wrote them.
@Suite struct ProblemIDTests {
    static let today = ["--today", "2026-11-21"]

    /// An article with a problem of each kind the parser finds and validation owns a rule for:
    /// a bad date and a duplicate key in the front matter, an unknown alert kind, a missing
    /// include and an invalid UTF-8 byte in the body.
    static let article: [UInt8] =
        Array(
            """
            ---
            title: T
            title: U
            ms.date: 31/31/2020
            ---
            # Heading

            > [!NOTICE]
            > Read this.

            [!INCLUDE[gone](gone.md)]

            A bad byte: 
            """.utf8) + [0xC3, 0x28] + Array(" here.\n".utf8)

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func tree(_ bytes: [UInt8] = article, extra: [String: String] = [:]) throws -> URL {
        let dir = try RepositoryPaths.temporaryTree(extra)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("en-us"), withIntermediateDirectories: true)
        try Data(bytes).write(to: dir.appendingPathComponent("en-us/a.md"))
        return dir
    }

    /// `id line:column` of what `validate --format json` reports in `a.md`.
    func validated(_ dir: URL, _ options: [String] = []) throws -> [String] {
        let result = try CommandRunner.run(["validate", dir.path, "--format", "json"] + options + Self.today)
        let findings = try #require(try json(result.stdout)["findings"] as? [[String: Any]])
        return findings.filter { ($0["path"] as? String ?? "").hasSuffix("en-us/a.md") }.map {
            "\($0["rule"] as? String ?? "?") \($0["line"] as? Int ?? 0):\($0["column"] as? Int ?? 0)"
        }
    }

    @Test func inspectAndValidateNameAProblemAlike() throws {
        let dir = try tree()
        let inspect = try CommandRunner.run([
            "inspect", dir.appendingPathComponent("en-us/a.md").path, "--format", "json",
        ])
        let diagnostics = try #require(try json(inspect.stdout)["diagnostics"] as? [[String: Any]])
        let inspected = diagnostics.map {
            "\($0["id"] as? String ?? "?") \($0["line"] as? Int ?? 0):\($0["column"] as? Int ?? 0)"
        }
        #expect(
            Set(inspected.map { String($0.prefix { $0 != " " }) }) == [
                "front-matter-duplicate-key", "front-matter-invalid-date", "alert-unknown-kind", "include-missing",
                "parse-problem",
            ])
        let validated = try validated(dir)
        for problem in inspected { #expect(validated.contains(problem), "\(problem) not in \(validated)") }
        // The text form says the same id.
        #expect(inspect.stderr.contains("[front-matter-invalid-date]"))
        #expect(!inspect.stderr.contains("[content."))
    }

    @Test func formerIDsTurnProblemsOffInline() throws {
        var bytes = Self.article
        let marker = Array("> [!NOTICE]".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) })
        bytes.insert(contentsOf: Array("<!-- waymark-disable-next-line content.unknown-alert-kind -->\n".utf8), at: at)
        let bad = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("A bad byte".utf8)) })
        bytes.insert(contentsOf: Array("<!-- waymark-disable-next-line content.invalid-utf8 -->\n".utf8), at: bad)
        let found = try validated(try tree(bytes)).map { String($0.prefix { $0 != " " }) }
        #expect(!found.contains("alert-unknown-kind"))
        #expect(!found.contains("parse-problem"))
        #expect(found.contains("include-missing"))
    }

    @Test func aFormerParserIDTurnsOffOnlyItsOwnKind() throws {
        // `content.include-cycle` is a parse problem too, but not the invalid byte below it.
        var bytes = Self.article
        let bad = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("A bad byte".utf8)) })
        bytes.insert(contentsOf: Array("<!-- waymark-disable-next-line content.include-cycle -->\n".utf8), at: bad)
        #expect(try validated(try tree(bytes)).contains { $0.hasPrefix("parse-problem ") })
    }

    @Test func formerIDsWorkInConfigurationAndBaseline() throws {
        let dir = try tree(extra: [".waymark.yml": "rules:\n  content.duplicate-key: off\n"])
        let config = ["--config", dir.appendingPathComponent(".waymark.yml").path]
        let found = try validated(dir, config)
        #expect(!found.contains { $0.hasPrefix("front-matter-duplicate-key ") })
        #expect(found.contains { $0.hasPrefix("front-matter-invalid-date ") })

        // A baseline that names the date problem by its former id still hides it.
        let baseline = dir.appendingPathComponent("baseline.json")
        let write = try CommandRunner.run(
            ["validate", dir.path, "--write-baseline", baseline.path] + config + Self.today)
        #expect(write.status == 0 || write.status == 1)
        var text = try String(contentsOf: baseline, encoding: .utf8)
        #expect(text.contains("\"front-matter-invalid-date\""))
        text = text.replacingOccurrences(of: "\"front-matter-invalid-date\"", with: "\"content.invalid-date\"")
        try text.write(to: baseline, atomically: true, encoding: .utf8)
        let known = try validated(dir, config + ["--baseline", baseline.path])
        #expect(known.isEmpty, "\(known)")
    }
}
