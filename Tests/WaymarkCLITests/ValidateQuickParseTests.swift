import ArgumentParser
import Testing

@testable import WaymarkCLI

/// `waymark validate` reads its plain arguments itself, which is a third of a short run's start:
/// whatever it accepts must come out exactly as ArgumentParser reads it, whatever it is not sure of
/// must be left to ArgumentParser, and it must know every option the command declares.
@Suite struct ValidateQuickParseTests {
    /// Every property of a request, as text, for comparing two parses.
    static func fields(_ c: ValidateRequest) -> [String] {
        [
            c.root, c.config ?? "<nil>", c.format.rawValue, c.output ?? "<nil>", "\(c.warningsAsErrors)",
            c.baseline ?? "<nil>", c.writeBaseline ?? "<nil>", "\(c.listRules)", c.explain ?? "<nil>",
            c.jobs.map(String.init) ?? "<nil>", c.today ?? "<nil>", "\(c.fix)", "\(c.dryRun)", c.cache ?? "<nil>",
            c.changedSince ?? "<nil>",
        ]
    }

    @Test(arguments: [
        [],
        ["docs"],
        ["docs", "--format", "json", "--output", "/dev/null"],
        ["--config=w.yml", "docs", "-o", "report.sarif", "--format=sarif", "--warnings-as-errors"],
        [
            "--baseline", "b.json", "--write-baseline", "c.json", "--jobs", "3", "--today", "2026-01-02", "--cache",
            ".cache", "--changed-since", "origin/main", "tree",
        ],
        ["--list-rules"], ["--explain", "link-missing-target"], ["tree", "--fix", "--dry-run"],
        ["--format", "github", "--config", "a=b.yml"], ["--jobs=1", "--format=junit", "ő/ü"],
    ])
    func whatItReadsArgumentParserReadsTheSame(_ arguments: [String]) throws {
        let quick = try #require(ValidateCommand.quick(arguments))
        let parsed = try ValidateCommand.parse(arguments)
        #expect(Self.fields(quick) == Self.fields(parsed.request))
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["a", "b"], ["--format"], ["--format", "yaml"], ["--format", "JSON"], ["--jobs", "x"],
        ["--jobs", "-1"], ["--output", ""], ["--output="], ["-o"], ["-o", "-x"], ["-ofile"], ["-x"], ["--"],
        ["--", "docs"], ["--fix=yes"], ["--fix", "--fix"], ["--config", "a", "--config", "b"], ["--unknown"],
        ["--config", "--format", "json"], ["--version"],
    ])
    func whatItIsNotSureOfIsLeftToArgumentParser(_ arguments: [String]) {
        #expect(ValidateCommand.quick(arguments) == nil)
    }

    @Test func itKnowsEveryOptionTheCommandDeclares() {
        let declared = Set(
            Mirror(reflecting: ValidateCommand()).children.compactMap(\.label).map { label in
                String(label.drop { $0 == "_" }).reduce(into: "") { kebab, character in
                    if character.isUppercase { kebab += "-" + character.lowercased() } else { kebab.append(character) }
                }
            })
        #expect(declared == ValidateCommand.plainFlags.union(ValidateCommand.plainOptions).union(["root"]))
        // And the request the run reads has a field for each, under the same name.
        let fields = Mirror(reflecting: ValidateRequest()).children.compactMap(\.label)
        let options = Mirror(reflecting: ValidateCommand()).children.compactMap(\.label).map { String($0.dropFirst()) }
        #expect(fields == options)
    }
}
