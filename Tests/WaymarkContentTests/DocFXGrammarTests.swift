import Foundation
import Testing
import WaymarkContent
import WaymarkCore
import WaymarkTestSupport

/// DocFX's reading of alerts, includes, images and heading ids, construct by construct.
@Suite struct DocFXGrammarTests {
    static let header = "---\ntitle: T\n---\n"

    func parse(_ markdown: String) -> Article {
        ArticleParser().parse(bytes: Array((Self.header + markdown).utf8), path: "docs/en-us/a.md", root: "docs")
    }

    func parse(_ path: String, in files: [String: String], root: String) throws -> Article {
        let dir = try RepositoryPaths.temporaryTree(files)
        return try ArticleParser(options: .init(root: dir.appendingPathComponent(root).path))
            .parse(fileAt: dir.appendingPathComponent(path).path)
    }

    func kinds(_ blocks: [Block]) -> [String] {
        blocks.map { block in
            switch block {
            case .alert(let a): "alert:\(a.kind.rawValue):\(a.text)"
            case .video(let v): "video:\(v.url)"
            case .blockQuote(let q): "quote:\(q.blocks.plainText)"
            case .paragraph(let p): "paragraph:\(p.content.plainText)"
            case .include(let i): "include:\(i.target)\(i.isInline ? ":inline" : "")"
            case .docfxImage(let i): "image:\(i.attributes["source"] ?? "")"
            default: "other"
            }
        }
    }

    @Test func everyMarkerInABlockQuoteStartsANewSection() {
        // Without a blank line (one CommonMark paragraph), with one, any letter case, a video and
        // a div between them, and text before the first marker.
        let article = parse(
            "> Plain words.\n>\n> [!NOTE]\n> One.\n> [!important]\n> Two.\n>\n> [!Video https://example.invalid/v]\n>\n> [!TIP]\n> Three.\n>\n> [!div class=\"nextstepaction\"]\n> [Go](b.md)\n"
        )
        #expect(
            kinds(article.blocks) == [
                "quote:Plain words.", "alert:note:One.", "alert:important:Two.", "video:https://example.invalid/v",
                "alert:tip:Three.", "quote:Go",
            ])
        #expect(article.diagnostics.isEmpty)
        // Each alert starts at its marker's line, at the quote's `>`.
        let starts = article.blocks.compactMap { b -> WaymarkCore.SourceLocation? in
            if case .alert(let a) = b { a.range.start } else { nil }
        }
        #expect(
            starts == [
                WaymarkCore.SourceLocation(line: 6, column: 1), WaymarkCore.SourceLocation(line: 8, column: 1),
                WaymarkCore.SourceLocation(line: 13, column: 1),
            ])
        // The link in the div is still a link of the article.
        #expect(article.links.map(\.target) == ["b.md"])
    }

    @Test func aSingleAlertKeepsTheQuotesRange() {
        let article = parse("> [!WARNING]\n> Careful.\n")
        guard case .alert(let alert)? = article.blocks.first else {
            Issue.record("no alert")
            return
        }
        #expect(alert.range == SourceRange(line: 4, column: 1, endLine: 5, endColumn: 10))
    }

    @Test func alertsInBulletItemsBelongToTheStep() {
        let article = parse(
            "## Do\n\n1. Pick one:\n   - A\n     > [!NOTE]\n     > About A.\n   - B\n     - B1\n       > [!TIP]\n       > About B1.\n1. Done.\n"
        )
        let step = article.stepGraph.procedures.first?.steps.first
        #expect(step?.alerts.map(\.kind) == [.note, .tip])
        #expect(step?.alerts.map(\.text) == ["About A.", "About B1."])
        // The bullets stay the step's content, without the alerts (shown once, with the step).
        guard case .list(let list)? = step?.content.first else {
            Issue.record("no bullet list")
            return
        }
        #expect(list.items.map(\.blocks.plainText) == ["A", "B B1"])
    }

    @Test func includesInAnyLetterCaseWithSpacesAndDocsetPaths() throws {
        let article = try parse(
            "docs/guide/deep/a.md",
            in: [
                "docs/docfx.json": "{}",
                "docs/guide/deep/a.md": Self.header
                    + "[!INCLUDE[x](../../includes/p.md)]\n\n[!include[x](../../includes/p.md)]\n\n[!Include [x](~/includes/p.md)]\n",
                "docs/includes/p.md": "Shared.\n",
            ], root: "docs")
        #expect(article.diagnostics.isEmpty, "\(article.diagnostics)")
        let includes = article.blocks.compactMap { b -> Include? in if case .include(let i) = b { i } else { nil } }
        #expect(includes.count == 3)
        #expect(includes.allSatisfy { $0.resolvedPath?.hasSuffix("docs/includes/p.md") == true })
        #expect(includes.allSatisfy { $0.blocks.plainText == "Shared." })
    }

    @Test func aDocsetPathWithoutDocfxJSONIsRelativeToTheDocsRoot() throws {
        let article = try parse(
            "docs/guide/a.md",
            in: [
                "docs/guide/a.md": Self.header + "[!INCLUDE[x](~/includes/p.md)]\n", "docs/includes/p.md": "Shared.\n",
            ],
            root: "docs")
        #expect(article.diagnostics.isEmpty, "\(article.diagnostics)")
        #expect(article.blocks.plainText == "Shared.")
    }

    @Test func anEscapedIncludeIsText() throws {
        let article = try parse(
            "docs/a.md",
            in: ["docs/a.md": Self.header + "Write \\[!INCLUDE[x](p.md)] to include.\n", "docs/p.md": "Shared.\n"],
            root: "docs")
        // Text and a link, as CommonMark reads it; no include.
        #expect(kinds(article.blocks) == ["paragraph:Write [!INCLUDEx] to include."])
        #expect(article.links.map(\.target) == ["p.md"])
        #expect(article.diagnostics.isEmpty)
    }

    @Test func anInlineIncludeJoinsItsSentence() throws {
        let article = try parse(
            "docs/a.md",
            in: [
                "docs/a.md": Self.header
                    + "## Do\n\n1. Open [!INCLUDE[x](p.md)] and select **Edit**.\n1. [!INCLUDE[x](q.md)]\n",
                "docs/p.md": "the **Settings** page\n", "docs/q.md": "Sign in.\n",
            ], root: "docs")
        let steps = article.stepGraph.procedures.first?.steps ?? []
        #expect(steps.map(\.text) == ["Open the Settings page and select Edit.", "Sign in."])
        #expect(steps.first?.runs.filter { $0.kind == .uiLabel }.map(\.text) == ["Settings", "Edit"])
        // The include stays in the blocks, marked inline, for validation.
        guard case .list(let list)? = article.blocks.last else {
            Issue.record("no list")
            return
        }
        #expect(
            kinds(list.items[0].blocks) == ["paragraph:Open ", "include:p.md:inline", "paragraph: and select Edit."])
        #expect(kinds(list.items[1].blocks) == ["include:q.md"])
    }

    @Test func anImageLineUnderTextIsAnImageBlock() {
        let article = parse(
            "## Do\n\n1. Select **Shoot**.\n   :::image type=\"complex\" source=\"a.png\" alt-text=\"A\":::\n   Long description.\n   :::image-end:::\n   More text.\n"
        )
        let step = article.stepGraph.procedures.first?.steps.first
        #expect(step?.text == "Select Shoot.")
        #expect(kinds(step?.content ?? []) == ["image:a.png", "paragraph:More text."])
    }

    @Test func repeatedSectionKeysAreNumberedLikeDocFX() {
        let article = parse(
            "## <a name=\"x\"></a>One\n\n1. a\n\n## <a name=\"x\"></a>Two\n\n1. b\n\n## X 1\n\n1. c\n\n## X\n\n1. d\n\n## X-1\n\n1. e\n"
        )
        // Keys x, x (→ x-1), x-1 (taken → x-1-1), x (→ x-2), x-1 (→ x-1-2).
        #expect(article.stepGraph.procedures.map(\.id) == ["x", "x-1", "x-1-1", "x-2", "x-1-2"])
        // Heading ids as DocFX makes them from the text (explicit anchors aside).
        let ids = article.blocks.compactMap { b -> String? in if case .heading(let h) = b { h.textAnchor } else { nil }
        }
        #expect(ids == ["one", "two", "x-1", "x", "x-1-1"])
    }
}
