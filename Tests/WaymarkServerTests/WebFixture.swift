import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Testing
import WaymarkContent
import WaymarkCore
import WaymarkLibrary
import WaymarkRelationships
import WaymarkStorePostgres
import WaymarkStoreSQLite
import WaymarkTestSupport
import WaymarkWebInput

@testable import WaymarkServer

/// Texts as their keys with their arguments, so tests read what a page was told to say (and
/// arguments reach the page unescaped, as a catalog's would).
struct KeyStrings: MessageProvider {
    func text(_ key: String, _ arguments: [String: MessageValue], locale: String) -> String {
        let args = arguments.sorted { $0.key < $1.key }.map { name, value -> String in
            switch value {
            case .string(let s): "\(name)=\(s)"
            case .int(let n): "\(name)=\(n)"
            }
        }
        return "[\(locale)] \(key)" + (args.isEmpty ? "" : "(" + args.joined(separator: ", ") + ")")
    }
}

/// A web app on a store with the demo data and two operators: ada (global admin) and bob (billing
/// admin), both with password `correct horse`.
struct WebFixture {
    static let password = "correct horse"
    static let seed = "partner-center/remove-a-relationship.md"
    let store: RelationshipStore
    let configuration: WebConfiguration

    static func demo() throws -> ModelData {
        try JSONDecoder().decode(
            ModelData.self, from: Data(contentsOf: RepositoryPaths.file("Resources/Demo/demo.json")))
    }

    /// On `kind`; nil when PostgreSQL is not available here (the reason printed).
    static func make(_ kind: StoreKind = .sqlite, data: ModelData? = nil, test: String = #function) throws
        -> WebFixture?
    {
        let store: RelationshipStore
        switch kind {
        case .sqlite:
            let path = try RepositoryPaths.temporaryDirectory().appendingPathComponent("web.sqlite").path
            store = RelationshipStore(backend: try SQLiteBackend(path: path))
        case .postgres:
            guard let url = try TestPostgres.database(for: test) else { return nil }
            store = RelationshipStore(backend: try PostgresBackend(url: try PostgresURL.parse(url)))
        }
        let admin = Operator(name: "test", role: .globalAdmin)
        try store.replaceAll(with: try data ?? demo(), by: admin)
        for (name, role) in [("ada", OperatorRole.globalAdmin), ("bob", .billingAdmin)] {
            try store.addOperator(
                OperatorRecord(name: name, role: role, passwordHash: OperatorPassword.hash(password, cost: 4)),
                by: admin)
        }
        return WebFixture(store: store, configuration: configuration(store))
    }

    static func configuration(_ store: RelationshipStore) -> WebConfiguration {
        WebConfiguration(
            host: "127.0.0.1", port: 0, store: store, strings: KeyStrings(),
            loadWalk: { path, _ in path == seed ? try? seedArticle() : nil },
            search: { query, locale, _ in
                [
                    SearchResult(
                        path: seed, locale: locale, title: "Remove <b>relationship</b>", procedures: 1,
                        snippet: "…\(query)…", fallback: false)
                ]
            },
            walkableArticles: { locale in
                [LibraryArticle(path: seed, title: "Remove", locale: locale, locales: [locale], procedures: 1)]
            })
    }

    /// The seed article in the three walk languages with its shipped binding.
    static func seedArticle() throws -> WalkArticle {
        var articles: [String: Article] = [:]
        for locale in ["tr-TR", "hu-HU", "en-US"] {
            let path = RepositoryPaths.file("Resources/Articles/\(locale)/\(seed)").path
            if FileManager.default.fileExists(atPath: path) {
                articles[locale] = try ArticleParser().parse(fileAt: path)
            }
        }
        let source = try #require(articles["en-US"])
        let (loaded, _) = try BindingLoader.load(
            path: RepositoryPaths.file("Resources/Procedures/partner-center/remove-a-relationship.yml").path)
        let binding = try #require(loaded)
        let procedure = try #require(source.stepGraph.procedures.first { $0.id == binding.procedure })
        return WalkArticle(
            articles: articles, source: source, binding: binding, procedure: procedure, checkpoints: false)
    }

    /// Runs `body` with a client whose requests go straight to a new web app's router.
    func withClient<Value>(_ body: (RouterClient) async throws -> Value) async throws -> Value {
        let logger = Logger(label: "test")
        let router = WebApp(configuration: configuration).router(logger: logger)
        return try await body(RouterClient(responder: router.buildResponder(), logger: logger))
    }
}

/// A signed-in client's cookie and form token.
struct Signed {
    var cookie: String
    var csrf: String
}

extension RouterClient {
    func json(
        _ uri: String, _ method: HTTPRequest.Method, _ signed: Signed? = nil, body: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> Response {
        var fields = headers
        if let signed { fields[.cookie] = signed.cookie }
        if body != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
        return try await execute(
            uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) })
    }

    func form(_ uri: String, _ signed: Signed?, _ fields: [String: String], headers: HTTPFields = [:]) async throws
        -> Response
    {
        var all = headers
        if let signed { all[.cookie] = signed.cookie }
        all[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.sorted { $0.key < $1.key }.map { "\(urlEncoded($0.key))=\(urlEncoded($0.value))" }
            .joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: all, body: ByteBuffer(string: body))
    }

    func signIn(_ name: String, password: String = WebFixture.password) async throws -> Signed {
        let response = try await json(
            "/api/v1/session", .post, body: #"{"operator": "\#(name)", "password": "\#(password)"}"#)
        #expect(response.status == .ok)
        let cookie = try #require(response.headers[.setCookie]).split(separator: ";")[0]
        let body = try #require(WebInput.jsonStrings(Array(response.body.readableBytesView)))
        return Signed(cookie: String(cookie), csrf: try #require(body["csrf"]))
    }
}

extension RouterClient.Response {
    var text: String { String(buffer: body) }
    var object: JSONNode? { try? JSONReader.read(Array(body.readableBytesView)) }
}
