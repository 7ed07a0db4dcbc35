import WaymarkCore

/// A relative link written with Windows backslashes (`..\x.md`).
struct LinkBackslash: DocumentRule {
    static let category = RuleCategory.links
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A relative link uses backslashes as path separators.",
        "explanation":
            "URLs separate folders with /. A backslash is sent to the server as %5C and the link breaks everywhere except some Windows previews. Replace each \\ with /.",
        "message": "link target \"{target}\" uses backslashes; write \"{fixed}\"",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for kind in [ReferenceCollector.Reference.Kind.link, .image] {
            for (reference, check) in LinkCheck.links(of: document, context, kind: kind) where check == .backslash {
                findings.report(
                    Self.self, at: reference.range, file: reference.file,
                    ["target": reference.target, "fixed": reference.target.replacingOccurrences(of: "\\", with: "/")])
            }
        }
    }
}
