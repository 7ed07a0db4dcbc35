import Foundation

/// Golden-file comparison for whole outputs (tree dumps, rendered pages).
///
/// Snapshots live in `Tests/<target>/__Snapshots__/<name>.txt`. Run the tests with
/// `WAYMARK_RECORD_SNAPSHOTS=1` to (re)write them, then review the diff before committing.
public enum Snapshot {
    /// `nil` when `actual` matches the stored snapshot, else a description of the first difference.
    public static func compare(_ actual: String, named name: String, testFile: String = #filePath) -> String? {
        let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        let file = folder.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["WAYMARK_RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            return "no snapshot at \(file.path); run with WAYMARK_RECORD_SNAPSHOTS=1 to record it"
        }
        if expected == actual { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<end>"
            let al = i < a.count ? String(a[i]) : "<end>"
            if el != al { return "snapshot \(name) differs at line \(i + 1):\n  expected: \(el)\n  actual:   \(al)" }
        }
        return "snapshot \(name) differs"
    }
}
