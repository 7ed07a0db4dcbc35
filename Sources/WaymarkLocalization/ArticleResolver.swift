import Foundation
import WaymarkCore

/// The article file chosen for a locale, and whether that was a fallback.
public struct ArticleResolution: Sendable, Hashable {
    public var path: String
    public var locale: LocaleTag
    public var requested: LocaleTag

    public var isFallback: Bool { locale.language != requested.language }
}

/// Finds the best localized copy of an article in a tree laid out as `<locale>/<docs path>`
/// (`Resources/Articles/tr-TR/partner-center/remove-a-relationship.md`), along the locale's
/// fallback chain: `tr-TR`, then any `tr-*` folder, then the source locale.
public struct ArticleResolver: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The shipped `Resources/Articles`, found like the catalogs.
    public static func shipped() -> ArticleResolver? {
        ResourceLocator.directory(named: "Resources", containing: "Articles", environmentKey: "WAYMARK_RESOURCES")
            .map { ArticleResolver(root: $0.appendingPathComponent("Articles")) }
    }

    /// The locale folders present, by tag.
    public var localeFolders: [LocaleTag: String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var result: [LocaleTag: String] = [:]
        for name in names.sorted() {
            if let tag = LocaleTag(name) { result[tag] = name }
        }
        return result
    }

    public func resolve(_ docsPath: String, locale: LocaleTag) -> ArticleResolution? {
        let relative = docsPath.hasPrefix("/") ? String(docsPath.dropFirst()) : docsPath
        guard !relative.split(separator: "/").contains("..") else { return nil }
        let folders = localeFolders
        for candidate in locale.fallbackChain {
            let matches = folders.filter { tag, _ in tag.serves(candidate) }
            for (tag, folder) in matches.sorted(by: { $0.key < $1.key }) {
                let path = root.appendingPathComponent(folder).appendingPathComponent(relative).path
                if FileManager.default.fileExists(atPath: path) {
                    return ArticleResolution(path: path, locale: tag, requested: locale)
                }
            }
        }
        return nil
    }
}
