import Foundation

/// Finds the folders Waymark ships beside its code (`Localizations/`, `Resources/`).
///
/// Looks at `$<environmentKey>` first, then walks up from the running executable (a checkout's
/// `.build/…/waymark` finds the checkout's folders), also trying `share/waymark/<name>` for an
/// installed binary. A folder counts only when it holds `marker`.
public enum ResourceLocator {
    public static func directory(
        named name: String, containing marker: String, environmentKey: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        let fm = FileManager.default
        if let explicit = environment[environmentKey] { return URL(fileURLWithPath: explicit) }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var dir = executable.deletingLastPathComponent()
        while dir.path != "/" && !dir.path.isEmpty {
            for candidate in [dir.appendingPathComponent(name), dir.appendingPathComponent("share/waymark/\(name)")]
            where fm.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
