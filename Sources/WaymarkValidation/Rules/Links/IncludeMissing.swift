import WaymarkCore

/// `[!INCLUDE[…](path)]` whose file does not exist.
struct IncludeMissing: DocumentRule {
    static let category = RuleCategory.links
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "An include names a file that does not exist.",
        "explanation":
            "DocFX fails the build, or publishes a gap, where an include is missing, and the steps it held disappear from the step graph. The path is relative to the file that holds the include.",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for d in document.article.diagnostics where d.id == id {
            findings.report(d)
        }
    }
}
