import Foundation
import Testing

@testable import WaymarkValidation

/// `FileIndex`: the folders of a tree's files, whose look-ups it skips for a file in the folder of
/// the file before it.
@Suite struct FileIndexTests {
    /// Every folder above every file, made the long way.
    static func folders(of paths: [String]) -> Set<String> {
        var folders: Set<String> = []
        for path in paths {
            var folder = TreePath.parent(of: path)
            while !folder.isEmpty {
                folders.insert(folder)
                folder = TreePath.parent(of: folder)
            }
        }
        return folders
    }

    @Test func everyFolderIsKnownInAnyOrder() {
        // Neighbours whose folders have the same length but other names, files at the top, a
        // folder that comes back after others, a file named like a folder.
        let listed = [
            "a/b/x.md", "a/b/y.md", "a/c/z.md", "top.md", "a/b/w.md", "ab/c/d.md", "ab/d/e.md", "a/bc.md",
            "é/b/x.md", "e/b/x.md", "zz/yy/xx/w.md", "zz/yy/xx/v.md", "zz/yy/x2/u.md",
        ]
        var random = SystemRandomNumberGenerator()
        for order in [listed, listed.sorted(), listed.reversed()]
            + (0..<50).map({ _ in listed.shuffled(using: &random) })
        {
            var index = FileIndex(capacity: order.count)
            for path in order { index.add(path) }
            #expect(index.folders == Self.folders(of: order), "\(order)")
            #expect(order.allSatisfy(index.contains))
        }
    }
}

/// The redirection files DocFX publishes, read into the index: what each entry names, and what a
/// file that is not such a list adds (nothing, never a crash).
@Suite struct RedirectionFileTests {
    static func index(_ json: [UInt8], at path: String = "en-us/.openpublishing.redirection.json") -> FileIndex {
        var index = FileIndex()
        for file in ["en-us/partner-center/new.md", "en-us/partner-center/guide/index.md", "en-us/x.md"] {
            index.add(file)
        }
        index.addRedirections(json: Data(json), at: path)
        return index
    }

    @Test func entriesNameWhereAPageWent() {
        let json = #"""
            {"redirections": [
              {"source_path": "old.md", "redirect_url": "/partner-center/new#part", "redirect_document_id": true},
              {"source_path": "Sub/../Gone.md", "redirect_url": "https://learn.microsoft.com/en-us/partner-center/guide"},
              {"source_path": "nowhere.md"},
              {"source_path": 7, "redirect_url": "/partner-center/x"},
              "not an entry",
              {"source_path": "ü.md", "redirect_url": "/partner-center/x"}
            ]}
            """#
        let index = Self.index(Array(json.utf8))
        #expect(index.redirection(of: "en-us/old.md") == "/partner-center/new#part")
        #expect(index.redirectionFile(of: "en-us/old.md")?.path == "en-us/partner-center/new.md")
        #expect(index.redirectionFile(of: "en-us/old.md")?.fragment == "part")
        #expect(index.redirectionFile(of: "EN-US/GONE.md")?.path == "en-us/partner-center/guide/index.md")
        #expect(index.redirection(of: "en-us/nowhere.md") == "")
        #expect(index.redirection(of: "en-us/Ü.md") == "/partner-center/x")
        #expect(index.redirections.count == 4)
    }

    /// A byte-order mark first, as some editors write one.
    @Test func aByteOrderMarkIsSkipped() {
        let json = Array(#"{"redirections": [{"source_path": "old.md", "redirect_url": "/a/new"}]}"#.utf8)
        #expect(Self.index([0xEF, 0xBB, 0xBF] + json).redirection(of: "en-us/old.md") == "/a/new")
    }

    @Test(arguments: [
        "", "{", "[]", #"{"redirections": {}}"#, #"{"redirections": [1, 2]}"#, "\u{0}", #"{"redirections": [{"#,
        String(repeating: "[", count: 100_000),
    ])
    func whatIsNotAListOfRedirectionsAddsNothing(_ text: String) {
        #expect(Self.index(Array(text.utf8)).redirections.isEmpty)
        #expect(Self.index([0xFF, 0xFE] + Array(text.utf8)).redirections.isEmpty)
    }
}
