import WaymarkCore

/// Helpers the cross-locale rules share.
enum CrossLocale {
    /// Locales expected to translate the source: the configured ones, else every locale seen.
    static func targetLocales(_ corpus: CorpusFacts, _ context: ValidationContext) -> [String] {
        let configured = context.configuration.locales.map(\.locale)
        return (configured.isEmpty ? corpus.locales : configured).filter { $0 != corpus.sourceLocale }
    }

    /// Items of `a` not matched one-for-one in `b` (a multiset difference), in `a`'s order.
    static func unmatched<T: Hashable>(_ a: [T], in b: [T]) -> [T] {
        var counts: [T: Int] = [:]
        for x in b { counts[x, default: 0] += 1 }
        var out: [T] = []
        for x in a {
            if let n = counts[x], n > 0 { counts[x] = n - 1 } else { out.append(x) }
        }
        return out
    }

    /// A note at `range` of the source article: the other side of a cross-locale finding, with
    /// the source revision the translation was compared with.
    static func sourceNote(
        _ rule: any Rule.Type, _ name: String, _ source: DocumentFacts, at range: SourceRange,
        _ context: ValidationContext
    ) -> Diagnostic.Note {
        Diagnostic.Note(
            path: source.displayPath, range: range, messageKey: rule.key(name),
            arguments: [
                "source": source.locale,
                "revision": context.revisions.revision(of: source.absolutePath, includes: source.includes),
            ])
    }

    /// A note naming the source file and revision a finding that has no place in the source
    /// (a step or link the source lacks) was compared with.
    static func comparedNote(_ source: DocumentFacts, _ context: ValidationContext) -> Diagnostic.Note {
        Diagnostic.Note(
            path: source.displayPath, range: nil, messageKey: ValidationText.comparedWith.rawValue,
            arguments: [
                "source": source.locale,
                "revision": context.revisions.revision(of: source.absolutePath, includes: source.includes),
            ])
    }
}
