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
        "fix": "replace the backslashes with slashes",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for kind in [ReferenceCollector.Reference.Kind.link, .image] {
            for (reference, check) in LinkCheck.links(of: document, context, kind: kind) where check == .backslash {
                let fixed = reference.target.replacingOccurrences(of: "\\", with: "/")
                let edit =
                    reference.file == nil
                    ? document.edit(replacing: reference.target, from: reference.range, with: fixed) : nil
                findings.report(
                    Self.self, at: reference.range, file: reference.file,
                    ["target": reference.target, "fixed": fixed],
                    fixIts: edit.map { [Diagnostic.FixIt(messageKey: key("fix"), edits: [$0])] } ?? [])
            }
        }
    }
}
