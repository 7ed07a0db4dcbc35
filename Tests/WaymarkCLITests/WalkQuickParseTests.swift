import Testing

@testable import WaymarkCLI

/// `waymark walk` reads its usual arguments itself, for a faster first screen: whatever it
/// accepts must come out exactly as ArgumentParser reads it, and whatever it is not sure of must be
/// left to ArgumentParser.
@Suite struct WalkQuickParseTests {
    /// Every property the walkthrough reads, as text, for comparing two parses.
    static func fields(_ command: WalkCommand) -> [String] {
        [
            command.article, command.customer, command.operatorName ?? "<nil>", command.role.rawValue,
            command.mode.rawValue, "\(command.takeOver)", command.procedure ?? "<nil>", "\(command.resetDemo)",
            command.docs.docs.joined(separator: "|"), command.docs.config ?? "<nil>", command.store.database ?? "<nil>",
        ]
    }

    @Test(arguments: [
        ["a.md", "--customer", "northwind"],
        ["--customer=northwind", "a.md", "--db", "/tmp/x.sqlite", "--take-over"],
        [
            "partner-center/a.md", "--customer", "c", "--operator", "Ayşe", "--role", "sales-agent", "--mode",
            "confirm",
            "--procedure", "remove", "--docs", "one", "--docs=two", "--config", "w.yml", "--reset-demo",
            "--db=p.sqlite",
        ],
        ["a.md", "--customer=a=b"],
        ["a.md", "--db", "postgres://u@localhost/w", "--customer", "wingtip", "--mode=live", "--role=billing-admin"],
    ])
    func whatItReadsArgumentParserReadsTheSame(_ arguments: [String]) throws {
        let quick = try #require(WalkCommand.QuickArguments(arguments)).command()
        let parsed = try WalkCommand.parse(arguments)
        #expect(Self.fields(quick) == Self.fields(parsed))
    }

    @Test(arguments: [
        ["--help"], ["a.md", "--customer", "c", "-h"], ["a.md"], ["a.md", "--customer"],
        ["a.md", "--customer", "--db", "x"], ["a.md", "--customer", "c", "--customer", "d"],
        ["a.md", "--customer", "c", "--role", "chief"], ["a.md", "--customer", "c", "--mode", "fast"],
        ["a.md", "b.md", "--customer", "c"], ["a.md", "--customer", "c", "--"], ["--customer", "c", "--", "a.md"],
        ["a.md", "--customer", "c", "--unknown", "x"], ["a.md", "--customer", "c", "--db", ""],
        ["a.md", "--customer", "c", "--take-over=yes"], ["a.md", "--customer", "c", "--take-over", "--take-over"],
        ["a.md", "--customer", "c", "-x"], ["a.md", "--customer", "-c"], ["a.md", "--customer=c", "--operator="],
        ["a.md", "--customer", ""],
    ])
    func whatItIsNotSureOfIsLeftToArgumentParser(_ arguments: [String]) {
        #expect(WalkCommand.QuickArguments(arguments) == nil)
    }
}
