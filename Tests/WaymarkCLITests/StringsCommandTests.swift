import Foundation
import Testing
import WaymarkTestSupport

/// `waymark strings check|stats` on the shipped catalogs and on broken copies of them.
@Suite struct StringsCommandTests {
    static let shipped = RepositoryPaths.file("Localizations")

    @Test func shippedCatalogsPass() throws {
        let result = try CommandRunner.run(["strings", "check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "3 catalogs checked: no problems\n")
        #expect(result.stderr.isEmpty)
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func shippedCatalogsAreValidXLIFF() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("StringsCommandTests.shippedCatalogsAreValidXLIFF")
        else { return }
        let schema = corpus.deletingLastPathComponent().appendingPathComponent("schemas/xliff-2.0/xliff_core_2.0.xsd")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.shipped.path).filter {
            $0.hasSuffix(".xlf")
        }
        #expect(files.count == 3)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments =
            ["--noout", "--nonet", "--schema", schema.path] + files.map { Self.shipped.appendingPathComponent($0).path }
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.components(separatedBy: " validates").count == 4)
    }

    /// A folder with the shipped source catalog and a Turkish catalog whose unit `key` has `target`.
    func brokenCopy(key: String, target: String) throws -> URL {
        let dir = try RepositoryPaths.temporaryDirectory()
        try FileManager.default.copyItem(
            at: Self.shipped.appendingPathComponent("en-US.xlf"), to: dir.appendingPathComponent("en-US.xlf"))
        var text = try String(contentsOf: Self.shipped.appendingPathComponent("tr-TR.xlf"), encoding: .utf8)
        let pattern = try NSRegularExpression(
            pattern:
                "(<unit id=\"\(NSRegularExpression.escapedPattern(for: key))\">[\\s\\S]*?<target>)[\\s\\S]*?(</target>)"
        )
        text = pattern.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1\(target)$2")
        try text.write(to: dir.appendingPathComponent("tr-TR.xlf"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test(arguments: [
        ("content.file-empty", "{n, plural, other {x}", "strings.syntax", "column"),
        (
            "rule.front-matter-duplicate-key.message", "\"{anahtar}\" {firstLine}", "strings.placeholder-mismatch",
            "{key}"
        ),
        ("strings.summary", "{catalogs} katalog: {errors, plural, other {#}}", "strings.plural-categories", "one"),
    ])
    func reportsBrokenTranslations(_ key: String, _ target: String, _ id: String, _ detail: String) throws {
        let dir = try brokenCopy(key: key, target: target)
        let result = try CommandRunner.run(["strings", "check", dir.path])
        #expect(result.status == 1)
        let line = try #require(
            result.stderr.split(separator: "\n").first { $0.contains("[\(id)]") }, "\(result.stderr)")
        #expect(line.hasPrefix(dir.appendingPathComponent("tr-TR.xlf").path + ":"))
        #expect(line.contains(key))
        #expect(line.contains(detail))
        #expect(result.stdout.contains("2 catalogs checked: 1 problem"))
    }

    @Test func reportsAMissingKey() throws {
        let dir = try brokenCopy(key: "x", target: "")
        let tr = dir.appendingPathComponent("tr-TR.xlf")
        var text = try String(contentsOf: tr, encoding: .utf8)
        let unit = try NSRegularExpression(pattern: "\\s*<unit id=\"content.file-empty\">[\\s\\S]*?</unit>")
        text = unit.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        try text.write(to: tr, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["strings", "check", dir.path])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("key \"content.file-empty\" of the source catalog is missing [strings.missing-key]"))
    }

    /// `a(z)` and Turkish suffixes with optional letters print every choice; the value chooses
    /// instead (`{x, article}`, `{x, suffix, dative}`).
    @Test func noShippedMessageLeavesTheGrammarToTheReader() throws {
        for name in ["hu-HU.xlf", "tr-TR.xlf"] {
            let text = try String(contentsOf: Self.shipped.appendingPathComponent(name), encoding: .utf8)
            for target in text.components(separatedBy: "<target>").dropFirst() {
                let message = target.components(separatedBy: "</target>")[0]
                for form in ["(z)", "(Z)", "(y)", "(n)", "(s)", "(ş)"] {
                    #expect(!message.contains(form), "\(name): \(message)")
                }
                #expect(message.range(of: "'[a-zçğıöşü]{1,4}/[a-zçğıöşü]", options: .regularExpression) == nil)
            }
        }
    }

    @Test func reportsFormsThatLeaveTheGrammarToTheReader() throws {
        let dir = try brokenCopy(key: "x", target: "")
        try FileManager.default.copyItem(
            at: Self.shipped.appendingPathComponent("hu-HU.xlf"), to: dir.appendingPathComponent("hu-HU.xlf"))
        for (file, from, to) in [
            ("hu-HU.xlf", "helyette ez a változat látható: {locale}", "a(z) {locale} változat látható"),
            ("tr-TR.xlf", "{item}{item, suffix, accusative} askıya alır", "{item}'(y)ı askıya alır"),
        ] {
            let url = dir.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(from))
            try text.replacingOccurrences(of: from, with: to).write(to: url, atomically: true, encoding: .utf8)
        }
        let result = try CommandRunner.run(["strings", "check", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\"article.fallback\": \"a(z)\" leaves the grammar to the reader"))
        #expect(result.stderr.contains("\"walk.will.suspendSubscription\": \"'(y)ı\" leaves the grammar"))
    }

    @Test func reportsMalformedCatalogsWithTheirPosition() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        try "<?xml version=\"1.0\"?>\n<xliff>\n  <file>\n</xliff>\n".write(
            to: dir.appendingPathComponent("bad.xlf"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["strings", "check", dir.appendingPathComponent("bad.xlf").path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(dir.appendingPathComponent("bad.xlf").path + ":4:"))
    }

    @Test func statsInTurkish() throws {
        let result = try CommandRunner.run(["--locale", "tr-TR", "strings", "stats"])
        #expect(result.status == 0)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("tr-TR: ") })
        // Most units are reviewed (the language reviews of 2026-12-02); some are newer.
        let reviewed = try #require(
            line.firstMatch(of: try Regex("\\(%100\\), ([0-9]+) tanesi gözden geçirildi ya da kesinleşti")))
        let count = try #require(Int(line[reviewed.range].split(separator: " ")[1]))
        #expect(count >= 300, "\(line)")
        #expect(result.stdout.split(separator: "\n").count == 3)
    }
}

/// The command line in the user's language.
@Suite struct LocalizedOutputTests {
    @Test func inspectSpeaksTurkish() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.md")
        try "---\ntitle: T\nms.date: 31/31/2020\n---\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["--locale", "tr-TR", "inspect", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(":3:1: error: \"ms.date\" değeri \"31/31/2020\""))
        #expect(result.stderr.contains("[front-matter-invalid-date]"))
    }

    @Test func localeComesFromTheEnvironment() throws {
        let result = try CommandRunner.run(["inspect", "nope.md"], environment: ["LANG": "hu_HU.UTF-8"])
        #expect(result.stderr == "waymark: hiba: nope.md: nincs ilyen fájl\n")
        let posix = try CommandRunner.run(["inspect", "nope.md"], environment: ["LC_ALL": "C"])
        #expect(posix.stderr == "waymark: error: nope.md: no such file\n")
    }

    @Test func helpIsTranslated() throws {
        let result = try CommandRunner.run(["--locale", "hu-HU", "inspect", "--help"])
        #expect(result.stdout.contains("Kimeneti formátum: tree vagy json."))
    }

    /// Every command's help is in the reader's language throughout: the headings and the texts
    /// ArgumentParser would write in English (help, version, defaults) come from the catalogs.
    @Test(arguments: [
        ("hu-HU", "HASZNÁLAT:", "KAPCSOLÓK:", "ALPARANCSOK:"), ("tr-TR", "KULLANIM:", "SEÇENEKLER:", "ALT KOMUTLAR:"),
    ])
    func everyCommandsHelpIsInTheReadersLanguage(
        _ locale: String, _ usage: String, _ options: String, _ subcommandsHeading: String
    ) throws {
        let root = try CommandRunner.run(["--locale", locale, "--help"])
        #expect(root.status == 0)
        // The subcommands listed by the root's help, and theirs one level down.
        func subcommands(_ help: String) -> [String] {
            let lines = help.components(separatedBy: "\n")
            guard let start = lines.firstIndex(of: subcommandsHeading) else { return [] }
            return lines[(start + 1)...].prefix { $0.hasPrefix("  ") }.compactMap {
                $0.hasPrefix("   ") ? nil : $0.split(separator: " ").first.map(String.init)
            }
        }
        var paths: [[String]] = [[]]
        for command in subcommands(root.stdout) {
            paths.append([command])
            let help = try CommandRunner.run(["--locale", locale, command, "--help"]).stdout
            for sub in subcommands(help) { paths.append([command, sub]) }
        }
        #expect(paths.count > 15, "\(paths)")
        let english = [
            "OVERVIEW:", "USAGE:", "OPTIONS:", "ARGUMENTS:", "SUBCOMMANDS:", "Show help information",
            "Show the version", "(default:",
        ]
        for path in paths {
            let help = try CommandRunner.run(["--locale", locale] + path + ["--help"])
            #expect(help.status == 0, "\(path): \(help.stderr)")
            #expect(help.stdout.contains(usage), "\(path): \(help.stdout)")
            #expect(help.stdout.contains(options), "\(path): \(help.stdout)")
            for word in english { #expect(!help.stdout.contains(word), "\(path): \(word) in \(help.stdout)") }
        }
        // `help COMMAND` is the same page.
        #expect(
            try CommandRunner.run(["--locale", locale, "help", "walk"]).stdout
                == CommandRunner.run(["--locale", locale, "walk", "--help"]).stdout)
    }

    /// A mistyped command line is answered in the reader's language: what is wrong, the
    /// command's usage and where its help is; exit status 64.
    @Test(arguments: [
        (["inspect", "a.md", "--db"], "ismeretlen kapcsoló: --db; erre gondolt: --docs?"),
        (["customers", "cancel-reservation"], "hiányzó argumentum: <id>"),
        (
            ["inspect", "a.md", "--format", "yaml"],
            "yaml: érvénytelen érték ehhez: --format <format>; válasszon ezek közül: tree, json"
        ),
        (["frobnicate"], "váratlan argumentum: frobnicate"),
        (["customers", "list", "--offset=-2"], "A --limit és az --offset 0 vagy nagyobb ügyfélszámot vár"),
    ])
    func usageErrorsAreInTheReadersLanguage(_ arguments: [String], _ message: String) throws {
        let result = try CommandRunner.run(["--locale", "hu-HU"] + arguments)
        #expect(result.status == 64)
        let lines = result.stderr.components(separatedBy: "\n")
        #expect(lines.first == "waymark: hiba: " + message, "\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("HASZNÁLAT: waymark") }, "\(result.stderr)")
        #expect(result.stderr.contains("Részletes súgó: waymark"))
        for english in ["Error:", "Usage:", "Help:", "See '", "Did you mean", "for more information"] {
            #expect(!result.stderr.contains(english), "\(result.stderr)")
        }
    }

    @Test func unknownAndUnsupportedLocalesAreUsageErrors() throws {
        let bad = try CommandRunner.run(["--locale", "tr!TR", "inspect", "x.md"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("\"tr!TR\" is not a locale"))
        let unsupported = try CommandRunner.run(["--locale", "de-DE", "inspect", "x.md"])
        #expect(unsupported.status == 64)
        #expect(unsupported.stderr.contains("no catalog for de-DE; available: en-US, hu-HU, tr-TR"))
    }
}
