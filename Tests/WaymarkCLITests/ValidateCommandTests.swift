import Foundation
import Synchronization
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// `waymark validate` end to end: the seed articles, exit codes, every report format, baseline,
/// inline disabling, configuration errors and the rule catalog commands.
@Suite struct ValidateCommandTests {
    static let today = ["--today", "2026-11-21"]

    /// A correct English article.
    static let article = """
        ---
        title: Remove a reseller relationship
        description: How a direct partner removes the reseller relationship with one of its customers.
        ms.date: 06/05/2020
        ms.topic: how-to
        author: someone
        ms.author: someone
        ms.service: partner-dashboard
        ---
        # Remove a relationship

        ## <a name="remove"></a>Remove the relationship

        1. Go to **Customers** and select the customer.
        2. Select **Remove reseller relationship**.

        """

    /// One correct English article in a temporary tree, plus `extra` files.
    func tree(_ extra: [String: String] = [:]) throws -> URL {
        let article = Self.article
        var files = ["en-us/x.md": article]
        for (k, v) in extra { files[k] = v.replacingOccurrences(of: "$ARTICLE", with: article) }
        return try RepositoryPaths.temporaryTree(files)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func versionIsTheOneReportsCarry() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0)
        // SARIF names the same version as its tool's.
        let sarif = try CommandRunner.run(["validate", "Resources/Articles", "--format", "sarif"] + Self.today)
        let version = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!version.isEmpty)
        #expect(sarif.stdout.contains("\"version\": \"\(version)\""))
    }

    @Test func seedTranslationsAreCheckedAgainstEachOther() throws {
        let result = try CommandRunner.run(["validate", "Resources/Articles", "--format", "json"] + Self.today)
        let findings = try #require(try json(result.stdout)["findings"] as? [[String: Any]])
        // hu-HU lacks the roles line that en-US and tr-TR have.
        let behind = findings.filter { $0["rule"] as? String == "translation-structure-behind" }
        #expect(behind.count == 1)
        #expect((behind.first?["path"] as? String)?.contains("hu-HU/") == true)
        #expect((behind.first?["arguments"] as? [String: String]) == ["others": "en-US, tr-TR", "part": "roles"])
        // Every dotless I in the Turkish seed is reported exactly where it stands.
        let tr = try String(
            contentsOf: RepositoryPaths.file("Resources/Articles/tr-TR/partner-center/remove-a-relationship.md"),
            encoding: .utf8)
        var expected: Set<String> = []
        for (n, line) in tr.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for word in ["Iş ", "Ilişkisini"] {
                var rest = line[...]
                while let r = rest.range(of: word) {
                    let column = line.utf8.distance(from: line.startIndex, to: r.lowerBound) + 1
                    expected.insert("\(n + 1):\(column):\(word.trimmingCharacters(in: .whitespaces))")
                    rest = line[r.upperBound...]
                }
            }
        }
        let reported = Set(
            findings.filter { $0["rule"] as? String == "turkish-dotless-capital-i" }.map {
                "\($0["line"] ?? ""):\($0["column"] ?? ""):\(($0["arguments"] as? [String: String])?["word"] ?? "")"
            })
        #expect(expected.count >= 7)
        #expect(reported == expected)
        // The links to articles Waymark does not ship are real errors, hence exit 1.
        #expect(result.status == 1)
    }

    @Test func textReportQuotesTheLineWithACaretAndNoColourWhenPiped() throws {
        let dir = try tree(["en-us/y.md": "$ARTICLE\nSee [the other article](missing.md).\n"])
        let result = try CommandRunner.run(["validate", dir.path] + Self.today)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "en-us/y.md:17:5: error: link target \"missing.md\" does not exist [link-missing-target]"))
        #expect(result.stdout.contains("  17 | See [the other article](missing.md).\n     |     ^~~~"))
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.stdout.hasSuffix("2 files checked: 1 error, no warnings, no notes\n"))
    }

    @Test func exitStatusFollowsErrorsAndWarningsAsErrors() throws {
        let clean = try CommandRunner.run(["validate", try tree().path] + Self.today)
        #expect(clean.status == 0, "\(clean.stdout)")
        let warnings = try tree([
            "en-us/y.md": "$ARTICLE\n> [!WARNING]\n"
        ])
        let plain = try CommandRunner.run(["validate", warnings.path] + Self.today)
        #expect(plain.status == 0, "\(plain.stdout)")
        #expect(plain.stdout.contains("[alert-empty]"))
        let strict = try CommandRunner.run(["validate", warnings.path, "--warnings-as-errors"] + Self.today)
        #expect(strict.status == 1)
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func sarifValidatesAgainstTheSchema() throws {
        let result = try CommandRunner.run(["validate", "Resources/Articles", "--format", "sarif"] + Self.today)
        let log = try json(result.stdout)
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count >= 30)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for r in results {
            #expect((r["partialFingerprints"] as? [String: String])?.isEmpty == false)
            let location = ((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
            #expect(uri?.hasPrefix("Resources/Articles/") == true)
        }
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("sarifValidatesAgainstTheSchema (schema check)") else {
            return
        }
        let schema = corpus.deletingLastPathComponent().appendingPathComponent("schemas/sarif-schema-2.1.0.json")
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("report.sarif")
        try result.stdout.write(to: file, atomically: true, encoding: .utf8)
        let check = try Shell.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))); print('valid')",
                file.path, schema.path,
            ])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("valid"))
    }

    @Test func junitReportParsesAsXML() throws {
        let result = try CommandRunner.run(["validate", "Resources/Articles", "--format", "junit"] + Self.today)
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("report.xml")
        try result.stdout.write(to: file, atomically: true, encoding: .utf8)
        let lint = try Shell.run("/usr/bin/xmllint", ["--noout", file.path])
        #expect(lint.status == 0, "\(lint.output)")
        #expect(result.stdout.contains("<testsuite name=\"Waymark rule turkish-dotless-capital-i\""))
        #expect(result.stdout.contains("<failure type=\"warning\""))
    }

    @Test func githubLinesFollowTheWorkflowCommandSyntax() throws {
        let result = try CommandRunner.run(["validate", "Resources/Articles", "--format", "github"] + Self.today)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let commands = lines.dropLast()
        #expect(commands.count >= 10)
        let pattern = try Regex(
            #"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+(,endColumn=\d+)?,title=[a-z-]+::[^\r\n]+$"#
        )
        for line in commands {
            #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
        }
    }

    @Test func baselineHidesKnownFindingsAndFailsOnNewOnes() throws {
        let dir = try tree(["en-us/y.md": "$ARTICLE\nSee [the other article](missing.md).\n"])
        let baseline = dir.appendingPathComponent("baseline.json").path
        let write = try CommandRunner.run(["validate", dir.path, "--write-baseline", baseline] + Self.today)
        #expect(write.stderr.contains("1 finding recorded"))
        let known = try CommandRunner.run(["validate", dir.path, "--baseline", baseline] + Self.today)
        #expect(known.status == 0, "\(known.stdout)")
        #expect(known.stdout.contains("1 known finding hidden by the baseline"))
        // Moving the known problem down a line keeps it known; a new one fails the run.
        try "---\ntitle: Y\n---\n\nSee [the other article](missing.md).\n\nAnd [another](gone.md).\n".write(
            to: dir.appendingPathComponent("en-us/y.md"), atomically: true, encoding: .utf8)
        let changed = try CommandRunner.run(["validate", dir.path, "--baseline", baseline] + Self.today)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("gone.md"))
        #expect(!changed.stdout.contains("\"missing.md\" does not exist"))
    }

    @Test func inlineCommentsTurnRulesOff() throws {
        let dir = try tree([
            "en-us/y.md":
                "$ARTICLE\n<!-- waymark-disable-next-line link-missing-target -->\nSee [one](missing.md).\n\nSee [two](gone.md).\n"
        ])
        let result = try CommandRunner.run(["validate", dir.path] + Self.today)
        #expect(!result.stdout.contains("missing.md"))
        #expect(result.stdout.contains("gone.md"))
    }

    @Test func configurationErrorsAreLocated() throws {
        let dir = try tree([".waymark.yml": "sourceLocale: en-US\nrules:\n  no-such-rule: error\n"])
        let result = try CommandRunner.run(["validate", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(".waymark.yml:3:3: unknown rule \"no-such-rule\""))
        let broken = try tree([".waymark.yml": "locales: [unclosed\n"])
        let syntax = try CommandRunner.run(["validate", broken.path])
        #expect(syntax.status == 1)
        #expect(syntax.stderr.contains(".waymark.yml:2:1: YAML syntax error in configuration"))
        let missing = try CommandRunner.run(["validate", "/nonexistent/docs"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("\"/nonexistent/docs\" does not exist"))
    }

    @Test func configurationSetsSeveritiesAndIgnores() throws {
        let dir = try tree([
            "en-us/y.md": "$ARTICLE\nSee [the other article](missing.md).\n",
            "en-us/drafts/z.md": "---\ntitle: Z\n---\n[x](nowhere.md)\n",
            ".waymark.yml": "rules:\n  link-missing-target: warning\nignore: [\"**/drafts/**\"]\n",
        ])
        let result = try CommandRunner.run(["validate", dir.path] + Self.today)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("warning: link target \"missing.md\""))
        #expect(!result.stdout.contains("nowhere.md"))
    }

    @Test func listAndExplainRulesInTheUsersLanguage() throws {
        let list = try CommandRunner.run(["validate", "--list-rules"])
        #expect(list.status == 0)
        for id in ["front-matter-key-typo", "link-case-mismatch", "translation-stale", "turkish-dotless-capital-i"] {
            #expect(list.stdout.contains(id))
        }
        let explain = try CommandRunner.run(["--locale", "tr-TR", "validate", "--explain", "turkish-detached-suffix"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("Bir Türkçe durum eki"))
        #expect(explain.stdout.contains("\"{suffix}\""))
        let unknown = try CommandRunner.run(["validate", "--explain", "no-such-rule"])
        #expect(unknown.status == 64)
    }

    @Test(arguments: [("tr-TR", "bağlantı hedefi yok"), ("hu-HU", "hivatkozási cél nem létezik")])
    func findingsSpeakTheUsersLanguage(_ locale: String, _ phrase: String) throws {
        let dir = try tree(["en-us/y.md": "$ARTICLE\nSee [the other article](missing.md).\n"])
        let result = try CommandRunner.run(["--locale", locale, "validate", dir.path] + Self.today)
        #expect(result.stdout.contains(phrase))
        #expect(result.stdout.contains("[link-missing-target]"))
    }
}

/// Runs a helper program and collects its output.
enum Shell {
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

}

extension ValidateCommandTests {
    @Test func reportToADeviceLeavesTheDeviceInPlace() throws {
        let result = try CommandRunner.run(
            ["validate", "Resources/Articles", "--format", "json", "--output", "/dev/null"] + Self.today)
        #expect(result.stderr.contains("3 files checked"))
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }

    @Test func aReportThatCannotBeWrittenSaysSo() throws {
        // A device that is always full, and a closed standard output: the report has nowhere to
        // go, and the command says so and fails.
        let full = try CommandRunner.run(
            ["validate", "Resources/Articles", "--format", "json", "--output", "/dev/full"] + Self.today)
        #expect(full.status == 1)
        #expect(full.stderr.contains("/dev/full: cannot be written: "), "\(full.stderr)")
        let closed = try CommandRunner.run(
            ["validate", "Resources/Articles", "--format", "json"] + Self.today,
            launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" >&-"])
        #expect(closed.status == 1)
        #expect(closed.stderr.contains("/dev/stdout: cannot be written: "), "\(closed.stderr)")
    }

    @Test func aCachedRunPrintsWhatItReusedAndReportsTheSame() throws {
        let dir = try tree(["tr-tr/x.md": "$ARTICLE\n[broken](nowhere.md)\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent(".cache").path
        let plain = try CommandRunner.run(["validate", dir.path, "--format", "json"] + Self.today)
        let cold = try CommandRunner.run(["validate", dir.path, "--format", "json", "--cache", cache] + Self.today)
        let warm = try CommandRunner.run(["validate", dir.path, "--format", "json", "--cache", cache] + Self.today)
        #expect(plain.status == 1 && cold.status == 1 && warm.status == 1)
        #expect(cold.stdoutBytes == plain.stdoutBytes)
        #expect(warm.stdoutBytes == plain.stdoutBytes)
        #expect(cold.stderr.contains("fact cache: 0 files reused, 2 files checked"))
        #expect(warm.stderr.contains("fact cache: 2 files reused, 0 files checked"))
        // The report's texts: made by the first run, copied by the second.
        #expect(cold.stderr.contains(", 0 files copied from the previous report"), "\(cold.stderr)")
        #expect(warm.stderr.contains("report: 0 files written again, "), "\(warm.stderr)")
        // And so in the other formats that write a file's findings one after another.
        for format in ["text", "sarif", "github"] {
            let bare = try CommandRunner.run(["validate", dir.path, "--format", format] + Self.today)
            for _ in 0..<2 {
                let cached = try CommandRunner.run(
                    ["validate", dir.path, "--format", format, "--cache", cache] + Self.today)
                #expect(cached.stdoutBytes == bare.stdoutBytes, "\(format)")
            }
        }

        // The configuration's `cache:` setting, relative to the configuration file.
        try Data("cache: .from-config\n".utf8).write(to: dir.appendingPathComponent(".waymark.yml"))
        let configured = try CommandRunner.run(["validate", dir.path] + Self.today)
        #expect(configured.stderr.contains("fact cache:"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".from-config").path))
        try Data("cacheLimit: lots\n".utf8).write(to: dir.appendingPathComponent(".waymark.yml"))
        let bad = try CommandRunner.run(["validate", dir.path] + Self.today)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(".waymark.yml:1:1"))
        #expect(bad.stderr.contains("megabytes"))
    }

    /// A reused check's steps or details that no longer match their hash where a rule reads them
    /// (here a translation's, read when its source changed): the run starts again without that
    /// check, says so in the reader's language, and reports what a run without the cache reports.
    @Test func stepsDamagedInTheCacheStartTheRunAgainAndSaySo() throws {
        let dir = try tree(["tr-tr/x.md": "$ARTICLE\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent(".cache").path
        let cached = ["validate", dir.path, "--format", "json", "--cache", cache] + Self.today
        _ = try CommandRunner.run(cached)
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasPrefix("waymark-facts-") })
        let file = cache + "/" + name
        var bytes = try FileReader.read(file)
        let parsed = try FactCache.parse(size: bytes.count) { $0.upperBound <= bytes.count ? Array(bytes[$0]) : nil }
        guard case .loaded(let range, let parts) = try #require(parsed.entries["tr-tr/x.md"]).payload else {
            Issue.record("the translation's check is not in the file")
            return
        }
        #expect(parts.head < range.count)
        bytes[range.upperBound - 1] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: file))

        let source = dir.appendingPathComponent("en-us/x.md")
        try Data((String(decoding: try FileReader.read(source.path), as: UTF8.self) + "\n<!-- edited -->\n").utf8)
            .write(to: source)
        let plain = try CommandRunner.run(["validate", dir.path, "--format", "json"] + Self.today)
        let plainTurkish = try CommandRunner.run(
            ["--locale", "tr-TR", "validate", dir.path, "--format", "json"] + Self.today)
        let warm = try CommandRunner.run(["--locale", "tr-TR"] + cached)
        #expect(warm.status == plain.status)
        #expect(warm.stdoutBytes == plainTurkish.stdoutBytes)
        #expect(warm.stderr.contains("bilgi önbelleği: bir kuralın okuduğu yerde 1 dosyanın"), "\(warm.stderr)")
        // The file written again holds the translation's check as it is now: no damage met.
        let again = try CommandRunner.run(cached)
        #expect(again.stdoutBytes == plain.stdoutBytes)
        #expect(!again.stderr.contains("no longer matched"), "\(again.stderr)")
        #expect(again.stderr.contains("fact cache: 2 files reused, 0 files checked"), "\(again.stderr)")
    }

    /// `--timings` prints each phase's time after the report, in the run's order and in the
    /// reader's language, and changes nothing else: the report is the same to the byte.
    @Test func timingsNameEveryPhaseInOrderAndLeaveTheReportAsItIs() throws {
        let dir = try tree(["tr-tr/x.md": "$ARTICLE\n[broken](nowhere.md)\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent(".cache").path
        for extra in [[], ["--cache", cache]] {
            let plain = try CommandRunner.run(["validate", dir.path, "--format", "json"] + extra + Self.today)
            let timed = try CommandRunner.run(
                ["validate", dir.path, "--format", "json", "--timings"] + extra + Self.today)
            #expect(timed.status == plain.status)
            #expect(timed.stdoutBytes == plain.stdoutBytes)
            #expect(!plain.stderr.contains("time for"))
            let phases = [
                "reading the configuration", "listing the tree and reading the caches' indexes",
                "checking the articles, or taking their checks from the cache",
                "gathering what the cross-locale rules read", "the cross-locale rules", "merging the findings",
                "writing the report",
            ]
            let lines = timed.stderr.split(separator: "\n").map(String.init)
            let places = phases.map { phase in lines.firstIndex { $0.contains("time for \(phase): ") } }
            #expect(places.allSatisfy { $0 != nil }, "\(timed.stderr)")
            #expect(places.compactMap { $0 } == places.compactMap { $0 }.sorted(), "\(timed.stderr)")
            let total = lines.firstIndex { $0.contains("time in all: ") && $0.contains("% of one processor)") }
            #expect(total.map { at in places.allSatisfy { ($0 ?? .max) < at } } == true, "\(timed.stderr)")
        }
        // Not a phase of its own unless --fix ran.
        let once = try CommandRunner.run(["validate", dir.path, "--timings"] + Self.today)
        #expect(!once.stderr.contains("applying the fixes"))
        // In the reader's language.
        let turkish = try CommandRunner.run(
            ["validate", dir.path, "--timings"] + Self.today, environment: ["LANG": "tr_TR.UTF-8"])
        #expect(turkish.stderr.contains("süre, raporun yazılması: "), "\(turkish.stderr)")
        #expect(turkish.stderr.contains("toplam süre: "), "\(turkish.stderr)")
        #expect(turkish.stderr.contains("tek işlemciye göre %"), "\(turkish.stderr)")
    }

    /// Two `waymark validate --cache` processes started at once over one tree and one cache
    /// folder: each reports what a run without the cache reports, and the files they leave are
    /// whole (a third run reuses every file, and every file's cross-locale findings).
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func twoProcessesWritingOneCacheEachReportWhatARunWithoutItDoes() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("twoProcessesWritingOneCache") else { return }
        let cache = try RepositoryPaths.temporaryDirectory().appendingPathComponent("cache")
        defer { try? FileManager.default.removeItem(at: cache.deletingLastPathComponent()) }
        let run = [
            "validate", corpus.appendingPathComponent("hololens").path, "--config",
            RepositoryPaths.root.appendingPathComponent("Examples/hololens.waymark.yml").path, "--format", "json",
        ]
        let plain = try CommandRunner.run(run + Self.today)
        #expect(!plain.stdout.isEmpty)
        let runs = Mutex<[CommandRunner.Result]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            if let result = try? CommandRunner.run(run + Self.today + ["--cache", cache.path]) {
                runs.withLock { $0.append(result) }
            }
        }
        let both = runs.withLock { $0 }
        #expect(both.count == 2)
        for result in both {
            #expect(result.status == plain.status)
            #expect(result.stdoutBytes == plain.stdoutBytes)
            #expect(result.stderr.contains(" files checked"), "\(result.stderr)")
        }
        let after = try CommandRunner.run(run + Self.today + ["--cache", cache.path])
        #expect(after.stdoutBytes == plain.stdoutBytes)
        #expect(after.stderr.contains("files reused, 0 files checked"), "\(after.stderr)")
        #expect(after.stderr.contains("cross-locale findings: made again for 0 files"), "\(after.stderr)")
        #expect(after.stderr.contains("report: 0 files written again, "), "\(after.stderr)")
    }

    @Test func changedSinceNeedsAGitWorkTreeAndARevision() throws {
        let dir = try tree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outside = try CommandRunner.run(["validate", dir.path, "--changed-since", "main"] + Self.today)
        #expect(outside.status == 1)
        #expect(outside.stderr.contains("is not in a git work tree"))
        #expect(outside.stdout.isEmpty)
    }
}
