import WaymarkCore

/// A translation made from an older source revision than another locale's, or whose recorded
/// source hash no longer matches the source.
struct TranslationStale: CorpusRule {
    static let category = RuleCategory.crossLocale
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary":
            "A translation was made from an older revision of the source than another translation, or than the source now is.",
        "explanation":
            "Two signals. Localization pipelines record the source revision in ms.openlocfilehash and the hand-off date in ms.lasthandoff: when two locales of one article have different hashes, the one handed off earlier was translated from an older source. And a translation may record the source's Waymark content hash under waymark.source-hash (the value is in this message and in `waymark validate --format json`): when the source changes, the hash no longer matches. Re-translate or update the recorded hash after review.",
        "older": "translated from an older source revision than {other} (handed off {here}; {other} on {there})",
        "hash": "records source hash {recorded}, but the {source} source is now {current}",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for key in corpus.keys {
            let versions = corpus.versions(of: key)
            let translations = corpus.locales.filter { $0 != corpus.sourceLocale }.compactMap { versions[$0] }
            for doc in translations {
                guard let hash = doc.openLocFileHash, let date = doc.lastHandoff else { continue }
                // The newest other locale made from a different source revision.
                let newer = translations.filter {
                    $0.locale != doc.locale && $0.openLocFileHash != nil && $0.openLocFileHash != hash
                        && ($0.lastHandoff.map { $0 > date } ?? false)
                }.max { ($0.lastHandoff!, $0.locale) < ($1.lastHandoff!, $1.locale) }
                if let newer, let there = newer.lastHandoff {
                    findings.report(
                        Self.self, "older", in: doc, at: doc.lastHandoffRange ?? doc.frontMatterRange,
                        line: doc.frontMatterLine,
                        ["other": newer.locale, "here": date.description, "there": there.description])
                }
            }
            // The source's text is hashed only when a translation records a hash to compare:
            // read again here, once, rather than hashed for every source article while parsing.
            guard let source = versions[corpus.sourceLocale],
                translations.contains(where: { $0.recordedSourceHash != nil })
            else { continue }
            guard let current = ContentHash.of(fileAt: source.absolutePath) else { continue }
            for doc in translations {
                guard let recorded = doc.recordedSourceHash, recorded != current else { continue }
                findings.report(
                    Self.self, "hash", in: doc, at: doc.recordedSourceHashRange ?? doc.frontMatterRange,
                    line: doc.frontMatterLine, ["recorded": recorded, "source": source.locale, "current": current])
            }
        }
    }
}
