import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

@Suite struct TreeWalkerTests {
    @Test func listsFilesAndLinkedFilesButDoesNotEnterLinkedFolders() throws {
        let root = try RepositoryPaths.temporaryDirectory().path
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/.hidden", withIntermediateDirectories: true)
        for file in ["top.md", "a/one.md", "a/b/two.md", ".hidden/three.md", ".dot.json"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/" + file))
        }
        try fm.createSymbolicLink(atPath: root + "/linked.md", withDestinationPath: "top.md")
        try fm.createSymbolicLink(atPath: root + "/a/loop", withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: root + "/dangling.md", withDestinationPath: "nowhere.md")

        var found: [String] = []
        TreeWalker.files(under: root) { found.append($0) }
        #expect(
            found.sorted() == [".dot.json", ".hidden/three.md", "a/b/two.md", "a/one.md", "linked.md", "top.md"])
    }

    @Test func aMissingRootListsNothing() {
        var found: [String] = []
        TreeWalker.files(under: "/nonexistent-\(UUID().uuidString)") { found.append($0) }
        #expect(found.isEmpty)
    }
}
