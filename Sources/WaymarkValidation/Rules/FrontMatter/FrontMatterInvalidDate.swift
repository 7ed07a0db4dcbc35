import WaymarkCore

/// `ms.date` (or `ms.lasthandoff`) that is not a date, or an `ms.date` in the future.
///
/// `ms.date: 13/45/2020` → `"ms.date" is "13/45/2020", not a date …`.
struct FrontMatterInvalidDate: DocumentRule {
    static let category = RuleCategory.frontMatter
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "ms.date or ms.lasthandoff is not a valid date, or ms.date lies in the future.",
        "explanation":
            "Learn shows ms.date as the article's freshness date and Waymark compares dates to find stale translations. Write MM/DD/YYYY (or YYYY-MM-DD) and use the date the content was last reviewed, which cannot be later than today.",
        "future": "\"ms.date\" is {value}, after today ({today})",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for d in document.article.diagnostics where d.id == id {
            findings.report(d)
        }
        let fm = document.frontMatter
        if let date = fm.date, date > context.today {
            findings.report(
                Self.self, "future", at: fm.entry("ms.date")?.range ?? document.frontMatterRange,
                ["value": date.description, "today": context.today.description])
        }
    }
}
