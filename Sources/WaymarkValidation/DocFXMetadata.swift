import Foundation
import WaymarkCore

/// What the `docfx.json` files of a tree tell about its Markdown files, as DocFX reads them when it
/// publishes to Learn:
///
/// - `build.content`: which files of the docset are articles (`files` globs under `src`, less
///   `exclude`). Files beside the docsets (a repository's README) are not.
/// - `build.globalMetadata` and `build.fileMetadata`: front-matter keys every article (or every
///   article a glob matches) gets. An article's own key wins over both, and a matching
///   `fileMetadata` glob over `globalMetadata` (the last matching glob of a key wins).
package struct DocFXMetadata: Sendable {
    /// A key the docset gives an article, and where it comes from.
    package struct Supplied: Sendable, Hashable {
        package var key: String
        package var value: MetadataValue
        /// The `docfx.json` (tree-relative) that supplies it.
        package var file: String
        /// `nil` for `build.globalMetadata`, else the `build.fileMetadata` glob that matched.
        package var glob: String?

        /// `docfx.json build.globalMetadata` or `docfx.json build.fileMetadata "**.md"`.
        package var origin: String {
            glob.map { "\(file) build.fileMetadata \"\($0)\"" } ?? "\(file) build.globalMetadata"
        }
    }

    struct Content: Sendable {
        /// Folder under the docset, "" for the docset's own.
        var source: String
        var files: [String]
        var exclude: [String]
        /// `source` and a slash, "" for the docset's own: what the paths under it start with.
        var prefix: String
    }

    struct Docset: Sendable {
        /// Tree-relative folder of the `docfx.json` ("" at the root).
        var folder: String
        /// `folder` and a slash, "" at the root: made once, not for each file of a large tree
        /// asked about (every file is, and every docset of the tree is tried in turn).
        var prefix: String
        var file: String
        var global: [(key: String, value: MetadataValue)]
        /// `global` as what the docset supplies, in key order: all it supplies to an article no
        /// `files` glob matches (made once, not for every article).
        var suppliedGlobally: [Supplied]
        /// In file order; a glob as the tree's globs read it, and as written.
        var files: [(key: String, glob: String, written: String, value: MetadataValue)]
        /// `nil` when the docset lists no content (it then decides nothing).
        var content: [Content]?
    }

    private(set) var docsets: [Docset] = []
    /// Each docset's place in `docsets` by its prefix: a file's docset is found by its folders,
    /// not by trying every docset (a tree with a docset per product and locale has hundreds).
    private var byPrefix: [String: Int] = [:]
    /// The prefixes of the folders that hold a docset listing content, at any depth below them
    /// ("" when there is one at all).
    private var contentBelow: Set<String> = []

    package init() {}

    var isEmpty: Bool { docsets.isEmpty }

    /// Reads the `docfx.json` at `treePath`; one that is not JSON, or has no `build`, adds nothing.
    package mutating func add(json data: Data, at treePath: String) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let build = object["build"] as? [String: Any]
        else { return }
        let globalObject = build["globalMetadata"] as? [String: Any] ?? [:]
        let global = globalObject.keys.sorted().map { ($0, Self.metadata(globalObject[$0]!)) }
        var files: [(key: String, glob: String, written: String, value: MetadataValue)] = []
        for (key, value) in (build["fileMetadata"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
            let globs = value as? [String: Any] ?? [:]
            for glob in globs.keys.sorted() {
                files.append((key, Self.pathGlob(glob), glob, Self.metadata(globs[glob]!)))
            }
        }
        var content: [Content]?
        if let entries = build["content"] as? [Any] {
            content = entries.compactMap { entry -> Content? in
                guard let entry = entry as? [String: Any] else { return nil }
                let strings = { (key: String) -> [String] in
                    if let one = entry[key] as? String { return [one] }
                    return (entry[key] as? [Any] ?? []).compactMap { $0 as? String }
                }
                var source = (entry["src"] as? String) ?? ""
                while source.hasPrefix("./") { source.removeFirst(2) }
                while source.hasSuffix("/") { source.removeLast() }
                if source == "." { source = "" }
                return Content(
                    source: source, files: strings("files").map(Self.pathGlob),
                    exclude: strings("exclude").map(Self.pathGlob), prefix: Self.prefix(of: source))
            }
        }
        let folder = TreePath.parent(of: treePath)
        docsets.append(
            Docset(
                folder: folder, prefix: Self.prefix(of: folder), file: treePath, global: global,
                suppliedGlobally: global.map { Supplied(key: $0.0, value: $0.1, file: treePath, glob: nil) },
                files: files, content: content))
        // The innermost docset of an article is found first.
        docsets.sort { $0.folder.utf8.count > $1.folder.utf8.count }
        byPrefix = [:]
        for (index, docset) in docsets.enumerated() where byPrefix[docset.prefix] == nil {
            byPrefix[docset.prefix] = index
        }
        if content != nil {
            contentBelow.insert("")
            for slash in folder.utf8.indices where folder.utf8[slash] == UInt8(ascii: "/") {
                contentBelow.insert(String(folder[...slash]))
            }
        }
    }

    /// `folder` and a slash, "" for the top: what the paths under it start with.
    static func prefix(of folder: String) -> String { folder.isEmpty ? "" : folder + "/" }

    /// A JSON value as front matter holds it: text, numbers and booleans as scalars.
    static func metadata(_ value: Any) -> MetadataValue {
        switch value {
        case let s as String: return .scalar(s)
        case let n as NSNumber:
            // A JSON boolean is a number whose type is a char.
            return .scalar(String(cString: n.objCType) == "c" ? (n.boolValue ? "true" : "false") : n.stringValue)
        case let a as [Any]: return .sequence(a.map(metadata))
        case let o as [String: Any]:
            return .mapping(o.keys.sorted().map { MetadataEntry(key: $0, value: metadata(o[$0]!), range: nil) })
        default: return .scalar("")
        }
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

    private func docset(holding treePath: String) -> (Docset, relative: String)? {
        var lookups = Lookups()
        return docset(holding: treePath, lookups: &lookups).map { (docsets[$0.index], $0.relative) }
    }

    /// The number of the docset that holds `treePath`, and the path from the docset's folder.
    private func docset(holding treePath: String, lookups: inout Lookups) -> (index: Int, relative: String)? {
        guard !docsets.isEmpty else { return nil }
        // The file's folder: its path up to and with the last slash.
        let folderLength = treePath.lastUTF8Offset(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        let index: Int?
        if let folder = lookups.folder, folder.utf8.count == folderLength, treePath.hasBytePrefix(folder) {
            index = lookups.docset
        } else {
            // The innermost folder above the file that holds one: its folders from the deepest up.
            var found = byPrefix[""]
            var end = treePath.utf8.endIndex
            while let slash = treePath.utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
                if let inner = byPrefix[String(treePath[...slash])] {
                    found = inner
                    break
                }
                end = slash
            }
            index = found
            lookups.folder = treePath.utf8Slice(0..<folderLength)
            lookups.docset = found
        }
        guard let index else { return nil }
        return (index, Self.dropping(docsets[index].prefix, from: treePath))
    }

    /// `path` without `prefix`, which it begins with: by its bytes (a folder's name can be
    /// longer in bytes than in characters).
    private static func dropping(_ prefix: String, from path: String) -> String {
        let count = prefix.utf8.count
        return count == 0 ? path : path.utf8Slice(count..<path.utf8.count)
    }

    /// The keys the docset holding `treePath` supplies, each with its value and origin, in key order.
    package func supplied(for treePath: String) -> [Supplied] {
        guard let (docset, relative) = docset(holding: treePath) else { return [] }
        // The global keys, each glob that matches put in its key's place in turn (the last wins).
        var supplied = docset.suppliedGlobally
        for file in docset.files where TreePath.matches(relative, glob: file.glob) {
            let value = Supplied(key: file.key, value: file.value, file: docset.file, glob: file.written)
            let place = supplied.firstIndex { $0.key >= file.key } ?? supplied.endIndex
            if place < supplied.endIndex, supplied[place].key == file.key {
                supplied[place] = value
            } else {
                supplied.insert(value, at: place)
            }
        }
        return supplied
    }

    /// The keys the docset holding `treePath` supplies.
    package func keys(for treePath: String) -> Set<String> {
        Set(supplied(for: treePath).map(\.key))
    }

    /// Whether DocFX publishes `treePath` as an article: `true` or `false` when a docset decides
    /// (the file is in a docset that lists its content, or it lies beside a docset, in a folder
    /// that holds one), `nil` when none does.
    package func isArticle(_ treePath: String) -> Bool? {
        var lookups = Lookups()
        return isArticle(treePath, lookups: &lookups)
    }

    /// The docset that holds the files of the folder `isArticle` was last asked about: a tree's
    /// files come a folder at a time, and finding a file's docset looks up each folder above it.
    package struct Lookups {
        /// The folder, with its final slash ("" for the top), and its docset's number.
        fileprivate var folder: String?
        fileprivate var docset: Int?

        package init() {}
    }

    /// `isArticle(_:)`, the docset of the file's folder taken from `lookups` when it is the last
    /// one's.
    package func isArticle(_ treePath: String, lookups: inout Lookups) -> Bool? {
        if let (index, relative) = docset(holding: treePath, lookups: &lookups) {
            guard let content = docsets[index].content else { return nil }
            return content.contains { entry in
                guard relative.hasBytePrefix(entry.prefix) else { return false }
                let path = Self.dropping(entry.prefix, from: relative)
                return entry.files.contains { TreePath.matches(path, glob: $0) }
                    && !entry.exclude.contains { TreePath.matches(path, glob: $0) }
            }
        }
        // Beside a docset: a folder above the file holds one.
        var folder = TreePath.parent(of: treePath)
        while true {
            let prefix = folder.isEmpty ? "" : folder + "/"
            if contentBelow.contains(prefix) { return false }
            if folder.isEmpty { return nil }
            folder = TreePath.parent(of: folder)
        }
    }

    /// The `docfx.json` files in the folders from `path`'s up to `root` (both absolute), read
    /// into one value with tree paths relative to `root`; for `inspect`, which reads one file.
    package static func around(_ path: String, root: String) -> (metadata: DocFXMetadata, treePath: String) {
        var metadata = DocFXMetadata()
        let top = (root as NSString).standardizingPath
        let file = (path as NSString).standardizingPath
        guard file.hasPrefix(top == "/" ? "/" : top + "/") else { return (metadata, file) }
        let treePath = file.utf8Slice((top == "/" ? 1 : top.utf8.count + 1)..<file.utf8.count)
        var folder = TreePath.parent(of: treePath)
        var read: Set<String> = []
        func add(_ json: String) {
            guard read.insert(json).inserted,
                let data = FileManager.default.contents(atPath: (top as NSString).appendingPathComponent(json))
            else { return }
            metadata.add(json: data, at: json)
        }
        while true {
            add(TreePath.join(folder, "docfx.json"))
            // Docsets beside the file: a docfx.json one folder down from a folder above it.
            let absolute = (top as NSString).appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: absolute))?.sorted() ?? [] {
                add(TreePath.join(TreePath.join(folder, name), "docfx.json"))
            }
            if folder.isEmpty { break }
            folder = TreePath.parent(of: folder)
        }
        return (metadata, treePath)
    }
}

extension FrontMatter {
    /// The front matter the published page has: these entries, then each supplied key the
    /// entries lack (with no range: it is not written in the file).
    package func merging(_ supplied: [DocFXMetadata.Supplied]) -> FrontMatter {
        guard !supplied.isEmpty else { return self }
        var merged = self
        for s in supplied where entry(s.key) == nil {
            merged.entries.append(MetadataEntry(key: s.key, value: s.value, range: nil))
        }
        return merged
    }
}
