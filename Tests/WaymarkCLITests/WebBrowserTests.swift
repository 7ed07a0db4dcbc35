import Foundation
import Testing
import WaymarkTestSupport

/// `waymark serve` as support staff use it: a real server process, a real headless Chromium, and
/// two servers sharing one PostgreSQL database.
@Suite(.serialized) struct WebBrowserTests {
    static let password = "correct horse"
    static let environment = ["WAYMARK_BCRYPT_COST": "4"]

    /// A server on `db` with operator ada (global admin); its URL.
    static func serve(_ db: String, addOperator: Bool = true) throws -> (BackgroundProcess, String) {
        if addOperator {
            let added = try CommandRunner.run(
                ["operators", "add", "ada", "--role", "global-admin", "--password-stdin", "--db", db],
                environment: environment, input: password + "\n")
            #expect(added.status == 0, "\(added.stderr)")
            // The demo customers: a file store loads them on first use, a database server is told to.
            if db.hasPrefix("postgres") {
                #expect(try CommandRunner.run(["customers", "reset-demo", "--db", db]).status == 0)
            }
        }
        let server = try BackgroundProcess(
            CommandRunner.executable, ["serve", "--port", "0", "--db", db], environment: environment)
        let url = try server.wait(for: "http://127\\.0\\.0\\.1:[0-9]+/")
        return (server, url)
    }

    static func browserOrSkip(_ test: String) throws -> Bool {
        if Browser.available { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            throw BrowserError(description: "chromium and chromium-driver are missing: make test installs them")
        }
        print("SKIPPED \(test): Debian's chromium and chromium-driver are not installed (make test installs them)")
        return false
    }

    /// The controls of the page in `browser` without a label, and the landmarks it lacks.
    static func accessibilityProblems(_ browser: Browser) throws -> [String] {
        let script = """
            var problems = [];
            document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(function (e) {
              if (!e.labels || e.labels.length === 0) { problems.push('no label: ' + (e.id || e.name)); }
            });
            document.querySelectorAll('button, a').forEach(function (e) {
              if (!e.textContent.trim() && !e.getAttribute('aria-label')) { problems.push('no name: ' + e.outerHTML); }
            });
            ['main', 'header'].forEach(function (tag) {
              if (!document.querySelector(tag)) { problems.push('no landmark: ' + tag); }
            });
            if (!document.documentElement.lang) { problems.push('no lang'); }
            return problems;
            """
        return (try browser.evaluate(script) as? [Any] ?? ["the script failed"]).map { "\($0)" }
    }

    @Test func aWholeWalkInTheBrowserInTurkishWithHungarianAndTheOriginal() throws {
        guard try Self.browserOrSkip(#function) else { return }
        let db = try RepositoryPaths.temporaryDirectory().appendingPathComponent("web.sqlite").path
        let (server, base) = try Self.serve(db)
        let browser = try Browser(languages: "tr-TR,tr")
        defer {
            browser.quit()
            server.stop()
        }
        // Sign in.
        try browser.open(base)
        #expect(try browser.source.contains("<html lang=\"tr-TR\">"))
        try browser.type("#operator", "ada")
        try browser.type("#password", Self.password)
        try browser.click("form[action='/sign-in'] button")
        let landed = try browser.url { $0.hasSuffix("/customers") }
        let landedPage = try browser.source
        #expect(landed.hasSuffix("/customers"), "\(landedPage)\n\(server.printed)")
        #expect(try Self.accessibilityProblems(browser) == [])
        // The docs search, in Turkish, offers the seed article as a walk.
        try browser.open(base + "search?q=ili%C5%9Fki")
        #expect(try browser.exists("form.start button"))
        #expect(try Self.accessibilityProblems(browser) == [])
        // Open Wingtip and start the seed procedure.
        try browser.open(base + "customers")
        try browser.click("a[href='/customers/wingtip']")
        #expect(try Self.accessibilityProblems(browser) == [])
        try browser.click("form.start button")
        // The walk's page once the start's answer is in: under load the click returns first.
        #expect(try browser.url { $0.contains("/walks/") }.contains("/walks/"))
        let shots = RepositoryPaths.file(".build/web-screenshots")
        var switched = false
        var shownOriginal = false
        for round in 0..<60 {
            let page = try browser.source
            if page.contains("class=\"step\" aria-labelledby=\"summary-title\"") { break }
            if try browser.exists("#walk-confirm") {
                try browser.click("#understood")
                try browser.click("#walk-confirm")
                continue
            }
            if round < 3 { #expect(try Self.accessibilityProblems(browser) == []) }
            let heading = try browser.text("#step-title")
            if !switched, heading.contains("1.2") {
                // Hungarian on step 1.2, and back: the same step.
                try browser.select("#walk-locale", value: "hu-HU")
                try browser.click("#walk-locale-apply")
                #expect(try browser.appears("section.step[lang='hu-HU']"))
                #expect(try browser.text("#step-title").contains("1.2"))
                try browser.select("#walk-locale", value: "tr-TR")
                try browser.click("#walk-locale-apply")
                #expect(try browser.appears("section.step[lang='tr-TR']"))
                #expect(try browser.text("#step-title").contains("1.2"))
                // The English original beside the machine translation, then the screenshots.
                try browser.click("#walk-source")
                #expect(try browser.appears("section.original[lang='en-US']"))
                shownOriginal = true
                try browser.resize(width: 1280, height: 1000)
                try browser.screenshot(to: shots.appendingPathComponent("step-1280.png"))
                try browser.resize(width: 390, height: 1600)
                try browser.screenshot(to: shots.appendingPathComponent("step-390.png"))
                try browser.resize(width: 1280, height: 1000)
                try browser.click("#walk-source")
                switched = true
            }
            // The keys: Enter on the focused Next button, or the right arrow.
            try browser.press(round % 2 == 0 ? Browser.Key.enter : Browser.Key.right)
        }
        #expect(switched)
        #expect(shownOriginal)
        #expect(try browser.appears("#summary-title"))
        // The customer is removed, and the audit says who did what in which language.
        try browser.open(base + "customers/wingtip")
        let customer = try browser.source
        #expect(customer.contains("kaldırıldı"))
        #expect(customer.contains("remove-relationship"))
        #expect(customer.contains("ada (global-admin)"))
        #expect(customer.contains("how-to-remove-a-relationship/2.c · tr-TR"))
        #expect(FileManager.default.fileExists(atPath: shots.appendingPathComponent("step-390.png").path))
        // The CLI sees what the browser did.
        let shown = try CommandRunner.run(["customers", "show", "wingtip", "--format", "json", "--db", db])
        #expect(shown.stdout.contains("\"relationship\": \"removed\""))
        // One log line per request; a clean stop on SIGTERM.
        #expect(server.printed.contains("POST /walks/"))
        #expect(server.stop() == 0)
        #expect(server.printed.contains("Waymark stopped"))
    }

    @Test(.enabled(if: TestPostgres.runs, "needs a PostgreSQL test cluster (make test starts one)"))
    func aWalkStartedOnOneServerContinuesOnAnotherOnOnePostgreSQLDatabase() throws {
        guard let url = try TestPostgres.database(for: #function) else { return }
        let (first, firstBase) = try Self.serve(url)
        let (second, secondBase) = try Self.serve(url, addOperator: false)
        defer {
            first.stop()
            second.stop()
        }
        let a = HTTPTestClient(base: firstBase)
        let signedIn = try a.send("POST", "/api/v1/session", json: ["operator": "ada", "password": Self.password])
        #expect(signedIn.status == 200)
        let started = try a.send(
            "POST", "/api/v1/walks",
            json: ["customer": "wingtip", "article": "partner-center/remove-a-relationship.md", "locale": "hu-HU"])
        #expect(started.status == 200, "\(started.body)")
        let id = try #require((started.json as? [String: Any])?["id"] as? String)
        _ = try a.send("POST", "/api/v1/walks/\(id)/next")
        // The first stop cancels an item: next asks, confirm does it.
        let confirmed = try a.send("POST", "/api/v1/walks/\(id)/confirm")
        let step = ((confirmed.json as? [String: Any])?["step"] as? [String: Any])?["id"] as? String
        // The same cookie on the other server: the same walk, at the same step.
        let b = HTTPTestClient(base: secondBase)
        b.cookie = a.cookie
        let there = try b.send("GET", "/api/v1/walks/\(id)")
        #expect(there.status == 200)
        #expect(((there.json as? [String: Any])?["step"] as? [String: Any])?["id"] as? String == step)
        #expect((there.json as? [String: Any])?["locale"] as? String == "hu-HU")
        #expect(try b.send("POST", "/api/v1/walks/\(id)/next").status == 200)
        let moved = try b.send("POST", "/api/v1/walks/\(id)/confirm")
        #expect(moved.status == 200)
        let back = try a.send("GET", "/api/v1/walks/\(id)")
        #expect(back.body == (try b.send("GET", "/api/v1/walks/\(id)")).body)
        #expect(((back.json as? [String: Any])?["progress"] as? [String: Any])?["done"] as? Int == 2)
    }
}
