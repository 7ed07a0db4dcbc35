import WaymarkCore

/// Link targets or anchors the source and a translation do not share.
struct TranslationLinksDiffer: CorpusRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A translation links to other targets, or has other anchors, than its source.",
        "explanation":
            "Link targets and <a name> anchors stay the same in every locale; only the link text is translated. A target the source does not have is a mistranslated or outdated link, a missing one a lost reference, and a missing anchor breaks links into the translation. A locale in a URL (/tr-tr/) is not a difference.",
        "missing": "the {source} source links to \"{target}\"; this translation does not",
        "extra": "\"{target}\" is not linked in the {source} source",
        "anchor": "anchor \"{anchor}\" of the {source} source is missing here",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for (source, translation) in corpus.pairs {
            let sourceTargets = source.linkTargets.map(\.target)
            let targets = translation.linkTargets.map(\.target)
            for target in Set(CrossLocale.unmatched(sourceTargets, in: targets)).sorted() {
                findings.report(
                    Self.self, "missing", in: translation, at: translation.frontMatterRange,
                    line: translation.frontMatterLine, ["target": target, "source": source.locale])
            }
            let sourceSet = Set(sourceTargets)
            var reported = Set<String>()
            for link in translation.linkTargets
            where !sourceSet.contains(link.target) && reported.insert(link.target).inserted {
                findings.report(
                    Self.self, "extra", in: translation, at: link.range, line: nil,
                    ["target": link.target, "source": source.locale])
            }
            let anchors = Set(translation.explicitAnchors)
            for anchor in Set(source.explicitAnchors).subtracting(anchors).sorted() {
                findings.report(
                    Self.self, "anchor", in: translation, at: translation.frontMatterRange,
                    line: translation.frontMatterLine, ["anchor": anchor, "source": source.locale])
            }
        }
    }
}
