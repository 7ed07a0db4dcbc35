import WaymarkCore

/// What the cross-article rules need to know about one article, kept after its tree is dropped so
/// that memory stays bounded on large corpora.
struct DocumentFacts: Sendable {
    struct StepFacts: Sendable, Hashable {
        var id: String
        var range: SourceRange
        var alertKinds: [AlertKind]
        var uiLabels: [String]
        var line: String?
    }

    /// A link to a fragment of an article: `#anchor` in this file or `other.md#anchor`.
    struct FragmentLink: Sendable, Hashable {
        /// Tree-relative path of the target article.
        var target: String
        var fragment: String
        var range: SourceRange?
        /// Tree-relative path of the include the link is written in, when it is not the article.
        var file: String?
        var line: String?
    }

    /// A word that starts with a dotless capital I in Turkish prose (`Iş`), and where.
    struct DotlessWord: Sendable, Hashable {
        var word: String
        var range: SourceRange
        var line: String
    }

    /// A structural element of an article that translations keep.
    enum Part: String, Sendable, Hashable, CaseIterable {
        case roles, prerequisites, consequences, nextSteps, procedures
    }

    var displayPath: String
    var treePath: String
    var locale: String
    var key: String
    var isSource: Bool
    var disabled: InlineDisable
    var frontMatterRange: SourceRange
    var frontMatterLine: String?
    var openLocFileHash: String?
    var lastHandoff: CalendarDate?
    var lastHandoffRange: SourceRange?
    var recordedSourceHash: String?
    var recordedSourceHashRange: SourceRange?
    /// The article's file, for what is worked out from its text only when a rule asks: the
    /// content hash a translation's `waymark.source-hash` is compared with.
    var absolutePath: String
    var parts: Set<Part>
    var procedures: [String]
    var steps: [StepFacts]
    var linkTargets: [LinkReference]
    var explicitAnchors: [String]
    var anchors: Set<String>
    var fragmentLinks: [FragmentLink]
    var dotlessWords: [DotlessWord]
    /// Lower-cased words of Turkish prose that start with a dotted i (`iş`, `i̇lişki` folded to `ilişki`).
    var dottedWords: Set<String>
    /// Lower-cased words that start with a dotless ı (`ırak`).
    var dotlessLowerWords: Set<String>
}

extension DocumentFacts {
    /// Steps by StepID (the first, should an id repeat), for aligning a translation with its source.
    var stepsByID: [String: StepFacts] { Dictionary(steps.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
}
