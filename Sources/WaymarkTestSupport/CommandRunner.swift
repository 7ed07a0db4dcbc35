import Foundation

/// Runs the built `waymark` executable as a user would and captures what it printed.
public enum CommandRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Killed by a signal (the timeout's SIGKILL included) rather than exited.
        public var signaled: Bool = false
        /// Standard output and error as the bytes written, for tests of what reaches a terminal.
        public var stdoutBytes: [UInt8] = []
        public var stderrBytes: [UInt8] = []
    }

    /// The `waymark` binary beside the test bundle (same build folder).
    public static var executable: URL { product("waymark") }

    /// A product of the package (`waymark`, `fuzz-article`, …) beside the test bundle.
    public static func product(_ name: String) -> URL {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [
            products.appendingPathComponent(name),
            Bundle.main.bundleURL.appendingPathComponent(name),
            RepositoryPaths.file(".build/debug/\(name)"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// Runs `waymark arguments…` (or another `program` of the package) in the repository root with
    /// `environment` added.
    public static func run(
        _ arguments: [String], program: String = "waymark", environment: [String: String] = [:],
        directory: URL = RepositoryPaths.root, input: String? = nil, launcher: [String] = [],
        timeout: TimeInterval = 300
    ) throws -> Result {
        let process = Process()
        if launcher.isEmpty {
            process.executableURL = product(program)
            process.arguments = arguments
        } else {
            // A program that starts ours (for example `setpriv` to run it as another user).
            process.executableURL = URL(fileURLWithPath: launcher[0])
            process.arguments = Array(launcher.dropFirst()) + [product(program).path] + arguments
        }
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        // English unless a test asks otherwise, whatever the developer's own locale is.
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] { env[key] = nil }
        env["LANG"] = "en_US.UTF-8"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        // A hang is a failure to report, not a test run that never ends.
        let watchdog = DispatchWorkItem { [process] in
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        // Read both pipes before waiting so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), signaled: process.terminationReason == .uncaughtSignal,
            stdoutBytes: [UInt8](outData), stderrBytes: [UInt8](errData))
    }
}
