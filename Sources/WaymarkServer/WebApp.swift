import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import Logging
internal import NIOCore
import WaymarkCore
import WaymarkRelationships
import WaymarkWalkthrough
import WaymarkWebInput

/// A refusal to answer a request as asked: the status, what the page or the problem document
/// says (already in the reader's language), and for a refusal by the rules, the reasons.
struct WebProblem: Error {
    var status: HTTPResponse.Status
    var title: String
    var detail: String
    var reasons: [(id: String, text: String, items: [String])] = []
    /// Extra headers (`Retry-After`).
    var headers: [(HTTPField.Name, String)] = []
}

/// The routes, the guards every request passes, and the helpers the pages and the API share.
struct WebApp: Sendable {
    let configuration: WebConfiguration
    var store: RelationshipStore { configuration.store }
    let decodedStates = DecodedStates()

    static let cookieName = "waymark_session"

    func router(logger: Logger) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: AccessLog(logger: logger))
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ProblemPresenter(app: self))
        router.add(middleware: SessionGuard(app: self))
        router.get("/healthz") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/static/app.css") { _, _ in WebApp.asset(Assets.css, type: "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in WebApp.asset(Assets.js, type: "text/javascript; charset=utf-8") }
        addPages(to: router)
        addAPI(to: router)
        return router
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: Language

    /// The language of a request: the operator's choice, else `Accept-Language`, else en-US.
    func locale(_ request: Request, _ context: WebContext) -> String {
        if let chosen = context.signedIn?.session.locale, WebLocales.offered.contains(chosen) { return chosen }
        if let header = request.headers[.acceptLanguage],
            let match = WebInput.preferredLocale(header, offered: WebLocales.offered)
        {
            return match
        }
        return "en-US"
    }

    func strings(_ request: Request, _ context: WebContext) -> WebStrings {
        WebStrings(provider: configuration.strings, locale: locale(request, context))
    }

    // MARK: Bodies

    /// The request's body, at most `bodyLimit` bytes (413 beyond).
    func body(_ request: Request, _ t: WebStrings) async throws -> [UInt8] {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: configuration.bodyLimit)
            return Array(buffer.readableBytesView)
        } catch {
            throw tooLarge(t)
        }
    }

    func tooLarge(_ t: WebStrings) -> WebProblem {
        WebProblem(
            status: .contentTooLarge, title: t(.tooLarge),
            detail: t(.tooLargeDetail, ["limit": .int(configuration.bodyLimit)]))
    }

    func badRequest(_ t: WebStrings, _ detail: String) -> WebProblem {
        WebProblem(
            status: .badRequest, title: t(.badRequest), detail: t(.badRequestDetail, ["detail": .string(detail)]))
    }

    func notFound(_ t: WebStrings) -> WebProblem {
        WebProblem(status: .notFound, title: t(.notFound), detail: t(.notFoundDetail))
    }

    /// A form body's fields; its CSRF token must be the session's.
    func form(_ request: Request, _ context: WebContext, _ t: WebStrings, checkToken: Bool = true) async throws
        -> [String: String]
    {
        let bytes = try await body(request, t)
        guard let fields = WebInput.form(bytes) else { throw badRequest(t, "form") }
        if checkToken {
            guard let session = context.signedIn?.session, let token = fields["csrf"],
                WebApp.constantTimeEqual(token, session.formToken)
            else { throw WebProblem(status: .forbidden, title: t(.crossSite), detail: t(.crossSiteDetail)) }
        }
        return fields
    }

    /// A JSON object body's string members; the content type must say JSON (a form from another
    /// site cannot send that without the browser asking first).
    func json(_ request: Request, _ t: WebStrings) async throws -> [String: String] {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else { throw badRequest(t, "Content-Type: application/json") }
        let bytes = try await body(request, t)
        guard let fields = WebInput.jsonStrings(bytes) else { throw badRequest(t, "JSON object") }
        return fields
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    // MARK: Store errors

    /// A store error as a problem for the reader.
    func problem(_ error: any Error, _ t: WebStrings) -> WebProblem {
        if let problem = error as? WebProblem { return problem }
        guard let error = error as? StoreError else {
            return WebProblem(
                status: .internalServerError, title: t(.errorTitle), detail: t(.storeFailed, ["detail": .string("-")]))
        }
        switch error {
        case .customerNotFound, .itemNotFound: return notFound(t)
        case .refused(let reasons): return refused(reasons, t)
        case .sessionHeld(_, let holder, let host, let since):
            return WebProblem(
                status: .conflict, title: t(.conflict),
                detail: t(.walkHeld, ["holder": .string(holder), "host": .string(host), "since": .string(since)]))
        case .sessionLost(_, let state, let by, let since):
            if state == "taken-over" {
                return WebProblem(
                    status: .conflict, title: t(.conflict),
                    detail: t(
                        .walkHeld, ["holder": .string(by ?? "-"), "host": .string("-"), "since": .string(since ?? "-")])
                )
            }
            return WebProblem(status: .conflict, title: t(.conflict), detail: t(.walkEnded, ["state": .string(state)]))
        case .conflict:
            return WebProblem(status: .conflict, title: t(.conflict), detail: t(.conflict))
        case .invalidValue:
            return badRequest(t, "id")
        default:
            // The store's own words name files and hosts: they go to the log, not to the browser.
            return WebProblem(
                status: .serviceUnavailable, title: t(.errorTitle),
                detail: t(.storeFailed, ["detail": .string(error.kind)]))
        }
    }

    func refused(_ reasons: [RefusalReason], _ t: WebStrings) -> WebProblem {
        let text = ReasonText(strings: configuration.strings)
        return WebProblem(
            status: .forbidden, title: t(.refused),
            detail: reasons.map { text.describe($0, locale: t.locale) }.joined(separator: " "),
            reasons: reasons.map { ($0.id, text.describe($0, locale: t.locale), $0.items) })
    }
}

extension StoreError {
    /// A word for the kind of failure, for a reader who must not see paths or hosts.
    var kind: String {
        switch self {
        case .busy, .conflict: "busy"
        case .unreachable: "unreachable"
        case .corrupt, .notADatabase, .vanished: "damaged"
        default: "unavailable"
        }
    }
}

// MARK: Middleware

/// One line per request, after it is answered: method, path, status, time.
struct AccessLog: RouterMiddleware {
    typealias Context = WebContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        func log(_ status: Int) {
            let elapsed = ContinuousClock.now - start
            let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            logger.info(
                "\(context.address) \(request.method.rawValue) \(request.uri.path) \(status) \(String(format: "%.1f", ms)) ms"
            )
        }
        do {
            let response = try await next(request, context)
            log(response.status.code)
            return response
        } catch let error as HTTPResponseError {
            log(error.status.code)
            throw error
        } catch {
            log(500)
            throw error
        }
    }
}

/// The headers every answer carries.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WebContext
    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = SecurityHeaders.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        // Not `no-referrer`: with it, browsers send `Origin: null` on the site's own forms.
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Turns every refusal and error into the reader's kind of answer: a page for people, an RFC 9457
/// problem document under `/api/`.
struct ProblemPresenter: RouterMiddleware {
    typealias Context = WebContext
    let app: WebApp

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let t = app.strings(request, context)
            var problem: WebProblem
            if let error = error as? HTTPResponseError, !(error is WebProblem) {
                switch error.status {
                case .notFound, .methodNotAllowed: problem = app.notFound(t)
                case .contentTooLarge: problem = app.tooLarge(t)
                default: problem = app.badRequest(t, error.status.reasonPhrase)
                }
                problem.status = error.status == .methodNotAllowed ? .notFound : error.status
            } else {
                if !(error is WebProblem), !(error is StoreError) {
                    context.logger.error("\(request.method.rawValue) \(request.uri.path): \(error)")
                }
                problem = app.problem(error, t)
            }
            if request.uri.path.hasPrefix("/api/") { return ProblemPresenter.json(problem, instance: request.uri.path) }
            return app.errorPage(problem, request, context)
        }
    }

    static func json(_ problem: WebProblem, instance: String) -> Response {
        var fields: [(String, JSONValue)] = [
            ("type", .string("about:blank")), ("title", .string(problem.title)),
            ("status", .int(Int(problem.status.code))),
            ("detail", .string(problem.detail)), ("instance", .string(instance)),
        ]
        if !problem.reasons.isEmpty {
            fields.append(
                (
                    "reasons",
                    .array(
                        problem.reasons.map {
                            .object([
                                ("id", .string($0.id)), ("reason", .string($0.text)),
                                ("items", .array($0.items.map(JSONValue.string))),
                            ])
                        })
                ))
        }
        var headers: HTTPFields = [.contentType: "application/problem+json; charset=utf-8"]
        for (name, value) in problem.headers { headers[name] = value }
        return Response(
            status: problem.status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: JSONValue.object(fields).serialized())))
    }
}

extension WebProblem: HTTPResponseError {
    func response(from request: Request, context: some RequestContext) throws -> Response {
        ProblemPresenter.json(self, instance: request.uri.path)
    }
}

/// Finds the operator a request is signed in as, and refuses what needs a session without one,
/// and any change that does not come from this site.
struct SessionGuard: RouterMiddleware {
    typealias Context = WebContext
    let app: WebApp

    /// What anyone may reach: the sign-in page and its form, the API's sign-in, health, assets.
    static func isPublic(_ method: HTTPRequest.Method, _ path: String) -> Bool {
        switch (method, path) {
        case (.get, "/"), (.head, "/"), (.get, "/healthz"), (.head, "/healthz"), (.post, "/sign-in"),
            (.post, "/api/v1/session"), (.get, "/favicon.ico"):
            true
        default: path.hasPrefix("/static/") && (method == .get || method == .head)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let path = request.uri.path
        let safe = request.method == .get || request.method == .head || request.method == .options
        if !safe, !SessionGuard.sameOrigin(request) {
            let t = app.strings(request, context)
            throw WebProblem(status: .forbidden, title: t(.crossSite), detail: t(.crossSiteDetail))
        }
        if let token = request.headers[.cookie].map(WebInput.cookies)?[WebApp.cookieName],
            token.utf8.count == 64, token.utf8.allSatisfy({ WebInput.hex($0) != nil })
        {
            let id = SessionToken.id(of: token)
            let store = app.store
            context.signedIn = try await blocking { try store.webSession(id) }.map {
                SignedIn(session: $0.session, record: $0.operator)
            }
        }
        if context.signedIn == nil, !SessionGuard.isPublic(request.method, path) {
            let t = app.strings(request, context)
            if path.hasPrefix("/api/") {
                throw WebProblem(status: .unauthorized, title: t(.unauthorized), detail: t(.unauthorizedDetail))
            }
            return Response(status: .seeOther, headers: [.location: "/"])
        }
        return try await next(request, context)
    }

    /// A change must come from this site: `Sec-Fetch-Site` (sent by browsers) must say so, and an
    /// `Origin` must be this server's. A client that sends neither (a script) is not a browser
    /// another site can drive.
    static func sameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased(),
            site != "same-origin", site != "none"
        {
            return false
        }
        if let origin = request.headers[.origin] {
            guard let host = request.head.authority else { return false }
            let lowered = origin.lowercased()
            return lowered == "http://" + host.lowercased() || lowered == "https://" + host.lowercased()
        }
        return true
    }
}
