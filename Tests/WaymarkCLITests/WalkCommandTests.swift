import Foundation
import Testing
import WaymarkTestSupport

/// The guided walkthrough end to end: line mode with piped input, and the interactive terminal
/// under tmux, as a person would use it.
@Suite struct WalkCommandTests {
    static let article = "partner-center/remove-a-relationship.md"
    /// The first two stops cancel an Azure reservation and a software purchase: each waits for `yes`.
    static let cancellations = "next\nyes\nnext\nyes\n"

    func database() throws -> String {
        try RepositoryPaths.temporaryDirectory().appendingPathComponent("w.sqlite").path
    }

    func walk(_ db: String, _ input: String, locale: String = "tr-TR") throws -> CommandRunner.Result {
        try CommandRunner.run(
            ["--locale", locale, "walk", Self.article, "--customer", "wingtip", "--db", db], input: input)
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test(arguments: StoreKind.allCases) func lineModeReachesTheEndAndResumesWhereItStopped(_ kind: StoreKind) throws {
        guard let db = try TestStores.location(kind) else { return }
        // The two cancellations before step 1 each wait for a typed yes.
        let first = try walk(db, "next\nyes\nnext\nyes\nnext\nnext\nquit\n")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Adım 1 / 15"))
        #expect(first.stdout.contains("Adım 2, şunlar giderilene kadar engellenmiş durumda:"))
        #expect(first.stdout.contains("• 2 etkin abonelik: Azure plan, Office 365 E3"))
        // The hint is the command as it was typed, the program named by its real path (it is not
        // on PATH here), so pasting it resumes this walk.
        let program = CommandRunner.executable.resolvingSymlinksInPath().path
        #expect(
            first.stdout.hasSuffix(
                "İlerleme 15 adımdan 5. adımda kaydedildi. Sürdürmek için: \(program) --locale tr-TR walk \(Self.article)"
                    + " --customer wingtip --db \(TestPostgres.withoutPassword(db))\n"), "\(first.stdout.suffix(300))")

        let sessions = try CommandRunner.run(["sessions", "list", "--db", db])
        #expect(
            sessions.stdout.contains("wingtip  \(Self.article)  open  step 5 of 15 (how-to-remove-a-relationship/1.2)"))

        let second = try walk(db, String(repeating: "next\n", count: 11) + "yes\n")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("oturumu 15 adımdan 5. adımda sürdürülüyor."))
        #expect(second.stdout.contains("İlişkinin kaldırılması:"))
        #expect(second.stdout.contains("Tamamlandı: 5 işlem yapıldı."))

        let customer = try #require(
            try json(CommandRunner.run(["customers", "show", "wingtip", "--format", "json", "--db", db]).stdout)
                as? [String: Any])
        #expect(customer["relationship"] as? String == "removed")
        let audit = try #require(
            try json(CommandRunner.run(["audit", "--customer", "wingtip", "--format", "json", "--db", db]).stdout)
                as? [[String: Any]])
        let steps = audit.filter { $0["action"] as? String == "walk-step" }.compactMap {
            ($0["items"] as? [String])?.first
        }
        #expect(steps.count == 15)
        #expect(
            Set(steps)
                == Set(
                    ["prerequisites"]
                        + ["1", "1.1", "1.2", "1.3", "1.4", "2", "2.a", "2.b", "2.c"].map {
                            "how-to-remove-a-relationship/\($0)"
                        }))
        let actions = audit.filter {
            ["suspend-subscription", "cancel-reservation", "cancel-purchase", "remove-relationship"].contains(
                $0["action"] as? String)
        }
        #expect(actions.count == 5)
        #expect(
            actions.allSatisfy { $0["session"] is String && $0["locale"] as? String == "tr-TR" && $0["step"] is String }
        )
        let ended = try CommandRunner.run(["sessions", "list", "--db", db])
        #expect(ended.stdout.contains("finished"))
    }

    /// A crash between the removal's transaction and the step's (found by scripts/durability.py)
    /// looks like this on resume: the relationship is already removed but step 2.c is not done.
    @Test(arguments: StoreKind.allCases) func aRemovalAlreadyDoneWhenResumingFinishesTheWalk(_ kind: StoreKind) throws {
        guard let db = try TestStores.location(kind) else { return }
        let first = try walk(
            db, Self.cancellations + String(repeating: "next\n", count: 12) + "quit\n", locale: "en-US")
        #expect(first.stdout.contains("Progress saved at step 15 of 15"), "\(first.stdout.suffix(500))")
        let removed = try CommandRunner.run(
            [
                "customers", "remove-relationship", "wingtip", "--yes", "--operator", "ana", "--role", "global-admin",
                "--db", db,
            ])
        #expect(removed.status == 0, "\(removed.stderr)")
        let resumed = try walk(db, "next\nyes\n", locale: "en-US")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(!resumed.stdout.contains("already removed"))
        let sessions = try CommandRunner.run(["sessions", "list", "--db", db])
        #expect(sessions.stdout.contains("wingtip  \(Self.article)  finished  step 15 of 15"), "\(sessions.stdout)")
    }

    @Test func aDisallowedRoleCannotStartAndIsAudited() throws {
        let db = try database()
        let result = try CommandRunner.run(
            [
                "walk", Self.article, "--customer", "northwind", "--role", "billing-admin", "--operator", "bob", "--db",
                db,
            ], input: "")
        #expect(result.status == 1)
        #expect(result.stderr.contains("the role Billing admin may not do this"))
        let audit = try CommandRunner.run(["audit", "--customer", "northwind", "--db", db])
        #expect(audit.stdout.contains("bob (Billing admin)  Start a walk  northwind  refused\n    • billing-admin\n"))
        #expect(audit.stdout.contains("    because: the role may not do this"), "\(audit.stdout)")
    }

    /// Support staff read every screen in their language: no internal identifier (a camelCase
    /// action name, a binding key) reaches them, and the summary names each action with its item
    /// and the customer.
    @Test(arguments: [
        ("tr-TR", ["Abonelik askıya alındı: Azure plan", "Satıcı ilişkisi kaldırıldı: Wingtip Toys"]),
        ("hu-HU", ["Előfizetés felfüggesztve: Azure plan", "Viszonteladói kapcsolat eltávolítva: Wingtip Toys"]),
    ])
    func everyScreenAndTheSummaryAreInTheReadersLanguage(_ locale: String, _ summary: [String]) throws {
        let db = try database()
        let result = try walk(db, Self.cancellations + String(repeating: "next\n", count: 13) + "yes\n", locale: locale)
        #expect(result.status == 0, "\(result.stderr)")
        for line in summary { #expect(result.stdout.contains("✓ " + line), "\(result.stdout.suffix(600))") }
        let camelCase = try Regex("\\b[a-z]+[A-Z][A-Za-z]*\\b")
        let identifiers = result.stdout.matches(of: camelCase).map { String(result.stdout[$0.range]) }
        #expect(identifiers.isEmpty, "\(Set(identifiers))")
    }

    @Test func theResumeHintSaysWaymarkWhenThatNameOnPathIsThisProgram() throws {
        let db = try database()
        let bin = try RepositoryPaths.temporaryDirectory().appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: bin.appendingPathComponent("waymark"), withDestinationURL: CommandRunner.executable)
        let result = try CommandRunner.run(
            ["--locale", "en-US", "walk", Self.article, "--customer", "wingtip", "--db", db],
            environment: ["PATH": bin.path + ":/usr/bin:/bin"], input: "quit\n")
        #expect(
            result.stdout.hasSuffix(
                "Resume with: waymark --locale en-US walk \(Self.article) --customer wingtip --db \(db)\n"),
            "\(result.stdout.suffix(200))")
    }

    /// `make run` twice: the second run finds the demo walk finished, loads the demo data again
    /// and walks it to the end once more. (The command is read from the Makefile's `run` target.)
    @Test func makeRunWorksEveryTime() throws {
        let makefile = try String(contentsOf: RepositoryPaths.file("Makefile"), encoding: .utf8)
        let lines = makefile.components(separatedBy: "\n")
        let target = try #require(lines.firstIndex { $0.hasPrefix("run:") })
        let recipe = lines[(target + 1)...].prefix { $0.hasPrefix("\t") }.map { $0.dropFirst() }
        let walk = try #require(recipe.first { $0.contains("waymark walk") })
        let arguments = walk.split(separator: " ").dropFirst().map(String.init)
        let db = try database()
        let input = Self.cancellations + String(repeating: "next\n", count: 13) + "yes\n"
        let english = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LC_MESSAGES": "C.UTF-8"]
        let first = try CommandRunner.run(arguments + ["--db", db], environment: english, input: input)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Reseller relationship removed: Wingtip Toys"), "\(first.stdout.suffix(300))")
        let second = try CommandRunner.run(arguments + ["--db", db], environment: english, input: input)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("The demo walk for Wingtip Toys was finished; the demo data is loaded again."))
        #expect(second.stdout.contains("Reseller relationship removed: Wingtip Toys"))
        // Customers beyond the demo data are never replaced by it.
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("customers.json")
        try """
        {"items": [{"id": "tailspin", "companyProfile": {"companyName": "Tailspin Toys", "domain": "tailspin.example"},
          "subscriptions": []}]}
        """.write(to: file, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["customers", "import", file.path, "--db", db]).status == 0)
        let kept = try CommandRunner.run(arguments + ["--db", db], environment: english, input: input)
        #expect(kept.status == 1)
        #expect(kept.stdout.contains("this store holds other customers too"), "\(kept.stdout)")
        #expect(try CommandRunner.run(["customers", "show", "tailspin", "--db", db]).status == 0)
        // Without the flag, the walk says what to do instead of only refusing.
        let third = try CommandRunner.run(
            ["walk", Self.article, "--customer", "wingtip", "--db", db], environment: english, input: "")
        #expect(third.status == 1)
        #expect(third.stdout.contains("customers reset-demo --db \(db)"), "\(third.stdout)")
    }

    /// A new-commerce subscription keeps billing while suspended: the screen says so before the
    /// operator suspends it, beside what Enter will do.
    @Test func aWarningComesBeforeTheActionItIsAbout() throws {
        let db = try database()
        let result = try walk(
            db, Self.cancellations + String(repeating: "next\n", count: 3) + "quit\n", locale: "en-US")
        let screens = result.stdout.components(separatedBy: "Step 6 of 15")
        let before = try #require(screens.count > 1 ? screens[1] : nil)
        let warning = try #require(before.range(of: "Azure plan is a new-commerce subscription"))
        let enter = try #require(before.range(of: "Enter: suspend Azure plan"))
        #expect(warning.lowerBound < enter.lowerBound)
        // Not suspended yet: the walk stopped before pressing Enter on that step.
        let show = try CommandRunner.run(["customers", "show", "wingtip", "--format", "json", "--db", db])
        let customer = try #require(try json(show.stdout) as? [String: Any])
        let subscriptions = try #require(customer["subscriptions"] as? [[String: Any]])
        #expect(subscriptions.first { $0["id"] as? String == "wingtip-azure-plan" }?["status"] as? String == "active")
    }

    @Test func unknownCommandsAndLanguagesAreExplained() throws {
        let db = try database()
        let result = try walk(db, "dance\nlang de-DE\nquit\n", locale: "en-US")
        #expect(result.stdout.contains("Unknown command \"dance\"; type help"))
        #expect(result.stdout.contains("No de-de version; languages: tr-TR, hu-HU, en-US"))
    }

    @Test func interactiveWalkthroughUnderTmux() throws {
        guard TmuxSession.isAvailable else {
            print("SKIPPED WalkCommandTests.interactiveWalkthroughUnderTmux: tmux is not installed")
            return
        }
        let db = try database()
        let command =
            "LANG=tr_TR.UTF-8 \(CommandRunner.executable.path) walk \(Self.article) --customer wingtip --db \(db)"
        let tmux = try TmuxSession(width: 100, height: 45)
        try tmux.type(command)
        // Blocked at step 2, naming the active subscriptions.
        var screen = try tmux.waitFor("Adım 1 / 15")
        #expect(screen.contains("Adım 2, şunlar giderilene kadar engellenmiş durumda:"))
        #expect(screen.contains("2 etkin abonelik: Azure plan, Office 365 E3"))
        // The two cancellations of the prerequisites each ask first: Enter shows the question
        // and a y/n footer, another Enter only says that y or n answers, y cancels.
        for n in 2...3 {
            try tmux.press("Enter")
            screen = try tmux.waitFor("İptal etmek için y, geri dönmek için n tuşuna basın.")
            // The footer: y and n (its spaces are no-break, so the footer wraps between hints).
            #expect(screen.contains("y\u{A0}onayla\u{A0}· n\u{A0}geri\u{A0}dön"), "\(screen)")
            if n == 2 {
                try tmux.press("Enter")
                try tmux.waitFor("Onaylamak için y, geri dönmek için n tuşuna basın.")
            }
            try tmux.press("y")
            screen = try tmux.waitFor("Adım \(n) / 15")
        }
        // The loop step, 1.1, to 1.2.
        for n in 4...5 {
            try tmux.press("Enter")
            screen = try tmux.waitFor("Adım \(n) / 15")
        }
        #expect(screen.contains("1.2  **Abonelikler**") || screen.contains("1.2  Abonelikler"))
        #expect(screen.contains("Abonelik: Azure plan"))
        // l: Hungarian, same step.
        try tmux.press("l")
        screen = try tmux.waitFor("5. lépés / 15")
        #expect(screen.contains("1.2  Az előfizetések területen válasszon egy előfizetést."))
        // o: the English original under it.
        try tmux.press("o")
        screen = try tmux.waitFor("Angol eredeti:")
        #expect(screen.contains("Under Subscriptions, select a subscription."))
        // q, then the same command resumes on the same step.
        try tmux.press("q")
        screen = try tmux.waitFor("Az előrehaladás mentve az 5. lépésnél (összesen 15 lépés)")
        try tmux.type(command)
        screen = try tmux.waitFor("munkamenet folytatódik az 5. lépéstől (összesen 15 lépés)")
        #expect(screen.contains("1.2  Az előfizetések területen"))
        // Through the loop: step 2 opens once both subscriptions are suspended.
        for n in 6...12 {
            try tmux.press("Right")
            screen = try tmux.waitFor("\(n). lépés / 15")
        }
        #expect(screen.contains("2  A kapcsolat eltávolítása a partner Centerben:"))
        #expect(!screen.contains("akadályozva"))
        for n in 13...15 {
            try tmux.press("Enter")
            screen = try tmux.waitFor("\(n). lépés / 15")
        }
        try tmux.press("Enter")
        screen = try tmux.waitFor("A kapcsolat eltávolításához nyomja meg az y")
        #expect(screen.contains("Ez nem vonható vissza."))
        try tmux.press("y")
        screen = try tmux.waitFor("Kész: 5 művelet elvégezve.")
        // The audit lists every step.
        let audit = try CommandRunner.run(["audit", "--customer", "wingtip", "--db", db])
        let stepLines = audit.stdout.split(separator: "\n").filter { $0.contains("Confirm a step") }
        #expect(stepLines.count == 15)
        #expect(audit.stdout.contains("Remove the reseller relationship  wingtip  done\n    • Wingtip Toys\n"))
    }
}
