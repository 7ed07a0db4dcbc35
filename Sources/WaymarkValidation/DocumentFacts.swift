import Synchronization
import WaymarkCore

/// What the cross-article rules need to know about one article, kept after its tree is dropped so
/// that memory stays bounded on large corpora.
///
/// A class: each corpus rule walks every article or every source-translation pair, and a copy of
/// a reference is one count, where a copy of these two dozen fields was two dozen.
final class DocumentFacts: Sendable {
    struct StepFacts: Sendable, Hashable {
        var id: String
        var range: SourceRange
        var kind: StepKind
        /// 0 for a step of the procedure's list, 1 for its sub-steps, and so on.
        var depth: Int
        var alertKinds: [AlertKind]
        /// Where each alert's marker line is, in `alertKinds`' order.
        var alertRanges: [SourceRange]
        var uiLabels: [String]
        /// Where each label is written, in `uiLabels`' order.
        var labelRanges: [SourceRange?]
        /// Link targets as compared across locales, sorted.
        var linkTargets: [String]
        /// Code spans: commands and names are not translated.
        var code: [String]
        /// The step's text as the reader sees it, labels in bold, shortened for messages.
        var text: String
        var line: String?
    }

    /// Where a link of the article leads, as compared across locales, and where it is written.
    /// (Not its text: a translation's link text differs by design, and no rule compares it.)
    struct Link: Sendable, Hashable {
        var target: String
        /// Where it is written, in 32-bit numbers: an article's links are the largest list of its
        /// facts after the steps, and a `SourceRange?` would make each 56 bytes, not 32. The
        /// start's line is kept plus one, 0 for none.
        private var startLine: UInt32
        private var startColumn: UInt32
        private var endLine: UInt32
        private var endColumn: UInt32

        init(target: String, range: SourceRange?) {
            self.target = target
            startLine = range.map { UInt32(clamping: $0.start.line + 1) } ?? 0
            startColumn = UInt32(clamping: range?.start.column ?? 0)
            endLine = UInt32(clamping: range?.end.line ?? 0)
            endColumn = UInt32(clamping: range?.end.column ?? 0)
        }

        var range: SourceRange? {
            guard startLine > 0 else { return nil }
            return SourceRange(
                start: SourceLocation(line: Int(startLine) - 1, column: Int(startColumn)),
                end: SourceLocation(line: Int(endLine), column: Int(endColumn)))
        }
    }

    /// An article's links as made, or as the fact cache encodes them: their number, then each
    /// one's target (its length and UTF-8) and place. `encoded` bytes were checked when read; a
    /// reused check's links stay in the cache's file until a rule asks (`StoredLinks`).
    enum LinkStore: Sendable {
        case made([Link])
        case encoded([UInt8])
        case stored(StoredLinks)
    }

    /// A reused check's links where they are in the fact cache's file, read, compared with their
    /// hash and checked field by field the first time a rule asks for them (a cached run after a
    /// few edits reads only the links of the articles the edits reach). Links that cannot be
    /// read, or are not what was put there, read as none, and the store is told (`StepStore`):
    /// the run that met them does not report what it made of them.
    final class StoredLinks: Sendable {
        private let place: EncodedSteps.Spilled
        private let read = Mutex<[UInt8]?>(nil)

        init(_ place: EncodedSteps.Spilled) { self.place = place }

        /// The links' bytes, every field checked (an empty list's when they could not be had).
        var bytes: [UInt8] {
            read.withLock { read in
                if let read { return read }
                var loaded = place.load() ?? DocumentFacts.noLinks
                let whole = loaded.withUnsafeBytes { raw in
                    var d = FactDecoder(raw)
                    return (try? DocumentFacts.skipLinks(&d) { _ in }) != nil && d.isAtEnd
                }
                if !whole {
                    place.spill.failed(offset: place.offset)
                    loaded = DocumentFacts.noLinks
                }
                read = loaded
                return loaded
            }
        }
    }

    /// The encoding of no links.
    static let noLinks: [UInt8] = [0]

    /// The links' bytes as `LinkStore.encoded` holds them, read or encoded.
    var encodedLinks: [UInt8] {
        switch links {
        case .made(let links):
            var e = FactEncoder(capacity: 16 + links.count * 48)
            DocumentFacts.encode(links, into: &e)
            return e.bytes
        case .encoded(let bytes): return bytes
        case .stored(let stored): return stored.bytes
        }
    }

    /// Where the article's links lead, in its order (decoded anew from the cache's bytes).
    var linkTargets: [Link] {
        switch links {
        case .made(let links): return links
        case .encoded, .stored:
            return encodedLinks.withUnsafeBytes { raw in
                var d = FactDecoder(raw)
                return (try? DocumentFacts.decodeLinks(&d)) ?? []
            }
        }
    }

    /// Calls `body` with the UTF-8 of each link's target, in order, read in place.
    func forEachLinkTarget(_ body: (UnsafeRawBufferPointer) -> Void) {
        switch links {
        case .made(let links):
            for link in links {
                var target = link.target
                target.withUTF8 { body(UnsafeRawBufferPointer($0)) }
            }
        case .encoded, .stored:
            encodedLinks.withUnsafeBytes { raw in
                var d = FactDecoder(raw)
                _ = try? DocumentFacts.skipLinks(&d, each: body)
            }
        }
    }

    /// A link to a fragment of an article: `#anchor` in this file or `other.md#anchor`.
    struct FragmentLink: Sendable {
        /// Tree-relative path of the target article.
        var target: String
        var fragment: String
        var range: SourceRange?
        /// Tree-relative path of the include the link is written in, when it is not the article.
        var file: String?
        var line: KeptLine?
    }

    /// A line a finding may quote: most never are (a link's anchor is there), so a run that
    /// spills its steps writes them to the same file, and reads one back when it is quoted.
    enum KeptLine: Sendable {
        case text(String)
        case spilled(StepSpill, offset: Int, count: Int)

        /// The line, or nil when the file cannot give it back.
        var text: String? {
            switch self {
            case .text(let line): line
            case .spilled(let spill, let offset, let count):
                spill.load(offset: offset, count: count).map { String(decoding: $0, as: UTF8.self) }
            }
        }

        /// `lines` kept: written to `spill` in one piece when there is one and it takes them, as
        /// they are otherwise.
        static func keep(_ lines: [String?], in spill: StepSpill?) -> [KeptLine?] {
            guard let spill, lines.contains(where: { $0 != nil }) else { return lines.map { $0.map(KeptLine.text) } }
            var bytes: [UInt8] = []
            var places: [(start: Int, count: Int)?] = []
            places.reserveCapacity(lines.count)
            for line in lines {
                guard var line else {
                    places.append(nil)
                    continue
                }
                let start = bytes.count
                line.withUTF8 { bytes.append(contentsOf: $0) }
                places.append((start, bytes.count - start))
            }
            guard let offset = spill.store(bytes) else { return lines.map { $0.map(KeptLine.text) } }
            return places.map { place in place.map { .spilled(spill, offset: offset + $0.start, count: $0.count) } }
        }
    }

    /// A word that starts with a dotless capital I in Turkish prose (`Iş`), and where.
    struct DotlessWord: Sendable, Hashable {
        var word: String
        var range: SourceRange
        var line: String
    }

    /// An ordered list: where its first marker is written (`2020.`) and what it holds.
    struct NumberedList: Sendable, Hashable {
        var start: Int
        var items: Int
        /// The first item is one paragraph: what a sentence that begins with a number becomes.
        var isOneParagraph: Bool
        /// The marker's digits and delimiter on its line, when they are written as parsed.
        var marker: SourceRange?
        var markerText: String
        /// Inside an item of an ordered list: a list here is a step's sub-steps.
        var insideOrdered: Bool
        /// The list is a procedure's steps or sub-steps.
        var isSteps: Bool
        var firstItem: SourceLocation?
        var line: String?
    }

    /// A structural element of an article that translations keep.
    enum Part: String, Sendable, Hashable, CaseIterable {
        case roles, prerequisites, consequences, nextSteps, procedures
    }

    // What every run reads of every article: where it is, its locale and key, what it includes,
    // where its links lead (the links the localization pipeline adds are counted over the whole
    // tree), its Turkish words (evidence for the whole tree), and its steps (already bytes).
    let displayPath: String
    let treePath: String
    let locale: String
    let key: String
    let isSource: Bool
    /// The steps, kept as bytes: the largest part of the facts, read only by the rules that
    /// compare a source article's steps with a translation's, one group at a time.
    let encodedSteps: EncodedSteps
    /// Where its links lead: as made, or as the fact cache holds them (`linkTargets` decodes
    /// them). A cached run whose memo gives the links the localization pipeline adds reads only
    /// the links of the articles a change reaches; one that counts them reads every article's
    /// targets as bytes, and only the rules of the articles a change reaches decode them.
    let links: LinkStore
    /// Lower-cased words of Turkish prose that start with a dotted i (`iş`, `İlişki` folded to `ilişki`).
    let dottedWords: WordBag
    /// Words written in lower case that start with a dotless ı (`ırak`).
    let dotlessLowerWords: WordBag
    /// The files the article includes (absolute paths, nested includes too): part of the text
    /// its translations are compared with, and of the revision that text is at.
    let includes: [String]

    /// The rest, which only the rules of the article's own key (and links into it) read: made
    /// with the facts, or, for facts taken from the fact cache, kept as the cache holds them and
    /// decoded the first time a rule asks. A cached run after a small change reports most
    /// articles' cross-locale findings from its memo and asks for few.
    let store: DetailsStore

    var details: Details {
        switch store {
        case .made(let details): details
        case .encoded(let lazy): lazy.value
        }
    }

    var disabled: InlineDisable { details.disabled }
    var frontMatterRange: SourceRange { details.frontMatterRange }
    var frontMatterLine: String? { details.frontMatterLine }
    var openLocFileHash: String? { details.openLocFileHash }
    var lastHandoff: CalendarDate? { details.lastHandoff }
    var lastHandoffRange: SourceRange? { details.lastHandoffRange }
    var recordedSourceHash: String? { details.recordedSourceHash }
    var recordedSourceHashRange: SourceRange? { details.recordedSourceHashRange }
    /// The source commit a localized Learn article records it was translated from.
    var sourceGitCommit: String? { details.sourceGitCommit }
    var sourceGitCommitRange: SourceRange? { details.sourceGitCommitRange }
    /// The lines of the front-matter keys the cross-locale rules point at, by key.
    var keyLines: [String: String] { details.keyLines }
    /// The article's file, for what is worked out from its text only when a rule asks: the
    /// content hash a translation's `waymark.source-hash` is compared with.
    var absolutePath: String { details.absolutePath }
    var parts: Set<Part> { details.parts }
    var procedures: [String] { details.procedures }
    var explicitAnchors: [String] { details.explicitAnchors }
    /// Every anchor, lower-cased: a few an article, searched in turn rather than hashed.
    var anchors: [String] { details.anchors }
    var fragmentLinks: [FragmentLink] { details.fragmentLinks }
    var dotlessWords: [DotlessWord] { details.dotlessWords }
    var numberedLists: [NumberedList] { details.numberedLists }

    /// The facts only the rules of the article's key read.
    final class Details: Sendable {
        let disabled: InlineDisable
        let frontMatterRange: SourceRange
        let frontMatterLine: String?
        let openLocFileHash: String?
        let lastHandoff: CalendarDate?
        let lastHandoffRange: SourceRange?
        let recordedSourceHash: String?
        let recordedSourceHashRange: SourceRange?
        let sourceGitCommit: String?
        let sourceGitCommitRange: SourceRange?
        let keyLines: [String: String]
        let absolutePath: String
        let parts: Set<Part>
        let procedures: [String]
        let explicitAnchors: [String]
        let anchors: [String]
        let fragmentLinks: [FragmentLink]
        let dotlessWords: [DotlessWord]
        let numberedLists: [NumberedList]

        init(
            disabled: InlineDisable, frontMatterRange: SourceRange, frontMatterLine: String?,
            openLocFileHash: String?, lastHandoff: CalendarDate?, lastHandoffRange: SourceRange?,
            recordedSourceHash: String?, recordedSourceHashRange: SourceRange?, sourceGitCommit: String?,
            sourceGitCommitRange: SourceRange?, keyLines: [String: String], absolutePath: String, parts: Set<Part>,
            procedures: [String], explicitAnchors: [String], anchors: [String], fragmentLinks: [FragmentLink],
            dotlessWords: [DotlessWord], numberedLists: [NumberedList]
        ) {
            self.disabled = disabled
            self.frontMatterRange = frontMatterRange
            self.frontMatterLine = frontMatterLine
            self.openLocFileHash = openLocFileHash
            self.lastHandoff = lastHandoff
            self.lastHandoffRange = lastHandoffRange
            self.recordedSourceHash = recordedSourceHash
            self.recordedSourceHashRange = recordedSourceHashRange
            self.sourceGitCommit = sourceGitCommit
            self.sourceGitCommitRange = sourceGitCommitRange
            self.keyLines = keyLines
            self.absolutePath = absolutePath
            self.parts = parts
            self.procedures = procedures
            self.explicitAnchors = explicitAnchors
            self.anchors = anchors
            self.fragmentLinks = fragmentLinks
            self.dotlessWords = dotlessWords
            self.numberedLists = numberedLists
        }
    }

    enum DetailsStore: Sendable {
        case made(Details)
        case encoded(EncodedDetails)
    }

    /// Details as the fact cache holds them, decoded once, on first use, by whichever thread asks
    /// first: as bytes, or left in the fact cache's file with their hash (a reused file's details
    /// are a third of its check, and a cached run after a small change reads few of them). The
    /// bytes were read from an entry whose checksum matched; bytes that still do not decode (a
    /// cache forged with a matching checksum), or that no longer match their hash when read from
    /// the file, give empty details, never a crash.
    final class EncodedDetails: Sendable {
        private enum State {
            case bytes([UInt8])
            case file(EncodedSteps.Spilled)
            case decoded(Details)
        }
        private let state: Mutex<State>

        init(_ bytes: [UInt8]) { state = Mutex(.bytes(bytes)) }

        init(file: EncodedSteps.Spilled) { state = Mutex(.file(file)) }

        var value: Details {
            state.withLock { state in
                switch state {
                case .decoded(let details): return details
                case .bytes(let bytes):
                    let details = Details.decode(bytes) ?? Details.empty
                    state = .decoded(details)
                    return details
                case .file(let place):
                    let details = place.load().flatMap(Details.decode) ?? Details.empty
                    state = .decoded(details)
                    return details
                }
            }
        }

        /// The bytes the details encode to: as read while they are not decoded.
        var bytes: [UInt8] {
            state.withLock { state in
                switch state {
                case .bytes(let bytes): return bytes
                case .file(let place): return place.load() ?? Details.empty.encoded()
                case .decoded(let details): return details.encoded()
                }
            }
        }
    }

    init(
        displayPath: String,
        treePath: String,
        locale: String,
        key: String,
        isSource: Bool,
        steps: EncodedSteps,
        links: LinkStore,
        dottedWords: WordBag,
        dotlessLowerWords: WordBag,
        includes: [String],
        details: DetailsStore
    ) {
        self.displayPath = displayPath
        self.treePath = treePath
        self.locale = locale
        self.key = key
        self.isSource = isSource
        self.encodedSteps = steps
        self.links = links
        self.dottedWords = dottedWords
        self.dotlessLowerWords = dotlessLowerWords
        self.includes = includes
        self.store = details
    }

    convenience init(
        displayPath: String,
        treePath: String,
        locale: String,
        key: String,
        isSource: Bool,
        disabled: InlineDisable,
        frontMatterRange: SourceRange,
        frontMatterLine: String?,
        openLocFileHash: String?,
        lastHandoff: CalendarDate?,
        lastHandoffRange: SourceRange?,
        recordedSourceHash: String?,
        recordedSourceHashRange: SourceRange?,
        absolutePath: String,
        parts: Set<Part>,
        procedures: [String],
        steps: EncodedSteps,
        linkTargets: [Link],
        explicitAnchors: [String],
        anchors: [String],
        fragmentLinks: [FragmentLink],
        dotlessWords: [DotlessWord],
        dottedWords: WordBag,
        dotlessLowerWords: WordBag,
        numberedLists: [NumberedList] = [],
        sourceGitCommit: String? = nil,
        sourceGitCommitRange: SourceRange? = nil,
        keyLines: [String: String] = [:],
        includes: [String] = []
    ) {
        self.init(
            displayPath: displayPath, treePath: treePath, locale: locale, key: key, isSource: isSource, steps: steps,
            links: .made(linkTargets), dottedWords: dottedWords, dotlessLowerWords: dotlessLowerWords,
            includes: includes,
            details: .made(
                Details(
                    disabled: disabled, frontMatterRange: frontMatterRange, frontMatterLine: frontMatterLine,
                    openLocFileHash: openLocFileHash, lastHandoff: lastHandoff, lastHandoffRange: lastHandoffRange,
                    recordedSourceHash: recordedSourceHash, recordedSourceHashRange: recordedSourceHashRange,
                    sourceGitCommit: sourceGitCommit, sourceGitCommitRange: sourceGitCommitRange, keyLines: keyLines,
                    absolutePath: absolutePath, parts: parts, procedures: procedures, explicitAnchors: explicitAnchors,
                    anchors: anchors, fragmentLinks: fragmentLinks, dotlessWords: dotlessWords,
                    numberedLists: numberedLists)))
    }
}

extension DocumentFacts {
    /// The steps, decoded anew at each call: for a rule that reads one article's steps once.
    /// (The rules that compare steps across locales get them decoded once for all of them, in
    /// `AlignedPair`.)
    var steps: [StepFacts] { encodedSteps.decoded() }

    /// Where a finding about front-matter `key` points, and the line it quotes: the key when the
    /// article has it, else the front matter's first line.
    func place(ofKey key: String, _ range: SourceRange?) -> (range: SourceRange, line: String?) {
        guard let range else { return (frontMatterRange, frontMatterLine) }
        return (range, keyLines[key])
    }
}
