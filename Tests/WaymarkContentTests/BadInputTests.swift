import Foundation
import Testing
import WaymarkContent
import WaymarkCore
import WaymarkTestSupport

/// Hostile or broken files: each gets a located diagnostic or a clear error, never a crash.
@Suite struct BadInputTests {
    func parse(_ bytes: [UInt8]) -> Article {
        ArticleParser().parse(bytes: bytes, path: "d/en-us/bad.md", root: "d")
    }

    @Test func emptyFile() {
        #expect(parse([]).diagnostics.map(\.messageKey) == ["content.file-empty"])
    }

    @Test func invalidUTF8IsLocatedAndReplaced() throws {
        let bytes = Array("---\ntitle: T\n---\nok line\nbad ".utf8) + [0xC3, 0x28] + Array(" here\n".utf8)
        let article = parse(bytes)
        let d = try #require(article.diagnostics.first)
        #expect(d.id == "parse-problem" && d.messageKey == "content.invalid-utf8")
        #expect(d.range?.start == SourceLocation(line: 5, column: 5))
        #expect(article.blocks.plainText.contains("\u{FFFD}"))
    }

    @Test func byteOrderMarkIsDroppedWithANote() {
        let article = parse([0xEF, 0xBB, 0xBF] + Array("---\ntitle: T\n---\n# H\n".utf8))
        #expect(article.diagnostics.map(\.messageKey) == ["content.byte-order-mark"])
        #expect(article.frontMatter.title == "T")
    }

    @Test func crlfLineEndsKeepLineNumbers() throws {
        let article = parse(Array("---\r\ntitle: T\r\nms.date: 99/99/2020\r\n---\r\n## P\r\n\r\n1. Step\r\n".utf8))
        #expect(article.frontMatter.title == "T")
        #expect(article.diagnostics.map(\.id) == ["front-matter-invalid-date"])
        #expect(article.diagnostics[0].range?.start.line == 3)
        #expect(article.stepGraph.allSteps.first?.range.start.line == 7)
        #expect(article.stepGraph.allSteps.first?.text == "Step")
    }

    @Test func tenThousandNestedListsAreCutWithAWarning() {
        let deep = (0..<10_000).map { String(repeating: "  ", count: $0) + "- item \($0)\n" }.joined()
        let oneLine = String(repeating: "- ", count: 10_000) + "x\n"
        for body in [deep, oneLine] {
            let article = parse(Array(("---\ntitle: T\n---\n" + body).utf8))
            #expect(article.diagnostics.map(\.messageKey) == ["content.nesting-too-deep"])
        }
    }

    @Test func tenThousandNestedBlockQuotesAreCutWithAWarning() {
        let article = parse(Array(("---\ntitle: T\n---\n" + String(repeating: ">", count: 10_000) + " deep\n").utf8))
        #expect(article.diagnostics.map(\.messageKey) == ["content.nesting-too-deep"])
        #expect(article.diagnostics[0].range?.start.line == 4)
    }

    @Test func deeplyNestedOrderedListsStillMakeSteps() {
        let body = "## P\n\n" + (0..<2_000).map { String(repeating: "   ", count: $0) + "1. s\n" }.joined()
        let article = parse(Array(("---\ntitle: T\n---\n" + body).utf8))
        #expect(article.stepGraph.allSteps.count > 10)
        #expect(article.diagnostics.map(\.messageKey) == ["content.nesting-too-deep"])
    }

    @Test func fiftyMegabyteFileIsRefusedWithoutReadingIt() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        let url = dir.appendingPathComponent("huge.md")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 50 * 1024 * 1024)
        try handle.close()
        let article = try ArticleParser().parse(fileAt: url.path)
        #expect(article.diagnostics.map(\.messageKey) == ["content.file-too-large"])
        #expect(article.diagnostics[0].message?.contains("52428800") == true)
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func missingFileAndDirectoryAreIOErrors() throws {
        #expect(throws: ContentError.notFound(path: "/nonexistent/x.md")) {
            try ArticleParser().parse(fileAt: "/nonexistent/x.md")
        }
        let dir = try RepositoryPaths.temporaryDirectory()
        #expect(throws: ContentError.isDirectory(path: dir.path)) { try ArticleParser().parse(fileAt: dir.path) }
    }

    @Test func nulBytesDoNotStopParsing() {
        let article = parse(Array("---\ntitle: T\n---\nA\u{0}B\n".utf8))
        #expect(article.blocks.count == 1)
    }
}
