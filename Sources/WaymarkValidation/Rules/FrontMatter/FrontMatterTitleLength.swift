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
        guard let entry = document.article.frontMatter.entry("title"), let title = entry.value.string,
            !title.trimmingSpaces.isEmpty
        else { return }
        let limits = context.configuration.profile.titleLength
        let length = title.trimmingSpaces.count
        if !limits.contains(length) {
            findings.report(
                Self.self, at: entry.range,
                ["length": String(length), "minimum": String(limits.lowerBound), "maximum": String(limits.upperBound)])
        }
    }
}
