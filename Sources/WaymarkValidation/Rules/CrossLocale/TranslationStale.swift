import WaymarkContent
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
            "Three signals. Localized Learn articles record the source commit they were translated from in ms.sourcegitcommit: when the tree is a git work tree that has that commit, the source then and now are compared step by step, and the steps that changed since are named by StepID. Localization pipelines also record the source revision in ms.openlocfilehash and the hand-off date in ms.lasthandoff: when two locales of one article have different hashes, the one handed off earlier was translated from an older source. And a translation may record the source's Waymark content hash under waymark.source-hash (the value is in this message and in `waymark validate --format json`): when the source changes, the hash no longer matches. Re-translate the steps named, or update the record after review.",
        "older": "translated from an older source revision than {other} (handed off {here}; {other} on {there})",
        "hash": "records source hash {recorded}, but the {source} source is now {current}",
        "changed":
            "translated from commit {commit} of the {source} source, which has changed since in {count, plural, one {# step} other {# steps}}: {steps}",
        "changed-elsewhere":
            "translated from commit {commit} of the {source} source, which has changed since outside its steps",
        "changed-step": "changed since commit {commit}",
    ]

    /// Steps named in a message at most; the rest are counted.
    static let listedSteps = 8

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for index in corpus.reportedKeyIndices {
            let translations = corpus.translations(at: index)
            for doc in translations {
                guard let hash = doc.openLocFileHash, let date = doc.lastHandoff else { continue }
                // The newest other locale made from a different source revision.
                let newer = translations.filter {
                    $0.locale != doc.locale && $0.openLocFileHash != nil && $0.openLocFileHash != hash
                        && ($0.lastHandoff.map { $0 > date } ?? false)
                }.max { ($0.lastHandoff!, $0.locale) < ($1.lastHandoff!, $1.locale) }
                if let newer, let there = newer.lastHandoff {
                    let place = doc.place(ofKey: "ms.lasthandoff", doc.lastHandoffRange)
                    findings.report(
                        Self.self, "older", in: doc, at: place.range, line: place.line,
                        ["other": newer.locale, "here": date.description, "there": there.description])
                }
            }
            if let source = corpus.source(at: index) {
                checkSourceCommits(source, translations, context, &findings)
            }
            // The source's text is hashed only when a translation records a hash to compare:
            // read again here, once, rather than hashed for every source article while parsing.
            guard let source = corpus.source(at: index),
                translations.contains(where: { $0.recordedSourceHash != nil })
            else { continue }
            guard let current = ContentHash.of(fileAt: source.absolutePath) else { continue }
            for doc in translations {
                guard let recorded = doc.recordedSourceHash, recorded != current else { continue }
                let place = doc.place(ofKey: WaymarkKey.sourceHash, doc.recordedSourceHashRange)
                findings.report(
                    Self.self, "hash", in: doc, at: place.range, line: place.line,
                    ["recorded": recorded, "source": source.locale, "current": current])
            }
        }
    }

    /// The translations' own record: each names the source commit it was made from
    /// (`ms.sourcegitcommit`). When the tree is a git work tree that knows the commit, the source
    /// then and now are compared step by step (by StepID).
    static func checkSourceCommits(
        _ source: DocumentFacts, _ translations: [DocumentFacts], _ context: ValidationContext,
        _ findings: inout CorpusFindingSink
    ) {
        let recorded = translations.filter { $0.sourceGitCommit != nil }
        guard !recorded.isEmpty, let git = context.revisions.git,
            let current = try? FileReader.read(source.absolutePath)
        else { return }
        var now: [String: String]?
        var compared: [String: (changed: [String], at: SourceRange?)?] = [:]
        for doc in recorded {
            guard let commit = doc.sourceGitCommit?.trimmingSpaces else { continue }
            let outcome: (changed: [String], at: SourceRange?)?
            if let known = compared[commit] {
                outcome = known
            } else {
                // A commit this repository does not know says nothing: the other checks remain.
                if let then = git.contents(of: source.absolutePath, at: commit), then != current {
                    let parser = ArticleParser()
                    let currentArticle = parser.parse(bytes: current, path: source.absolutePath)
                    if now == nil { now = stepTexts(currentArticle) }
                    let old = stepTexts(parser.parse(bytes: then, path: source.absolutePath))
                    let changed = changedSteps(old: old, now: now ?? [:], order: currentArticle.stepGraph.stepIDs)
                    let first = changed.first.flatMap { id in source.steps.first { $0.id == id }?.range }
                    outcome = (changed, first)
                } else {
                    outcome = nil
                }
                compared[commit] = outcome
            }
            guard let outcome else { continue }
            let short = String(commit.prefix(8))
            let notes =
                outcome.at.map {
                    [
                        Diagnostic.Note(
                            path: source.displayPath, range: $0, messageKey: key("changed-step"),
                            arguments: ["commit": short])
                    ]
                } ?? []
            var listed = outcome.changed.prefix(listedSteps).joined(separator: ", ")
            if outcome.changed.count > listedSteps { listed += ", …" }
            let place = doc.place(ofKey: "ms.sourcegitcommit", doc.sourceGitCommitRange)
            findings.report(
                Self.self, outcome.changed.isEmpty ? "changed-elsewhere" : "changed", in: doc, at: place.range,
                line: place.line,
                [
                    "commit": short, "source": source.locale, "count": String(outcome.changed.count),
                    "steps": listed,
                ], notes: notes)
        }
    }

    /// Each step's text by StepID.
    static func stepTexts(_ article: Article) -> [String: String] {
        var texts: [String: String] = [:]
        for step in article.stepGraph.allSteps { texts[step.id.description] = step.text }
        return texts
    }

    /// The StepIDs whose text changed, appeared or went away: those of the current source in its
    /// order, then the ones it no longer has.
    static func changedSteps(old: [String: String], now: [String: String], order: [StepID]) -> [String] {
        var changed: [String] = []
        for id in order.map(\.description) where old[id] != now[id] { changed.append(id) }
        changed += old.keys.filter { now[$0] == nil }.sorted()
        return changed
    }
}
