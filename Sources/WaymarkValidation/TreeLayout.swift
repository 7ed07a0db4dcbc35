import WaymarkContent
import WaymarkCore

/// Where an article stands among the locales: its locale, its locale folder, and the path that
/// lines it up with its source and its other translations.
///
/// With configured locales, `tr-tr/marketplace/x.md` under `{root: tr-tr, paths: {marketplace/:
/// partner-center/marketplace/}}` has key `partner-center/marketplace/x.md`. Without, the first
/// folder named like a locale (`hu-HU`, `tr-tr`) is the locale folder.
struct TreeLayout: Sendable {
    struct Place: Sendable, Hashable {
        var locale: String
        var localeRoot: String
        var key: String
        var known: Bool
    }

    let configuration: ValidationConfiguration
    let treeRootAbsolute: String

    /// Where a file belongs by its path alone (a deleted file, an include, an article not read).
    func place(_ relative: String) -> Place {
        place(
            relative, article: Article(path: relative, locale: nil, frontMatter: FrontMatter(), blocks: [], title: nil))
    }

    func place(_ relative: String, article: Article) -> Place {
        for root in configuration.locales {
            let prefix = root.root.hasSuffix("/") ? root.root : root.root + "/"
            guard relative.hasPrefix(prefix) || root.root.isEmpty || root.root == "." else { continue }
            var key = root.root.isEmpty || root.root == "." ? relative : String(relative.dropFirst(prefix.count))
            if let map = root.pathMap.first(where: { key.hasPrefix($0.from) }) {
                key = map.to + key.dropFirst(map.from.count)
            }
            return Place(locale: root.locale, localeRoot: root.root, key: key, known: true)
        }
        let components = relative.split(separator: "/")
        for (i, component) in components.dropLast().enumerated() {
            if let locale = ArticleParser.locale(fromPath: String(component)) {
                return Place(
                    locale: locale, localeRoot: components[...i].joined(separator: "/"),
                    key: components[(i + 1)...].joined(separator: "/"), known: true)
            }
        }
        if let locale = article.locale {
            return Place(locale: locale, localeRoot: "", key: relative, known: true)
        }
        return Place(locale: configuration.sourceLocale, localeRoot: "", key: relative, known: false)
    }
}
