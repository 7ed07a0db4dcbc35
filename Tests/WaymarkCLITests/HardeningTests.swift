import Foundation
import GRDB
import Testing
import WaymarkTestSupport

/// What a careless user or an attacker can do through the built `waymark`: each class of attack
/// is run as a person would run it, and the exact bytes printed, the files and the store are
/// checked afterwards.
@Suite struct HardeningTests {
    static let article = "partner-center/remove-a-relationship.md"

    /// Text that would drive a terminal: OSC 52 (set the clipboard), OSC 0 (the window title), a
    /// CSI colour, C1's one-byte CSI, DEL, a bell, and a right-to-left override.
    static let hostile = "A\u{1B}]52;c;cm0gLXJmIH4=\u{07}B\u{1B}]0;pwned\u{07}C\u{1B}[31mD\u{9B}2JE\u{7F}F\u{202E}G"

    /// The bytes a terminal acts on that may not come from the data: ESC, BEL, DEL, C1 controls
    /// (C2 80–9F) and the direction overrides and isolates (E2 80 AA–AE, E2 81 A6–A9).
    static func controls(in bytes: [UInt8], allowingStyles: Bool = false) -> [String] {
        var found: [String] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B {
                // Waymark's own styling: ESC [ digits ; m only.
                var j = i + 1
                if allowingStyles, j < bytes.count, bytes[j] == UInt8(ascii: "[") {
                    j += 1
                    while j < bytes.count, bytes[j] == UInt8(ascii: ";") || (0x30...0x39).contains(bytes[j]) { j += 1 }
                    if j < bytes.count, bytes[j] == UInt8(ascii: "m") {
                        i = j + 1
                        continue
                    }
                }
                found.append("ESC at \(i)")
            } else if b < 0x20, b != 0x0A, b != 0x09, b != 0x0D {
                found.append(String(format: "0x%02X at %d", b, i))
            } else if b == 0x7F {
                found.append("DEL at \(i)")
            } else if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                found.append("C1 at \(i)")
            } else if b == 0xE2, i + 2 < bytes.count,
                (bytes[i + 1] == 0x80 && (0xAA...0xAE).contains(bytes[i + 2]))
                    || (bytes[i + 1] == 0x81 && (0xA6...0xA9).contains(bytes[i + 2]))
            {
                found.append("bidi at \(i)")
            }
            i += 1
        }
        return found
    }

    static func expectNoControls(_ r: CommandRunner.Result, _ what: String) {
        #expect(
            controls(in: r.stdoutBytes).isEmpty,
            "\(what) stdout: \(controls(in: r.stdoutBytes)) \(r.stdout.prefix(400))")
        #expect(
            controls(in: r.stderrBytes).isEmpty,
            "\(what) stderr: \(controls(in: r.stderrBytes)) \(r.stderr.prefix(400))")
    }

    func folder() throws -> URL { try RepositoryPaths.temporaryDirectory() }

    func write(_ dir: URL, _ path: String, _ text: String) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A customer collection in the Partner Center import format.
    func importFile(_ dir: URL, _ name: String, _ json: String) throws -> String {
        try write(dir, name, json)
        return dir.appendingPathComponent(name).path
    }

    // MARK: - 1. Untrusted text never drives the terminal

    @Test func articleTextAndFileNamesAreShownWithTheirControlsVisible() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = Self.hostile
        let body = """
            ---
            title: Title \(h)
            ms.date: 01/02/2024
            description: \(h)
            ---
            # Heading \(h)

            ## Remove it \(h)

            1. Select **Label \(h)** then go to [link \(h)](https://example.com/\u{1B}]0;x\u{07}).
               > [!NOTE]
               > Note \(h)
            2. Then <script>alert(1)</script> and &lt;img src=x onerror=alert(2)&gt; and [run](javascript:alert(3)) and [data](DATA:text/html,x)
            """
        let name = "en-us/evil\n::warning file=x::pwned\u{1B}]0;t\u{07}.md"
        try write(dir, name, body)
        let path = dir.appendingPathComponent(name).path
        let inspect = try CommandRunner.run(["inspect", path])
        Self.expectNoControls(inspect, "inspect")
        #expect(inspect.stdout.contains("^[]52;c;"), "\(inspect.stdout)")
        #expect(inspect.stdout.contains("<U+202E>"))
        for format in ["text", "markdown"] {
            let render = try CommandRunner.run(["render", path, "--format", format])
            Self.expectNoControls(render, "render \(format)")
            #expect(render.stdout.contains("0;pwned^G"), "\(format): \(render.stdout)")
        }
        let markdown = try CommandRunner.run(["render", path, "--format", "markdown"]).stdout
        // No tag is live: every `<` from the article is backslash-escaped.
        let live = markdown.replacingOccurrences(of: "\\<", with: "")
        #expect(!live.contains("<script"))
        #expect(!live.contains("<img"))
        #expect(!markdown.lowercased().contains("javascript:"))
        #expect(!markdown.lowercased().contains("](<data:"))
        #expect(markdown.contains("\\<img src=x onerror=alert(2)\\>"), "\(markdown)")
        #expect(markdown.contains("and run and data"), "\(markdown)")
        let validate = try CommandRunner.run(["validate", dir.path, "--format", "text"])
        Self.expectNoControls(validate, "validate")
        for line in validate.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(!line.hasPrefix("::"), "a file name started a line: \(line)")
        }
        #expect(validate.stdout.contains("evil^J::warning"))
        let missing = try CommandRunner.run(["inspect", dir.path + "/\u{1B}]0;title\u{07}\nnext.md"])
        #expect(missing.status == 1)
        Self.expectNoControls(missing, "error")
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
    }

    @Test func namesFromTheStoreAreShownWithTheirControlsVisible() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        // An import refuses controls in names (below), but a store may hold them from elsewhere
        // (an older Waymark, another tool): they are shown visibly all the same.
        _ = try CommandRunner.run(["customers", "list", "--db", db])
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(
                sql: "UPDATE customer SET companyName = ? WHERE id = 'northwind'",
                arguments: ["Evil \u{202E}gnp.exe Corp \(Self.hostile)\nnext line"])
            try db.execute(
                sql: "UPDATE subscription SET offerName = ? WHERE id = 'northwind-m365-bp'",
                arguments: ["Plan\n2026-01-01T00:00:00.000Z  admin (Global admin)  remove-relationship  done \u{1B}[2J"]
            )
        }
        try queue.close()
        let cancelled = try CommandRunner.run([
            "customers", "cancel-subscription", "northwind-m365-bp", "--yes", "--operator", "ayse", "--role",
            "global-admin",
            "--db", db,
        ])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        Self.expectNoControls(cancelled, "cancel")
        // One event: its line and its one item's line. The forged second line stays inside the
        // item's line, which starts indented with a bullet and so cannot pass for an event.
        let audit = try CommandRunner.run(["audit", "--customer", "northwind", "--db", db])
        let lines = audit.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(audit.stdout)")
        #expect(lines[1].hasPrefix("    • Plan^J2026-01-01T00:00:00.000Z  admin (Global admin)"), "\(audit.stdout)")
        for arguments in [
            ["customers", "list"], ["customers", "show", "northwind"], ["audit"], ["audit", "--customer", "northwind"],
        ] {
            let r = try CommandRunner.run(arguments + ["--db", db])
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            Self.expectNoControls(r, arguments.joined(separator: " "))
        }
        // The walk's screen (line mode) and the sessions list show the same name.
        let walk = try CommandRunner.run(
            ["walk", Self.article, "--customer", "northwind", "--db", db], input: "next\nquit\n")
        #expect(walk.status == 0, "\(walk.stderr)")
        Self.expectNoControls(walk, "walk")
        #expect(walk.stdout.contains("Evil <U+202E>gnp.exe Corp"), "\(walk.stdout.prefix(300))")
        #expect(walk.stdout.contains("^[]52;c;"), "\(walk.stdout.prefix(300))")
        let sessions = try CommandRunner.run(["sessions", "list", "--db", db])
        Self.expectNoControls(sessions, "sessions")
        let list = try CommandRunner.run(["customers", "list", "--db", db]).stdout
        #expect(list.contains("Evil <U+202E>gnp.exe Corp A^[]52;c;"))
        #expect(list.contains("^Jnext line"))
        // JSON keeps the data, escaped: the same name comes back when parsed.
        let json = try CommandRunner.run(["customers", "show", "northwind", "--format", "json", "--db", db])
        Self.expectNoControls(json, "json")
        #expect(json.stdout.contains("\\u202e"))
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["companyName"] as? String == "Evil \u{202E}gnp.exe Corp \(Self.hostile)\nnext line")
    }

    // MARK: - 2. Records cannot be forged or silently overwritten

    /// A value in the store that this Waymark has no word for (another tool's, a damaged file's)
    /// is reported as damage, with the row, never taken for something else and never a crash.
    @Test func valuesTheStoreDoesNotKnowAreReportedAsDamage() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        let walk = try CommandRunner.run(
            ["walk", Self.article, "--customer", "northwind", "--db", db], input: "quit\n")
        #expect(walk.status == 0, "\(walk.stderr)")
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "UPDATE subscription SET status = 'gone' WHERE id = 'northwind-m365-bp'")
            try db.execute(sql: "UPDATE walkSession SET state = 'paused'")
        }
        try queue.close()
        for (arguments, row) in [
            (["customers", "show", "northwind"], "subscription northwind-m365-bp"),
            (["walk", Self.article, "--customer", "northwind"], "subscription northwind-m365-bp"),
            (["sessions", "list"], "walk session"),
        ] {
            let result = try CommandRunner.run(arguments + ["--db", db], input: "quit\n")
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("is damaged (\(row)"), "\(arguments): \(result.stderr)")
        }
    }

    @Test(arguments: ["", " ayse", "ay\u{1B}[2Jse", "ay\nse", "a\u{202E}yse", String(repeating: "a", count: 300)])
    func anOperatorNameMustBeFitToStore(_ name: String) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        _ = try CommandRunner.run(["customers", "list", "--db", db])
        let before = try CommandRunner.run(["audit", "--format", "json", "--db", db]).stdout
        let r = try CommandRunner.run([
            "customers", "suspend-subscription", "wingtip-azure-plan", "--operator", name, "--role", "global-admin",
            "--db", db,
        ])
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stderr.contains("operator name"), "\(r.stderr)")
        Self.expectNoControls(r, "refusal")
        let walk = try CommandRunner.run(
            ["walk", Self.article, "--customer", "northwind", "--operator", name, "--db", db], input: "next\n")
        #expect(walk.status == 1)
        #expect(try CommandRunner.run(["audit", "--format", "json", "--db", db]).stdout == before)
    }

    @Test func anImportNeverUndoesHistoryAndIsAllOrNothing() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        func state() throws -> String {
            try CommandRunner.run(["customers", "list", "--format", "json", "--db", db]).stdout
        }
        _ = try CommandRunner.run(["customers", "list", "--db", db])
        // Northwind is ready: remove its relationship.
        let removed = try CommandRunner.run([
            "customers", "remove-relationship", "northwind", "--yes", "--operator", "ayse", "--role", "global-admin",
            "--db", db,
        ])
        #expect(removed.status == 0, "\(removed.stderr)")
        let before = try state()
        let cases: [(String, String, [String])] = [
            (
                "reactivate",
                #"[{"id": "new1", "companyProfile": {"companyName": "New One"}}, {"id": "northwind", "companyProfile": {"companyName": "Northwind Traders"}, "subscriptions": [{"id": "nw-new", "offerName": "Plan", "quantity": 1}]}]"#,
                ["northwind", "removed", "nothing was imported"]
            ),
            (
                "steal",
                #"[{"id": "new2", "companyProfile": {"companyName": "Thief"}, "subscriptions": [{"id": "wingtip-azure-plan", "offerName": "Mine now"}]}]"#,
                ["wingtip-azure-plan", "Azure plan", "wingtip", "Wingtip Toys", "new2"]
            ),
            (
                "move", #"[{"id": "adatum", "companyProfile": {"companyName": "Adatum Corporation"}}]"#,
                ["adatum", "litware-reseller", "fabrikam-partners"]
            ),
            (
                "duplicate",
                #"{"items": [{"id": "d1", "companyProfile": {"companyName": "One"}}, {"id": "d2", "companyProfile": {"companyName": "Two"}}, {"id": "d1", "companyProfile": {"companyName": "Three"}}]}"#,
                ["$.items[2].id", "$.items[0].id", "d1"]
            ),
            (
                "string-quantity",
                #"[{"id": "q1", "companyProfile": {"companyName": "Q"}, "subscriptions": [{"id": "q1-s", "offerName": "P", "quantity": "25"}]}]"#,
                ["$[0].subscriptions[0].quantity", "a whole number", "a string"]
            ),
            (
                "huge-quantity",
                #"[{"id": "q2", "companyProfile": {"companyName": "Q"}, "subscriptions": [{"id": "q2-s", "offerName": "P", "quantity": 1e300}]}]"#,
                ["huge-quantity.json:1:118: $[0].subscriptions[0].quantity", "1e300 is not a whole number from 1 to"]
            ),
            (
                "negative-quantity",
                #"[{"id": "q3", "companyProfile": {"companyName": "Q"}, "subscriptions": [{"id": "q3-s", "offerName": "P", "quantity": -5}]}]"#,
                ["$[0].subscriptions[0].quantity", "-5"]
            ),
            (
                "nul-id", #"[{"id": "wingtip\u0000evil", "companyProfile": {"companyName": "W"}}]"#,
                ["$[0].id", "control character"]
            ),
            (
                "number-id", #"[{"id": 42, "companyProfile": {"companyName": "W"}}]"#,
                ["$[0].id", "a string", "a whole number"]
            ),
        ]
        for (name, json, expected) in cases {
            let file = try importFile(dir, name + ".json", json)
            let r = try CommandRunner.run(["customers", "import", file, "--db", db])
            #expect(r.status == 1, "\(name): \(r.stdout)")
            for text in expected { #expect(r.stderr.contains(text), "\(name): \"\(text)\" not in \(r.stderr)") }
            #expect(try state() == before, "\(name) changed the store")
        }
        // A good import is audited with what it changed.
        let good = try importFile(
            dir, "good.json",
            #"[{"id": "wingtip", "companyProfile": {"companyName": "Wingtip Toys Ltd", "domain": "wingtiptoys.onmicrosoft.com"}}, {"id": "fresh", "companyProfile": {"companyName": "Fresh"}, "subscriptions": [{"id": "fresh-1", "offerName": "Plan", "quantity": 3}]}]"#
        )
        let ok = try CommandRunner.run(["customers", "import", good, "--db", db])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("customers: 1 added, 1 updated; subscriptions: 1 added, 0 updated"), "\(ok.stdout)")
        let audit = try CommandRunner.run(["audit", "--format", "json", "--db", db]).stdout
        #expect(audit.contains("customer updated: wingtip"))
        #expect(audit.contains("customer added: fresh"))
        #expect(audit.contains("subscription added: fresh-1 (Fresh)"))
        // The existing customer kept its relationship and its flags.
        let wingtip = try CommandRunner.run(["customers", "show", "wingtip", "--format", "json", "--db", db]).stdout
        #expect(wingtip.contains("\"companyName\": \"Wingtip Toys Ltd\""))
        #expect(wingtip.contains("\"relationship\": \"active\""))
    }

    @Test func anIdThatDiffersOnlyAfterANulIsRefusedNotCutThere() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("store.sqlite").path
        _ = try CommandRunner.run(["customers", "list", "--db", db])
        // argv cannot hold a NUL, but an id with one arrives from an import; the store's lookups refuse it too.
        let file = try importFile(
            dir, "nul.json",
            #"[{"id": "fresh", "companyProfile": {"companyName": "F"}, "subscriptions": [{"id": "wingtip-azure-plan\u0000x", "offerName": "P"}]}]"#
        )
        let r = try CommandRunner.run(["customers", "import", file, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("$[0].subscriptions[0].id"), "\(r.stderr)")
    }

    // MARK: - 4. Validation never destroys its inputs

    @Test func validationRefusesToWriteOverWhatItReads() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let article = "---\ntitle: T\nms.date: 01/02/2024\n---\n# T\n\n1. Step one.\n"
        try write(dir, "docs/en-us/a.md", article)
        try write(dir, "docs/.waymark.yml", "sourceLocale: en-US\nlocales:\n  en-US: { root: en-us }\n")
        try write(dir, "baseline.json", "{\"version\": 1, \"findings\": []}\n")
        let docs = dir.appendingPathComponent("docs").path
        let guarded = ["docs/en-us/a.md", "docs/.waymark.yml", "baseline.json"].map {
            dir.appendingPathComponent($0).path
        }
        let before = guarded.map { FileManager.default.contents(atPath: $0) }
        let runs: [[String]] = [
            ["validate", docs, "--output", docs + "/en-us/a.md"],
            ["validate", docs, "--write-baseline", docs + "/en-us/../en-us/a.md"],
            ["validate", docs, "--output", docs + "/.waymark.yml"],
            [
                "validate", docs, "--baseline", dir.path + "/baseline.json", "--write-baseline",
                dir.path + "/baseline.json",
            ],
            ["validate", docs + "/en-us/a.md", "--output", docs + "/en-us/a.md"],
            ["validate", docs, "--output", dir.path + "/r.json", "--write-baseline", dir.path + "/./r.json"],
        ]
        for arguments in runs {
            let r = try CommandRunner.run(arguments)
            #expect(r.status == 64, "\(arguments): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("waymark: error:"), "\(arguments): \(r.stderr)")
        }
        #expect(guarded.map { FileManager.default.contents(atPath: $0) } == before)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/r.json"))
        for root in ["/etc/passwd", "/dev/zero"] {
            let r = try CommandRunner.run(["validate", root])
            #expect(r.status == 64, "\(root): \(r.stdout)")
            #expect(r.stderr.contains("is not a documentation tree"))
        }
    }

    @Test(arguments: [
        ("sourceLocale: english\n", "\"english\" is not a locale"),
        ("locales: {}\n", "\"locales\" lists no locale"),
        (
            "sourceLocale: en-US\nlocales:\n  tr-TR: { root: tr-tr }\n",
            "the source locale en-US is not among the locales"
        ),
        ("locales:\n  en-US: { root: ../elsewhere }\n", "\"../elsewhere\" is not a folder inside the tree"),
        ("locales:\n  en-US: /etc\n", "\"/etc\" is not a folder inside the tree"),
    ])
    func aConfigurationThatCannotDescribeTheTreeIsAnError(_ yaml: String, _ message: String) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(dir, "en-us/a.md", "---\ntitle: T\nms.date: 01/02/2024\n---\n# T\n")
        try write(dir, ".waymark.yml", yaml)
        let r = try CommandRunner.run(["validate", dir.path])
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stderr.contains(".waymark.yml:"), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}
