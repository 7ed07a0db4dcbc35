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
        "fix": "link to \"{fixed}\"",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for (reference, check) in LinkCheck.links(of: document, context, kind: .link) {
            guard case .redirected(let to) = check else { continue }
            findings.report(
                Self.self, at: reference.range, file: reference.file, ["target": reference.target, "redirect": to],
                fixIts: fixIts(reference, document, context))
        }
    }

    /// A link to the file the redirection leads to, relative to the linking file, when that file
    /// is in the tree. Not when a fragment is involved: the link's own named a place on the
    /// removed page, and whether the redirection's exists is not known here.
    static func fixIts(
        _ reference: ReferenceCollector.Reference, _ document: ValidationDocument, _ context: ValidationContext
    ) -> [Diagnostic.FixIt] {
        guard reference.file == nil, case .relative(let path, let fragment) = reference.parsed,
            let removed = document.resolve(path, in: nil),
            let (file, redirectFragment) = context.files.redirectionFile(of: removed),
            (fragment ?? "").isEmpty, (redirectFragment ?? "").isEmpty
        else { return [] }
        let fixed = TreePath.relative(from: TreePath.parent(of: document.treePath), to: file)
        guard let edit = document.edit(replacing: reference.target, from: reference.range, with: fixed) else {
            return []
        }
        return [Diagnostic.FixIt(messageKey: key("fix"), arguments: ["fixed": fixed], edits: [edit])]
    }
}
