import WaymarkCore

/// An image (Markdown or DocFX `:::image`) whose file is not in the tree.
struct ImageMissing: DocumentRule {
    static let category = RuleCategory.links
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "An image file does not exist.",
        "explanation":
            "Readers see a broken image and screen readers its alt text only. Localized trees usually carry no images of their own (they are served from the source tree), so translations are checked only when imagesInTranslations is true in .waymark.yml.",
        "message": "image \"{target}\" does not exist",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        guard document.isSource || !document.localeKnown || context.configuration.imagesInTranslations else { return }
        for (reference, check) in LinkCheck.links(of: document, context, kind: .image) {
            switch check {
            case .missing, .outsideTree, .caseMismatch, .redirected:
                findings.report(Self.self, at: reference.range, file: reference.file, ["target": reference.target])
            case .fine, .backslash:
                continue
            }
        }
    }
}
