import Foundation
import GRDB
import Testing
import WaymarkTestSupport

extension HostileCase {
    static let all: [HostileCase] =
        articles + frontMatters + includes + trees + configurations + bindings + catalogs
        + glossaries + stores + locales

    static let articles: [HostileCase] = [
        HostileCase(
            name: "invalid UTF-8 in the body", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:7:6: error: invalid UTF-8 byte sequence"]
        ) {
            try Hostile.write(
                $0, "a.md", Array((Hostile.frontMatter + "1. ab").utf8) + [0xFF, 0xFE] + Array("cd\n".utf8))
        },
        HostileCase(
            name: "an overlong UTF-8 encoding of '/'", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:7:1: error: invalid UTF-8 byte sequence"]
        ) { try Hostile.write($0, "a.md", Array(Hostile.frontMatter.utf8) + [0xC0, 0xAF, 0x0A]) },
        HostileCase(
            name: "a UTF-16 file", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:1:1: error: invalid UTF-8 byte sequence"]
        ) { try Hostile.write($0, "a.md", [0xFF, 0xFE] + Array("---".utf16).flatMap { [UInt8($0), 0] }) },
        HostileCase(
            name: "a NUL byte in the body", reader: .article, arguments: ["inspect", "a.md"], status: 0,
            expect: ["a.md:7:3: warning: NUL byte (U+0000)", "Hostile"]
        ) { try Hostile.write($0, "a.md", Array((Hostile.frontMatter + "ab").utf8) + [0] + Array("cd\n".utf8)) },
        HostileCase(
            name: "a 100 MB line", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:1:1: error: file is 104,857,", "bytes, larger than the 16,777,216-byte limit"]
        ) {
            try Hostile.write(
                $0, "a.md", Array(Hostile.frontMatter.utf8) + [UInt8](repeating: 0x61, count: 100 << 20) + [0x0A])
        },
        HostileCase(
            name: "a 15 MB line under the size limit", reader: .article, arguments: ["inspect", "a.md"], status: 0,
            expect: ["FrontMatter @1:1-4:3"]
        ) {
            try Hostile.write(
                $0, "a.md", Hostile.frontMatter + "1. " + String(repeating: "word ", count: 3_000_000) + "\n")
        },
        HostileCase(
            name: "10,000 nested lists", reader: .article, arguments: ["inspect", "a.md"], status: 0,
            expect: ["warning: content nested more than"]
        ) {
            try Hostile.write($0, "a.md", Hostile.frontMatter + String(repeating: "- ", count: 10_000) + "item\n")
        },
        HostileCase(
            name: "10,000 nested block quotes", reader: .article, arguments: ["inspect", "a.md"], status: 0,
            expect: ["warning: content nested more than"]
        ) { try Hostile.write($0, "a.md", Hostile.frontMatter + String(repeating: ">", count: 10_000) + " deep\n") },
        HostileCase(
            name: "50,000 unclosed brackets and emphasis marks", reader: .article, arguments: ["inspect", "a.md"],
            status: 0, expect: ["Paragraph"]
        ) { try Hostile.write($0, "a.md", Hostile.frontMatter + String(repeating: "[*_`", count: 50_000) + "\n") },
        HostileCase(
            name: "a missing article", reader: .article, arguments: ["inspect", "gone.md"], status: 1,
            expect: ["gone.md: no such file"]
        ) { _ in },
        HostileCase(
            name: "an article that is a folder", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md: is a directory"]
        ) {
            try FileManager.default.createDirectory(
                at: $0.appendingPathComponent("a.md"), withIntermediateDirectories: true)
        },
        HostileCase(
            name: "an article that is a FIFO", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md: cannot be read: not a regular file"]
        ) { try Hostile.fifo($0, "a.md") },
        HostileCase(
            name: "an article that is a symbolic-link loop", reader: .article, arguments: ["inspect", "a.md"],
            status: 1, expect: ["a.md: cannot be read: too many levels of symbolic links"]
        ) {
            try Hostile.link($0, "a.md", to: "b.md")
            try Hostile.link($0, "b.md", to: "a.md")
        },
        HostileCase(
            name: "an unreadable article", reader: .article, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md: cannot be read: permission denied"], asOtherUser: true
        ) {
            try Hostile.write($0, "a.md", Hostile.frontMatter)
            chmod($0.appendingPathComponent("a.md").path, 0)
            chmod($0.path, 0o755)
        },
        HostileCase(
            name: "an empty article", reader: .article, arguments: ["inspect", "a.md"], status: 0,
            expect: ["a.md:1:1: warning: file is empty"]
        ) { try Hostile.write($0, "a.md", "") },
    ]

    static let frontMatters: [HostileCase] = [
        HostileCase(
            name: "malformed YAML", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:3:8: error: YAML syntax error in front matter"]
        ) { try Hostile.write($0, "a.md", "---\ntitle: [unclosed\nms.date: 01/02/2024\n---\n# T\n") },
        HostileCase(
            name: "a YAML alias bomb", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["error: front matter is too large or too deeply nested to read"]
        ) { try Hostile.write($0, "a.md", "---\n" + Hostile.aliasBomb(depth: 9) + "title: x\n---\n# T\n") },
        HostileCase(
            name: "YAML nested 10,000 levels deep", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["error: front matter is too large or too deeply nested to read"]
        ) {
            try Hostile.write($0, "a.md", "---\ntitle: " + String(repeating: "[", count: 10_000) + "\n---\n# T\n")
        },
        HostileCase(
            name: "front matter that is never closed", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:1:1: error: front matter opened here is never closed"]
        ) { try Hostile.write($0, "a.md", "---\ntitle: x\nms.date: 01/02/2024\n# T\n") },
        HostileCase(
            name: "front matter that is a list", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["error: front matter must be a mapping"]
        ) { try Hostile.write($0, "a.md", "---\n- title\n- date\n---\n# T\n") },
        HostileCase(
            name: "invalid UTF-8 in front matter", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:2:8: error: invalid UTF-8 byte sequence"]
        ) {
            try Hostile.write($0, "a.md", Array("---\ntitle: ".utf8) + [0xE2, 0x28, 0xA1] + Array("\n---\n# T\n".utf8))
        },
        HostileCase(
            name: "an impossible date", reader: .frontMatter, arguments: ["inspect", "a.md"], status: 1,
            expect: ["a.md:3:1: error: \"ms.date\" is \"02/30/2024\", not a date"]
        ) { try Hostile.write($0, "a.md", "---\ntitle: x\nms.date: 02/30/2024\n---\n# T\n") },
    ]

    static let includes: [HostileCase] = [
        HostileCase(
            name: "an include that climbs out of the docs root", reader: .include,
            arguments: ["inspect", "docs/a/a.md"], status: 1,
            expect: ["docs/a/a.md:7:1: error: included file \"../../../../../../etc/passwd\" is outside the docs root"],
            absent: ["root:x:0"]
        ) {
            try Hostile.write($0, "docs/" + Hostile.docsRootMarker, "{}")
            try Hostile.write($0, "docs/a/a.md", Hostile.frontMatter + "[!INCLUDE [p](../../../../../../etc/passwd)]\n")
        },
        HostileCase(
            name: "an include through a symbolic link leading out", reader: .include,
            arguments: ["inspect", "docs/a/a.md"], status: 1,
            expect: ["docs/a/a.md:7:1: error: included file \"secret.md\" is outside the docs root"],
            absent: ["root:x:0"]
        ) {
            try Hostile.write($0, "docs/" + Hostile.docsRootMarker, "{}")
            try Hostile.link($0, "docs/a/secret.md", to: "/etc/passwd")
            try Hostile.write($0, "docs/a/a.md", Hostile.frontMatter + "[!INCLUDE [p](secret.md)]\n")
        },
        HostileCase(
            name: "an absolute include path", reader: .include, arguments: ["inspect", "docs/a/a.md"], status: 0,
            expect: ["docs/a/a.md:7:1: warning: included file \"/etc/passwd\" does not exist"], absent: ["root:x:0"]
        ) {
            try Hostile.write($0, "docs/" + Hostile.docsRootMarker, "{}")
            try Hostile.write($0, "docs/a/a.md", Hostile.frontMatter + "[!INCLUDE [p](/etc/passwd)]\n")
        },
        HostileCase(
            name: "an include cycle", reader: .include, arguments: ["inspect", "docs/a.md"], status: 1,
            expect: ["docs/b.md:1:1: error: include cycle: a.md -> b.md -> a.md"]
        ) {
            try Hostile.write($0, "docs/" + Hostile.docsRootMarker, "{}")
            try Hostile.write($0, "docs/a.md", Hostile.frontMatter + "[!INCLUDE [p](b.md)]\n")
            try Hostile.write($0, "docs/b.md", "[!INCLUDE [p](a.md)]\n")
        },
        HostileCase(
            name: "includes nested 20 deep", reader: .include, arguments: ["inspect", "docs/a.md"], status: 1,
            expect: ["error: includes nested more than 8 levels deep"]
        ) {
            try Hostile.write($0, "docs/" + Hostile.docsRootMarker, "{}")
            try Hostile.write($0, "docs/a.md", Hostile.frontMatter + "[!INCLUDE [p](i1.md)]\n")
            for i in 1...20 { try Hostile.write($0, "docs/i\(i).md", "Level \(i)\n\n[!INCLUDE [p](i\(i + 1).md)]\n") }
        },
        HostileCase(
            name: "an include that is a FIFO", reader: .include, arguments: ["inspect", "docs/a.md"], status: 1,
            expect: ["docs/a.md:7:1: error: included file \"f.md\" could not be read", "not a regular file"]
        ) {
            try Hostile.write($0, "docs/" + Hostile.docsRootMarker, "{}")
            try Hostile.fifo($0, "docs/f.md")
            try Hostile.write($0, "docs/a.md", Hostile.frontMatter + "[!INCLUDE [p](f.md)]\n")
        },
        HostileCase(
            name: "a missing include", reader: .include, arguments: ["inspect", "docs/a.md"], status: 0,
            expect: ["docs/a.md:7:1: warning: included file \"gone.md\" does not exist"]
        ) {
            try Hostile.write($0, "docs/" + Hostile.docsRootMarker, "{}")
            try Hostile.write($0, "docs/a.md", Hostile.frontMatter + "[!INCLUDE [p](gone.md)]\n")
        },
    ]

    static let validArticle =
        "---\ntitle: A title that is long enough\ndescription: d\nms.date: 01/02/2024\n---\n# T\n\n"

    static let trees: [HostileCase] = [
        HostileCase(
            name: "a link that climbs out of the tree", reader: .tree,
            arguments: ["validate", "docs", "--today", "2024-06-01", "--format", "github"], status: 1,
            expect: ["file=docs/en-us/a.md,line=8,col=5", "is outside the documentation tree"]
        ) {
            try Hostile.write($0, "docs/.waymark.yml", "profile: minimal\n")
            try Hostile.write($0, "docs/en-us/a.md", validArticle + "See [this](../../../../etc/passwd).\n")
        },
        HostileCase(
            name: "folder symbolic links that loop", reader: .tree,
            arguments: ["validate", "docs", "--today", "2024-06-01"], status: 0, expect: ["1 file checked"]
        ) {
            try Hostile.write($0, "docs/.waymark.yml", "profile: minimal\n")
            try Hostile.write($0, "docs/en-us/a.md", validArticle)
            try Hostile.link($0, "docs/en-us/sub/up", to: "..")
            try Hostile.link($0, "docs/en-us/loop", to: "../..")
        },
        HostileCase(
            name: "an unreadable article in the tree", reader: .tree,
            arguments: ["validate", "docs", "--today", "2024-06-01"], status: 1,
            expect: ["docs/en-us/b.md", "permission denied"], asOtherUser: true
        ) {
            try Hostile.write($0, "docs/.waymark.yml", "profile: minimal\n")
            try Hostile.write($0, "docs/en-us/a.md", validArticle)
            try Hostile.write($0, "docs/en-us/b.md", validArticle)
            chmod($0.appendingPathComponent("docs/en-us/b.md").path, 0)
        },
        HostileCase(
            name: "a FIFO and a dangling link in the tree", reader: .tree,
            arguments: ["validate", "docs", "--today", "2024-06-01"], status: 0, expect: ["1 file checked"]
        ) {
            try Hostile.write($0, "docs/.waymark.yml", "profile: minimal\n")
            try Hostile.write($0, "docs/en-us/a.md", validArticle)
            try Hostile.fifo($0, "docs/en-us/pipe.md")
            try Hostile.link($0, "docs/en-us/dangling.md", to: "nowhere.md")
        },
        HostileCase(
            name: "a missing tree", reader: .tree, arguments: ["validate", "nowhere"], status: 1,
            expect: ["nowhere"]
        ) { _ in },
    ]

    static let configurations: [HostileCase] = [
        HostileCase(
            name: "malformed configuration YAML", reader: .configuration, arguments: ["validate", "docs"], status: 1,
            expect: ["docs/.waymark.yml:2:1: YAML syntax error in configuration"]
        ) {
            try Hostile.write($0, "docs/.waymark.yml", "rules: [unclosed\n")
            try Hostile.write($0, "docs/en-us/a.md", validArticle)
        },
        HostileCase(
            name: "a configuration alias bomb", reader: .configuration, arguments: ["validate", "docs"], status: 1,
            expect: ["docs/.waymark.yml: YAML syntax error in configuration: more than 10000 values"]
        ) { try Hostile.write($0, "docs/.waymark.yml", Hostile.aliasBomb(depth: 8)) },
        HostileCase(
            name: "a 100 MB configuration line", reader: .configuration, arguments: ["validate", "docs"], status: 1,
            expect: ["docs/.waymark.yml: YAML syntax error in configuration: more than 65536 bytes"]
        ) {
            try Hostile.write(
                $0, "docs/.waymark.yml", Array("rules: ".utf8) + [UInt8](repeating: 0x61, count: 100 << 20))
        },
        HostileCase(
            name: "an unknown rule in the configuration", reader: .configuration, arguments: ["validate", "docs"],
            status: 1, expect: ["docs/.waymark.yml:2:3: unknown rule \"no-such-rule\""]
        ) { try Hostile.write($0, "docs/.waymark.yml", "rules:\n  no-such-rule: error\n") },
    ]

    static let bindingConfig = "docs/.waymark.yml"

    static let bindings: [HostileCase] = [
        HostileCase(
            name: "a binding with a YAML syntax error", reader: .binding,
            arguments: ["validate", "docs", "--today", "2024-06-01", "--format", "github"], status: 1,
            expect: ["file=docs/procedures/b.yml,line=2,col=1", "YAML syntax error in binding"]
        ) {
            try Hostile.write($0, bindingConfig, "profile: minimal\nbindings: procedures\n")
            try Hostile.write($0, "docs/procedures/b.yml", "steps: {\n")
        },
        HostileCase(
            name: "a binding alias bomb", reader: .binding,
            arguments: ["validate", "docs", "--today", "2024-06-01", "--format", "github"], status: 1,
            expect: ["file=docs/procedures/b.yml", "binding has no \"procedure\""]
        ) {
            try Hostile.write($0, bindingConfig, "profile: minimal\nbindings: procedures\n")
            try Hostile.write($0, "docs/procedures/b.yml", Hostile.aliasBomb(depth: 9))
        },
        HostileCase(
            name: "invalid UTF-8 in a binding", reader: .binding,
            arguments: ["validate", "docs", "--today", "2024-06-01", "--format", "github"], status: 1,
            expect: ["file=docs/procedures/b.yml,line=1,col=10", "invalid UTF-8"]
        ) {
            try Hostile.write($0, bindingConfig, "profile: minimal\nbindings: procedures\n")
            try Hostile.write($0, "docs/procedures/b.yml", Array("article: ".utf8) + [0xFF] + Array("\n".utf8))
        },
        HostileCase(
            name: "an oversized binding", reader: .binding,
            arguments: ["validate", "docs", "--today", "2024-06-01", "--format", "github"], status: 1,
            expect: ["file=docs/procedures/b.yml", "binding file cannot be read", "more than the 65536 allowed"]
        ) {
            try Hostile.write($0, bindingConfig, "profile: minimal\nbindings: procedures\n")
            try Hostile.write($0, "docs/procedures/b.yml", "article: " + String(repeating: "a", count: 1 << 20) + "\n")
        },
    ]

}
