import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import NIOCore
import WaymarkCore
import WaymarkRelationships
import WaymarkWalkthrough
import WaymarkWebInput

/// The pages for people: server-rendered, working without script.
extension WebApp {
    func addPages(to router: Router<WebContext>) {
        router.get("/") { request, context in
            if context.signedIn != nil { return Response(status: .seeOther, headers: [.location: "/customers"]) }
            return self.signInPage(request, context, problem: nil, status: .ok)
        }
        router.post("/sign-in") { request, context in try await self.signInForm(request, context) }
        router.post("/sign-out") { request, context in
            let t = self.strings(request, context)
            _ = try await self.form(request, context, t)
            if let id = context.signedIn?.session.id {
                let store = self.store
                try await blocking { try store.endWebSession(id) }
            }
            return Response(status: .seeOther, headers: [.location: "/", .setCookie: self.clearedCookie(request)])
        }
        router.post("/language") { request, context in
            let t = self.strings(request, context)
            let fields = try await self.form(request, context, t)
            guard let locale = fields["locale"], WebLocales.offered.contains(locale), let session = context.signedIn
            else { throw self.badRequest(t, "locale") }
            let store = self.store
            try await blocking { try store.setWebSessionLocale(session.session.id, locale: locale) }
            return Response(status: .seeOther, headers: [.location: WebApp.localPath(fields["back"]) ?? "/customers"])
        }
        router.get("/customers") { request, context in try await self.customersPage(request, context) }
        router.get("/customers/{id}") { request, context in try await self.customerPage(request, context) }
        router.get("/search") { request, context in try await self.searchPage(request, context) }
        router.post("/walks") { request, context in
            let t = self.strings(request, context)
            let fields = try await self.form(request, context, t)
            guard let customer = fields["customer"], let article = fields["article"], let signedIn = context.signedIn
            else { throw self.badRequest(t, "customer, article") }
            let id = try await self.startWalk(
                customer: customer, docsPath: article, locale: fields["locale"], by: signedIn, t)
            return Response(status: .seeOther, headers: [.location: "/walks/\(urlEncoded(id))"])
        }
        router.get("/walks/{id}") { request, context in
            let t = self.strings(request, context)
            let walk = try await self.loadWalk(try context.parameters.require("id"), t)
            return self.walkPage(walk, request, context, notes: [])
        }
        for command in [WalkCommandName.next, .back, .confirm, .cancel, .source] {
            router.post("/walks/{id}/\(command.rawValue)") { request, context in
                let t = self.strings(request, context)
                let fields = try await self.form(request, context, t)
                let id = try context.parameters.require("id")
                guard let signedIn = context.signedIn else { throw self.notFound(t) }
                if command == .confirm, fields["understood"] != "yes" {
                    let walk = try await self.loadWalk(id, t)
                    return self.walkPage(walk, request, context, notes: [t(.walkConfirmCheck)], status: .badRequest)
                }
                let result = try await self.step(id, command, by: signedIn, t)
                if result.notes.isEmpty {
                    return Response(status: .seeOther, headers: [.location: "/walks/\(urlEncoded(id))"])
                }
                let status: HTTPResponse.Status = result.refusal == nil ? .ok : .forbidden
                return self.walkPage(result.walk, request, context, notes: result.notes, status: status)
            }
        }
        router.post("/walks/{id}/locale") { request, context in
            let t = self.strings(request, context)
            let fields = try await self.form(request, context, t)
            guard let signedIn = context.signedIn, let locale = fields["locale"] else {
                throw self.badRequest(t, "locale")
            }
            let id = try context.parameters.require("id")
            _ = try await self.setWalkLocale(id, locale, by: signedIn, t)
            return Response(status: .seeOther, headers: [.location: "/walks/\(urlEncoded(id))"])
        }
    }

    /// `back` when it is a path on this site (never `//host` or a URL).
    static func localPath(_ back: String?) -> String? {
        guard let back, back.hasPrefix("/"), !back.hasPrefix("//"), !back.contains("\\"),
            back.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return nil }
        return back
    }

    // MARK: Frame

    func page(
        _ request: Request, _ context: WebContext, title: String, body: String, status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:], path: String? = nil
    ) -> Response {
        let t = strings(request, context)
        let frame = PageFrame(
            locale: t.locale, title: title,
            signedIn: context.signedIn.map {
                ($0.record.name, t.raw("role." + $0.record.role.rawValue), $0.session.formToken)
            }, locales: WebLocales.offered, strings: t,
            path: path
                ?? (request.method == .get
                    ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/customers"))
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.contentLanguage] = t.locale
        let html = frame.render(body)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func errorPage(_ problem: WebProblem, _ request: Request, _ context: WebContext) -> Response {
        let t = strings(request, context)
        var body = "<h1>\(esc(problem.title))</h1>\n<p class=\"problem\" role=\"alert\">\(esc(problem.detail))</p>\n"
        if !problem.reasons.isEmpty {
            body += "<ul>" + problem.reasons.map { "<li>\(esc($0.text))</li>" }.joined() + "</ul>\n"
        }
        body += "<p><a href=\"/customers\">\(esc(t(.homeLink)))</a></p>"
        var headers: HTTPFields = [:]
        for (name, value) in problem.headers { headers[name] = value }
        return page(request, context, title: problem.title, body: body, status: problem.status, headers: headers)
    }

    // MARK: Sign-in

    func signInPage(
        _ request: Request, _ context: WebContext, problem: String?, status: HTTPResponse.Status, name: String = ""
    )
        -> Response
    {
        let t = strings(request, context)
        var body = "<h1>\(esc(t(.signInTitle)))</h1>\n<p>\(esc(t(.signInIntro)))</p>\n"
        if let problem {
            body +=
                "<p class=\"problem\" role=\"alert\" id=\"sign-in-problem\" tabindex=\"-1\" data-focus>\(esc(problem))</p>\n"
        }
        let described = problem == nil ? "" : " aria-describedby=\"sign-in-problem\""
        body += """
            <form method="post" action="/sign-in">
            <div class="field"><label for="operator">\(esc(t(.operatorName)))</label>
            <input type="text" id="operator" name="operator" autocomplete="username" required autofocus value="\(esc(name))"\(described)></div>
            <div class="field"><label for="password">\(esc(t(.password)))</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required\(described)></div>
            <button type="submit" class="primary">\(esc(t(.signIn)))</button>
            </form>
            """
        return page(request, context, title: t(.signInTitle), body: body, status: status)
    }

    func signInForm(_ request: Request, _ context: WebContext) async throws -> Response {
        let t = strings(request, context)
        let fields = try await form(request, context, t, checkToken: false)
        guard let name = fields["operator"], let password = fields["password"], !name.isEmpty, !password.isEmpty else {
            return signInPage(request, context, problem: t(.signInMissing), status: .badRequest)
        }
        switch try await signIn(
            name: name, password: password, address: context.address, previous: previousSession(request))
        {
        case .signedIn(let token, _):
            return Response(
                status: .seeOther, headers: [.location: "/customers", .setCookie: sessionCookie(token, request)])
        case .failed:
            return signInPage(request, context, problem: t(.signInFailed), status: .unauthorized, name: name)
        case .limited(let minutes):
            var response = signInPage(
                request, context, problem: t(.signInLimited, ["operator": .string(name), "minutes": .int(minutes)]),
                status: .tooManyRequests, name: name)
            response.headers[.retryAfter] = String(minutes * 60)
            return response
        }
    }

    // MARK: Customers

    func stateName(_ relationship: RelationshipState, _ t: WebStrings) -> String {
        relationship == .active ? t(.stateActive) : t(.stateRemoved)
    }

    func customersPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let t = strings(request, context)
        let store = self.store
        let accounts = try await blocking { try store.accounts(limit: 500, offset: 0) }
        let rules = store.rules
        let actor = context.signedIn?.actor ?? Operator(name: "-", role: .globalAdmin)
        var body = "<h1>\(esc(t(.customersTitle)))</h1>\n"
        if accounts.isEmpty { body += "<p>\(esc(t(.customersEmpty)))</p>" }
        body += """
            <div class="table-wrap"><table>
            <caption class="skip-caption">\(esc(t(.customersTitle)))</caption>
            <thead><tr><th scope="col">\(esc(t(.columnCustomer)))</th><th scope="col">\(esc(t(.columnID)))</th><th scope="col">\(esc(t(.columnState)))</th><th scope="col">\(esc(t(.columnActive)))</th><th scope="col">\(esc(t(.columnBlockers)))</th></tr></thead>
            <tbody>

            """
        let reasons = ReasonText(strings: configuration.strings)
        for account in accounts {
            let c = account.customer
            let blockers =
                c.relationship == .removed ? [] : rules.reasonsAgainstRemoval(of: account, by: actor)
            let active = account.subscriptions.filter { $0.status == .active }.count
            body +=
                "<tr><th scope=\"row\"><a href=\"/customers/\(urlEncoded(c.id))\">\(esc(c.companyName))</a></th>"
                + "<td>\(esc(c.id))</td><td>\(esc(stateName(c.relationship, t)))</td><td>\(active)</td><td>"
                + (blockers.isEmpty
                    ? esc(t(.noBlockers))
                    : "<ul>" + blockers.map { "<li>\(esc(reasons.describe($0, locale: t.locale)))</li>" }.joined()
                        + "</ul>")
                + "</td></tr>\n"
        }
        body += "</tbody></table></div>"
        return page(request, context, title: t(.customersTitle), body: body)
    }

    func statusName(_ raw: String, _ t: WebStrings) -> String {
        switch raw {
        case "active": t(.statusActive)
        case "suspended": t(.statusSuspended)
        case "cancelled": t(.statusCancelled)
        default: raw
        }
    }

    func customerPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let t = strings(request, context)
        let id = try context.parameters.require("id")
        guard RecordValue.problem(id) == nil else { throw notFound(t) }
        let store = self.store
        let found = try await blocking { () throws -> (CustomerAccount, [AuditEvent], WalkSessionRecord?)? in
            do {
                let account = try store.account(id)
                return (account, try store.auditTrail(customerID: id), try store.openSession(customerID: id))
            } catch StoreError.customerNotFound { return nil }
        }
        guard let (account, audit, open) = found else { throw notFound(t) }
        let c = account.customer
        var body =
            "<h1>\(esc(c.companyName))</h1>\n<p>\(esc(c.id)) · \(esc(c.domain)) · \(esc(stateName(c.relationship, t)))</p>\n"
        if let open, let state = try? JSONDecoder().decode(WalkState.self, from: Data(open.payload.utf8)) {
            let progress = WalkEngine(resuming: state).progress
            body +=
                "<p><a href=\"/walks/\(urlEncoded(open.id))\">\(esc(t(.openWalk, ["index": .int(progress.index), "total": .int(progress.total)])))</a></p>\n"
        } else if c.relationship == .active {
            body += startForm(customer: c.id, t, context)
        }
        func section(_ title: WebText, _ rows: [(String, String, String)]) {
            body += "<h2>\(esc(t(title)))</h2>\n"
            guard !rows.isEmpty else {
                body += "<p>\(esc(t(.noItems)))</p>\n"
                return
            }
            body +=
                "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">\(esc(t(.columnItem)))</th><th scope=\"col\">\(esc(t(.columnID)))</th><th scope=\"col\">\(esc(t(.columnStatus)))</th></tr></thead><tbody>\n"
            for (itemID, name, status) in rows {
                body += "<tr><td>\(esc(name))</td><td>\(esc(itemID))</td><td>\(esc(statusName(status, t)))</td></tr>\n"
            }
            body += "</tbody></table></div>\n"
        }
        section(.subscriptions, account.subscriptions.map { ($0.id, $0.offerName, $0.status.rawValue) })
        section(.reservations, account.reservations.map { ($0.id, $0.name, $0.status.rawValue) })
        section(.softwarePurchases, account.softwarePurchases.map { ($0.id, $0.name, $0.status.rawValue) })
        body += "<h2>\(esc(t(.audit)))</h2>\n"
        if audit.isEmpty {
            body += "<p>\(esc(t(.noAudit)))</p>"
        } else {
            body +=
                "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">\(esc(t(.columnTime)))</th><th scope=\"col\">\(esc(t(.columnOperator)))</th><th scope=\"col\">\(esc(t(.columnAction)))</th><th scope=\"col\">\(esc(t(.columnOutcome)))</th><th scope=\"col\">\(esc(t(.columnStep)))</th></tr></thead><tbody>\n"
            for event in audit.suffix(200).reversed() {
                let action = ([event.action] + event.items).joined(separator: " · ")
                let step = [event.step, event.locale].compactMap { $0 }.joined(separator: " · ")
                body +=
                    "<tr><td>\(esc(event.time))</td><td>\(esc(event.operatorName)) (\(esc(event.role)))</td><td>\(esc(action))</td><td>\(esc(event.outcome))\(event.reasons.isEmpty ? "" : ": " + esc(event.reasons.joined(separator: ", ")))</td><td>\(esc(step))</td></tr>\n"
            }
            body += "</tbody></table></div>"
        }
        return page(request, context, title: c.companyName, body: body)
    }

    /// The form that starts a walk for `customer`: the articles that have procedures.
    func startForm(customer: String, _ t: WebStrings, _ context: WebContext) -> String {
        let articles = configuration.walkableArticles(t.locale)
        guard !articles.isEmpty, let token = context.signedIn?.session.formToken else { return "" }
        let preferred = "partner-center/remove-a-relationship.md"
        let options = articles.map {
            "<option value=\"\(esc($0.path))\"\($0.path == preferred ? " selected" : "")>\(esc($0.title))</option>"
        }.joined()
        return """
            <form method="post" action="/walks" class="start">
            \(csrfField(token))
            <input type="hidden" name="customer" value="\(esc(customer))">
            <div class="field"><label for="start-article">\(esc(t(.startWalkArticle)))</label>
            <select id="start-article" name="article">\(options)</select></div>
            <button type="submit" class="primary">\(esc(t(.startWalk)))</button>
            </form>

            """
    }

    // MARK: Search

    /// A snippet with the query's words (between `«` and `»`) marked.
    static func marked(_ snippet: String) -> String {
        let open = snippet.filter { $0 == "«" }.count
        guard open == snippet.filter({ $0 == "»" }).count else {
            return esc(snippet.filter { $0 != "«" && $0 != "»" })
        }
        return esc(snippet).replacingOccurrences(of: "«", with: "<mark>").replacingOccurrences(of: "»", with: "</mark>")
    }

    func searchPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let t = strings(request, context)
        let query = (request.uri.query.flatMap { WebInput.form(Array($0.utf8)) }?["q"] ?? "")
        guard query.utf8.count <= 512 else { throw badRequest(t, "q") }
        var body = """
            <h1>\(esc(t(.searchTitle)))</h1>
            <form method="get" action="/search" role="search">
            <div class="field"><label for="q">\(esc(t(.searchLabel)))</label>
            <input type="search" id="q" name="q" value="\(esc(query))" autofocus></div>
            <button type="submit" class="primary">\(esc(t(.searchSubmit)))</button>
            </form>

            """
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty {
            let search = configuration.search
            let locale = t.locale
            let store = self.store
            let (results, customers) = try await blocking {
                (
                    (try? search(trimmed, locale, 20)) ?? [],
                    try store.customerSummaries(limit: 500, offset: 0).filter {
                        $0.customer.relationship == RelationshipState.active
                    }
                )
            }
            if results.isEmpty {
                body += "<p role=\"status\">\(esc(t(.searchNone, ["query": .string(trimmed)])))</p>"
            } else {
                body += "<ol class=\"results\">\n"
                for (index, r) in results.enumerated() {
                    body += "<li><h2 lang=\"\(esc(r.locale))\">\(esc(r.title))</h2>\n"
                    if r.fallback {
                        body += "<p class=\"notice\">\(esc(t(.searchFallback, ["locale": .string(r.locale)])))</p>"
                    }
                    body += "<p class=\"snippet\" lang=\"\(esc(r.locale))\">\(WebApp.marked(r.snippet))</p>\n"
                    if r.procedures > 0, !customers.isEmpty, let token = context.signedIn?.session.formToken {
                        let options = customers.map {
                            "<option value=\"\(esc($0.customer.id))\">\(esc($0.customer.companyName))</option>"
                        }.joined()
                        body += """
                            <p>\(esc(t(.searchProcedures, ["count": .int(r.procedures)])))</p>
                            <form method="post" action="/walks" class="start">
                            \(csrfField(token))
                            <input type="hidden" name="article" value="\(esc(r.path))">
                            <div class="field"><label for="customer-\(index)">\(esc(t(.startWalkCustomer)))</label>
                            <select id="customer-\(index)" name="customer">\(options)</select></div>
                            <button type="submit">\(esc(t(.startWalk)))</button>
                            </form>

                            """
                    } else if r.procedures == 0 {
                        body += "<p class=\"notice\">\(esc(t(.searchNoSteps)))</p>"
                    }
                    body += "</li>\n"
                }
                body += "</ol>"
            }
        }
        return page(request, context, title: t(.searchTitle), body: body)
    }
}
