import WaymarkCore

/// A `#fragment` that names no heading or anchor in its target article.
struct LinkMissingAnchor: CorpusRule {
    static let category = RuleCategory.links
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A link's #fragment names no heading or anchor in the target article.",
        "explanation":
            "The page opens at the top instead of the section the link promises. Anchors are the explicit <a name> or <a id> anchors and the ids DocFX gives headings (lower-cased text, spaces as hyphens). In translations, explicit anchors stay English while heading ids follow the translated text, so link to the explicit anchor.",
        "message": "\"#{fragment}\" is not an anchor of {target}",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for doc in corpus.reportedDocuments {
            for link in doc.fragmentLinks {
                guard let index = corpus.byTreePath[link.target] else { continue }
                let target = corpus.documents[index]
                let fragment = (link.fragment.percentDecoded ?? link.fragment).latinLowercased
                guard !target.anchors.contains(fragment) else { continue }
                let name =
                    link.target == doc.treePath
                    ? "this article" : link.target.split(separator: "/").last.map(String.init) ?? link.target
                findings.report(
                    Self.self, in: doc, at: link.range, line: link.line?.text, file: link.file,
                    ["fragment": link.fragment, "target": name])
            }
        }
    }
}
