import WaymarkCore

/// A key the profile lists as retired (`ms.prod`, `ms.technology` on Learn).
struct FrontMatterDeprecatedKey: DocumentRule {
    static let category = RuleCategory.frontMatter
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "The front matter uses a key the profile has retired.",
        "explanation":
            "Learn replaced ms.prod and ms.technology with ms.service and ms.subservice. Retired keys are ignored by the publishing pipeline, so the article is filed under nothing. Move the value to the current key.",
        "message": "\"{key}\" is retired; use ms.service and ms.subservice",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for entry in document.article.frontMatter.entries where context.deprecatedKeySet.contains(entry.key) {
            findings.report(Self.self, at: entry.range, ["key": entry.key])
        }
    }
}
