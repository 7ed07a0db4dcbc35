import Foundation
import WaymarkContent
import WaymarkCore

/// Applies the fix-its of a run's findings to the files of the tree, for `waymark validate --fix`.
///
/// ```swift
/// let plan = Fixer.plan(result.findings, root: "docs")
/// print(plan.files.map(Fixer.unifiedDiff).joined())  // --dry-run
/// try Fixer.apply(plan)                              // --fix
/// ```
///
/// Only files inside the validated tree are touched; each is rewritten whole through a temporary
/// file and a rename, so a reader sees the old text or the new one, never half of each. Edits
/// that overlap an earlier one in the same file are left for the next run.
public enum Fixer {
    /// One file's text before and after its fixes.
    public struct FileFix: Sendable, Hashable {
        /// As the findings name it (openable from the working directory).
        public var path: String
        public var original: [UInt8]
        public var fixed: [UInt8]
        /// Findings fixed in this file.
        public var count: Int
    }

    public struct Plan: Sendable {
        public var files: [FileFix]
        /// Findings whose fix was left out: outside the tree, overlapping another, or no longer
        /// matching the file.
        public var skipped: Int
        public var fixedCount: Int { files.reduce(0) { $0 + $1.count } }
    }

    /// The fixes of `findings` (the first fix-it of each), for the tree at `root`.
    public static func plan(_ findings: [Diagnostic], root: String) -> Plan {
        let tree = ArticleParser.absolute(root)
        var byFile: [String: [(edits: [Diagnostic.TextEdit], finding: Int)]] = [:]
        for (index, finding) in findings.enumerated() {
            guard let fix = finding.fixIts.first, let path = finding.path, !fix.edits.isEmpty else { continue }
            // Every edit of a fix-it is in one file here (none of the rules makes another kind).
            guard fix.edits.allSatisfy({ ($0.path ?? path) == path }) else { continue }
            byFile[path, default: []].append((fix.edits, index))
        }
        var files: [FileFix] = []
        var skipped = 0
        for path in byFile.keys.sorted() {
            let fixes = byFile[path] ?? []
            let absolute = ArticleParser.absolute(path)
            guard absolute.hasPrefix(tree.hasSuffix("/") ? tree : tree + "/"),
                let bytes = try? FileReader.read(absolute)
            else {
                skipped += fixes.count
                continue
            }
            let (fixed, applied) = apply(fixes.map(\.edits), to: bytes)
            skipped += fixes.count - applied
            if applied > 0, fixed != bytes {
                files.append(FileFix(path: path, original: bytes, fixed: fixed, count: applied))
            }
        }
        return Plan(files: files, skipped: skipped)
    }

    /// `bytes` with each group of edits applied, unless one of its edits overlaps an edit already
    /// taken or falls outside the text; and how many groups were applied.
    static func apply(_ groups: [[Diagnostic.TextEdit]], to bytes: [UInt8]) -> ([UInt8], Int) {
        // Positions are counted as the parser counts them: after a byte-order mark, in lines
        // ended by LF (a CR before it is the line's last byte, past every edit).
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lineStarts = [bom]
        for (i, b) in bytes.enumerated() where b == 0x0A { lineStarts.append(i + 1) }
        func offset(_ location: SourceLocation) -> Int? {
            guard location.line >= 1, location.line <= lineStarts.count, location.column >= 1 else { return nil }
            let start = lineStarts[location.line - 1]
            let end = location.line < lineStarts.count ? lineStarts[location.line] - 1 : bytes.count
            let offset = start + location.column - 1
            return offset <= end ? offset : nil
        }
        var taken: [(start: Int, end: Int, replacement: [UInt8])] = []
        var applied = 0
        for group in groups {
            var spans: [(start: Int, end: Int, replacement: [UInt8])] = []
            for edit in group {
                guard let start = offset(edit.range.start), let end = offset(edit.range.end), start <= end else {
                    spans = []
                    break
                }
                spans.append((start, end, Array(edit.replacement.utf8)))
            }
            let overlaps = spans.contains { s in
                taken.contains { t in s.start < t.end && t.start < s.end || (s.start == t.start && s.end == t.end) }
            }
            guard !spans.isEmpty, !overlaps else { continue }
            taken += spans
            applied += 1
        }
        taken.sort { $0.start < $1.start }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var at = 0
        for span in taken {
            out += bytes[at..<span.start]
            out += span.replacement
            at = span.end
        }
        out += bytes[at...]
        return (out, applied)
    }

    /// Writes every fixed file in place, each atomically; a file that changed since the plan
    /// was made is left as it is (someone saved it meanwhile), and its path returned.
    @discardableResult
    public static func apply(_ plan: Plan) throws(FileReader.Failure) -> [String] {
        var changed: [String] = []
        for file in plan.files {
            let path = ArticleParser.absolute(file.path)
            guard (try? FileReader.read(path)) == file.original else {
                changed.append(file.path)
                continue
            }
            try FileWriter.replace(path, with: file.fixed)
        }
        return changed
    }

    /// The change to one file as a unified diff (`diff -u`, three lines of context).
    public static func unifiedDiff(_ file: FileFix, context: Int = 3) -> String {
        let old = lines(file.original)
        let new = lines(file.fixed)
        // The fixes change lines in place and never add or remove one.
        guard old.count == new.count else {
            return "--- a/\(file.path)\n+++ b/\(file.path)\n"
        }
        let changed = old.indices.filter { old[$0] != new[$0] }
        guard !changed.isEmpty else { return "" }
        var out = "--- a/\(file.path)\n+++ b/\(file.path)\n"
        var hunks: [[Int]] = []
        for line in changed {
            if let last = hunks.last?.last, line - last <= 2 * context {
                hunks[hunks.count - 1].append(line)
            } else {
                hunks.append([line])
            }
        }
        for hunk in hunks {
            let from = max(0, hunk[0] - context)
            let to = min(old.count - 1, hunk[hunk.count - 1] + context)
            let count = to - from + 1
            out += "@@ -\(from + 1),\(count) +\(from + 1),\(count) @@\n"
            let set = Set(hunk)
            for i in from...to {
                if set.contains(i) {
                    out += "-" + old[i] + "\n"
                    out += "+" + new[i] + "\n"
                } else {
                    out += " " + old[i] + "\n"
                }
            }
        }
        return out
    }

    private static func lines(_ bytes: [UInt8]) -> [String] {
        var parts = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        if bytes.last == 0x0A { parts.removeLast() }
        return parts
    }
}
