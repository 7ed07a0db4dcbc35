import WaymarkCore

/// An unknown key one or two edits away from a known one (`uthor` for `author`).
struct FrontMatterKeyTypo: DocumentRule {
    static let category = RuleCategory.frontMatter
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "An unknown front-matter key looks like a misspelt known key.",
        "explanation":
            "Unknown keys are kept, so a misspelt key is silently ignored and the real key stays unset. Keys within two edits of a key the profile knows are reported; add a deliberate custom key to the profile's \"known\" list.",
        "message": "unknown key \"{key}\"; did you mean \"{suggestion}\"?",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for entry in document.article.frontMatter.entries
        where !context.profileKeySet.contains(entry.key) && entry.key.count >= 4 {
            let suggestion = context.keyTypos.suggestion(for: entry.key) { key in
                context.profileKeys.map { ($0, EditDistance.between(key, $0, limit: 2)) }
                    .filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
            }
            if let suggestion {
                findings.report(Self.self, at: entry.range, ["key": entry.key, "suggestion": suggestion])
            }
        }
    }
}

/// Levenshtein distance, cut off above `limit`.
enum EditDistance {
    static func between(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...max(1, x.count) where !x.isEmpty {
            current[0] = i
            var rowBest = current[0]
            for j in 1...max(1, y.count) where !y.isEmpty {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowBest = min(rowBest, current[j])
            }
            if rowBest > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
