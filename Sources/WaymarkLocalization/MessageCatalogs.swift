import Foundation
import WaymarkCore

/// Which locale answered a look-up, and whether that was a fallback.
public struct LookupReport: Sendable, Hashable {
    public var key: String
    public var requested: LocaleTag
    /// The locale whose catalog gave the text; `nil` when no catalog knows the key.
    public var answeredBy: LocaleTag?

    public var isFallback: Bool { answeredBy != requested }
}

/// The shipped catalogs, looked up along a locale's fallback chain (`tr-TR → tr → en-US`).
///
/// A translation's unit answers when it has a target that is not `initial`; the source catalog
/// (`en-US`) answers with its source text. Every look-up can be reported (`lookup(_:locale:)`).
public struct MessageCatalogs: Sendable {
    public private(set) var catalogs: [LocaleTag: Catalog]

    public init(catalogs: [Catalog]) {
        var byLocale: [LocaleTag: Catalog] = [:]
        for catalog in catalogs {
            if let tag = LocaleTag(catalog.locale) { byLocale[tag] = catalog }
        }
        self.catalogs = byLocale
    }

    /// Reads every `*.xlf` in `directory`.
    public static func load(from directory: URL) throws(CatalogError) -> MessageCatalogs {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter {
            $0.hasSuffix(".xlf")
        }
        var catalogs: [Catalog] = []
        for name in files.sorted() {
            let path = directory.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CatalogError(path: path, line: 1, column: 1, message: "cannot be read")
            }
            catalogs.append(try XLIFF.read(Array(data), path: path))
        }
        return MessageCatalogs(catalogs: catalogs)
    }

    /// The locales with a catalog, sorted.
    public var locales: [LocaleTag] { catalogs.keys.sorted() }

    /// The text of `key` for `locale`, and which catalog gave it.
    public func lookup(_ key: String, locale: LocaleTag) -> (text: String?, report: LookupReport) {
        for candidate in locale.fallbackChain {
            guard let catalog = catalogs[candidate], let unit = catalog.unit(key) else { continue }
            if candidate == LocaleTag.source || catalog.targetLocale == nil {
                return (unit.source, LookupReport(key: key, requested: locale, answeredBy: candidate))
            }
            if let target = unit.usableTarget {
                return (target, LookupReport(key: key, requested: locale, answeredBy: candidate))
            }
        }
        return (nil, LookupReport(key: key, requested: locale, answeredBy: nil))
    }

    /// Where the shipped catalogs are: `$WAYMARK_LOCALIZATIONS`, else a `Localizations` folder
    /// holding `en-US.xlf` above the running executable (a checkout's `.build`), else
    /// `<prefix>/share/waymark/Localizations` beside an installed binary.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let fm = FileManager.default
        if let explicit = environment["WAYMARK_LOCALIZATIONS"] { return URL(fileURLWithPath: explicit) }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var dir = executable.deletingLastPathComponent()
        while dir.path != "/" {
            for candidate in [
                dir.appendingPathComponent("Localizations"), dir.appendingPathComponent("share/waymark/Localizations"),
            ]
            where fm.fileExists(atPath: candidate.appendingPathComponent("en-US.xlf").path) {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
