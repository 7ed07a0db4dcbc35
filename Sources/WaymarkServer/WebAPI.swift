internal import HTTPTypes
internal import Hummingbird
internal import NIOCore
import WaymarkCore
import WaymarkRelationships
import WaymarkWalkthrough
import WaymarkWebInput

/// `/api/v1`: the same engine for scripts and tests, JSON in and out, errors as RFC 9457 problems.
extension WebApp {
    func addAPI(to router: Router<WebContext>) {
        let api = router.group("/api/v1")
        api.post("/session") { request, context in
            let t = self.strings(request, context)
            let fields = try await self.json(request, t)
            guard let name = fields["operator"], let password = fields["password"] else {
                throw self.badRequest(t, "operator, password")
            }
            switch try await self.signIn(
                name: name, password: password, address: context.address, previous: self.previousSession(request))
            {
            case .signedIn(let token, let session):
                var response = WebApp.json(
                    .object([
                        ("operator", .string(session.operatorName)), ("expires", .string(session.expires)),
                        ("csrf", .string(session.formToken)),
                    ]))
                response.headers[.setCookie] = self.sessionCookie(token, request)
                return response
            case .failed:
                throw WebProblem(status: .unauthorized, title: t(.unauthorized), detail: t(.signInFailed))
            case .limited(let minutes):
                throw WebProblem(
                    status: .tooManyRequests, title: t(.tooMany),
                    detail: t(.signInLimited, ["operator": .string(name), "minutes": .int(minutes)]),
                    headers: [(.retryAfter, String(minutes * 60))])
            }
        }
        api.delete("/session") { request, context in
            if let id = context.signedIn?.session.id {
                let store = self.store
                try await blocking { try store.endWebSession(id) }
            }
            return Response(status: .noContent, headers: [.setCookie: self.clearedCookie(request)])
        }
        api.get("/customers") { request, context in
            let store = self.store
            let accounts = try await blocking { try store.accounts(limit: nil, offset: 0) }
            return WebApp.json(.array(accounts.map(\.json)))
        }
        api.get("/customers/{id}") { request, context in
            let t = self.strings(request, context)
            let id = try context.parameters.require("id")
            guard RecordValue.problem(id) == nil else { throw self.notFound(t) }
            let store = self.store
            let account = try await blocking { try store.account(id) }
            return WebApp.json(account.json)
        }
        api.post("/walks") { request, context in
            let t = self.strings(request, context)
            let fields = try await self.json(request, t)
            guard let customer = fields["customer"], let article = fields["article"], let signedIn = context.signedIn
            else { throw self.badRequest(t, "customer, article") }
            let id = try await self.startWalk(
                customer: customer, docsPath: article, locale: fields["locale"], by: signedIn, t)
            let walk = try await self.loadWalk(id, t)
            var response = WebApp.json(walk.view(self.configuration.strings).json)
            response.headers[.location] = "/api/v1/walks/\(urlEncoded(id))"
            return response
        }
        api.get("/walks/{id}") { request, context in
            let t = self.strings(request, context)
            let walk = try await self.loadWalk(try context.parameters.require("id"), t)
            return WebApp.json(walk.view(self.configuration.strings).json)
        }
        for command in [WalkCommandName.next, .back, .confirm, .cancel, .source] {
            api.post("/walks/{id}/\(command.rawValue)") { request, context in
                let t = self.strings(request, context)
                guard let signedIn = context.signedIn else { throw self.notFound(t) }
                let result = try await self.step(try context.parameters.require("id"), command, by: signedIn, t)
                if let reasons = result.refusal { throw self.refused(reasons, t) }
                return WebApp.json(self.walkJSON(result))
            }
        }
        api.put("/walks/{id}/locale") { request, context in
            let t = self.strings(request, context)
            let fields = try await self.json(request, t)
            guard let signedIn = context.signedIn, let locale = fields["locale"] else {
                throw self.badRequest(t, "locale")
            }
            let walk = try await self.setWalkLocale(try context.parameters.require("id"), locale, by: signedIn, t)
            return WebApp.json(walk.view(self.configuration.strings).json)
        }
    }

    /// The walk after a command, with what the operator should be told.
    func walkJSON(_ result: WalkStepResult) -> JSONValue {
        guard case .object(var fields) = result.walk.view(configuration.strings).json else { return .null }
        fields.append(("messages", .array(result.notes.map(JSONValue.string))))
        return .object(fields)
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: value.serialized())))
    }
}
