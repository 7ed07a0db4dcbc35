import WaymarkCore

/// A front-matter key written twice; the first value is the one used.
struct FrontMatterDuplicateKey: DocumentRule {
    static let category = RuleCategory.frontMatter
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A front-matter key is written more than once.",
        "explanation":
            "YAML does not allow a key twice in one mapping. Waymark keeps the first value, DocFX may keep the last, so the article can publish with metadata nobody intended. Delete one of the two lines.",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for d in document.article.diagnostics where d.id == id {
            findings.report(d)
        }
    }
}
