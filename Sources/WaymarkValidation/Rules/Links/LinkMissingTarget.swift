import WaymarkCore

/// A relative link to a file that is not in the tree (in any case, under any redirection).
struct LinkMissingTarget: DocumentRule {
    static let category = RuleCategory.links
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A relative link points to a file that does not exist.",
        "explanation":
            "The reader gets a 404. The path is resolved from the folder of the file that holds the link (an include's own folder for links inside includes). Links that only differ in case, use backslashes or are covered by a redirection have their own rules.",
        "message": "link target \"{target}\" does not exist",
        "outside": "link target \"{target}\" is outside the documentation tree",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for (reference, check) in LinkCheck.links(of: document, context, kind: .link) {
            switch check {
            case .missing:
                findings.report(Self.self, at: reference.range, file: reference.file, ["target": reference.target])
            case .outsideTree:
                findings.report(
                    Self.self, "outside", at: reference.range, file: reference.file, ["target": reference.target])
            default: continue
            }
        }
    }
}
