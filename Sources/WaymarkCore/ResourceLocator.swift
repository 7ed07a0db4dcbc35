import Foundation

/// Finds the folders Waymark ships beside its code (`Localizations/`, `Resources/`).
///
/// Looks at `$<environmentKey>` first, then beside the running executable as the kernel names it
/// (`/proc/self/exe`, its links resolved), never from the working directory or from what the
/// program was called as:
/// - an installed program, `PREFIX/bin/waymark`, reads `PREFIX/share/waymark/<name>`;
/// - a program built in a checkout, `.build/<config>/waymark`, reads the checkout's `<name>`.
///
/// A folder counts only when it holds `marker`.
public enum ResourceLocator {
    public static func directory(
        named name: String, containing marker: String, environmentKey: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        if let explicit = environment[environmentKey] { return URL(fileURLWithPath: explicit) }
        guard let executable = executableURL() else { return nil }
        return directory(named: name, containing: marker, besideExecutable: executable)
    }

    /// The folder for an executable at `executable` (an absolute path with its links resolved).
    public static func directory(named name: String, containing marker: String, besideExecutable executable: URL)
        -> URL?
    {
        let fm = FileManager.default
        let bin = executable.deletingLastPathComponent()
        let installed = bin.deletingLastPathComponent().appendingPathComponent("share/waymark/\(name)")
        if fm.fileExists(atPath: installed.appendingPathComponent(marker).path) { return installed }
        // A checkout: the folder that holds `.build`, above `.build/<triple>/<config>/waymark`.
        var dir = bin
        while dir.path != "/" && !dir.path.isEmpty {
            if dir.lastPathComponent.hasPrefix(".build") {
                let checkout = dir.deletingLastPathComponent().appendingPathComponent(name)
                if fm.fileExists(atPath: checkout.appendingPathComponent(marker).path) { return checkout }
                return nil
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// The running executable's real path, from `/proc/self/exe` (where there is no `/proc`, the
    /// first argument when it is an absolute path).
    public static func executableURL() -> URL? { runningExecutable }

    /// Found once: the program does not change while it runs, and resolving its links is slow
    /// (the walkthrough's start asks three times).
    private static let runningExecutable: URL? = {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
            target.hasPrefix("/")
        {
            return URL(fileURLWithPath: target).resolvingSymlinksInPath()
        }
        guard let first = CommandLine.arguments.first, first.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: first).resolvingSymlinksInPath()
    }()
}
