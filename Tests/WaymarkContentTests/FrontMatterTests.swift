import Testing
import WaymarkContent
import WaymarkCore
import WaymarkTestSupport

@Suite struct FrontMatterTests {
    func parse(_ source: MarkedSource, path: String = "docs/tr-tr/a.md") -> Article {
        ArticleParser().parse(bytes: source.bytes, path: path, root: "docs")
    }

    @Test func keepsEveryKeyInOrderWithPositions() {
        let source = MarkedSource(
            "---\n1️⃣title: Başlık\nms.custom: x\n2️⃣zzz-unknown: [a, b]\nms.date: 06/05/2020\n---\n# Body\n")
        let article = parse(source)
        #expect(article.frontMatter.entries.map(\.key) == ["title", "ms.custom", "zzz-unknown", "ms.date"])
        #expect(article.frontMatter.entries[0].range?.start.line == source.line("1️⃣"))
        #expect(article.frontMatter.entries[2].range?.start.line == source.line("2️⃣"))
        #expect(article.frontMatter.entries[2].value == .sequence([.scalar("a"), .scalar("b")]))
        #expect(article.frontMatter.date == CalendarDate(year: 2020, month: 6, day: 5))
        #expect(article.diagnostics.isEmpty)
    }

    @Test func readsTypedFields() {
        let article = parse(
            MarkedSource(
                "---\ntitle: T\nms.date: 2021-11-01\nms.contentlocale: tr-tr\nms.translationtype: MT\nms.locfileid: \"123\"\n---\n"
            ))
        #expect(article.frontMatter.date?.description == "2021-11-01")
        #expect(article.frontMatter.translationType == .machine)
        #expect(article.frontMatter.locFileID == "123")
        #expect(article.locale == "tr-TR")
        #expect(article.title == "T")
    }

    @Test func reportsInvalidDateAtItsKey() throws {
        let source = MarkedSource("---\ntitle: T\n1️⃣ms.date: 13/45/2020\n---\n")
        let d = try #require(parse(source).diagnostics.first)
        #expect(d.id == "front-matter-invalid-date")
        #expect(d.severity == .error)
        #expect(d.range?.start.line == source.line("1️⃣"))
    }

    @Test func reportsDuplicateKeyAndKeepsBoth() throws {
        let source = MarkedSource("---\ntitle: First\nauthor: a\n1️⃣title: Second\n---\n")
        let article = parse(source)
        let d = try #require(article.diagnostics.first)
        #expect(d.id == "front-matter-duplicate-key")
        #expect(d.range?.start.line == source.line("1️⃣"))
        #expect(d.message?.contains("line 2") == true)
        #expect(article.frontMatter.entries.map(\.key) == ["title", "author", "title"])
        #expect(article.frontMatter.title == "First")
    }

    @Test func locatesYAMLSyntaxErrorsInTheMarkdownFile() throws {
        let source = MarkedSource("---\ntitle: ok\ndescription: \"never closed\n1️⃣author: x\n---\n# Body\n")
        let article = parse(source)
        let d = try #require(article.diagnostics.first { $0.messageKey == "content.front-matter-syntax" })
        #expect(d.range?.start.line ?? 0 >= 3)
        #expect(d.range?.start.line ?? 99 <= source.line("1️⃣")! + 1)
        #expect(article.frontMatter.title == "ok")
        #expect(article.blocks.isEmpty == false)
    }

    @Test func convertsYamsScalarColumnsToByteColumns() throws {
        let source = MarkedSource("---\nk: ğğğ\n  1️⃣bad: x\n---\n")
        let d = try #require(parse(source).diagnostics.first)
        #expect(d.messageKey == "content.front-matter-syntax")
        #expect(d.range?.start.line == 3)
    }

    @Test func reportsUnterminatedFrontMatterAtItsOpening() throws {
        let d = try #require(parse(MarkedSource("1️⃣---\ntitle: T\n# Heading\n")).diagnostics.first)
        #expect(d.messageKey == "content.front-matter-unterminated")
        #expect(d.range?.start == SourceLocation(line: 1, column: 1))
    }

    @Test func reportsMissingFrontMatter() throws {
        let d = try #require(parse(MarkedSource("# Just a heading\n")).diagnostics.first)
        #expect(d.messageKey == "content.front-matter-missing")
        #expect(d.severity == .warning)
    }

    @Test func refusesAliasBombs() throws {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            yaml +=
                "l\(level): &l\(level) ["
                + Array(repeating: "*\(level == 1 ? "a" : "l\(level - 1)")", count: 10).joined(separator: ", ") + "]\n"
        }
        let article = parse(MarkedSource("---\n" + yaml + "---\n"))
        #expect(article.diagnostics.map(\.messageKey) == ["content.front-matter-too-complex"])
    }

    @Test func refusesDeeplyNestedYAML() {
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let article = parse(MarkedSource("---\nk: \(deep)\n---\n"))
        #expect(article.diagnostics.map(\.messageKey) == ["content.front-matter-too-complex"])
        let dashes = "k:\n" + String(repeating: "- ", count: 5_000) + "x\n"
        #expect(
            parse(MarkedSource("---\n" + dashes + "---\n")).diagnostics.map(\.messageKey) == [
                "content.front-matter-too-complex"
            ])
    }

    @Test func rejectsNonMappingFrontMatter() {
        #expect(
            parse(MarkedSource("---\n- a\n- b\n---\n")).diagnostics.map(\.messageKey) == [
                "content.front-matter-not-mapping"
            ])
    }
}
