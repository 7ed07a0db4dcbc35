import Foundation
import Testing
import WaymarkContent
import WaymarkCore
import WaymarkTestSupport

@Suite struct MarkdownExtensionTests {
    static let header = "---\ntitle: T\n---\n"

    func parse(_ markdown: String, path: String = "docs/en-us/a.md", root: String? = "docs") -> Article {
        ArticleParser().parse(bytes: Array((Self.header + markdown).utf8), path: path, root: root)
    }

    @Test(arguments: AlertKind.allCases)
    func recognisesEachAlertKindInAnyCase(_ kind: AlertKind) throws {
        for spelling in [kind.rawValue.uppercased(), kind.rawValue.capitalized] {
            let article = parse("> [!\(spelling)]\n> Body **text**.\n")
            guard case .alert(let alert)? = article.blocks.first else {
                Issue.record("no alert for \(spelling)")
                continue
            }
            #expect(alert.kind == kind)
            #expect(alert.text == "Body text.")
            #expect(alert.range.start.line == 4)
        }
    }

    @Test func everyInlineHasItsRange() throws {
        let article = parse("Some *em* and ~~gone~~ text,\nnext line  \nafter a hard break.\n")
        guard case .paragraph(let p)? = article.blocks.first else {
            Issue.record("no paragraph")
            return
        }
        struct Ranges: InlineVisitor {
            var missing: [Inline] = []
            var seen = 0
            mutating func visit(_ inline: Inline, depth: Int) -> Bool {
                seen += 1
                if inline.range == nil { missing.append(inline) }
                return true
            }
        }
        var ranges = Ranges()
        Inline.walk(p.content, with: &ranges)
        #expect(ranges.seen >= 8)
        #expect(ranges.missing.isEmpty, "\(ranges.missing)")
        // The emphasis is on line 4 (after three lines of front matter), from its `*`.
        let em = p.content.first { if case .emphasis = $0 { true } else { false } }
        #expect(em?.range?.start == SourceLocation(line: 4, column: 6))
    }

    @Test func reportsUnknownAlertKinds() throws {
        let article = parse("> [!NOTICE]\n> Text\n")
        #expect(article.diagnostics.map(\.id) == ["alert-unknown-kind"])
        #expect(article.diagnostics[0].range?.start.line == 4)
        guard case .blockQuote? = article.blocks.first else {
            Issue.record("expected the block quote to stay a block quote")
            return
        }
    }

    @Test func keepsVideoEmbedsAndDivContainersQuiet() {
        let article = parse("> [!VIDEO https://example.invalid/v]\n\n> [!div class=\"nextstepaction\"]\n> [Go](x.md)\n")
        #expect(article.diagnostics.isEmpty)
        #expect(article.blocks.first == .video(Video(url: "https://example.invalid/v", range: article.blocks[0].range)))
    }

    @Test func usesExplicitAnchorsAndDocFXSlugs() {
        let article = parse(
            "# <a name=\"kept-slug\"></a>Çeviri başlığı\n\n## Hello, World: Part 2\n\n## Hello, World: Part 2\n\n## <a name=\"\"></a>\n"
        )
        let anchors = article.blocks.compactMap { b -> String? in if case .heading(let h) = b { h.anchor } else { nil }
        }
        #expect(anchors == ["kept-slug", "hello-world-part-2", "hello-world-part-2-1", ""])
        #expect(article.anchors.contains("kept-slug"))
    }

    /// A slug used before gets the first `-n` not taken, whatever took the others: a heading whose
    /// own text slugs to `x-2`, or one numbered before.
    @Test func repeatedHeadingsAreNumberedFromTheFirstNumberNotTaken() {
        let texts = ["X", "X 2", "X", "X", "X 1 1", "X 1", "X", "X 4", "X", "X"]
        let article = parse(texts.map { "## \($0)\n\n" }.joined())
        let anchors = article.blocks.compactMap { b -> String? in if case .heading(let h) = b { h.anchor } else { nil }
        }
        #expect(anchors == ["x", "x-2", "x-1", "x-3", "x-1-1", "x-1-2", "x-4", "x-4-1", "x-5", "x-6"])
    }

    @Test func findsStandaloneHTMLAnchors() {
        let article = parse("<a name=\"top\"></a>\n\nText <a id='inline'></a> here.\n")
        #expect(article.anchors.contains("top"))
        #expect(article.anchors.contains("inline"))
    }

    @Test func keepsDocFXImages() {
        let article = parse(":::image type=\"content\" source=\"media/a.png\" alt-text=\"An image\":::\n")
        guard case .docfxImage(let image)? = article.blocks.first else {
            Issue.record("no :::image block")
            return
        }
        #expect(image.attributes["source"] == "media/a.png")
        #expect(image.attributes["alt-text"] == "An image")
    }

    @Test func parsesGFMTables() {
        let article = parse("| Role | Can remove |\n|---|---|\n| Global admin | yes |\n")
        guard case .table(let table)? = article.blocks.first else {
            Issue.record("no table")
            return
        }
        #expect(table.rows.count == 2)
        #expect(table.rows[1][0].plainText == "Global admin")
    }

    @Test(arguments: [
        ("en-us", "**Appropriate roles**: Global admin, Admin agent", ["Global admin", "Admin agent"]),
        ("tr-tr", "**Uygun roller**: genel yönetici", ["genel yönetici"]),
        ("hu-hu", "**Megfelelő szerepkörök:** Globális rendszergazda", ["Globális rendszergazda"]),
    ])
    func readsTheRolesLineInEachLanguage(_ folder: String, _ line: String, _ roles: [String]) {
        let article = parse(line + "\n", path: "docs/\(folder)/a.md")
        #expect(article.roles == roles)
    }

    @Test func stripsSideBySideEnglishFromStepText() throws {
        let article = parse(
            "## <a name=\"p\"></a>P\n\n1. <span data-ttu-id=\"1\">**Hesabı** seçin.</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">Select the **Account**.</span></span>\n",
            path: "docs/tr-tr/a.md")
        let step = try #require(article.stepGraph.procedures.first?.steps.first)
        #expect(step.text == "Hesabı seçin.")
    }

    // MARK: - Includes

    func tree(_ files: [String: String]) throws -> URL { try RepositoryPaths.temporaryTree(files) }

    /// Parses `path` inside `dir`, with `root` (relative to `dir`) as the docs root.
    func parse(_ path: String, in dir: URL, root: String) throws -> Article {
        try ArticleParser(options: .init(root: dir.appendingPathComponent(root).path))
            .parse(fileAt: dir.appendingPathComponent(path).path)
    }

    @Test func resolvesIncludesRelativeToTheFile() throws {
        let dir = try tree([
            "docs/a/article.md": Self.header + "Before.\n\n[!INCLUDE [shared](../includes/part.md)]\n\nAfter.\n",
            "docs/includes/part.md": "> [!NOTE]\n> Included [link](b.md).\n",
        ])
        let article = try parse("docs/a/article.md", in: dir, root: "docs")
        #expect(article.diagnostics.isEmpty)
        guard case .include(let include) = article.blocks[1] else {
            Issue.record("no include block")
            return
        }
        #expect(include.resolvedPath?.hasSuffix("docs/includes/part.md") == true)
        #expect(include.blocks.first.map { if case .alert = $0 { true } else { false } } == true)
        #expect(article.links.map(\.target) == ["b.md"])
    }

    /// A parser that keeps include files gives every article what a fresh parser gives, cycles,
    /// nested includes and an include's own problems included, each time it meets the file.
    @Test func cachedIncludesGiveWhatFreshParsesGive() throws {
        let dir = try tree([
            "docs/a/one.md": Self.header + "[!INCLUDE[p](../includes/p.md)]\n\n[!INCLUDE[p](../includes/p.md)]\n",
            "docs/b/two.md": Self.header
                + "Text.\n\n[!INCLUDE[p](../includes/p.md)]\n\n[!INCLUDE[c](../includes/c.md)]\n",
            "docs/includes/p.md": "> [!NOTE]\n> See [q](q.md).\n\n[!INCLUDE[n](n.md)]\n\n> [!BOGUS]\n> x\n",
            "docs/includes/n.md": "Nested [r](r.md).\n",
            "docs/includes/c.md": "[!INCLUDE[c](c.md)]\n",
        ])
        let root = dir.appendingPathComponent("docs").path
        let cached = ArticleParser(options: .init(root: root, cachesIncludes: true))
        for _ in 0..<2 {
            for path in ["docs/a/one.md", "docs/b/two.md"] {
                let file = dir.appendingPathComponent(path).path
                let fresh = try ArticleParser(options: .init(root: root)).parse(fileAt: file)
                #expect(try cached.parse(fileAt: file) == fresh)
                #expect(!fresh.diagnostics.isEmpty)
            }
        }
    }

    @Test func reportsMissingIncludes() throws {
        let dir = try tree(["docs/a.md": Self.header + "[!INCLUDE[x](nothing-here.md)]\n"])
        let article = try parse("docs/a.md", in: dir, root: "")
        #expect(article.diagnostics.map(\.id) == ["include-missing"])
        #expect(article.diagnostics[0].range?.start.line == 4)
    }

    @Test func refusesIncludesOutsideTheRoot() throws {
        let dir = try tree([
            "docs/a.md": Self.header + "[!INCLUDE[x](../secret.md)]\n",
            "secret.md": "secret\n",
        ])
        let article = try parse("docs/a.md", in: dir, root: "docs")
        #expect(article.diagnostics.map(\.messageKey) == ["content.include-outside-root"])
        #expect(!article.blocks.plainText.contains("secret"))
    }

    @Test func refusesSymlinksThatLeaveTheRoot() throws {
        let dir = try tree(["docs/a.md": Self.header + "[!INCLUDE[x](link.md)]\n", "secret.md": "secret\n"])
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("docs/link.md").path,
            withDestinationPath: dir.appendingPathComponent("secret.md").path)
        let article = try parse("docs/a.md", in: dir, root: "docs")
        #expect(article.diagnostics.map(\.messageKey) == ["content.include-outside-root"])
    }

    @Test func detectsIncludeCycles() throws {
        let dir = try tree([
            "docs/a.md": Self.header + "[!INCLUDE[b](b.md)]\n",
            "docs/b.md": "B\n\n[!INCLUDE[c](c.md)]\n",
            "docs/c.md": "C\n\n[!INCLUDE[b](b.md)]\n",
        ])
        let article = try parse("docs/a.md", in: dir, root: "")
        let d = try #require(article.diagnostics.first)
        #expect(d.messageKey == "content.include-cycle")
        #expect(d.message?.contains("b.md -> c.md -> b.md") == true)
        #expect(d.path?.hasSuffix("c.md") == true)
        #expect(d.range?.start.line == 3)
    }

    @Test func findsTheDocsRootFromMarkerFiles() throws {
        let dir = try tree([
            "repo/.openpublishing.publish.config.json": "{}",
            "repo/docs/includes/n.md": "Shared\n",
            "repo/docs/x/a.md": Self.header + "[!INCLUDE[n](../includes/n.md)]\n",
        ])
        let article = try ArticleParser().parse(fileAt: dir.appendingPathComponent("repo/docs/x/a.md").path)
        #expect(article.diagnostics.isEmpty)
        #expect(article.blocks.plainText == "Shared")
    }
}
