import Foundation
import Testing
import WaymarkTestSupport

/// Every fuzz target, built plainly, replays its seed corpus and the inputs that once broke it.
@Suite struct FuzzRegressionTests {
    @Test(
        arguments: [
            "fuzz-article", "fuzz-xliff", "fuzz-message", "fuzz-binding", "fuzz-import", "fuzz-search",
            "fuzz-db-url", "fuzz-http", "fuzz-docfx", "fuzz-xliff-merge", "fuzz-bilingual",
            "fuzz-fact-cache",
        ])
    func seedsAndRegressionsRunWithoutACrash(target: String) throws {
        let seeds = RepositoryPaths.file("Fuzz/seeds/\(target.dropFirst("fuzz-".count))")
        let regressions = RepositoryPaths.file("Tests/FuzzRegressions/\(target)")
        let inputs = try [seeds, regressions].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "README.md" }
                .map { folder.appendingPathComponent($0).path }
        }
        #expect(!inputs.isEmpty)
        let result = try CommandRunner.run(inputs, program: target)
        #expect(result.status == 0, "\(target) exited \(result.status): \(result.stderr)")
        #expect(result.stdout.contains("\(inputs.count) inputs ran without a crash"))
    }
}
