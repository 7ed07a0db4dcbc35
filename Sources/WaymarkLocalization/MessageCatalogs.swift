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
///
/// Loaded for one locale (`load(from:serving:)`), only the catalogs of its chain's languages are
/// read at once; another language's catalog is read the first time a look-up needs it, such as
/// when a walkthrough switches language. Catalogs are named by their locale (`hu-HU.xlf`).
public struct MessageCatalogs: Sendable {
    /// The catalogs read when the value was made; every look-up of the chosen chain ends here.
    private let ready: [LocaleTag: Catalog]
    /// Files of other languages, read when first needed.
    private let later: Later?

    /// Every catalog, the ones not read yet read now.
    public var catalogs: [LocaleTag: Catalog] {
        guard let later else { return ready }
        return ready.merging(later.all()) { first, _ in first }
    }

    public init(catalogs: [Catalog]) {
        ready = MessageCatalogs.byLocale(catalogs)
        later = nil
    }

    private init(ready: [Catalog], later: Later?) {
        self.ready = MessageCatalogs.byLocale(ready)
        self.later = later
    }

    private static func byLocale(_ catalogs: [Catalog]) -> [LocaleTag: Catalog] {
        var byLocale: [LocaleTag: Catalog] = [:]
        for catalog in catalogs {
            if let tag = LocaleTag(catalog.locale) { byLocale[tag] = catalog }
        }
        return byLocale
    }

    /// Reads every `*.xlf` in `directory`, each on a processor of its own. A problem is reported
    /// for the first file, by name, that has one.
    public static func load(from directory: URL) throws(CatalogError) -> MessageCatalogs {
        MessageCatalogs(catalogs: try read(files(in: directory)))
    }

    /// Reads the catalogs of `locale`'s fallback chain's languages, which every command waits
    /// for; the others are read when a look-up first needs them. A problem is reported for the
    /// first file read now, by name, that has one; a catalog read later that has one is left out.
    public static func load(from directory: URL, serving locale: LocaleTag) throws(CatalogError) -> MessageCatalogs {
        let languages = Set(locale.fallbackChain.map(\.language))
        var now: [String] = []
        var later: [(tag: LocaleTag, path: String)] = []
        for path in files(in: directory) {
            let name = (path as NSString).lastPathComponent
            // A file whose name is no locale is read at once: its locale is only in its text.
            if let tag = LocaleTag(String(name.dropLast(".xlf".count))), !languages.contains(tag.language) {
                later.append((tag, path))
            } else {
                now.append(path)
            }
        }
        return MessageCatalogs(ready: try read(now), later: later.isEmpty ? nil : Later(later))
    }

    private static func files(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".xlf") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    private static func read(_ paths: [String]) throws(CatalogError) -> [Catalog] {
        let read = Mutex([Result<Catalog, CatalogError>?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result = Result { () throws(CatalogError) -> Catalog in try readCatalog(at: paths[index]) }
            read.withLock { $0[index] = result }
        }
        var catalogs: [Catalog] = []
        for result in read.withLock({ $0 }) {
            if let result { catalogs.append(try result.get()) }
        }
        return catalogs
    }

    fileprivate static func readCatalog(at path: String) throws(CatalogError) -> Catalog {
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
        if let exact = ready[candidate] { return exact }
        if let first = ready.keys.sorted().first(where: { $0.serves(candidate) }) { return ready[first] }
        return later?.catalog(serving: candidate)
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

/// Catalog files not read yet, by the locale in their names; each is read, once, by the first
/// look-up of its language.
private final class Later: Sendable {
    private let state: Mutex<(unread: [(tag: LocaleTag, path: String)], read: [LocaleTag: Catalog])>

    init(_ unread: [(tag: LocaleTag, path: String)]) {
        state = Mutex((unread, [:]))
    }

    func catalog(serving candidate: LocaleTag) -> Catalog? {
        state.withLock { state in
            Later.readAll(of: candidate.language, &state)
            if let exact = state.read[candidate] { return exact }
            return state.read.keys.sorted().first { $0.serves(candidate) }.flatMap { state.read[$0] }
        }
    }

    func all() -> [LocaleTag: Catalog] {
        state.withLock { state in
            Later.readAll(of: nil, &state)
            return state.read
        }
    }

    private static func readAll(
        of language: String?, _ state: inout (unread: [(tag: LocaleTag, path: String)], read: [LocaleTag: Catalog])
    ) {
        state.unread.removeAll { file in
            guard language == nil || file.tag.language == language else { return false }
            if let catalog = try? MessageCatalogs.readCatalog(at: file.path), let tag = LocaleTag(catalog.locale) {
                state.read[tag] = catalog
            }
            return true
        }
    }
}
