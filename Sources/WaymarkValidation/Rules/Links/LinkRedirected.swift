import WaymarkCore

/// A relative link to a page that no longer exists but is covered by `.openpublishing.redirection.json`.
struct LinkRedirected: DocumentRule {
    static let category = RuleCategory.links
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A relative link points to a removed page that a redirection covers.",
        "explanation":
            "The published site redirects the reader, but the link costs an extra round trip, breaks in offline builds and previews, and hides that the page moved. Link to where the redirection leads.",
        "message": "link target \"{target}\" was removed and redirects to {redirect}",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for (reference, check) in LinkCheck.links(of: document, context, kind: .link) {
            if case .redirected(let to) = check {
                findings.report(
                    Self.self, at: reference.range, file: reference.file, ["target": reference.target, "redirect": to])
            }
        }
    }
}
