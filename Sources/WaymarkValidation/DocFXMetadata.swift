import Foundation

/// The front-matter keys that `docfx.json` files give their articles on Learn: every key of
/// `build.globalMetadata`, and the keys of `build.fileMetadata` whose glob matches the article.
/// The front-matter rules count such a key as present, as the published page has it.
package struct DocFXMetadata: Sendable {
    struct Docset: Sendable {
        /// Tree-relative folder of the `docfx.json` ("" at the root).
        var folder: String
        var global: Set<String>
        var files: [(key: String, glob: String)]
    }

    private(set) var docsets: [Docset] = []

    package init() {}

    var isEmpty: Bool { docsets.isEmpty }

    /// Reads the `docfx.json` at `treePath`; one that is not JSON, or has no `build`, adds nothing.
    package mutating func add(json data: Data, at treePath: String) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let build = object["build"] as? [String: Any]
        else { return }
        let global = Set((build["globalMetadata"] as? [String: Any] ?? [:]).keys)
        var files: [(key: String, glob: String)] = []
        for (key, value) in build["fileMetadata"] as? [String: Any] ?? [:] {
            for glob in (value as? [String: Any] ?? [:]).keys.sorted() { files.append((key, Self.pathGlob(glob))) }
        }
        docsets.append(Docset(folder: TreePath.parent(of: treePath), global: global, files: files))
        // The innermost docset of an article is found first.
        docsets.sort { $0.folder.utf8.count > $1.folder.utf8.count }
    }

    /// A DocFX glob as the tree's globs read: DocFX's `**` also matches within a name (`**.md`
    /// is every Markdown file at any depth), written `**/*` here.
    static func pathGlob(_ glob: String) -> String {
        var out = ""
        var rest = Substring(glob)
        while let stars = rest.range(of: "**") {
            out += rest[..<stars.lowerBound] + "**"
            rest = rest[stars.upperBound...]
            if let next = rest.first, next != "/" { out += "/*" }
        }
        return out + rest
    }

    /// The keys the docset holding `treePath` supplies.
    package func keys(for treePath: String) -> Set<String> {
        guard
            let docset = docsets.first(where: { $0.folder.isEmpty || treePath.hasPrefix($0.folder + "/") })
        else { return [] }
        let relative = docset.folder.isEmpty ? treePath : String(treePath.dropFirst(docset.folder.utf8.count + 1))
        var keys = docset.global
        for (key, glob) in docset.files where !keys.contains(key) {
            if TreePath.matches(relative, glob: glob) { keys.insert(key) }
        }
        return keys
    }
}
