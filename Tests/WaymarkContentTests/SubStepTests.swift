import Testing
import WaymarkContent
import WaymarkCore
import WaymarkTestSupport

@Suite struct SubStepTests {
    func steps(_ markdown: String, locale: String = "en-us") throws -> [Step] {
        let article = ArticleParser().parse(
            bytes: Array(("---\ntitle: T\n---\n## <a name=\"p\"></a>P\n\n" + markdown).utf8), path: "d/\(locale)/a.md",
            root: "d")
        return try #require(article.stepGraph.procedures.first).steps
    }

    @Test func lettersAsSeparateParagraphs() throws {
        let s = try steps("1. Parent:\n\n   a. First.\n\n   b. Second **Label**.\n\n   > [!NOTE]\n   > Note.\n")
        #expect(s[0].children.map(\.id.description) == ["p/1.a", "p/1.b"])
        #expect(s[0].children[1].runs.contains(InlineRun(kind: .uiLabel, text: "Label")))
        #expect(s[0].alerts.count == 1)
        #expect(s[0].children[0].range.start.line == 8)
    }

    @Test func lettersJoinedBySoftBreaks() throws {
        let s = try steps("1. Parent:\n   a. First.\n   b. Second.\n2. Next\n")
        #expect(s[0].text == "Parent:")
        #expect(s[0].children.map(\.id.description) == ["p/1.a", "p/1.b"])
        #expect(s[0].children.map(\.text) == ["First.", "Second."])
        #expect(s[0].children.map(\.range.start.line) == [7, 8])
        #expect(s[1].id.description == "p/2")
    }

    @Test func romanNumeralsNestUnderLetters() throws {
        let s = try steps("1. Parent\n\n   a. Letter\n\n   i. Roman one\n\n   ii. Roman two\n\n   b. Next letter\n")
        #expect(s[0].children.map(\.id.description) == ["p/1.a", "p/1.b"])
        #expect(s[0].children[0].children.map(\.id.description) == ["p/1.a.i", "p/1.a.ii"])
    }

    @Test func iAfterHIsALetter() throws {
        let letters = "abcdefghi".map { "   \($0). Step \($0)\n" }.joined()
        let s = try steps("1. Parent\n" + letters)
        #expect(s[0].children.last?.id.description == "p/1.i")
        #expect(s[0].children.count == 9)
    }

    @Test func nestedOrderedListsAreChildSteps() throws {
        let s = try steps("1. One\n   1. One one\n      a. Deep\n   2. One two\n")
        #expect(s[0].flattened.map(\.id.description) == ["p/1", "p/1.1", "p/1.1.a", "p/1.2"])
    }

    @Test func bulletListsAreContentNotSteps() throws {
        let s = try steps("1. Pick one of:\n   - Option A\n   - Option B\n")
        #expect(s[0].children.isEmpty)
        #expect(s[0].content.count == 1)
    }

    @Test func markersThatLostTheirIndentStillAttach() throws {
        let s = try steps("1. One\n2. Two:\n\na. Orphan letter.\n")
        #expect(s[1].children.map(\.id.description) == ["p/2.a"])
    }

    @Test func continuedNumberingExtendsTheProcedure() throws {
        let s = try steps("1. One\n\n```\ncode\n```\n\n2. Two\n")
        #expect(s.map(\.id.description) == ["p/1", "p/2"])
    }

    @Test func restartedNumberingStartsAnotherProcedure() throws {
        let article = ArticleParser().parse(
            bytes: Array("---\ntitle: T\n---\n## Same\n\n1. A\n\nText.\n\n1. B\n".utf8), path: "d/en-us/a.md", root: "d"
        )
        #expect(article.stepGraph.procedures.map(\.id) == ["same", "same~2"])
    }

    @Test(arguments: [
        ("en-us", "Repeat these steps for each active subscription.", StepKind.repeat),
        ("en-us", "From the Partner Center, go to **Customers**.", .navigate),
        ("en-us", "Select **Suspended**", .select),
        ("en-us", "Wait a minute.", .action),
        ("tr-tr", "Her etkin abonelik için bu adımları tekrarlayın.", .repeat),
        ("hu-hu", "Ismételje meg ezeket a lépéseket minden aktív előfizetésnél.", .repeat),
        ("hu-hu", "Válassza ki a **fiókot**.", .select),
    ])
    func stepKindsComeFromCueLists(_ locale: String, _ text: String, _ kind: StepKind) throws {
        #expect(try steps("1. \(text)\n", locale: locale)[0].kind == kind)
    }
}
