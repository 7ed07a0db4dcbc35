import Foundation
import HTTPTypes
import Hummingbird
import Testing
import WaymarkCore
import WaymarkRelationships
import WaymarkTestSupport
import WaymarkWalkthrough
import WaymarkWebInput

@testable import WaymarkServer

/// Every route and every guard of `waymark serve`, through `RouterClient`, straight to the router.
@Suite struct WebRouteTests {
    @Test func healthAndTheSecurityHeadersOnEveryAnswer() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            for (uri, status) in [("/healthz", HTTPResponse.Status.ok), ("/", .ok), ("/nowhere", .seeOther)] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == status, "\(uri)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(response.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            }
            let js = try await client.execute(uri: "/static/app.js", method: .get)
            #expect(js.headers[.contentType]?.hasPrefix("text/javascript") == true)
        }
    }

    @Test func everythingButSignInNeedsASession() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            for uri in ["/customers", "/customers/wingtip", "/search?q=x", "/walks/abc"] {
                let page = try await client.execute(uri: uri, method: .get)
                #expect(page.status == .seeOther, "\(uri)")
                #expect(page.headers[.location] == "/")
            }
            for (uri, method) in [
                ("/api/v1/customers", HTTPRequest.Method.get), ("/api/v1/customers/wingtip", .get),
                ("/api/v1/walks", .post), ("/api/v1/walks/abc", .get), ("/api/v1/walks/abc/next", .post),
                ("/api/v1/walks/abc/locale", .put),
            ] {
                let api = try await client.json(uri, method, body: method == .get ? nil : "{}")
                #expect(api.status == .unauthorized, "\(uri)")
                #expect(api.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                #expect(api.object?["title"].map { "\($0.value)" }?.contains("web.error.unauthorized") == true)
            }
            // A made-up cookie is no session.
            let forged = try await client.json(
                "/api/v1/customers", .get,
                Signed(cookie: "waymark_session=" + String(repeating: "a", count: 64), csrf: ""))
            #expect(forged.status == .unauthorized)
        }
    }

    @Test func theLanguageComesFromTheChoiceElseAcceptLanguageElseEnglish() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let english = try await client.execute(uri: "/", method: .get)
            #expect(english.text.contains("<html lang=\"en-US\">"))
            let turkish = try await client.execute(
                uri: "/", method: .get, headers: [.acceptLanguage: "de;q=0.9, tr;q=0.8, en;q=0.1"])
            #expect(turkish.text.contains("<html lang=\"tr-TR\">"))
            #expect(turkish.text.contains("[tr-TR] web.sign-in.title"))
            let ada = try await client.signIn("ada")
            let chosen = try await client.form(
                "/language", ada, ["csrf": ada.csrf, "locale": "hu-HU", "back": "/customers"])
            #expect(chosen.status == .seeOther)
            #expect(chosen.headers[.location] == "/customers")
            let page = try await client.execute(
                uri: "/customers", method: .get, headers: [.cookie: ada.cookie, .acceptLanguage: "tr"])
            #expect(page.text.contains("<html lang=\"hu-HU\">"))
            // Only a path on this site is a place to go back to.
            let away = try await client.form(
                "/language", ada, ["csrf": ada.csrf, "locale": "en-US", "back": "//evil.example"])
            #expect(away.headers[.location] == "/customers")
        }
    }

    @Test func signInSetsAStrictCookieRotatesItAndSignOutEndsIt() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let response = try await client.json(
                "/api/v1/session", .post, body: #"{"operator": "ada", "password": "correct horse"}"#)
            let cookie = try #require(response.headers[.setCookie])
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800"] {
                #expect(cookie.contains(attribute), "\(attribute)")
            }
            #expect(!cookie.contains("Secure"))
            let tls = try await client.json(
                "/api/v1/session", .post, body: #"{"operator": "ada", "password": "correct horse"}"#,
                headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(tls.headers[.setCookie]?.contains("; Secure") == true)
            let first = try await client.signIn("ada")
            #expect(try await client.json("/api/v1/customers", .get, first).status == .ok)
            // Signing in again from the same browser gives a new session and ends the old one.
            let again = try await client.json(
                "/api/v1/session", .post, body: #"{"operator": "ada", "password": "correct horse"}"#,
                headers: [.cookie: first.cookie])
            let second = String(try #require(again.headers[.setCookie]).split(separator: ";")[0])
            #expect(second != first.cookie)
            #expect(try await client.json("/api/v1/customers", .get, first).status == .unauthorized)
            let signedIn = Signed(cookie: second, csrf: "")
            #expect(try await client.json("/api/v1/customers", .get, signedIn).status == .ok)
            let out = try await client.json("/api/v1/session", .delete, signedIn)
            #expect(out.status == .noContent)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.json("/api/v1/customers", .get, signedIn).status == .unauthorized)
            // The page's sign-out form ends the session too.
            let third = try await client.signIn("ada")
            let form = try await client.form("/sign-out", third, ["csrf": third.csrf])
            #expect(form.status == .seeOther)
            #expect(try await client.json("/api/v1/customers", .get, third).status == .unauthorized)
        }
    }

    @Test func failedSignInsAreLimitedPerOperatorAndTheStoreKeepsNoPassword() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            for _ in 0..<5 {
                let wrong = try await client.json(
                    "/api/v1/session", .post, body: #"{"operator": "ada", "password": "wrong password"}"#)
                #expect(wrong.status == .unauthorized)
                #expect(wrong.headers[.setCookie] == nil)
            }
            // The sixth is refused even with the right password, and says when to try again.
            let limited = try await client.json(
                "/api/v1/session", .post, body: #"{"operator": "ada", "password": "correct horse"}"#)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "900")
            // Another operator is not limited by ada's failures.
            _ = try await client.signIn("bob")
            // The form shows the same limit as a page.
            let page = try await client.form("/sign-in", nil, ["operator": "ada", "password": "correct horse"])
            #expect(page.status == .tooManyRequests)
            #expect(page.text.contains("web.sign-in.limited"))
            // An unknown name fails like a wrong password.
            let unknown = try await client.form("/sign-in", nil, ["operator": "nobody", "password": "correct horse"])
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text.contains("web.sign-in.failed"))
        }
        let stored = try fixture.store.operators()
        #expect(stored.allSatisfy { $0.passwordHash?.hasPrefix("$2") == true })
        #expect(stored.allSatisfy { $0.passwordHash?.contains("correct horse") == false })
    }

    @Test func theAPIGivesTheCustomersAsTheCLIDoes() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            let list = try await client.json("/api/v1/customers", .get, ada)
            let expected = try fixture.store.accounts(limit: nil, offset: 0).map(\.json)
            #expect(list.text == JSONValue.array(expected).serialized())
            let one = try await client.json("/api/v1/customers/wingtip", .get, ada)
            #expect(one.text == (try fixture.store.account("wingtip")).json.serialized())
            for id in ["unknown", "..%2F..%2Fetc", "%00"] {
                let missing = try await client.json("/api/v1/customers/\(id)", .get, ada)
                #expect(missing.status == .notFound || missing.status == .badRequest, "\(id)")
                #expect(!missing.text.contains("/tmp"))
                #expect(!missing.text.contains(".sqlite"))
            }
        }
    }

    @Test func unknownWalksAndArticlesAreNotFoundWithoutPaths() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            for article in ["partner-center/nothing.md", "../../etc/passwd", "/etc/passwd"] {
                let start = try await client.json(
                    "/api/v1/walks", .post, ada, body: #"{"customer": "wingtip", "article": "\#(article)"}"#)
                #expect(start.status == .notFound, "\(article)")
                #expect(!start.text.contains("Resources"))
            }
            let customer = try await client.json(
                "/api/v1/walks", .post, ada, body: #"{"customer": "nobody", "article": "\#(WebFixture.seed)"}"#)
            #expect(customer.status == .notFound)
            #expect(try await client.json("/api/v1/walks/zzzz", .get, ada).status == .notFound)
            let page = try await client.execute(uri: "/walks/zzzz", method: .get, headers: [.cookie: ada.cookie])
            #expect(page.status == .notFound)
            #expect(page.text.contains("web.error.not-found"))
        }
    }

    @Test func aBillingAdminIsRefusedAsInTheCLI() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let bob = try await client.signIn("bob")
            let start = try await client.json(
                "/api/v1/walks", .post, bob, body: #"{"customer": "wingtip", "article": "\#(WebFixture.seed)"}"#)
            #expect(start.status == .forbidden)
            #expect(start.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let reasons = try #require(start.object?["reasons"])
            #expect("\(reasons.value)".contains("refusal.role-not-allowed"))
        }
        // The refusal is in the audit, as the CLI's are.
        let audit = try fixture.store.auditTrail(customerID: "wingtip")
        #expect(audit.contains { $0.operatorName == "bob" && $0.role == "billing-admin" && $0.outcome != "done" })
    }

    @Test func changesFromAnotherSiteOrWithoutTheFormTokenAreRefused() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            let start = try await client.form(
                "/walks", ada, ["csrf": ada.csrf, "customer": "wingtip", "article": WebFixture.seed])
            #expect(start.status == .seeOther)
            let walk = try #require(start.headers[.location])
            // No token, and a token one digit off the session's.
            let wrong = (ada.csrf.first == "0" ? "1" : "0") + ada.csrf.dropFirst()
            for fields in [[:], ["csrf": wrong]] {
                let refused = try await client.form(walk + "/next", ada, fields)
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains("web.error.cross-site"))
            }
            let crossSite = try await client.form(
                walk + "/next", ada, ["csrf": ada.csrf], headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            let otherOrigin = try await client.form(
                walk + "/next", ada, ["csrf": ada.csrf], headers: [.origin: "https://evil.example"])
            #expect(otherOrigin.status == .forbidden)
            let apiOtherOrigin = try await client.json(
                "/api/v1" + walk + "/next", .post, ada, headers: [.origin: "https://evil.example"])
            #expect(apiOtherOrigin.status == .forbidden)
            // JSON must say it is JSON: a plain form from another site cannot.
            let plain = try await client.json(
                "/api/v1/walks", .post, ada, body: #"{"customer": "wingtip", "article": "x.md"}"#,
                headers: [.contentType: "text/plain"])
            #expect(plain.status == .badRequest)
            let ok = try await client.form(walk + "/next", ada, ["csrf": ada.csrf])
            #expect(ok.status == .seeOther || ok.status == .ok)
        }
    }

    @Test func bodiesAreLimitedAndMalformedOnesRefused() async throws {
        let fixture = try #require(try WebFixture.make())
        try await fixture.withClient { client in
            let huge = #"{"operator": "ada", "password": ""# + String(repeating: "x", count: 40_000) + #""}"#
            let tooLarge = try await client.json("/api/v1/session", .post, body: huge)
            #expect(tooLarge.status == .contentTooLarge)
            for body in ["", "[]", "{", #"{"operator": 1}"#, "\u{FF}\u{FE}"] {
                let bad = try await client.json("/api/v1/session", .post, body: body)
                #expect(bad.status == .badRequest || bad.status == .unauthorized, "\(body)")
            }
            let brokenForm = try await client.execute(
                uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "operator=%ZZ&password=%"))
            #expect(brokenForm.status == .badRequest)
        }
    }

    @Test func everyTextIsEscaped() async throws {
        var data = try WebFixture.demo()
        data.customers[0].companyName = "<script>alert(1)</script>"
        let fixture = try #require(try WebFixture.make(data: data))
        let id = data.customers[0].id
        try await fixture.withClient { client in
            let ada = try await client.signIn("ada")
            for uri in ["/customers", "/customers/\(id)", "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"] {
                let page = try await client.execute(uri: uri, method: .get, headers: [.cookie: ada.cookie])
                #expect(page.status == .ok, "\(uri)")
                #expect(!page.text.contains("<script>alert"), "\(uri)")
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
            }
        }
    }
}
