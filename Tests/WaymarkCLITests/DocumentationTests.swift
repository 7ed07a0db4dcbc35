import Foundation
import Testing
import WaymarkTestSupport

/// The README is a front door and the pages behind it are whole: short, every link leads
/// somewhere, and the rules reference says what the program says.
@Suite struct DocumentationTests {
    static func text(_ path: String) throws -> String {
        try String(contentsOf: RepositoryPaths.file(path), encoding: .utf8)
    }

    static var pages: [String] {
        let docs = RepositoryPaths.file("docs").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: docs)) ?? []
        return ["README.md"] + names.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }

    @Test func theReadmeIsShort() throws {
        #expect(try Self.text("README.md").split(separator: "\n", omittingEmptySubsequences: false).count <= 250)
    }

    @Test(arguments: pages) func everyRelativeLinkLeadsToAFile(_ page: String) throws {
        let text = try Self.text(page)
        let folder = (page as NSString).deletingLastPathComponent
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            let target = String(after[..<close]).components(separatedBy: "#")[0]
            rest = after[close...]
            if target.isEmpty || target.contains("://") || target.contains(" ") || target == "path" { continue }
            let path = folder.isEmpty ? target : folder + "/" + target
            #expect(FileManager.default.fileExists(atPath: RepositoryPaths.file(path).path), "\(page) → \(target)")
        }
    }

    @Test func theRulesReferenceIsCurrent() throws {
        let reference = try Self.text("docs/validation-rules.md")
        let list = try CommandRunner.run(["validate", "--list-rules"])
        let ids = list.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }.compactMap {
            $0.split(separator: " ").first.map(String.init)
        }
        #expect(ids.count > 30)
        for id in ids {
            let explained = try CommandRunner.run(["validate", "--explain", id]).stdout
            let summary = explained.split(separator: "\n")[1]
            #expect(reference.contains("## `\(id)`\n\n\(summary)\n"), "\(id): run scripts/rules-doc.sh")
            for message in explained.components(separatedBy: "Messages:\n").last?.split(separator: "\n") ?? [] {
                #expect(reference.contains("- `\(message.trimmingCharacters(in: .whitespaces))`"), "\(id): \(message)")
            }
        }
    }
}
