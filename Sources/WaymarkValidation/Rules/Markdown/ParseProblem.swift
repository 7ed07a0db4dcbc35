import WaymarkCore

/// What the content parser could not read: YAML syntax, encoding, nesting, include cycles. The
/// message is the parser's own diagnostic (`content.*`), so it reads the same as in `inspect`.
struct ParseProblem: DocumentRule {
    static let category = RuleCategory.markdown
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "The parser could not read part of the file (YAML, encoding, nesting, includes).",
        "explanation":
            "Reported with the parser's own message and severity: YAML syntax errors, invalid UTF-8, missing or unterminated front matter, nesting too deep to read, include cycles, includes outside the docs root. What the parser skipped is not checked by the other rules, so fix these first. `waymark inspect FILE` shows the same problems.",
        "unreadable": "the file could not be read: {reason}",
    ]

    /// Parser diagnostics that other rules report in their own words.
    static let ownedElsewhere: Set<String> = [
        "content.invalid-date", "content.duplicate-key", "content.unknown-alert-kind", "content.include-missing",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for d in document.article.diagnostics where !ownedElsewhere.contains(d.id) {
            // An include file needs no front matter of its own.
            if document.isInclude, d.id == "content.front-matter-missing" { continue }
            findings.report(id, key: d.id, at: d.range, file: d.file, d.arguments, severity: d.severity)
        }
    }
}
