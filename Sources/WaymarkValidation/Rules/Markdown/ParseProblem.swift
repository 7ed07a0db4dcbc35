import WaymarkCore

/// What the content parser could not read: YAML syntax, encoding, nesting, include cycles. The
/// parser reports these under this rule's id with its own messages (`content.*`), so they read
/// the same in `inspect`.
struct ParseProblem: DocumentRule {
    static let category = RuleCategory.markdown
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "The parser could not read part of the file (YAML, encoding, nesting, includes).",
        "explanation":
            "Reported with the parser's own message and severity: YAML syntax errors, invalid UTF-8, missing or unterminated front matter, nesting too deep to read, include cycles, includes outside the docs root. What the parser skipped is not checked by the other rules, so fix these first. `waymark inspect FILE` shows the same problems.",
        "unreadable": "the file could not be read: {reason}",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for d in document.article.diagnostics where d.id == id {
            // An include file needs no front matter of its own.
            if document.isInclude, d.messageKey == "content.front-matter-missing" { continue }
            findings.report(d, own: d.severity)
        }
    }
}
