import Foundation
import Testing
import WaymarkTestSupport

/// Walking any article of a docs tree: steps without a binding are checkpoints, confirmed and
/// audited with their StepID and locale like bound steps.
@Suite struct LibraryWalkTests {
    func audit(_ db: String) throws -> [[String: Any]] {
        let r = try CommandRunner.run(["audit", "--format", "json", "--db", db])
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func aLineModeWalkOfAnUnboundCorpusArticleInHungarianReachesTheEnd() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("LibraryWalkTests.unboundCorpusArticle") else { return }
        let docs = corpus.appendingPathComponent("partner-center").path
        let dir = try RepositoryPaths.temporaryDirectory()
        let db = dir.appendingPathComponent("store.sqlite").path
        let article = "partner-center/create-a-new-subscription.md"
        let r = try CommandRunner.run(
            ["--locale", "hu-HU", "walk", article, "--customer", "northwind", "--docs", docs, "--db", db],
            environment: ["XDG_CACHE_HOME": dir.path], input: String(repeating: "next\n", count: 60))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("az első fut: create-a-new-subscription"), "\(r.stderr)")
        #expect(r.stdout.contains("Végezze el a Partnerközpontban"))
        let sessions = try CommandRunner.run(["sessions", "list", "--db", db]).stdout
        #expect(sessions.contains("finished"), "\(sessions)")
        let steps = try audit(db).filter { $0["action"] as? String == "walk-step" }
        let ids = steps.compactMap { $0["step"] as? String }
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { $0.hasPrefix("create-a-new-subscription/") })
        #expect(Set(ids).count == ids.count)
        #expect(steps.allSatisfy { $0["locale"] as? String == "hu-HU" })
        #expect(sessions.contains("step \(ids.count) of \(ids.count)"))
    }

    func tree() throws -> URL {
        let dir = try RepositoryPaths.temporaryDirectory()
        let english = """
            ---
            title: Two procedures
            ms.date: 01/02/2024
            ---
            # Two procedures

            ## Add a user

            1. Open **Users**.
            2. Select **Add user**.

            ## Remove a user

            1. Open **Users**.
            2. Select the user.
            3. Select **Remove**.
            """
        let url = dir.appendingPathComponent("docs/en-us/guide/users.md")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(english.utf8).write(to: url)
        return dir
    }

    @Test func procedureChoosesAndLineModeTakesTheFirstSayingSo() throws {
        let dir = try tree()
        let docs = dir.appendingPathComponent("docs").path
        let db = dir.appendingPathComponent("store.sqlite").path
        let first = try CommandRunner.run(
            ["walk", "guide/users.md", "--customer", "wingtip", "--docs", docs, "--db", db],
            input: "next\nnext\nnext\n")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("the article has 2 procedures; walking the first, add-a-user"))
        let chosen = try CommandRunner.run(
            [
                "walk", "guide/users.md", "--customer", "northwind", "--procedure", "remove-a-user", "--docs", docs,
                "--db", db,
            ],
            input: String(repeating: "next\n", count: 5))
        #expect(chosen.status == 0, "\(chosen.stderr)")
        #expect(chosen.stdout.contains("Step 3 of 3"))
        let steps = try audit(db).filter {
            $0["action"] as? String == "walk-step" && $0["customer"] as? String == "northwind"
        }
        #expect(
            steps.compactMap { $0["step"] as? String } == ["remove-a-user/1", "remove-a-user/2", "remove-a-user/3"])
        let unknown = try CommandRunner.run(
            ["walk", "guide/users.md", "--customer", "adatum", "--procedure", "nope", "--docs", docs, "--db", db],
            input: "quit\n")
        #expect(unknown.status == 1)
    }

    @Test func inspectAndRenderResolveDocsPathsThroughTheLibrary() throws {
        let dir = try tree()
        let docs = dir.appendingPathComponent("docs").path
        let render = try CommandRunner.run(["render", "guide/users.md", "--docs", docs])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout.contains("[ ] 2. Select Add user"), "\(render.stdout)")
        let inspect = try CommandRunner.run(["--locale", "tr-TR", "inspect", "guide/users.md", "--docs", docs])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("Procedure remove-a-user"))
        #expect(inspect.stderr.contains("guide/users.md"), "the fallback to English is said: \(inspect.stderr)")
        let missing = try CommandRunner.run(["inspect", "guide/nothing.md", "--docs", docs])
        #expect(missing.status == 1)
    }

    @Test func anEnglishOnlyArticleIsWalkedInEnglishForATurkishReaderAndSaysSo() throws {
        let dir = try tree()
        let docs = dir.appendingPathComponent("docs").path
        let db = dir.appendingPathComponent("store.sqlite").path
        let r = try CommandRunner.run(
            ["--locale", "tr-TR", "walk", "guide/users.md", "--customer", "wingtip", "--docs", docs, "--db", db],
            input: "quit\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("guide/users.md"), "\(r.stderr)")
        #expect(r.stderr.contains("en-US"))
        #expect(r.stdout.contains("en-US"))
    }
}
