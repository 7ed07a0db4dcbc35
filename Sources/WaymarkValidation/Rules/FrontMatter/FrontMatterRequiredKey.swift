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
            "Publishing pipelines and search depend on a few front-matter keys. The profile (learn by default: title, description, ms.date, ms.topic, author, ms.author, ms.service) lists them; set the profile or its \"required\" list in .waymark.yml. A key that the docset's docfx.json supplies (build.globalMetadata, or build.fileMetadata for a glob that matches the file) is present, as on the published page, and ms.prod, the older name of ms.service, stands for it (front-matter-deprecated-key asks for the rename). Include files need no front matter, but when they have one of their own it must hold the profile's \"requiredInIncludes\" keys (learn: title, ms.date, ms.topic, author, ms.author); a translated include's front matter, which holds only the localization pipeline's keys, is not held to them.",
        "message": "front matter has no \"{key}\", which the \"{profile}\" profile requires",
        "empty": "\"{key}\" is empty; the \"{profile}\" profile requires a value",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        let own = document.article.frontMatter
        // A file without any front matter gets one parse problem, not one finding per key.
        guard own.range != nil else { return }
        let profile = context.configuration.profile
        let required = document.isInclude ? profile.requiredInIncludes : profile.requiredKeys
        // A translated include carries the localization pipeline's keys only, none of its own.
        if document.isInclude, !required.contains(where: { own.entry($0) != nil }) { return }
        // The published page's front matter: docfx.json supplies what the file does not write.
        let fm = document.frontMatter
        for key in required {
            if key == "ms.service", fm.entry("ms.prod") != nil { continue }
            if let entry = fm.entry(key) {
                if let value = entry.value.string, value.isBlank {
                    findings.report(
                        Self.self, "empty", at: entry.range ?? document.frontMatterRange,
                        ["key": key, "profile": profile.name])
                }
            } else {
                findings.report(Self.self, at: document.frontMatterRange, ["key": key, "profile": profile.name])
            }
        }
    }
}
