import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkContent

@Suite struct IncludePathTests {
    /// An include's target joined to the folder of the file that names it, by bytes where it can
    /// be: what `NSString` gives, for ordinary paths and odd ones.
    @Test func anIncludeTargetJoinsItsFolderAsNSStringDoes() {
        let paths = [
            "/r/docs/a.md", "docs/a.md", "a.md", "/a.md", "/", "", "./a.md", "../x/a.md", "/r//docs/a.md",
            "/r/docs/", "/r/İş/ağ.md", "/r/a b/c.md", "docs/sub/../a.md",
        ]
        let targets = [
            "includes/x.md", "../includes/x.md", "./x.md", "x.md", "/abs/x.md", "", "includes//x.md",
            "includes/", "~/x.md", "İçerik/ü.md", "a b.md", "..", ".",
        ]
        for path in paths {
            for target in targets {
                let expected = ((path as NSString).deletingLastPathComponent as NSString)
                    .appendingPathComponent(target)
                #expect(IncludeResolver.sibling(target, of: path) == expected, "\(path) + \(target)")
            }
        }
    }

    /// The folder includes may not leave: the nearest folder with a publishing marker or `.git`,
    /// else the outermost with a `docfx.json`, else the article's own; through linked folders.
    @Test func theDocsRootIsFoundFromMarkersAbove() throws {
        let dir = try RepositoryPaths.temporaryTree([
            "repo/docs/docfx.json": "{}", "repo/docs/sub/docfx.json": "{}", "repo/docs/sub/a.md": "a\n",
            "plain/x/b.md": "b\n", "pub/.openpublishing.publish.config.json": "{}", "pub/d/c.md": "c\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = URL(fileURLWithPath: ArticleParser.absolute(dir.path))
        func root(_ path: String) -> String { ArticleParser.docsRoot(for: dir.appendingPathComponent(path).path) }
        #expect(root("repo/docs/sub/a.md") == base.appendingPathComponent("repo/docs").path)
        #expect(root("plain/x/b.md") == base.appendingPathComponent("plain/x").path)
        #expect(root("pub/d/c.md") == base.appendingPathComponent("pub").path)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("repo/.git"), withIntermediateDirectories: false)
        #expect(root("repo/docs/sub/a.md") == base.appendingPathComponent("repo").path)
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("link").path,
            withDestinationPath: dir.appendingPathComponent("pub/d").path)
        #expect(root("link/c.md") == base.appendingPathComponent("pub").path)
    }

    /// A path resolved from its folder's resolution and its name is the path resolved whole, both
    /// ways the parser resolves one, through linked folders and files, `..`, missing files and
    /// folders, and relative paths.
    @Test func pathsResolveByFolderAsWhole() throws {
        let dir = try RepositoryPaths.temporaryTree(["docs/a/x.md": "x\n", "docs/b/y.md": "y\n", "other/z.md": "z\n"])
        let fm = FileManager.default
        try fm.createSymbolicLink(
            atPath: dir.appendingPathComponent("docs/linked").path,
            withDestinationPath: dir.appendingPathComponent("other").path)
        try fm.createSymbolicLink(
            atPath: dir.appendingPathComponent("docs/a/link.md").path,
            withDestinationPath: dir.appendingPathComponent("docs/b/y.md").path)
        try fm.createSymbolicLink(
            atPath: dir.appendingPathComponent("docs/a/loop").path,
            withDestinationPath: dir.appendingPathComponent("docs/a/loop").path)
        let base = dir.path
        let written = [
            "docs/a/x.md", "docs/a/../b/y.md", "docs/linked/z.md", "docs/linked/../a/x.md", "docs/a/link.md",
            "docs/a/missing.md", "docs/none/x.md", "docs/a/loop/x.md", "docs/a/./x.md", "docs/a//x.md", "docs/a/",
            "docs/a/..", "docs/a/.", "docs/linked/",
        ]
        let cache = IncludeCache()
        for _ in 0..<2 {
            for path in written.map({ base + "/" + $0 }) + ["relative/x.md", "x.md", "/x.md"] {
                let shown = { (p: String) in (p as NSString).standardizingPath }
                #expect(IncludeCache.byFolder(path, cache.shownFolders, shown) == shown(path), "\(path)")
                #expect(
                    IncludeCache.byFolder(path, cache.absoluteFolders, ArticleParser.absolute)
                        == ArticleParser.absolute(path), "\(path)")
            }
        }
    }

    /// The parsed includes a parser keeps are bounded: past the limit the first stored is
    /// forgotten and made again when asked for; storing a known key again forgets nothing.
    @Test func theIncludeMemoForgetsTheOldestPastItsLimit() {
        let memo = IncludeCache.Memo<Int>(limit: 3)
        for (n, key) in ["a", "b", "c", "d", "e"].enumerated() { memo.store(n, for: key) }
        #expect(memo["a"] == nil)
        #expect(memo["b"] == nil)
        #expect([memo["c"], memo["d"], memo["e"]] == [2, 3, 4])
        memo.store(40, for: "e")
        #expect([memo["c"], memo["d"], memo["e"]] == [2, 3, 40])
        var made = 0
        #expect(
            memo.value(for: "a") {
                made += 1
                return 10
            } == 10)
        #expect(made == 1)
        #expect(memo["c"] == nil)
        #expect(
            memo.value(for: "a") {
                made += 1
                return 11
            } == 10)
        #expect(made == 1)
        // Many more than the limit, in turn: the last three are the ones kept.
        for n in 0..<1_000 { memo.store(n, for: "k\(n)") }
        #expect([memo["k997"], memo["k998"], memo["k999"]] == [997, 998, 999])
        #expect(memo["k996"] == nil)
        let unbounded = IncludeCache.Memo<Int>()
        for n in 0..<1_000 { unbounded.store(n, for: "k\(n)") }
        #expect(unbounded["k0"] == 0)
    }
}
