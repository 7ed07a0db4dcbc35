import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkContent

@Suite struct IncludePathTests {
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

}
