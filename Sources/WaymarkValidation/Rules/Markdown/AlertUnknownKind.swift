import WaymarkCore

/// `> [!NOTICE]`: an alert kind DocFX does not know, published as a plain block quote.
struct AlertUnknownKind: DocumentRule {
    static let category = RuleCategory.markdown
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "An alert uses a kind other than NOTE, TIP, IMPORTANT, CAUTION or WARNING.",
        "explanation":
            "DocFX renders only the five known kinds as alerts; any other marker shows up as literal text in a plain quote, and the walkthrough cannot attach it to a step. Translators sometimes translate the marker itself.",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for d in document.article.diagnostics where d.id == id {
            findings.report(d)
        }
    }
}
