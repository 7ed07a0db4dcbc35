import Testing
import WaymarkContent
import WaymarkCore
import WaymarkTestSupport

@Suite struct SeedArticleTests {
    static let locales = ["tr-TR", "hu-HU", "en-US"]

    static func seed(_ locale: String) throws -> Article {
        let path = RepositoryPaths.file("Resources/Articles/\(locale)/partner-center/remove-a-relationship.md").path
        var article = try ArticleParser().parse(fileAt: path)
        article.path = "Resources/Articles/\(locale)/partner-center/remove-a-relationship.md"
        return article
    }

    @Test(arguments: locales)
    func matchesGoldenTreeDump(_ locale: String) throws {
        let dump = ArticleTreeDumper.dump(try Self.seed(locale))
        let difference = Snapshot.compare(dump, named: "remove-a-relationship.\(locale)")
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test(arguments: locales)
    func hasTheSeedProcedureShape(_ locale: String) throws {
        let article = try Self.seed(locale)
        #expect(article.diagnostics.isEmpty)
        #expect(article.locale == locale)
        let procedure = try #require(article.stepGraph.procedures.first)
        #expect(article.stepGraph.procedures.count == 1)
        #expect(procedure.id == "how-to-remove-a-relationship")
        #expect(procedure.steps.map(\.id.description) == ["1", "2"].map { "how-to-remove-a-relationship/\($0)" })
        let first = procedure.steps[0]
        #expect(first.children.map { $0.id.path } == [["1", "1"], ["1", "2"], ["1", "3"], ["1", "4"]])
        #expect(first.children[3].kind == .repeat)
        #expect(first.isLoop)
        let second = procedure.steps[1]
        #expect(second.children.map { $0.id.path } == [["2", "a"], ["2", "b"], ["2", "c"]])
        #expect(second.alerts.map(\.kind) == [.note])
        #expect(second.children.allSatisfy { $0.alerts.isEmpty })
        #expect(article.consequences.count == 4)
        #expect(article.nextSteps.map(\.target) == ["request-a-relationship-with-a-customer.md"])
    }

    @Test func turkishSeedNamesItsRoles() throws {
        #expect(try Self.seed("tr-TR").roles == ["genel yönetici"])
    }

    @Test func everyLocaleGivesTheSameStepIDs() throws {
        let sets = try Self.locales.map { try Self.seed($0).stepGraph.stepIDs }
        #expect(sets[0].count == 9)
        #expect(sets[1] == sets[0])
        #expect(sets[2] == sets[0])
    }

    @Test func uiLabelsAreRunsOfTheirOwn() throws {
        let id = try #require(StepID("how-to-remove-a-relationship/2.c"))
        let step = try #require(try Self.seed("en-US").stepGraph.step(id))
        #expect(step.runs.contains(InlineRun(kind: .uiLabel, text: "Remove reseller relationship")))
        #expect(step.kind == .select)
    }
}
