import Foundation
internal import Hummingbird
internal import Logging
internal import NIOCore
internal import NIOPosix
import WaymarkCore
import WaymarkLibrary
import WaymarkRelationships
import WaymarkWalkthrough

/// An article ready to walk: every walk language's text, the binding and the procedure.
public struct WalkArticle: Sendable {
    public var articles: [String: Article]
    public var source: Article
    public var binding: ProcedureBinding
    public var procedure: Procedure
    /// No binding: each step is a checkpoint.
    public var checkpoints: Bool

    public init(
        articles: [String: Article], source: Article, binding: ProcedureBinding, procedure: Procedure,
        checkpoints: Bool
    ) {
        self.articles = articles
        self.source = source
        self.binding = binding
        self.procedure = procedure
        self.checkpoints = checkpoints
    }
}

/// What `waymark serve` runs on: the store, the docs, the catalogs, and its limits.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var store: RelationshipStore
    public var strings: any MessageProvider
    /// The walkable article at a docs path (and procedure), or nil when there is none.
    public var loadWalk: @Sendable (_ docsPath: String, _ procedure: String?) -> WalkArticle?
    /// The help library's search: query, locale, limit.
    public var search: @Sendable (_ query: String, _ locale: String, _ limit: Int) throws -> [SearchResult]
    /// The articles with procedures, for starting a walk, in a locale.
    public var walkableArticles: @Sendable (_ locale: String) -> [LibraryArticle]
    /// How long a sign-in lasts.
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// The largest request body read (forms and JSON are small).
    public var bodyLimit = 16 * 1024
    /// Failed sign-ins for one name from one address within `signInWindow` before the next is refused.
    public var signInAttempts = 5
    public var signInWindow: TimeInterval = 15 * 60
    /// The languages walks are offered in, in the order the switch shows them.
    public var walkLocales = ["tr-TR", "hu-HU", "en-US"]

    public init(
        host: String, port: Int, store: RelationshipStore, strings: any MessageProvider,
        loadWalk: @escaping @Sendable (String, String?) -> WalkArticle?,
        search: @escaping @Sendable (String, String, Int) throws -> [SearchResult],
        walkableArticles: @escaping @Sendable (String) -> [LibraryArticle]
    ) {
        self.host = host
        self.port = port
        self.store = store
        self.strings = strings
        self.loadWalk = loadWalk
        self.search = search
        self.walkableArticles = walkableArticles
    }
}

/// `waymark serve`: the walkthrough in a browser, and its JSON API, on Hummingbird.
///
/// The server keeps nothing of its own between requests: sign-ins, walks, leases and the audit are
/// in the store, so several servers on one PostgreSQL database serve the same walks.
public enum WebServer {
    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns.
    /// `started` is told the address it listens on (a port of 0 picks a free one).
    public static func run(_ configuration: WebConfiguration, started: @escaping @Sendable (String) -> Void)
        async throws
    {
        var logger = Logger(label: "waymark.serve", factory: { StreamLogHandler.standardOutput(label: $0) })
        logger.logLevel = .info
        let app = Application(
            router: WebApp(configuration: configuration).router(logger: logger),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                started("http://\(host):\(port)/")
            },
            logger: logger)
        do {
            try await app.runService()
        } catch let error as IOError {
            // `bind` failing: say why as the system does ("Address already in use").
            throw WebServerError(reason: String(cString: strerror(error.errnoCode)))
        }
    }
}

/// Why the server could not start, in the system's words.
public struct WebServerError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// What a request knows beyond itself: who is signed in, and from where.
struct WebContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's address (the rate limit's key with the operator's name).
    let address: String
    var signedIn: SignedIn?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// A signed-in operator, as the store has them now.
struct SignedIn: Sendable {
    var session: WebSessionRecord
    var record: OperatorRecord
    var actor: Operator { Operator(name: record.name, role: record.role) }
}

/// The texts of one page or answer, in one language.
struct WebStrings: Sendable {
    let provider: any MessageProvider
    let locale: String

    func callAsFunction(_ key: WebText, _ arguments: [String: MessageValue] = [:]) -> String {
        provider.text(key.rawValue, arguments, locale: locale)
    }

    func raw(_ key: String, _ arguments: [String: MessageValue] = [:]) -> String {
        provider.text(key, arguments, locale: locale)
    }
}

/// Runs blocking store and search work off the server's event loops and its cooperative threads.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
