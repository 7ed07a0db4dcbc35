import Foundation
import GRDB
import Testing
import WaymarkTestSupport

/// Bounded work, signals, the working folder and the store's edges (`HardeningTests`, continued).
extension HardeningTests {
    // MARK: - 5. Bounded work

    @Test func aHugeLineInTheWalkIsIgnoredQuickly() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        let huge = String(repeating: "x", count: 1 << 20)
        let r = try CommandRunner.run(
            ["walk", Self.article, "--customer", "wingtip", "--db", db], input: huge + "\nquit\n", timeout: 60)
        #expect(!r.signaled)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("longer than 4,096 bytes"))
        #expect(r.stdout.count < 200_000)
    }

    @Test(arguments: ["inf", "nan", "1e308", "-1", "soon"])
    func aBusyTimeoutThatIsNotASensibleNumberIsAUsageError(_ value: String) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CommandRunner.run(
            ["customers", "list", "--db", dir.appendingPathComponent("s.sqlite").path],
            environment: ["WAYMARK_BUSY_TIMEOUT": value])
        #expect(!r.signaled)
        #expect(r.status == 64)
        #expect(r.stderr.contains("WAYMARK_BUSY_TIMEOUT must be a number of seconds from 0 to 3600"))
    }

    // MARK: - 6. The terminal is always restored

    @Test(arguments: [("TERM", 15), ("HUP", 1), ("QUIT", 3)])
    func aSignalDuringAnInteractiveWalkSavesAndRestoresTheTerminal(_ signal: String, _ number: Int) throws {
        guard TmuxSession.isAvailable else {
            print("SKIPPED HardeningTests.aSignalDuringAnInteractiveWalk: tmux is not installed")
            return
        }
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        let pid = dir.appendingPathComponent("pid").path
        let tmux = try TmuxSession(width: 100, height: 45)
        try tmux.type(
            "sh -c 'echo $$ > \(pid); exec \(CommandRunner.executable.path) walk \(Self.article) --customer wingtip --db \(db)'; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | tr '\\n' ' '; echo; echo CHECKED$((1+1))"
        )
        _ = try tmux.waitFor("Step 1 of 15")
        try tmux.press("Enter")
        _ = try tmux.waitFor("Press y to cancel it")
        try tmux.press("y")
        _ = try tmux.waitFor("Step 2 of 15")
        let process = try String(contentsOfFile: pid, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(kill(pid_t(process) ?? 0, Int32(number)) == 0)
        // The command line shows `CHECKED$((1+1))`; the shell prints CHECKED2 once stty has answered.
        let screen = try tmux.waitFor("CHECKED2")
        #expect(screen.contains("EXIT=\(128 + number)"), "\(screen)")
        // Canonical mode and echo are back, and progress was saved at step 2.
        #expect(screen.contains("icanon echo"), "\(screen)")
        #expect(screen.contains("Progress saved at step 2 of 15"), "\(screen)")
        let sessions = try CommandRunner.run(["sessions", "list", "--db", db])
        #expect(sessions.stdout.contains("step 2 of 15"))
    }

    // MARK: - 7. Resources come from the installation

    @Test func aHostileWorkingFolderIsNeverLoaded() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(
            dir, "Localizations/en-US.xlf",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US">
            <file id="f"><unit id="cli.help.abstract"><segment><source>HOSTILE CATALOG</source></segment></unit></file>
            </xliff>
            """)
        try write(dir, "Resources/Demo/demo.json", "{\"partners\": [], \"customers\": []}")
        try write(dir, "share/waymark/Localizations/en-US.xlf", "HOSTILE")
        let bin = CommandRunner.executable.deletingLastPathComponent().path
        let db = dir.appendingPathComponent("store.sqlite").path
        // Started by name through PATH, as a user types it, from inside the hostile folder.
        let r = try CommandRunner.run(
            [db], environment: ["PATH": bin + ":/usr/bin:/bin"], directory: dir,
            launcher: ["/bin/sh", "-c", "waymark --help && waymark customers list --db \"$2\"", "sh"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("HOSTILE"))
        #expect(r.stdout.contains("Turn localized how-to articles into guided, validated procedures."))
        #expect(r.stdout.contains("Wingtip Toys"), "the shipped demo data, not the folder's")
    }

    // MARK: - 8. Confirmations cannot be given by accident

    @Test(arguments: ["y\n", "\n", "next\n", "Y\n"])
    func onlyTheWordYesConfirmsTheRemoval(_ answer: String) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        // Northwind has nothing active: the walk reaches the irreversible step.
        let r = try CommandRunner.run(
            ["walk", Self.article, "--customer", "northwind", "--db", db],
            input: String(repeating: "next\n", count: 20) + String(repeating: answer, count: 50))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Type yes to remove the relationship"), "\(r.stdout.suffix(800))")
        let show = try CommandRunner.run(["customers", "show", "northwind", "--format", "json", "--db", db]).stdout
        #expect(show.contains("\"relationship\": \"active\""), "\(answer.debugDescription) removed the relationship")
        // The word itself does confirm.
        let yes = try CommandRunner.run(
            ["walk", Self.article, "--customer", "northwind", "--db", db], input: "yes\n")
        #expect(yes.status == 0, "\(yes.stderr)")
        let after = try CommandRunner.run(["customers", "show", "northwind", "--format", "json", "--db", db]).stdout
        #expect(after.contains("\"relationship\": \"removed\""))
    }

    // MARK: - 9. Odd stores and environments

    @Test func customersListPagesThroughTheStore() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        let all = try CommandRunner.run(["customers", "list", "--db", db]).stdout.split(separator: "\n")
        #expect(all.count == 3)
        let page = try CommandRunner.run(["customers", "list", "--limit", "1", "--offset", "1", "--db", db])
        #expect(page.stdout.split(separator: "\n") == [all[1]])
        let json = try CommandRunner.run(["customers", "list", "--format", "json", "--limit", "2", "--db", db])
        let accounts = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(accounts?.map { $0["id"] as? String } == ["adatum", "northwind"])
        #expect((accounts?.last?["subscriptions"] as? [Any])?.count == 2)
        let negative = try CommandRunner.run(["customers", "list", "--offset", "-1", "--db", db])
        #expect(negative.status == 64)
    }

    @Test func aReadOnlyStoreOpensForReadingWithoutCreatingFiles() throws {
        guard getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            print("SKIPPED HardeningTests.aReadOnlyStore: running as root without setpriv")
            return
        }
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        let db = store.appendingPathComponent("store.sqlite").path
        _ = try CommandRunner.run(["customers", "list", "--db", db])
        chmod(db, 0o444)
        chmod(store.path, 0o555)
        chmod(dir.path, 0o755)
        defer { chmod(store.path, 0o755) }
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: store.path).sorted()
        let bytesBefore = FileManager.default.contents(atPath: db)
        let launcher =
            getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : []
        for arguments in [["customers", "list"], ["customers", "show", "wingtip"], ["audit"], ["sessions", "list"]] {
            let r = try CommandRunner.run(arguments + ["--db", db], directory: dir, launcher: launcher)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
        }
        let list = try CommandRunner.run(["customers", "list", "--db", db], directory: dir, launcher: launcher)
        #expect(list.stdout.contains("Wingtip Toys"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.path).sorted() == filesBefore)
        #expect(FileManager.default.contents(atPath: db) == bytesBefore)
        // A write is refused clearly.
        let write = try CommandRunner.run(
            [
                "customers", "suspend-subscription", "wingtip-azure-plan", "--operator", "ayse", "--role",
                "global-admin", "--db", db,
            ], directory: dir, launcher: launcher)
        #expect(write.status == 1)
        #expect(write.stderr.contains("waymark: error:"))
    }

    @Test func aStoreDeletedMidWalkIsReportedAtTheNextWrite() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        _ = try CommandRunner.run(["customers", "list", "--db", db])
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["walk", Self.article, "--customer", "wingtip", "--db", db]
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "en_US.UTF-8"
        env["LC_ALL"] = nil
        process.environment = env
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var seen = ""
        func read(until text: String) {
            while !seen.contains(text) {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { return }
                seen += String(decoding: data, as: UTF8.self)
            }
        }
        // Stop 1 cancels a reservation: `next` asks, `yes` confirms.
        input.fileHandleForWriting.write(Data("next\nyes\n".utf8))
        read(until: "Step 2 of 15")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        input.fileHandleForWriting.write(Data("next\nquit\n".utf8))
        try input.fileHandleForWriting.close()
        read(until: "\u{4}")
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(seen)")
        #expect(seen.contains("was deleted or replaced while Waymark was using it"), "\(seen)")
        #expect(!seen.contains("Progress saved"))
    }

    @Test func aRelativeDataHomeIsIgnoredAndAnEmptyDatabasePathIsAUsageError() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let home = dir.appendingPathComponent("home").path
        let r = try CommandRunner.run(
            ["customers", "list"], environment: ["XDG_DATA_HOME": "relative/data", "HOME": home], directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("relative").path))
        #expect(FileManager.default.fileExists(atPath: home + "/.local/share/waymark/waymark.sqlite"))
        let empty = try CommandRunner.run(["customers", "list", "--db", ""], directory: dir)
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("--db needs the path of a store file"))
    }
}
