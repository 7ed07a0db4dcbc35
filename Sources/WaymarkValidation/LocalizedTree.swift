import Foundation
import WaymarkContent
import WaymarkCore

/// Every Markdown file of a docs tree with its locale and its locale-independent key, as
/// `validate` places them (locale folders, path maps): what a translation memory aligns.
package enum LocalizedTree {
    package struct File: Sendable {
        package var key: String
        package var locale: String
        package var article: Article
        package var text: String
    }

    /// The files under `root`, grouped by key, each group in locale order; ignored files are left out.
    package static func files(under root: String, configuration: ValidationConfiguration) -> [String: [File]] {
        let absolute = ArticleParser.absolute(root)
        let layout = TreeLayout(configuration: configuration, treeRootAbsolute: absolute)
        let parser = ArticleParser(options: ArticleParser.Options(root: absolute, cachesIncludes: true))
        var groups: [String: [File]] = [:]
        Validator.enumerate(absolute) { relative, _ in
            guard TreePath.isMarkdown(relative),
                !configuration.ignore.contains(where: { TreePath.matches(relative, glob: $0) }),
                let bytes = try? FileReader.read(absolute + "/" + relative, limit: parser.options.maximumFileSize)
            else { return }
            let (article, text) = parser.parseKeepingText(bytes: bytes, path: absolute + "/" + relative)
            let place = layout.place(relative, article: article)
            groups[place.key, default: []].append(
                File(key: place.key, locale: place.locale, article: article, text: text))
        }
        for key in groups.keys { groups[key]!.sort { $0.locale < $1.locale } }
        return groups
    }
}
