import WaymarkContent
import WaymarkCore

/// `ms.contentlocale` names another locale than the folder the article is in.
///
/// `hu-hu/x.md` with `ms.contentlocale: tr-TR` → `"ms.contentlocale" is tr-TR but the file is in the hu-HU folder`.
struct FrontMatterLocaleMismatch: DocumentRule {
    static let category = RuleCategory.frontMatter
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "ms.contentlocale disagrees with the locale folder the article is in.",
        "explanation":
            "The locale folder decides where an article is published; ms.contentlocale decides how it is labelled and which translation it is compared with. A mismatch usually means a file was copied into the wrong folder.",
        "message": "\"ms.contentlocale\" is {declared} but the file is in the {folder} folder",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        guard !document.localeRoot.isEmpty, let entry = document.frontMatter.entry("ms.contentlocale"),
            let value = entry.value.string
        else { return }
        let declared = ArticleParser.canonicalLocale(value)
        if declared.lowercased() != document.locale.lowercased() {
            findings.report(
                Self.self, at: entry.range ?? document.frontMatterRange,
                ["declared": declared, "folder": document.locale])
        }
    }
}
