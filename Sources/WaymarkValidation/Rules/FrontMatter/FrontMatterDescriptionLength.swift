import WaymarkCore

/// A description shorter or longer than the profile allows.
struct FrontMatterDescriptionLength: DocumentRule {
    static let category = RuleCategory.frontMatter
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "The description is shorter or longer than the profile allows.",
        "explanation":
            "The description is the snippet search engines show. The learn profile asks for 40 to 300 characters: long enough to say what the article does, short enough not to be cut. Set profile.descriptionLength in .waymark.yml.",
        "message":
            "description is {length, plural, one {# character} other {# characters}}; the profile allows {minimum} to {maximum}",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        FrontMatterLength.check(
            Self.self, key: "description", limits: context.configuration.profile.descriptionLength, document, &findings)
    }
}
