import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkValidation

@Suite struct TreePathTests {
    @Test(arguments: [
        ("a/breadcrumb/toc.yml", "**/breadcrumb/**", true),
        ("a//b.md", "**/*.md", true), ("a/.md", "**/*.md", true), ("a/b.md/c", "**/*.md", false),
        ("obj/x", "**/obj/**", true), ("obj/", "**/obj/**", true), ("a/obj", "**/obj/**", false),
        ("aobj/x", "**/obj/**", false), ("a/b/obj/c", "**/b/obj/**", true), ("a/xb/obj/c", "**/b/obj/**", false),
        ("breadcrumb/toc.yml", "**/breadcrumb/**", true),
        ("a/b/breadcrumb", "**/breadcrumb/**", false),
        ("a/breadcrumbs/toc.yml", "**/breadcrumb/**", false),
        ("en-us/a.md", "*/a.md", true),
        ("en-us/x/a.md", "*/a.md", false),
        ("en-us/x/a.md", "en-us/**", true),
        ("en-us/x/a.md", "**/*.md", true),
        ("en-us/x/a.mdx", "**/*.md", false),
        ("a.md", "?.md", true),
        ("/.md", "?.md", false),
        ("includes/x.md", "includes", false),
        ("includes", "includes", true),
        ("", "**", true),
        ("", "*", true),
        ("", "?", false),
        ("a/b", "a/**/", true),
    ])
    func globs(_ path: String, _ glob: String, _ expected: Bool) {
        #expect(TreePath.matches(path, glob: glob) == expected, "\(path) ~ \(glob)")
    }

    @Test(arguments: [
        ("a.md", true), ("A.MD", true), ("x/y.Md", true), (".md", true), ("md", false), ("a.mdx", false),
        ("a.m", false), ("", false), ("a_md", false), ("ş.md", true), ("a.mdş", false),
    ])
    func markdownPaths(_ path: String, _ expected: Bool) {
        #expect(TreePath.isMarkdown(path) == expected)
        #expect(TreePath.isMarkdown(path) == path.lowercased().hasSuffix(".md"))
    }

    /// The glob as a regular expression, written from its definition: `**/` any run of whole
    /// folders, `**` or `**/` at the end anything, `*` any text without `/`, `?` one byte other than `/`.
    static func reference(_ path: String, _ glob: String) -> Bool {
        var pattern = "^"
        let g = Array(glob)
        var j = 0
        while j < g.count {
            if g[j] == "*", j + 1 < g.count, g[j + 1] == "*" {
                if j + 3 < g.count, g[j + 2] == "/" {
                    pattern += "(?:[^/]*/)*"
                    j += 3
                } else if j + 2 == g.count || j + 3 == g.count && g[j + 2] == "/" {
                    pattern += ".*"
                    j = g.count
                } else {
                    // `**` before more text: any folders, then text that starts a folder's name.
                    pattern += "(?:.*/)?"
                    j += 2
                }
            } else if g[j] == "*" {
                pattern += "[^/]*"
                j += 1
            } else if g[j] == "?" {
                pattern += "[^/]"
                j += 1
            } else {
                pattern += NSRegularExpression.escapedPattern(for: String(g[j]))
                j += 1
            }
        }
        pattern += "$"
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }

    @Test func randomGlobsMatchTheirRegularExpressions() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        func next(_ bound: Int) -> Int { numbers.next(bound) }
        let pathPieces = ["a", "b", "ab", "/", "/", ".md", "x"]
        let globPieces = ["a", "b", "/", "*", "**/", "?", ".md", "**"]
        for _ in 0..<3_000 {
            let path = (0..<next(7)).map { _ in pathPieces[next(pathPieces.count)] }.joined()
            var glob = (0..<next(5)).map { _ in globPieces[next(globPieces.count)] }.joined()
            // A `**` that is neither whole at the end nor followed by `/` is left to the fixed cases.
            glob = glob.replacingOccurrences(of: "***", with: "*")
            if glob.contains("**"), glob.replacingOccurrences(of: "**/", with: "").hasSuffix("**") == false,
                glob.replacingOccurrences(of: "**/", with: "").contains("**")
            {
                continue
            }
            #expect(
                TreePath.matches(path, glob: glob) == Self.reference(path, glob),
                "\(path) ~ \(glob) (seed \(seed))")
        }
    }

    /// Normalizing by components, as a list of strings: `.` and empty ones dropped, `..` taking
    /// the one before it back, `nil` when there is none.
    static func normalizedByComponents(_ path: String) -> String? {
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) where component != "." {
            if component == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    @Test(arguments: [
        ("a/b/c.md", "a/b"), ("c.md", ""), ("/c.md", ""), ("a//c.md", "a/"), ("ş/ü.md", "ş"), ("", ""),
    ])
    func parents(_ path: String, _ expected: String) {
        #expect(TreePath.parent(of: path) == expected)
        #expect(TreePath.join(TreePath.parent(of: path), "x") == (expected.isEmpty ? "x" : expected + "/x"))
    }

    /// The extension after the last dot, compared as the characters' lower case would be.
    @Test(arguments: [
        "a.png", "A.PNG", "x/y.JpEg", "y.webp", "pic.ico", "a.png.md", "png", ".png", "a.pngx", "a.pn",
        "ş.gif", "a.ğif", "a.svg#x", "a.b/c", "", "a.",
    ])
    func imagePaths(_ path: String) {
        let expected = path.lastIndex(of: ".").map {
            LinkCheck.imageExtensions.contains(path[path.index(after: $0)...].lowercased())
        }
        #expect(LinkCheck.isImagePath(path) == (expected ?? false), "\(path)")
    }

    /// A link's last part names a page when it has no dot: over bytes as the characters said it.
    @Test func aPageNameIsALastPartWithoutADot() {
        let paths = [
            "", "/", "///", "a", "a.md", "a/b", "a/b.md", "a/b/", "a/b.c/", "a.b/c", "a.b/c/", "./a", "../a.b",
            "é/ü", "é/ü.md", "dir.d/page", "x/.hidden", "x//y", "x/y//", "ş/ğ.ı/",
        ]
        for path in paths {
            let byCharacters = path.split(separator: "/").last.map { !$0.contains(".") } ?? false
            #expect(LinkCheck.namesPage(path) == byCharacters, "\(path)")
        }
    }

    @Test func randomPathsNormalizeAsByComponents() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let pieces = ["a", "b", "..", ".", "", "ş", "x.md", "...", ".a", "a.", "/"]
        for _ in 0..<3_000 {
            let path = (0..<numbers.next(7)).map { _ in pieces[numbers.next(pieces.count)] }.joined(separator: "/")
            let want = Self.normalizedByComponents(path)
            let got = TreePath.normalizeOrNil(path)
            #expect(got == want, "\(path) (seed \(seed))")
        }
    }
}
