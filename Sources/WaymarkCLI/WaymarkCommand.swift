import ArgumentParser
import Foundation

/// The `waymark` command: guided, validated procedures from localized how-to articles.
public struct WaymarkCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "waymark",
        abstract: "Turn localized how-to articles into guided, validated procedures.",
        subcommands: [InspectCommand.self]
    )

    public init() {}
}

/// Process exit codes shared by every command.
enum ExitStatus {
    static let findings = ExitCode(1)
    static let usage = ExitCode(64)
}

/// Writes to standard error.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
