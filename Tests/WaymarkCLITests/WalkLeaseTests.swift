import Foundation
import Testing
import WaymarkTestSupport

/// One walk per customer, enforced while it runs, with real `waymark walk` processes racing on one
/// store: a second walk is refused naming the holder, `--take-over` and `sessions abandon` stop the
/// running walk before its next write, and every audit event names a session that exists.
@Suite struct WalkLeaseTests {
    static let article = "partner-center/remove-a-relationship.md"

    /// A `waymark walk` in line mode whose input the test writes line by line.
    final class Walker: @unchecked Sendable {
        let process = Process()
        private let input = Pipe()
        private let output = Pipe()
        private let lock = NSLock()
        private let arrived = DispatchSemaphore(value: 0)
        private var text = ""
        private var ended = false

        init(_ arguments: [String]) throws {
            process.executableURL = CommandRunner.executable
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            for key in ["LC_ALL", "LC_MESSAGES"] { env[key] = nil }
            env["LANG"] = "en_US.UTF-8"
            process.environment = env
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let handle = output.fileHandleForReading
            DispatchQueue.global().async { [self] in
                while true {
                    let data = handle.availableData
                    lock.lock()
                    if data.isEmpty { ended = true } else { text += String(decoding: data, as: UTF8.self) }
                    lock.unlock()
                    arrived.signal()
                    if data.isEmpty { return }
                }
            }
        }

        var printed: String {
            lock.lock()
            defer { lock.unlock() }
            return text
        }

        /// Waits (60 s at most) until the output holds `marker` or the process has closed it.
        @discardableResult
        func wait(for marker: String) -> Bool {
            let deadline = DispatchTime.now() + 60
            while true {
                lock.lock()
                let (found, done) = (text.contains(marker), ended)
                lock.unlock()
                if found { return true }
                if done || arrived.wait(timeout: deadline) == .timedOut { return false }
            }
        }

        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

        func finish() -> Int32 {
            try? input.fileHandleForWriting.close()
            wait(for: "\u{0}")
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// A store with the demo data on `kind`, and a folder to delete; nil when PostgreSQL is not
    /// available here.
    func store(_ kind: StoreKind, test: String = #function) throws -> (URL, String)? {
        let dir = try RepositoryPaths.temporaryDirectory()
        guard let db = try TestStores.location(kind, test: test) else { return nil }
        _ = try CommandRunner.run(["customers", "list", "--db", db])
        return (dir, db)
    }

    func walk(_ db: String, _ name: String, _ extra: [String] = []) throws -> Walker {
        try Walker(["walk", Self.article, "--customer", "wingtip", "--operator", name, "--db", db] + extra)
    }

    /// Every audit event that names a session names one the store has.
    func expectAuditNamesExistingSessions(_ db: String) throws {
        let audit = try CommandRunner.run(["audit", "--format", "json", "--db", db]).stdout
        let events = try JSONSerialization.jsonObject(with: Data(audit.utf8)) as? [[String: Any]] ?? []
        let sessions = try CommandRunner.run(["sessions", "list", "--db", db]).stdout
        for event in events {
            guard let session = event["session"] as? String else { continue }
            #expect(sessions.contains(session), "audit event \(event) names session \(session), which does not exist")
        }
    }

    @Test(arguments: StoreKind.allCases) func fourSimultaneousWalksOfOneCustomerStartOneSession(_ kind: StoreKind)
        throws
    {
        guard let (dir, db) = try store(kind) else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let walkers = try (1...4).map { try walk(db, "walker-\($0)") }
        var running: [Walker] = []
        var refused: [(Walker, Int32)] = []
        for w in walkers {
            w.wait(for: "Step 1 of 15")
            if w.printed.contains("Step 1 of 15") {
                running.append(w)
            } else {
                refused.append((w, w.finish()))
            }
        }
        #expect(running.count == 1, "\(walkers.map(\.printed))")
        #expect(refused.count == 3)
        let holder = running.first.map { w in walkers.firstIndex { $0 === w }! + 1 } ?? 0
        for (w, status) in refused {
            #expect(status == 1)
            #expect(w.printed.contains("wingtip is being walked by walker-\(holder)"), "\(w.printed)")
            #expect(w.printed.contains("--take-over"))
        }
        for w in running {
            // Stop 1 cancels a reservation: `next` asks, `yes` confirms.
            w.send("next")
            w.send("yes")
            #expect(w.wait(for: "Step 2 of 15"))
            w.send("quit")
            #expect(w.finish() == 0)
        }
        let sessions = try CommandRunner.run(["sessions", "list", "--db", db]).stdout
        #expect(sessions.split(separator: "\n").count == 1, "\(sessions)")
        try expectAuditNamesExistingSessions(db)
        // Once it quit, the next walk resumes the same session at once.
        let again = try CommandRunner.run(
            ["walk", Self.article, "--customer", "wingtip", "--operator", "walker-9", "--db", db], input: "quit\n")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Step 2 of 15"))
    }

    @Test(arguments: StoreKind.allCases) func aTakeOverStopsTheFirstWalkBeforeItsNextWrite(_ kind: StoreKind) throws {
        guard let (dir, db) = try store(kind) else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try walk(db, "ayse")
        #expect(first.wait(for: "Step 1 of 15"))
        first.send("next")
        first.send("yes")
        #expect(first.wait(for: "Step 2 of 15"))
        let second = try CommandRunner.run(
            ["walk", Self.article, "--customer", "wingtip", "--operator", "bela", "--take-over", "--db", db],
            input: "next\nyes\nquit\n")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("Took the session over from ayse"))
        #expect(second.stdout.contains("Step 3 of 15"))
        let before = try CommandRunner.run(["audit", "--format", "json", "--db", db]).stdout
        first.send("next")
        #expect(first.finish() == 1)
        #expect(first.printed.contains("was taken over by bela"), "\(first.printed)")
        // The first walk wrote nothing more: the audit is as the second walk left it.
        #expect(try CommandRunner.run(["audit", "--format", "json", "--db", db]).stdout == before)
        let audit = try CommandRunner.run(["audit", "--db", db]).stdout
        #expect(audit.contains("bela (Global admin)  Take over a session  wingtip"))
        try expectAuditNamesExistingSessions(db)
    }

    @Test(arguments: StoreKind.allCases) func anAbandonedSessionIsNotUndoneByTheRunningWalk(_ kind: StoreKind) throws {
        guard let (dir, db) = try store(kind) else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let walker = try walk(db, "ayse")
        #expect(walker.wait(for: "Step 1 of 15"))
        let list = try CommandRunner.run(["sessions", "list", "--db", db]).stdout
        let id = String(list.prefix { $0 != " " })
        let abandon = try CommandRunner.run(["sessions", "abandon", id, "--operator", "lead", "--db", db])
        #expect(abandon.status == 0, "\(abandon.stderr)")
        walker.send("next")
        #expect(walker.finish() == 1)
        #expect(walker.printed.contains("was ended elsewhere (abandoned)"), "\(walker.printed)")
        let after = try CommandRunner.run(["sessions", "show", id, "--db", db]).stdout
        #expect(after.contains("abandoned"), "\(after)")
        try expectAuditNamesExistingSessions(db)
    }

    @Test(arguments: StoreKind.allCases) func aWalkKilledWithoutLettingGoIsResumedAtOnce(_ kind: StoreKind) throws {
        guard let (dir, db) = try store(kind) else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let walker = try walk(db, "ayse")
        #expect(walker.wait(for: "Step 1 of 15"))
        kill(walker.process.processIdentifier, SIGKILL)
        walker.process.waitUntilExit()
        // Its lease names a process that is gone: the next walk resumes without --take-over.
        let next = try CommandRunner.run(
            ["walk", Self.article, "--customer", "wingtip", "--operator", "bela", "--db", db], input: "quit\n")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("Step 1 of 15"))
    }
}
