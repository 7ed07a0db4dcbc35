import Foundation
import Synchronization
import WaymarkCore

/// Which locale answered a look-up, and whether that was a fallback.
public struct LookupReport: Sendable, Hashable {
    public var key: String
    public var requested: LocaleTag
    /// The locale whose catalog gave the text; `nil` when no catalog knows the key.
    public var answeredBy: LocaleTag?

    /// True when the text is not in the requested language (`tr-TR` answering `tr-CY` is no fallback).
    public var isFallback: Bool { answeredBy?.language != requested.language }
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

    /// Reads every `*.xlf` in `directory`, each on a processor of its own: every command waits
    /// for them before it starts. A problem is reported for the first file, by name, that has one.
    public static func load(from directory: URL) throws(CatalogError) -> MessageCatalogs {
        let paths = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".xlf") }.sorted().map { directory.appendingPathComponent($0).path }
        let read = Mutex([Result<Catalog, CatalogError>?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result = Result { () throws(CatalogError) -> Catalog in try readCatalog(at: paths[index]) }
            read.withLock { $0[index] = result }
        }
        var catalogs: [Catalog] = []
        for result in read.withLock({ $0 }) {
            if let result { catalogs.append(try result.get()) }
        }
        return MessageCatalogs(catalogs: catalogs)
    }

    private static func readCatalog(at path: String) throws(CatalogError) -> Catalog {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(path)
        } catch {
            throw CatalogError(path: path, line: 1, column: 1, message: "cannot be read: \(error)")
        }
        return try XLIFF.read(bytes, path: path)
    }

    /// The catalog for a fallback-chain step: its own locale's, else (for a language-only step)
    /// the first of that language.
    public func catalog(serving candidate: LocaleTag) -> Catalog? {
        if let exact = catalogs[candidate] { return exact }
        return catalogs.keys.sorted().first { $0.serves(candidate) }.flatMap { catalogs[$0] }
    }

    /// The locales with a catalog, sorted.
    public var locales: [LocaleTag] { catalogs.keys.sorted() }

    /// The text of `key` for `locale`, and which catalog gave it.
    public func lookup(_ key: String, locale: LocaleTag) -> (text: String?, report: LookupReport) {
        for candidate in locale.fallbackChain {
            guard let catalog = catalog(serving: candidate), let unit = catalog.unit(key) else { continue }
            let answeredBy = LocaleTag(catalog.locale) ?? candidate
            if catalog.targetLocale == nil {
                return (unit.source, LookupReport(key: key, requested: locale, answeredBy: answeredBy))
            }
            if let target = unit.usableTarget {
                return (target, LookupReport(key: key, requested: locale, answeredBy: answeredBy))
            }
        }
        return (nil, LookupReport(key: key, requested: locale, answeredBy: nil))
    }

    /// Where the shipped catalogs are: `$WAYMARK_LOCALIZATIONS`, else a `Localizations` folder
    /// holding `en-US.xlf` above the running executable or in `share/waymark` beside it.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        ResourceLocator.directory(
            named: "Localizations", containing: "en-US.xlf", environmentKey: "WAYMARK_LOCALIZATIONS",
            environment: environment)
    }
}
