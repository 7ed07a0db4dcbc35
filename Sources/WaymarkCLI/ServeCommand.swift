import ArgumentParser
import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLibrary
import WaymarkLocalization
import WaymarkRelationships
import WaymarkServer

/// `waymark serve`: the walkthrough and the customers in a browser, and the JSON API.
struct ServeCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "serve", abstract: Localizer.current.text(ServeText.helpServeAbstract))
    }

    @Option(help: ArgumentHelp(Localizer.current.text(ServeText.helpHost))) var host = "127.0.0.1"
    @Option(help: ArgumentHelp(Localizer.current.text(ServeText.helpPort))) var port = 8080
    @OptionGroup var docs: DocsOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if !(0...65535).contains(port) {
            throw ValidationError(Localizer.current.text(ServeText.portInvalid, ["port": .string(String(port))]))
        }
    }

    func run() throws {
        let l = Localizer.current
        let library = try docs.library()
        let (index, _) = try docs.index(library, progress: false)
        // On PostgreSQL, requests run their transactions on a few connections at once.
        let store = try store.open(connections: 8)
        let searchIndex = SharedIndex(index: index)
        let articles = ArticleCache(library: library)
        var configuration = WebConfiguration(
            host: host, port: port, store: store, strings: CatalogStrings(catalogs: l.catalogs),
            loadWalk: { path, procedure in articles.walk(path, procedure: procedure) },
            search: { query, locale, limit in
                try searchIndex.search(query, locale: LocaleTag(locale) ?? .source, limit: limit)
            },
            walkableArticles: { locale in searchIndex.walkable(locale: LocaleTag(locale) ?? .source) })
        configuration.walkLocales = WalkCommand.walkLocales
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do {
                try await WebServer.run(configuration) { url in
                    print(l.text(ServeText.listening, ["url": .string(url), "store": .string(store.location)]))
                    fflush(nil)
                }
            } catch {
                failure.error = error
            }
            done.signal()
        }
        done.wait()
        store.backend.close()
        if let error = failure.error {
            Present.error(
                l.text(
                    ServeText.cannotListen,
                    ["host": .string(host), "port": .string(String(port)), "reason": .string("\(error)")]), l)
            throw ExitStatus.findings
        }
        print(l.text(ServeText.stopped))
    }
}

/// The error the server task ended with, handed to the waiting command.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    var error: (any Error)? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// The search index, shared by the server's requests (its database queue serializes them).
final class SharedIndex: @unchecked Sendable {
    let index: SearchIndex
    init(index: SearchIndex) { self.index = index }

    func search(_ query: String, locale: LocaleTag, limit: Int) throws -> [SearchResult] {
        try index.search(query, locale: locale, limit: limit)
    }

    func walkable(locale: LocaleTag) -> [LibraryArticle] {
        ((try? index.articles(for: locale)) ?? []).filter { $0.procedures > 0 }
    }
}

/// Articles read once per server: the docs tree is content deployed with it.
final class ArticleCache: @unchecked Sendable {
    let library: DocsLibrary
    private let lock = NSLock()
    private var loaded: [String: WalkArticle?] = [:]

    init(library: DocsLibrary) { self.library = library }

    /// The walkable article at `docsPath`, or nil for a path that is not a docs article (never a
    /// file outside the library).
    func walk(_ docsPath: String, procedure: String?) -> WalkArticle? {
        guard ArticleCache.isDocsPath(docsPath) else { return nil }
        let key = docsPath + "\u{0}" + (procedure ?? "")
        if let hit = lock.withLock({ loaded[key] }) { return hit }
        let setup = try? WalkSetup.load(
            article: docsPath, library: library, procedure: procedure, choose: { $0.first },
            fail: { _ in ExitStatus.findings })
        let article = setup.map {
            WalkArticle(
                articles: $0.articles, source: $0.source, binding: $0.binding, procedure: $0.procedure,
                checkpoints: $0.checkpoints)
        }
        lock.withLock { loaded[key] = article }
        return article
    }

    /// A relative path to a Markdown file with no `..`, no empty parts and no controls.
    static func isDocsPath(_ path: String) -> Bool {
        guard path.hasSuffix(".md"), path.utf8.count <= 512, !path.hasPrefix("/"), !path.contains("\\"),
            path.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
        else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != ".." && $0 != "."
        }
    }
}
