import WaymarkCore

/// A relative link whose file exists only under another spelling of upper and lower case.
struct LinkCaseMismatch: DocumentRule {
    static let category = RuleCategory.links
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A relative link matches a file only when case is ignored.",
        "explanation":
            "It works on a laptop with a case-insensitive file system and breaks on the Linux build servers and web hosts that publish the docs. Spell the path as the file is named.",
        "message": "link target \"{target}\" differs only in case from \"{actual}\"",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for (reference, check) in LinkCheck.links(of: document, context, kind: .link) {
            if case .caseMismatch(let onDisk) = check {
                let name = onDisk.split(separator: "/").last.map(String.init) ?? onDisk
                findings.report(
                    Self.self, at: reference.range, file: reference.file, ["target": reference.target, "actual": name])
            }
        }
    }
}
