import Foundation
import GRDB
import Testing
import WaymarkTestSupport

/// `waymark customers` and `waymark audit`, end to end, each test on its own database.
@Suite struct CustomersCommandTests {
    func database() throws -> String {
        try RepositoryPaths.temporaryDirectory().appendingPathComponent("w.sqlite").path
    }

    func run(_ db: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments + ["--db", db], environment: environment)
    }

    @Test(arguments: StoreKind.allCases) func removesTheDemoCustomerOnlyAfterItsItemsAreCleared(_ kind: StoreKind)
        throws
    {
        guard let db = try TestStores.location(kind) else { return }
        let admin = ["--operator", "ayse", "--role", "global-admin"]
        let blocked = try run(db, ["customers", "remove-relationship", "wingtip", "--yes"] + admin)
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("2 active subscriptions: Azure plan, Office 365 E3"))
        #expect(blocked.stderr.contains("1 active Azure reservation"))
        #expect(blocked.stderr.contains("1 active software purchase: Windows Server 2022 Standard"))

        let suspend = try run(db, ["customers", "suspend-subscription", "wingtip-azure-plan"] + admin)
        #expect(suspend.status == 0)
        #expect(suspend.stdout == "Suspended Azure plan.\n")
        #expect(suspend.stderr.contains("new-commerce subscription: while suspended it is still billed"))
        #expect(try run(db, ["customers", "suspend-subscription", "wingtip-o365-e3"] + admin).status == 0)
        let stillBlocked = try run(db, ["customers", "remove-relationship", "wingtip", "--yes"] + admin)
        #expect(stillBlocked.status == 1)
        #expect(!stillBlocked.stderr.contains("subscription"))
        #expect(try run(db, ["customers", "cancel-reservation", "wingtip-ri-d2s", "--yes"] + admin).status == 0)
        #expect(try run(db, ["customers", "cancel-purchase", "wingtip-winserver", "--yes"] + admin).status == 0)

        let removed = try run(db, ["customers", "remove-relationship", "wingtip", "--yes", "--format", "json"] + admin)
        #expect(removed.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(removed.stdout.utf8)) as? [String: Any])
        #expect(json["relationship"] as? String == "removed")
        #expect(json["delegatedAdminPrivileges"] as? Bool == false)
        #expect(json["purchasesAllowed"] as? Bool == false)

        let audit = try run(db, ["audit", "--customer", "wingtip"])
        let lines = audit.stdout.split(separator: "\n").map(String.init)
        // An event's line, then its items one per line, then why it was refused.
        let events = lines.filter { !$0.hasPrefix(" ") }
        #expect(events.count == 7)
        #expect(events.first?.hasSuffix("Remove the reseller relationship  wingtip  refused") == true, "\(lines)")
        #expect(
            lines[1...4] == [
                "    • Azure plan", "    • Office 365 E3", "    • Reserved VM Instance, D2s v3, 1 year",
                "    • Windows Server 2022 Standard",
            ])
        #expect(
            lines[5]
                == "    because: active subscriptions remain; active Azure reservations remain; active software purchases remain"
        )
        #expect(events.last?.hasSuffix("Remove the reseller relationship  wingtip  done") == true)
        #expect(lines.last == "    • Wingtip Toys")
        #expect(events.allSatisfy { $0.contains("ayse (Global admin)") })
        // Warnings of a done action are notes.
        #expect(lines.contains("    note: a new-commerce subscription keeps billing while suspended"), "\(lines)")
    }

    @Test(arguments: StoreKind.allCases) func aWrongRoleIsRefusedAndAudited(_ kind: StoreKind) throws {
        guard let db = try TestStores.location(kind) else { return }
        let refused = try run(
            db,
            ["customers", "remove-relationship", "northwind", "--yes", "--operator", "bob", "--role", "billing-admin"])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "the role Billing admin may not do this; allowed: Global admin, Admin agent, Sales agent"))
        let audit = try run(db, ["audit", "--customer", "northwind", "--format", "json"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(events.count == 1)
        #expect(events[0]["outcome"] as? String == "refused")
        #expect(events[0]["role"] as? String == "billing-admin")
        #expect(events[0]["reasons"] as? [String] == ["refusal.role-not-allowed"])
    }

    @Test func listAndShowSpeakTheUsersLanguage() throws {
        let db = try database()
        let list = try run(db, ["--locale", "tr-TR", "customers", "list"])
        #expect(list.stdout.contains("wingtip  Wingtip Toys  etkin  2 etkin abonelik"))
        let json = try run(db, ["customers", "list", "--format", "json"])
        let customers = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(customers.map { $0["relationship"] as? String } == ["active", "active", "active"])
        let show = try run(db, ["--locale", "hu-HU", "customers", "show", "northwind"])
        #expect(show.stdout.contains("A kapcsolatot eltávolíthatja: Globális rendszergazda"))
    }

    @Test(arguments: StoreKind.allCases) func importsPartnerCenterJSON(_ kind: StoreKind) throws {
        guard let db = try TestStores.location(kind) else { return }
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("customers.json")
        try """
        {"items": [{"id": "tailspin", "companyProfile": {"companyName": "Tailspin Toys", "domain": "tailspin.example"},
          "subscriptions": [{"id": "t-1", "offerName": "Microsoft 365 E5", "offerId": "CFQ7TTC0LFLZ:0002", "status": "active"}]}]}
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try run(db, ["customers", "import", file.path])
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "Imported 1 customer for Fabrikam Partners.\ncustomers: 1 added, 0 updated; subscriptions: 1 added, 0 updated; 0 unchanged\n"
        )
        let show = try run(db, ["customers", "show", "tailspin", "--format", "json"])
        #expect(show.stdout.contains("\"commerce\": \"new-commerce\""))
        try "{\"items\": [{\"id\": \"x\"}]}".write(to: file, atomically: true, encoding: .utf8)
        let bad = try run(db, ["customers", "import", file.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("customers.json:1:12: $.items[0].companyProfile is required but missing"))
    }

    @Test func aFileThatIsNotADatabaseIsNeverOverwritten() throws {
        let db = try database()
        try "my notes\n".write(toFile: db, atomically: true, encoding: .utf8)
        let result = try run(db, ["customers", "list"])
        #expect(result.status == 1)
        #expect(
            result.stderr == "waymark: error: \(db) is not a Waymark database (not SQLite); it was left untouched\n")
        #expect(try String(contentsOfFile: db, encoding: .utf8) == "my notes\n")
    }

    @Test func aNewerSchemaIsRefused() throws {
        let db = try database()
        #expect(try run(db, ["customers", "list"]).status == 0)
        try DatabaseQueue(path: db).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v7-later')") }
        let result = try run(db, ["customers", "list"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("was written by a newer Waymark (unknown schema v7-later)"))
    }

    @Test func anUnwritableFolderIsAClearError() throws {
        let parent = try RepositoryPaths.temporaryDirectory().appendingPathComponent("a-file")
        try "x".write(to: parent, atomically: true, encoding: .utf8)
        let result = try run(parent.appendingPathComponent("w.sqlite").path, ["customers", "list"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("waymark: error: cannot open "))
    }

    @Test func aLockedDatabaseGivesBusyAfterABoundedWait() throws {
        let db = try database()
        #expect(try run(db, ["customers", "list"]).status == 0)
        let blocker = try DatabaseQueue(path: db)
        try blocker.inDatabase { conn in
            try conn.execute(sql: "BEGIN IMMEDIATE")
            let result = try run(
                db, ["customers", "suspend-subscription", "adatum-teams", "--operator", "a", "--role", "admin-agent"],
                environment: ["WAYMARK_BUSY_TIMEOUT": "0.3"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("is busy: another process kept it locked too long; nothing was changed"))
            try conn.execute(sql: "ROLLBACK")
        }
        let after = try run(db, ["customers", "show", "adatum", "--format", "json"])
        #expect(after.stdout.contains("\"status\": \"active\""))
    }

    @Test func concurrentWritersLoseNoUpdate() throws {
        let db = try database()
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("many.json")
        let subs = (1...8).map { "{\"id\": \"s\($0)\", \"offerName\": \"Offer \($0)\", \"status\": \"active\"}" }
            .joined(separator: ",")
        try "[{\"id\": \"big\", \"companyProfile\": {\"companyName\": \"Big\"}, \"subscriptions\": [\(subs)]}]"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try run(db, ["customers", "import", file.path]).status == 0)
        let processes = try (1...8).map { n -> Process in
            let p = Process()
            p.executableURL = CommandRunner.executable
            p.arguments = [
                "customers", "suspend-subscription", "s\(n)", "--operator", "op\(n)", "--role", "admin-agent", "--db",
                db,
            ]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let show = try run(db, ["customers", "show", "big", "--format", "json"])
        #expect(show.stdout.components(separatedBy: "\"status\": \"suspended\"").count == 9)
        let audit = try run(db, ["audit", "--customer", "big", "--format", "json"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(Set(events.compactMap { $0["operator"] as? String }) == Set((1...8).map { "op\($0)" }))
    }

    @Test(arguments: StoreKind.allCases) func killDuringAWriteLeavesTheOldOrTheNewStateNeverHalf(_ kind: StoreKind)
        throws
    {
        if kind == .postgres, TestPostgres.adminURL == nil, ProcessInfo.processInfo.environment["CI"] != "true" {
            print("SKIPPED killDuringAWrite on PostgreSQL: no test cluster (make test starts one)")
            return
        }
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("large.json")
        let customers = (1...3000).map { n in
            "{\"id\": \"k\(n)\", \"companyProfile\": {\"companyName\": \"Company \(n)\"}, \"subscriptions\": [{\"id\": \"k\(n)-s\", \"offerName\": \"Offer\", \"status\": \"active\"}]}"
        }
        try ("[" + customers.joined(separator: ",") + "]").write(to: file, atomically: true, encoding: .utf8)
        func importProcess(_ db: String) throws -> Process {
            let p = Process()
            p.executableURL = CommandRunner.executable
            p.arguments = ["customers", "import", file.path, "--db", db]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        // How long a whole import takes here, so that kills fall before, during and after its commit.
        func database() throws -> String { try #require(try TestStores.location(kind)) }
        let timing = try database()
        #expect(try run(timing, ["customers", "list"]).status == 0)
        let start = Date()
        let full = try importProcess(timing)
        full.waitUntilExit()
        let duration = Date().timeIntervalSince(start)
        // Kill times from a printed seed (WAYMARK_TEST_SEED replays one), one in each eighth of
        // 0…1.2× the import's time: the first falls before the commit, the last after it.
        var numbers =
            ProcessInfo.processInfo.environment["WAYMARK_TEST_SEED"].flatMap(UInt64.init).map {
                SeededNumbers(seed: $0)
            } ?? SeededNumbers()
        var outcomes: [Int] = []
        var delays: [Int] = []
        var fractions = (0..<8).map { 1.2 * (Double($0) + Double(numbers.next(1000)) / 1000) / 8 }
        // When the machine is busier than while timing (other tests run beside this one), every
        // kill may fall before the commit, or after it: a few more, later or earlier, until both
        // sides are seen.
        var later = [1.6, 2.4, 4.0, 8.0]
        var earlier = [0.02, 0.0]
        var slot = 0
        while slot < fractions.count {
            defer {
                slot += 1
                if slot == fractions.count {
                    if !outcomes.contains(3000), !later.isEmpty {
                        fractions.append(later.removeFirst())
                    } else if !outcomes.contains(0), !earlier.isEmpty {
                        fractions.append(earlier.removeFirst())
                    }
                }
            }
            let db = try database()
            #expect(try run(db, ["customers", "list"]).status == 0)
            let p = try importProcess(db)
            let delay = duration * fractions[slot]
            delays.append(Int(delay * 1000))
            usleep(UInt32(delay * 1_000_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let counts = [
                "SELECT COUNT(*) FROM customer WHERE id LIKE 'k%'",
                "SELECT COUNT(*) FROM subscription WHERE id LIKE 'k%'",
                "SELECT COUNT(*) FROM audit WHERE action = 'import'",
            ]
            let check: String?
            let count: Int
            let subscriptions: Int
            let imports: Int
            if kind == .sqlite {
                let queue = try DatabaseQueue(path: db)
                (check, count, subscriptions, imports) = try queue.read { db in
                    (
                        try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                        try Int.fetchOne(db, sql: counts[0]) ?? -1, try Int.fetchOne(db, sql: counts[1]) ?? -1,
                        try Int.fetchOne(db, sql: counts[2]) ?? -1
                    )
                }
                try queue.close()
            } else {
                // The server rolled the killed client's transaction back; what it kept is sound.
                let store = try run(db, ["store", "check", "--format", "json"])
                check =
                    store.status == 0 && store.stdout.contains("\"problems\": []") ? "ok" : store.stdout + store.stderr
                let n = try counts.map { Int(try TestPostgres.psql(db, $0)) ?? -1 }
                (count, subscriptions, imports) = (n[0], n[1], n[2])
            }
            #expect(check == "ok")
            #expect(count == 0 || count == 3000, "half an import: \(count) customers")
            #expect(subscriptions == count)
            #expect(imports == (count == 0 ? 0 : 1), "the audit event commits with the change")
            outcomes.append(count)
        }
        let report =
            "kill -9 during a 3000-customer import on \(kind) (\(Int(duration * 1000)) ms, seed \(numbers.seed)): after \(delays) ms, customers \(outcomes)"
        print(report)
        // Kills fell on both sides of the commit: some runs kept nothing, some everything.
        #expect(outcomes.contains(0) && outcomes.contains(3000), "\(report)")
    }

    /// Cancelling and removing cannot be undone: a terminal asks, only `yes` goes on, and without
    /// a terminal the command needs `--yes`.
    @Test func irreversibleCommandsAskOrNeedYes() throws {
        let db = try RepositoryPaths.temporaryDirectory().appendingPathComponent("c.sqlite").path
        let admin = ["--operator", "ayse", "--role", "global-admin", "--db", db]
        let piped = try run(db, ["customers", "cancel-reservation", "wingtip-ri-d2s"] + admin)
        #expect(piped.status == 64)
        #expect(piped.stderr.contains("add --yes"))
        // One error, said once: no usage text after it (the command line itself was fine).
        #expect(piped.stderr.components(separatedBy: "error:").count == 2, "\(piped.stderr)")
        #expect(!piped.stderr.contains("USAGE"))
        guard TmuxSession.isAvailable else {
            print("SKIPPED CustomersCommandTests.irreversibleCommandsAskOrNeedYes (terminal part): no tmux")
            return
        }
        let tmux = try TmuxSession(width: 120, height: 20)
        let command =
            "\(CommandRunner.executable.path) customers cancel-reservation wingtip-ri-d2s "
            + admin.joined(separator: " ")
        try tmux.type(command)
        try tmux.waitFor("Type yes to go on:")
        try tmux.type("y")
        try tmux.waitFor("Nothing was changed.")
        try tmux.type(command)
        try tmux.type("yes")
        try tmux.waitFor("Cancelled Reserved VM Instance")
        let audit = try run(db, ["audit", "--format", "json"])
        #expect(audit.stdout.components(separatedBy: "cancel-reservation").count == 2, "\(audit.stdout)")
    }
}
