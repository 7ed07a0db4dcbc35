import WaymarkCore

/// A key the profile requires is missing or empty.
///
/// `title:` missing under the Learn profile → `front matter has no "title"`.
struct FrontMatterRequiredKey: DocumentRule {
    static let category = RuleCategory.frontMatter
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A key required by the metadata profile is missing or empty.",
        "explanation":
            "Publishing pipelines and search depend on a few front-matter keys. The profile (learn by default: title, description, ms.date, ms.topic, author, ms.author, ms.service) lists them; set the profile or its \"required\" list in .waymark.yml. Include files need no front matter, but when they have one it must hold the profile's \"requiredInIncludes\" keys (learn: title, ms.date, ms.topic, author, ms.author).",
        "message": "front matter has no \"{key}\", which the \"{profile}\" profile requires",
        "empty": "\"{key}\" is empty; the \"{profile}\" profile requires a value",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        let fm = document.article.frontMatter
        // A file without any front matter gets one parse problem, not one finding per key.
        guard fm.range != nil else { return }
        let profile = context.configuration.profile
        for key in document.isInclude ? profile.requiredInIncludes : profile.requiredKeys {
            if let entry = fm.entry(key) {
                if let value = entry.value.string, value.isBlank {
                    findings.report(Self.self, "empty", at: entry.range, ["key": key, "profile": profile.name])
                }
            } else {
                findings.report(Self.self, at: document.frontMatterRange, ["key": key, "profile": profile.name])
            }
        }
    }
}
