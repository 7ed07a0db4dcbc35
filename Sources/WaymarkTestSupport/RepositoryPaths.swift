import Foundation

/// Where things are when tests run from a checkout.
public enum RepositoryPaths {
    /// The repository's root folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under the repository root.
    public static func file(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// `../shared/corpus` beside the checkout (or `$WAYMARK_CORPUS`), when present.
    public static var corpus: URL? {
        let candidate =
            ProcessInfo.processInfo.environment["WAYMARK_CORPUS"].map(URL.init(fileURLWithPath:))
            ?? root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory)
            && isDirectory.boolValue
            ? candidate : nil
    }

    /// Whether `../shared/corpus` is here, for `@Test(.enabled(if: RepositoryPaths.hasCorpus))`, so
    /// that a test without it shows as skipped, not passed.
    public static var hasCorpus: Bool { corpus != nil }

    /// Says why a corpus test is skipped, once per call site.
    public static func corpusOrExplainSkip(_ test: String) -> URL? {
        if let corpus { return corpus }
        print("SKIPPED \(test): ../shared/corpus is not present beside the checkout (set WAYMARK_CORPUS to run it)")
        return nil
    }

    /// A new empty temporary folder, inside one folder per test process that is removed when the
    /// process exits, so repeated test runs do not fill the temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = processScratch.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A new temporary folder holding `files` (tree-relative path → UTF-8 text), folders made as needed.
    public static func temporaryTree(_ files: [String: String]) throws -> URL {
        let dir = try temporaryDirectory()
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    private static let processScratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: RepositoryPaths.processScratch) }
        return url
    }()
}
