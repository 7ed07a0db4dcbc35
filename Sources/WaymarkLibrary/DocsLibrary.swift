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
}

/// A Learn-style docs tree: one folder per locale, named by its tag (`en-us/`, `tr-TR/`, …).
public struct DocsTree: Sendable, Hashable {
    /// The tree's folder, absolute, links resolved.
    public var root: String
    /// The locale folders by tag.
    public var locales: [LocaleTag: String]

    /// The tree at `path`, or `nil` when it holds no locale folder.
    public init?(path: String) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var found: [LocaleTag: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? [] {
            var isDirectory: ObjCBool = false
            guard let tag = LocaleTag(name), name.contains("-"),
                FileManager.default.fileExists(atPath: absolute + "/" + name, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { continue }
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
            guard let walker = FileManager.default.enumerator(atPath: base) else { continue }
            while let next = walker.nextObject() as? String {
                let parts = next.split(separator: "/")
                if parts.contains(where: { $0.hasPrefix(".") || $0 == "includes" }) {
                    walker.skipDescendants()
                    continue
                }
                guard next.lowercased().hasSuffix(".md"),
                    !DocsTree.repositoryFiles.contains((parts.last.map(String.init) ?? "").lowercased())
                else { continue }
                out.append(DocsFile(path: base + "/" + next, locale: tag, docsPath: next))
            }
        }
        return out
    }

    /// Files that repositories keep beside their articles, which are not articles.
    static let repositoryFiles: Set<String> = [
        "readme.md", "code_of_conduct.md", "contributing.md", "security.md", "license.md", "thirdpartynotices.md",
        "changelog.md",
    ]

    /// The file of `docsPath` in `locale` itself (no fallback), if there is one.
    public func file(_ docsPath: String, locale: LocaleTag) -> String? {
        let relative = docsPath.hasPrefix("/") ? String(docsPath.dropFirst()) : docsPath
        guard !relative.split(separator: "/").contains("..") else { return nil }
        for (tag, folder) in locales.sorted(by: { $0.key < $1.key }) where tag.serves(locale) {
            let path = root + "/" + folder + "/" + relative
            if FileManager.default.fileExists(atPath: path) { return path }
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

    /// The trees named by `--docs` (`explicit`), then `WAYMARK_DOCS` (colon-separated), then the
    /// `docs:` list of `$XDG_CONFIG_HOME/waymark/config.yml`, then the shipped `Resources/Articles`.
    /// A named folder that is not a docs tree is returned in `invalid`.
    public static func sources(explicit: [String], environment: [String: String]) -> (
        library: DocsLibrary, invalid: [String]
    ) {
        var paths = explicit
        if let list = environment["WAYMARK_DOCS"] { paths += list.split(separator: ":").map(String.init) }
        paths += configuredDocs(environment: environment)
        var trees: [DocsTree] = []
        var invalid: [String] = []
        for path in paths where !path.isEmpty {
            if let tree = DocsTree(path: path) {
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
