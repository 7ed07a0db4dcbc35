import Foundation
import Testing
import WaymarkTestSupport

/// `waymark operators` and `waymark serve` from the command line.
@Suite struct ServeCommandTests {
    static func db() throws -> String {
        try RepositoryPaths.temporaryDirectory().appendingPathComponent("ops.sqlite").path
    }

    @Test func operatorsAreAddedListedAndRemovedAndThePasswordIsNeverShown() throws {
        let db = try Self.db()
        let env = ["WAYMARK_BCRYPT_COST": "4"]
        let added = try CommandRunner.run(
            ["operators", "add", "ada", "--role", "admin-agent", "--password-stdin", "--db", db], environment: env,
            input: "s3cret-words\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("ada"))
        #expect(!(added.stdout + added.stderr).contains("s3cret"))
        let again = try CommandRunner.run(
            ["operators", "add", "ada", "--role", "global-admin", "--password-stdin", "--db", db], environment: env,
            input: "other-words\n")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already an operator named ada"))
        let list = try CommandRunner.run(["operators", "list", "--db", db])
        #expect(list.stdout.contains("ada  Admin agent"))
        let json = try CommandRunner.run(["operators", "list", "--format", "json", "--db", db])
        #expect(json.stdout.contains("\"role\": \"admin-agent\""))
        #expect(json.stdout.contains("\"canSignIn\": true"))
        #expect(!json.stdout.contains("$2"))
        // The store keeps a bcrypt hash, not the password.
        let stored = try CommandRunner.run(["store", "check", "--db", db])
        #expect(stored.status == 0, "\(stored.stdout)\(stored.stderr)")
        let raw = try String(contentsOfFile: db, encoding: .isoLatin1)
        #expect(!raw.contains("s3cret-words"))
        let removed = try CommandRunner.run(["operators", "remove", "ada", "--db", db])
        #expect(removed.status == 0)
        #expect(
            try CommandRunner.run(["operators", "remove", "ada", "--db", db]).stderr.contains("no operator named ada"))
        #expect(try CommandRunner.run(["operators", "list", "--db", db]).stdout.contains("No operators yet"))
        // Who added and removed them is in the audit trail.
        let audit = try CommandRunner.run(["audit", "--format", "json", "--db", db])
        #expect(audit.stdout.contains("operator-add"))
        #expect(audit.stdout.contains("operator-remove"))
    }

    @Test func aPasswordComesOnlyFromStandardInputAndMustBeFitForBcrypt() throws {
        let db = try Self.db()
        let noFlag = try CommandRunner.run(["operators", "add", "ada", "--role", "global-admin", "--db", db])
        #expect(noFlag.status == 64)
        #expect(noFlag.stderr.contains("--password-stdin"))
        for (input, why) in [("short\n", "too short"), (String(repeating: "x", count: 73) + "\n", "over 72 bytes")] {
            let refused = try CommandRunner.run(
                ["operators", "add", "ada", "--role", "global-admin", "--password-stdin", "--db", db], input: input)
            #expect(refused.status == 64, "\(why)")
            #expect(refused.stderr.contains("at least 8 characters and at most 72 bytes"), "\(why)")
        }
        let badName = try CommandRunner.run(
            ["operators", "add", "a\u{1B}[2Jb", "--role", "global-admin", "--password-stdin", "--db", db],
            input: "long enough\n")
        #expect(badName.status == 1)
        let badRole = try CommandRunner.run(
            ["operators", "add", "ada", "--role", "root", "--password-stdin", "--db", db], input: "long enough\n")
        #expect(badRole.status == 64)
    }

    @Test func serveRefusesABadPortAndAnAddressItCannotTake() throws {
        let db = try Self.db()
        let port = try CommandRunner.run(["serve", "--port", "70000", "--db", db])
        #expect(port.status == 64)
        #expect(port.stderr.contains("70000"))
        let address = try CommandRunner.run(["serve", "--host", "192.0.2.1", "--port", "0", "--db", db], timeout: 60)
        #expect(address.status == 1)
        #expect(address.stderr.contains("cannot serve on 192.0.2.1"))
    }

    @Test func aRequestInFlightIsAnsweredWhenTheServerIsToldToStop() throws {
        let db = try Self.db()
        // A password hash that takes a while to check: the sign-in is still running when SIGTERM comes.
        let added = try CommandRunner.run(
            ["operators", "add", "ada", "--role", "global-admin", "--password-stdin", "--db", db],
            environment: ["WAYMARK_BCRYPT_COST": "13"], input: "correct horse\n")
        #expect(added.status == 0)
        let server = try BackgroundProcess(CommandRunner.executable, ["serve", "--port", "0", "--db", db])
        let base = try server.wait(for: "http://127\\.0\\.0\\.1:[0-9]+/")
        let client = HTTPTestClient(base: base)
        nonisolated(unsafe) var status = 0
        let answered = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            status =
                (try? client.send("POST", "/api/v1/session", json: ["operator": "ada", "password": "correct horse"]))?
                .status ?? -1
            answered.signal()
        }
        _ = try server.wait(for: "POST /api/v1/session|Server started", timeout: 5)
        Thread.sleep(forTimeInterval: 0.2)
        kill(server.process.processIdentifier, SIGTERM)
        answered.wait()
        #expect(status == 200)
        #expect(server.stop() == 0)
        #expect(server.printed.contains("POST /api/v1/session 200"))
        #expect(server.printed.contains("Waymark stopped"))
    }
}
