import WaymarkCore

/// A title shorter or longer than the profile allows.
struct FrontMatterTitleLength: DocumentRule {
    static let category = RuleCategory.frontMatter
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "The title is shorter or longer than the profile allows.",
        "explanation":
            "Search results and browser tabs cut long titles, and an empty or one-word title says nothing. The learn profile allows 1 to 120 characters; set profile.titleLength in .waymark.yml.",
        "message":
            "title is {length, plural, one {# character} other {# characters}}; the profile allows {minimum} to {maximum}",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        FrontMatterLength.check(
            Self.self, key: "title", limits: context.configuration.profile.titleLength, document, &findings)
    }
}
