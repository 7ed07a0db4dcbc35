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
