import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

/// `waymark inspect`, run as a user runs it: the built binary, its output and exit status.
@Suite struct InspectCommandTests {
    static let seed = "Resources/Articles/tr-TR/partner-center/remove-a-relationship.md"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func printsTheSeedStepGraphAsJSON() throws {
        let result = try CommandRunner.run(["inspect", Self.seed, "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let root = try json(result.stdout)
        #expect(root["path"] as? String == Self.seed)
        #expect(root["locale"] as? String == "tr-TR")
        #expect((root["metadata"] as? [String: Any])?["ms.date"] as? String == "06/05/2020")
        #expect(root["roles"] as? [String] == ["genel yönetici"])
        #expect((root["consequences"] as? [Any])?.count == 4)
        let next = try #require(root["nextSteps"] as? [[String: String]])
        #expect(next.map { $0["target"] } == ["request-a-relationship-with-a-customer.md"])
        let procedures = try #require(root["procedures"] as? [[String: Any]])
        #expect(procedures.map { $0["id"] as? String } == ["how-to-remove-a-relationship"])
        let steps = try #require(procedures[0]["steps"] as? [[String: Any]])
        #expect(
            steps.map { $0["id"] as? String } == ["how-to-remove-a-relationship/1", "how-to-remove-a-relationship/2"])
        let first = try #require(steps[0]["children"] as? [[String: Any]])
        #expect(first.map { $0["id"] as? String } == (1...4).map { "how-to-remove-a-relationship/1.\($0)" })
        #expect(first[3]["kind"] as? String == "repeat")
        let second = try #require(steps[1]["children"] as? [[String: Any]])
        #expect(second.map { $0["id"] as? String } == ["a", "b", "c"].map { "how-to-remove-a-relationship/2.\($0)" })
        #expect((steps[1]["alerts"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["note"])
        #expect((root["diagnostics"] as? [Any])?.isEmpty == true)
    }

    @Test func printsATreeByDefault() throws {
        let result = try CommandRunner.run(["inspect", Self.seed])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Step how-to-remove-a-relationship/1.4 repeat"))
    }

    @Test func reportsDiagnosticsOnStandardErrorAndFails() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.md")
        try "---\ntitle: T\nms.date: 31/31/2020\n---\n# H\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["inspect", file.path, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path):3:1: error: "))
        #expect(result.stderr.contains("[front-matter-invalid-date]"))
        let diagnostics = try #require(try json(result.stdout)["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.first?["id"] as? String == "front-matter-invalid-date")
        #expect(diagnostics.first?["line"] as? Int == 3)
        #expect(diagnostics.first?["column"] as? Int == 1)
        #expect(diagnostics.first?["severity"] as? String == "error")
    }

    @Test func aMissingFileIsAClearError() throws {
        let result = try CommandRunner.run(["inspect", "no/such/file.md"])
        #expect(result.status == 1)
        #expect(result.stderr == "waymark: error: no/such/file.md: no such file\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func aBadOptionIsAUsageError() throws {
        let result = try CommandRunner.run(["inspect", Self.seed, "--format", "yaml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format"))
    }
}

/// `inspect` shows what the docset's `docfx.json` adds to an article's front matter, and where
/// each key comes from.
@Suite struct InspectDocFXTests {
    static let files = [
        "repo/docs/docfx.json": """
        {"build": {"content": [{"files": ["**/*.md"], "exclude": ["README.md"]}],
          "globalMetadata": {"ms.topic": "article", "ms.service": "global"},
          "fileMetadata": {"ms.service": {"guides/**.md": "guides"}}}}
        """,
        "repo/docs/guides/a.md": "---\ntitle: A\nms.topic: how-to\n---\n# A\n",
        "repo/README.md": "# Repository\n",
    ]

    @Test func showsSuppliedKeysWithTheirOrigin() throws {
        let dir = try RepositoryPaths.temporaryTree(Self.files)
        let article = dir.appendingPathComponent("repo/docs/guides/a.md").path
        let tree = try CommandRunner.run(["--locale", "en-US", "inspect", article, "--root", dir.path + "/repo"])
        #expect(tree.status == 0)
        #expect(tree.stdout.contains("Metadata from docfx.json"))
        #expect(tree.stdout.contains("ms.service: guides  (from docs/docfx.json build.fileMetadata \"guides/**.md\")"))
        #expect(
            tree.stdout.contains(
                "ms.topic: article  (from docs/docfx.json build.globalMetadata; the article's own value is used)"))
        let json = try CommandRunner.run(["inspect", article, "--root", dir.path + "/repo", "--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let effective = try #require(root["effectiveMetadata"] as? [String: Any])
        #expect(effective["ms.topic"] as? String == "how-to")
        #expect(effective["ms.service"] as? String == "guides")
        let supplied = try #require(root["docfxMetadata"] as? [[String: Any]])
        #expect(supplied.map { $0["key"] as? String } == ["ms.service", "ms.topic"])
        #expect(supplied.map { $0["overridden"] as? Bool } == [false, true])
        #expect(root["publishedAsArticle"] as? Bool == true)
    }

    @Test func saysWhenDocFXDoesNotPublishTheFile() throws {
        let dir = try RepositoryPaths.temporaryTree(Self.files)
        let result = try CommandRunner.run([
            "--locale", "en-US", "inspect", dir.appendingPathComponent("repo/README.md").path, "--root",
            dir.path + "/repo",
        ])
        #expect(result.stderr.contains("DocFX does not publish"))
    }
}
