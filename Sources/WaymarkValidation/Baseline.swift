import Foundation
import WaymarkCore

/// Findings accepted as known, so that a legacy corpus can adopt validation and fail only on new
/// ones. Matched by rule, path and fingerprint (not line numbers), counting repeats.
///
/// ```json
/// {"version": 1, "findings": [{"rule": "link-case-mismatch", "path": "tr-tr/x.md", "fingerprint": "…", "count": 1}]}
/// ```
public struct Baseline: Sendable {
    private var known: [String: Int] = [:]

    public init(findings: [Diagnostic]) {
        for f in findings { known[Baseline.key(f), default: 0] += 1 }
    }

    private static func key(_ f: Diagnostic) -> String { f.id + "\u{0}" + (f.path ?? "") + "\u{0}" + f.fingerprint }

    public var count: Int { known.values.reduce(0, +) }

    /// Reads a file written by `serialized()`.
    public static func read(path: String) throws(ValidationFailure) -> Baseline {
        func fail(_ reason: String) -> ValidationFailure {
            ValidationFailure(text: .baselineUnreadable, arguments: ["path": path, "reason": reason])
        }
        let data: Data
        do {
            data = Data(try FileReader.read(path))
        } catch {
            throw fail(error.description)
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["version"] as? Int == 1, let entries = object["findings"] as? [[String: Any]]
        else { throw fail("not a Waymark baseline (version 1)") }
        var baseline = Baseline(findings: [])
        for entry in entries {
            guard let written = entry["rule"] as? String, let path = entry["path"] as? String,
                let fingerprint = entry["fingerprint"] as? String
            else { throw fail("an entry lacks rule, path or fingerprint") }
            let count = entry["count"] as? Int ?? 1
            // An id a problem had before it had one everywhere means the rule it is now.
            let rule = ProblemID.renamed[written] ?? written
            baseline.known[rule + "\u{0}" + path + "\u{0}" + fingerprint, default: 0] += max(1, count)
        }
        return baseline
    }

    /// The findings not covered, and how many were.
    public func filter(_ findings: [Diagnostic]) -> (kept: [Diagnostic], hidden: Int) {
        let (kept, hidden) = filter(FindingList(findings))
        return (Array(kept), hidden)
    }

    /// The findings of `list` not covered, and how many were.
    public func filter(_ list: FindingList) -> (kept: FindingList, hidden: Int) {
        var left = known
        var hidden = 0
        let kept = list.keeping { f in
            let k = Baseline.key(f)
            guard let n = left[k], n > 0 else { return true }
            left[k] = n - 1
            hidden += 1
            return false
        }
        return (kept, hidden)
    }

    /// The baseline file for `findings`, sorted so that it diffs well.
    public static func serialized(_ findings: some Sequence<Diagnostic>) -> String {
        var counts: [String: (Diagnostic, Int)] = [:]
        for f in findings {
            let k = key(f)
            counts[k] = (f, (counts[k]?.1 ?? 0) + 1)
        }
        let entries = counts.values.sorted { a, b in
            (a.0.path ?? "", a.0.id, a.0.fingerprint) < (b.0.path ?? "", b.0.id, b.0.fingerprint)
        }.map { f, n -> JSONValue in
            .object([
                ("rule", .string(f.id)), ("path", .string(f.path ?? "")), ("fingerprint", .string(f.fingerprint)),
                ("count", .int(n)),
            ])
        }
        return JSONValue.object([("version", .int(1)), ("findings", .array(entries))]).serialized() + "\n"
    }
}
