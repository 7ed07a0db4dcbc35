import Foundation
import Testing
import WaymarkTestSupport

/// `waymark xliff extract|merge` as a translator's pipeline runs them.
@Suite struct XliffCommandTests {
    static let english = "Resources/Articles/en-US/partner-center/remove-a-relationship.md"
    static let turkish = "Resources/Articles/tr-TR/partner-center/remove-a-relationship.md"

    @Test func extractThenMergeGivesTheTranslatedArticle() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        let xliff = dir.appendingPathComponent("seed.tr-TR.xlf").path
        let article = dir.appendingPathComponent("remove-a-relationship.md").path
        let extract = try CommandRunner.run([
            "xliff", "extract", Self.english, "--target-locale", "tr-TR", "--translation", Self.turkish, "--output",
            xliff,
        ])
        #expect(extract.status == 0, "\(extract.stderr)")
        let merge = try CommandRunner.run(["xliff", "merge", xliff, "--locale", "tr-TR", "--output", article])
        #expect(merge.status == 0, "\(merge.stderr)")
        let merged = try CommandRunner.run(["inspect", article, "--format", "json"])
        let original = try CommandRunner.run(["inspect", Self.turkish, "--format", "json"])
        func steps(_ json: String) throws -> [String] {
            let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            var out: [String] = []
            func walk(_ steps: [[String: Any]]) {
                for s in steps {
                    out.append("\(s["id"] ?? "") \(s["text"] ?? "")")
                    walk(s["children"] as? [[String: Any]] ?? [])
                }
            }
            for p in root["procedures"] as? [[String: Any]] ?? [] { walk(p["steps"] as? [[String: Any]] ?? []) }
            return out
        }
        #expect(try steps(merged.stdout) == steps(original.stdout))
        #expect(try steps(merged.stdout).count == 9)
    }

    @Test func aBrokenFileIsRefusedWithItsLineInTheUsersLanguage() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        let xliff = dir.appendingPathComponent("seed.xlf")
        _ = try CommandRunner.run([
            "xliff", "extract", Self.english, "--target-locale", "tr-TR", "--translation", Self.turkish, "--output",
            xliff.path,
        ])
        var text = try String(contentsOf: xliff, encoding: .utf8)
        text = text.replacingOccurrences(of: "<target><pc id=\"1\"", with: "<target><pc id=\"77\"")
        try text.write(to: xliff, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.md").path
        let result = try CommandRunner.run(["--locale", "tr-TR", "xliff", "merge", xliff.path, "--output", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains(xliff.path + ":"))
        #expect(result.stderr.contains("hata:"))
        #expect(result.stderr.contains("77"))
        #expect(!FileManager.default.fileExists(atPath: output))
        let wrong = try CommandRunner.run(["xliff", "merge", xliff.path, "--locale", "hu-HU"])
        #expect(wrong.status == 1)
    }
}

/// `waymark import bilingual` as a user runs it on the Hungarian seed.
@Suite struct ImportBilingualCommandTests {
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared beside the checkout"))
    func importsTheHungarianSeedAndNamesTheLinesItCouldNotAlign() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("importsTheHungarianSeed") else { return }
        let dir = try RepositoryPaths.temporaryDirectory()
        let article = dir.appendingPathComponent("hu-hu.md").path
        let xliff = dir.appendingPathComponent("hu-hu.xlf").path
        let seed = corpus.deletingLastPathComponent().appendingPathComponent("seeds/000_326af44672847d08.txt").path
        let result = try CommandRunner.run([
            "import", "bilingual", seed, "--source",
            corpus.appendingPathComponent("seed-article/en-us.2021-derived-from-hu-hu-sxs.md").path, "--locale",
            "hu-HU",
            "--output", article, "--xliff", xliff,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\(seed):40: note:"))
        #expect(result.stderr.contains("21 lines aligned, 3 not"))
        let inspect = try CommandRunner.run(["inspect", article, "--format", "json"])
        #expect(inspect.stdout.contains("\"how-to-remove-a-relationship/2.c\""))
        #expect(inspect.stdout.contains("\"hu-HU\""))
        #expect(try String(contentsOfFile: xliff, encoding: .utf8).contains("trgLang=\"hu-HU\""))
    }
}
