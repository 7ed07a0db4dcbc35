import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLocalization

/// One article file of a docs tree: which locale it is in and its docs path, the path it has in
/// every locale (`partner-center/remove-a-relationship.md`).
public struct DocsFile: Sendable, Hashable {
    public var path: String
    public var locale: LocaleTag
    public var docsPath: String
    /// The root of the tree it is in: includes may not reach outside it.
    public var tree: String = ""
}

/// A prefix of a locale's paths that stands for another in the source locale's layout
/// (`marketplace/` in a translation = `partner-center/marketplace/` in English).
public struct PathMapping: Sendable, Hashable {
    public var from: String
    public var to: String
}

/// A Learn-style docs tree: one folder per locale, named by its tag (`en-us/`, `tr-TR/`, …), or
/// laid out as a validation configuration describes it (`locales:` with `root` and `paths`).
public struct DocsTree: Sendable, Hashable {
    /// The tree's folder, absolute, links resolved.
    public var root: String
    /// The locale folders by tag.
    public var locales: [LocaleTag: String]
    /// Path prefixes of each locale that stand for others in the source locale's layout.
    public var pathMaps: [LocaleTag: [PathMapping]] = [:]

    /// The tree at `path` laid out as `configuration` (a `.waymark.yml`) says: its `locales`, each
    /// a folder or `{ root, paths }`. `nil` when the configuration cannot be read or names no
    /// locale folder that exists.
    public init?(path: String, configuration: String) {
        guard let bytes = try? FileReader.read(configuration, limit: 1 << 20),
            case .mapping(let entries)? = try? YAMLDocument.read(bytes, path: configuration),
            case .mapping(let localeEntries)? = entries.first(where: { $0.key == "locales" })?.value
        else { return nil }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var found: [LocaleTag: String] = [:]
        var maps: [LocaleTag: [PathMapping]] = [:]
        for entry in localeEntries {
            guard let tag = LocaleTag(entry.key) else { continue }
            var folder = entry.key
            switch entry.value {
            case .mapping(let fields):
                for field in fields {
                    if field.key == "root", let root = field.value.string { folder = root }
                    if field.key == "paths", case .mapping(let pairs) = field.value {
                        maps[tag] = pairs.compactMap { pair in
                            pair.value.string.map { PathMapping(from: pair.key, to: $0) }
                        }
                    }
                }
            default:
                if let root = entry.value.string { folder = root }
            }
            guard !folder.hasPrefix("/"), !folder.split(separator: "/").contains(".."),
                DocsTree.isFolder(absolute + "/" + folder)
            else { continue }
            found[tag] = folder
        }
        guard !found.isEmpty else { return nil }
        root = absolute
        locales = found
        pathMaps = maps
    }

    /// The tree at `path`, or `nil` when it holds no locale folder.
    public init?(path: String) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var found: [LocaleTag: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? [] {
            guard let tag = LocaleTag(name), name.contains("-"), DocsTree.isFolder(absolute + "/" + name) else {
                continue
            }
            found[tag] = name
        }
        guard !found.isEmpty else { return nil }
        root = absolute
        locales = found
    }

    /// Every article of the tree (`.md` files, not those in `includes` folders or hidden ones), by
    /// locale folder and path.
    public func files() -> [DocsFile] {
        var out: [DocsFile] = []
        for (tag, folder) in locales.sorted(by: { $0.key < $1.key }) {
            let base = root + "/" + folder
            var relatives: [String] = []
            func entering(_ folder: String) -> Bool {
                let name = DocsTree.lastComponent(folder)
                return !name.hasPrefix(".") && name != "includes"
            }
            TreeWalker.files(under: base, entering: entering) { relative in
                // Most files of a tree are media: a look at the last bytes settles them.
                let tail = relative.utf8.suffix(3).map { $0 | 0x20 }
                guard relative.utf8.count > 3, tail == Array(".md".utf8) else { return }
                let name = DocsTree.lastComponent(relative)
                guard !name.hasPrefix("."), !DocsTree.repositoryFiles.contains(name.lowercased()) else { return }
                relatives.append(relative)
            }
            for relative in relatives.sorted() {
                out.append(
                    DocsFile(
                        path: base + "/" + relative, locale: tag, docsPath: docsPath(of: relative, in: tag), tree: root)
                )
            }
        }
        return out
    }

    /// What follows the last `/` of a relative path (all of it when there is none).
    static func lastComponent(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[...] }
        return path[path.utf8.index(after: slash)...]
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Files that repositories keep beside their articles, which are not articles.
    static let repositoryFiles: Set<String> = [
        "readme.md", "code_of_conduct.md", "contributing.md", "security.md", "license.md", "thirdpartynotices.md",
        "changelog.md",
    ]

    /// The docs path of a file at `relative` in `locale`'s folder: its path in the source layout.
    func docsPath(of relative: String, in locale: LocaleTag) -> String {
        for map in pathMaps[locale] ?? [] where relative.hasPrefix(map.from) {
            return map.to + relative.dropFirst(map.from.count)
        }
        return relative
    }

    /// The file of `docsPath` in `locale` itself (no fallback), if there is one.
    public func file(_ docsPath: String, locale: LocaleTag) -> String? {
        let relative = docsPath.hasPrefix("/") ? String(docsPath.dropFirst()) : docsPath
        guard !relative.split(separator: "/").contains("..") else { return nil }
        for (tag, folder) in locales.sorted(by: { $0.key < $1.key }) where tag.serves(locale) {
            var candidates = [relative]
            for map in pathMaps[tag] ?? [] where relative.hasPrefix(map.to) {
                candidates.insert(map.from + relative.dropFirst(map.to.count), at: 0)
            }
            for candidate in candidates {
                let path = root + "/" + folder + "/" + candidate
                if FileManager.default.fileExists(atPath: path) { return path }
            }
        }
        return nil
    }
}

/// Where articles come from: the docs trees the user named (`--docs`, `WAYMARK_DOCS`, the config
/// file) and the ones Waymark ships, in that order.
public struct DocsLibrary: Sendable {
    public var trees: [DocsTree]

    public init(trees: [DocsTree]) {
        self.trees = trees
    }

    /// The trees named by `--docs` (`explicit`, laid out as `configuration` says when one is given),
    /// then `WAYMARK_DOCS` (colon-separated), then the `docs:` list of
    /// `$XDG_CONFIG_HOME/waymark/config.yml`, then the shipped `Resources/Articles`. A tree with a
    /// `.waymark.yml` at its root is laid out as that says. A named folder that is not a docs tree is
    /// returned in `invalid`.
    public static func sources(explicit: [String], configuration: String? = nil, environment: [String: String]) -> (
        library: DocsLibrary, invalid: [String]
    ) {
        var trees: [DocsTree] = []
        var invalid: [String] = []
        var paths: [String] = []
        if let configuration {
            // The trees named on the command line, laid out as the configuration says.
            for path in explicit {
                if let tree = DocsTree(path: path, configuration: configuration) {
                    if !trees.contains(tree) { trees.append(tree) }
                } else {
                    invalid.append(path)
                }
            }
        } else {
            paths = explicit
        }
        if let list = environment["WAYMARK_DOCS"] { paths += list.split(separator: ":").map(String.init) }
        paths += configuredDocs(environment: environment)
        for path in paths where !path.isEmpty {
            // A tree may describe itself with the validation configuration it keeps at its root.
            let own = path + "/.waymark.yml"
            let described = FileManager.default.fileExists(atPath: own) ? DocsTree(path: path, configuration: own) : nil
            if let tree = described ?? DocsTree(path: path) {
                if !trees.contains(tree) { trees.append(tree) }
            } else {
                invalid.append(path)
            }
        }
        if let shipped = ArticleResolver.shipped(), let tree = DocsTree(path: shipped.root.path), !trees.contains(tree)
        {
            trees.append(tree)
        }
        return (DocsLibrary(trees: trees), invalid)
    }

    /// The `docs:` list of the user's configuration file, paths relative to it.
    static func configuredDocs(environment: [String: String]) -> [String] {
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.config"
        } else {
            return []
        }
        let file = base + "/waymark/config.yml"
        guard let bytes = try? FileReader.read(file, limit: 1 << 20),
            case .mapping(let entries)? = try? YAMLDocument.read(bytes, path: file),
            let docs = entries.first(where: { $0.key == "docs" })
        else { return [] }
        let folder = (file as NSString).deletingLastPathComponent
        let items: [String]
        switch docs.value {
        case .sequence(let values): items = values.compactMap(\.string)
        default: items = docs.value.string.map { [$0] } ?? []
        }
        return items.map { $0.hasPrefix("/") ? $0 : folder + "/" + $0 }
    }

    /// Every article of every tree.
    public func files() -> [DocsFile] { trees.flatMap { $0.files() } }

    /// The best file of `docsPath` for `locale`: the first tree that has it along the locale's
    /// fallback chain, and the locale it was found in.
    public func resolve(_ docsPath: String, locale: LocaleTag) -> (path: String, locale: LocaleTag)? {
        for candidate in locale.fallbackChain {
            for tree in trees {
                if let path = tree.file(docsPath, locale: candidate) { return (path, candidate) }
            }
        }
        return nil
    }
}
