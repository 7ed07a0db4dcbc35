import WaymarkCore

/// `:::image` without `alt-text`: a picture that screen readers cannot describe.
struct ImageAltTextMissing: DocumentRule {
    static let category = RuleCategory.markdown
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A :::image has no alt-text.",
        "explanation":
            "DocFX publishes alt-text as the image's description for screen readers and when the image does not load; Learn requires it for content and complex images. Only decorative icons (type=\"icon\") may go without. Describe what the image shows, in the article's language.",
        "message": ":::image has no alt-text",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for image in DocFXImages.of(document) where image.attributes["type"] != "icon" {
            if (image.attributes["alt-text"] ?? "").isBlank { findings.report(Self.self, at: image.range) }
        }
    }
}

/// The `:::image` blocks of an article, includes left to their own check.
enum DocFXImages {
    static func of(_ document: ValidationDocument) -> [DocFXImage] {
        struct Finder: BlockVisitor {
            var images: [DocFXImage] = []
            mutating func visit(_ block: Block, depth: Int) -> Bool {
                switch block {
                case .include: return false
                case .docfxImage(let image): images.append(image)
                default: break
                }
                return true
            }
        }
        var finder = Finder()
        Block.walk(document.article.blocks, with: &finder)
        return finder.images
    }
}
