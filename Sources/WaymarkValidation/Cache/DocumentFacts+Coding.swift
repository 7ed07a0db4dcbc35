import WaymarkCore

extension DocumentFacts {
    /// What every run reads first into `e`; the links, the steps and the details, which a run
    /// reads only for the few articles a rule compares, after it into `tail` (in that order,
    /// the links first, so that a run that counts every article's links reads them with the
    /// first part), with their lengths and hashes in `e`. A run that takes the facts from the cache reads
    /// `e`'s part alone and leaves the rest in the cache's file until a rule asks
    /// (`init(_:tail:at:)`).
    func encode(into e: inout FactEncoder, tail: inout FactEncoder) {
        e.string(displayPath)
        e.string(treePath)
        e.string(locale)
        e.string(key)
        e.bool(isSource)
        // The steps' number, their bytes' length, the details' length, the steps' hash.
        let steps = encodedSteps.encoded()
        let stepBytes = steps.count > 0 ? steps.bytes : []
        let details: [UInt8] =
            switch store {
            case .made(let details): details.encoded()
            case .encoded(let encoded): encoded.bytes
            }
        e.unsigned(UInt64(steps.count))
        e.unsigned(UInt64(stepBytes.count))
        e.unsigned(UInt64(details.count))
        e.fixed(FactCache.hash(stepBytes))
        let links = encodedLinks
        tail.raw(links)
        tail.raw(stepBytes)
        tail.raw(details)
        e.unsigned(UInt64(links.count))
        e.fixed(FactCache.hash(links))
        dottedWords.encode(into: &e)
        dotlessLowerWords.encode(into: &e)
        e.strings(includes)
        e.fixed(FactCache.hash(details))
    }

    /// The facts' first part as `encode` wrote it: everything but the steps, details and links,
    /// which it gives the length and hash of.
    struct Head {
        var displayPath: String
        var treePath: String
        var locale: String
        var key: String
        var isSource: Bool
        var stepCount: Int
        var stepsLength: Int
        var stepsHash: UInt64
        var linksLength: Int
        var linksHash: UInt64
        var dottedWords: WordBag
        var dotlessLowerWords: WordBag
        var includes: [String]
        var detailsLength: Int
        var detailsHash: UInt64

        /// The bytes of the check's tail these facts' steps, details and links take.
        var tailLength: Int { stepsLength + detailsLength + linksLength }

        init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
            typealias Damaged = FactDecoder.Damaged
            displayPath = try d.string()
            treePath = try d.string()
            locale = try d.string()
            key = try d.string()
            isSource = try d.bool()
            // Lengths of bytes after the first part: not bounded by what is left of it (`count`),
            // but by what a check can be. Each step takes at least a byte.
            let most = UInt64(1) << 40
            let (steps, length) = (try d.unsigned(), try d.unsigned())
            let details = try d.unsigned()
            guard steps <= length, length <= most, details <= most else { throw Damaged() }
            (stepCount, stepsLength) = (Int(steps), Int(length))
            stepsHash = try d.fixed()
            let links = try d.unsigned()
            guard links <= most else { throw Damaged() }
            linksLength = Int(links)
            linksHash = try d.fixed()
            dottedWords = try WordBag(from: &d)
            dotlessLowerWords = try WordBag(from: &d)
            includes = try d.strings()
            detailsLength = Int(details)
            detailsHash = try d.fixed()
        }
    }

    /// The facts of `head`, their steps, details and links `tailStart` bytes into the check.
    /// When `d` reads the check's first part from the fact cache's file (`stepsFile`) they stay
    /// there, each with its hash, until a rule reads them; otherwise `d` holds them from its
    /// offset on, and they are read and compared with their hashes here.
    convenience init(_ head: Head, tail d: inout FactDecoder, at tailStart: Int) throws(FactDecoder.Damaged) {
        typealias Damaged = FactDecoder.Damaged
        let steps: EncodedSteps
        let details: EncodedDetails
        let links: LinkStore
        if let (cache, base, end) = d.stepsFile {
            // What the first part says of the rest, held to where the check ends: a length
            // beyond it is never read (nor room made for it).
            guard base + tailStart + head.tailLength == end else { throw Damaged() }
            let stepsStart = base + tailStart + head.linksLength
            steps = EncodedSteps.inFile(
                count: head.stepCount, cache, offset: stepsStart, length: head.stepsLength, check: head.stepsHash)
            details = EncodedDetails(
                file: EncodedSteps.Spilled(
                    spill: cache, offset: stepsStart + head.stepsLength, length: head.detailsLength,
                    check: head.detailsHash))
            // Read with the first part (by a run that counts every article's links), or left in
            // the file until a rule asks.
            if d.readAhead.count >= head.linksLength {
                links = .encoded(
                    try DocumentFacts.checkedLinks(
                        UnsafeRawBufferPointer(rebasing: d.readAhead[0..<head.linksLength]), hash: head.linksHash))
            } else {
                links = .stored(
                    StoredLinks(
                        EncodedSteps.Spilled(
                            spill: cache, offset: base + tailStart, length: head.linksLength, check: head.linksHash)))
            }
        } else {
            let linksStart = d.offset
            try d.skip(head.linksLength)
            links = .encoded(try DocumentFacts.checkedLinks(d.bytes(since: linksStart), hash: head.linksHash))
            let stepsStart = d.offset
            try d.skip(head.stepsLength)
            let stepBytes = d.bytes(since: stepsStart)
            guard Hasher64.of(stepBytes) == head.stepsHash else { throw Damaged() }
            if head.stepCount > 0 {
                var s = FactDecoder(stepBytes)
                s.stepSpill = d.stepSpill
                steps = try EncodedSteps(from: &s)
                guard s.isAtEnd, steps.count == head.stepCount else { throw Damaged() }
            } else {
                steps = EncodedSteps([])
            }
            let detailsStart = d.offset
            try d.skip(head.detailsLength)
            let detailBytes = d.bytes(since: detailsStart)
            guard Hasher64.of(detailBytes) == head.detailsHash else { throw Damaged() }
            details = EncodedDetails(Array(detailBytes))
        }
        self.init(
            displayPath: head.displayPath, treePath: head.treePath, locale: head.locale, key: head.key,
            isSource: head.isSource, steps: steps, links: links, dottedWords: head.dottedWords,
            dotlessLowerWords: head.dotlessLowerWords, includes: head.includes, details: .encoded(details))
    }

    /// `bytes` as `LinkStore.encoded` keeps them: compared with `hash` and checked field by field
    /// here, so that they can be read again in place or decoded for a rule.
    static func checkedLinks(_ bytes: UnsafeRawBufferPointer, hash: UInt64) throws(FactDecoder.Damaged) -> [UInt8] {
        guard Hasher64.of(bytes) == hash else { throw FactDecoder.Damaged() }
        var d = FactDecoder(bytes)
        try DocumentFacts.skipLinks(&d) { _ in }
        guard d.isAtEnd else { throw FactDecoder.Damaged() }
        return Array(bytes)
    }

    /// `links` as `LinkStore.encoded` holds them.
    static func encode(_ links: [Link], into e: inout FactEncoder) {
        e.array(links) { e, link in
            e.string(link.target)
            e.optionalRange(link.range)
        }
    }

    /// The links `encode` wrote at `d`'s offset.
    static func decodeLinks(_ d: inout FactDecoder) throws(FactDecoder.Damaged) -> [Link] {
        try d.array { d throws(FactDecoder.Damaged) in Link(target: try d.string(), range: try d.optionalRange()) }
    }

    /// Steps over the links `encode` wrote at `d`'s offset, every field checked, handing `each`
    /// the UTF-8 of each target.
    static func skipLinks(
        _ d: inout FactDecoder, each: (UnsafeRawBufferPointer) -> Void
    ) throws(FactDecoder.Damaged) {
        let count = try d.count()
        for _ in 0..<count {
            each(try d.stringBytes())
            _ = try d.optionalRange()
        }
    }
}

extension DocumentFacts.Details {
    typealias Part = DocumentFacts.Part
    typealias FragmentLink = DocumentFacts.FragmentLink
    typealias DotlessWord = DocumentFacts.DotlessWord
    typealias NumberedList = DocumentFacts.NumberedList

    /// Details that say nothing: what bytes that do not decode stand for.
    static let empty = DocumentFacts.Details(
        disabled: InlineDisable(),
        frontMatterRange: SourceRange(start: .init(line: 0, column: 0), end: .init(line: 0, column: 0)),
        frontMatterLine: nil, openLocFileHash: nil, lastHandoff: nil, lastHandoffRange: nil, recordedSourceHash: nil,
        recordedSourceHashRange: nil, sourceGitCommit: nil, sourceGitCommitRange: nil, keyLines: [:],
        absolutePath: "", parts: [], procedures: [], explicitAnchors: [], anchors: [], fragmentLinks: [],
        dotlessWords: [], numberedLists: [])

    func encoded() -> [UInt8] {
        var e = FactEncoder(capacity: 256)
        encode(into: &e)
        return e.bytes
    }

    func encode(into e: inout FactEncoder) {
        disabled.encode(into: &e)
        e.range(frontMatterRange)
        e.optional(frontMatterLine) { $0.string($1) }
        e.optional(openLocFileHash) { $0.string($1) }
        e.optional(lastHandoff) { $0.date($1) }
        e.optionalRange(lastHandoffRange)
        e.optional(recordedSourceHash) { $0.string($1) }
        e.optionalRange(recordedSourceHashRange)
        e.optional(sourceGitCommit) { $0.string($1) }
        e.optionalRange(sourceGitCommitRange)
        e.dictionary(keyLines)
        e.string(absolutePath)
        e.array(Part.allCases.filter { parts.contains($0) }) { $0.string($1.rawValue) }
        e.strings(procedures)
        e.strings(explicitAnchors)
        e.strings(anchors)
        e.array(fragmentLinks) { e, link in
            e.string(link.target)
            e.string(link.fragment)
            e.optionalRange(link.range)
            e.optional(link.file) { $0.string($1) }
            e.optional(link.line?.text) { $0.string($1) }
        }
        e.array(dotlessWords) { e, word in
            e.string(word.word)
            e.range(word.range)
            e.string(word.line)
        }
        e.array(numberedLists) { e, list in
            e.int(list.start)
            e.int(list.items)
            e.bool(list.isOneParagraph)
            e.optionalRange(list.marker)
            e.string(list.markerText)
            e.bool(list.insideOrdered)
            e.bool(list.isSteps)
            e.optional(list.firstItem) { e, at in
                e.int(at.line)
                e.int(at.column)
            }
            e.optional(list.line) { $0.string($1) }
        }
    }

    /// The details `bytes` encode, `nil` when they are not exactly one encoding of details.
    static func decode(_ bytes: [UInt8]) -> DocumentFacts.Details? {
        bytes.withUnsafeBytes { raw in
            var d = FactDecoder(raw)
            guard let details = try? decode(from: &d), d.isAtEnd else { return nil }
            return details
        }
    }

    static func decode(from d: inout FactDecoder) throws(FactDecoder.Damaged) -> DocumentFacts.Details {
        typealias Damaged = FactDecoder.Damaged
        let disabled = try InlineDisable(from: &d)
        let frontMatterRange = try d.range()
        let frontMatterLine = try d.optionalString()
        let openLocFileHash = try d.optionalString()
        let lastHandoff = try d.optional { d throws(Damaged) in try d.date() }
        let lastHandoffRange = try d.optionalRange()
        let recordedSourceHash = try d.optionalString()
        let recordedSourceHashRange = try d.optionalRange()
        let sourceGitCommit = try d.optionalString()
        let sourceGitCommitRange = try d.optionalRange()
        let keyLines = try d.dictionary()
        let absolutePath = try d.string()
        let parts = Set(try d.array { d throws(Damaged) in try d.raw(Part.self) })
        let procedures = try d.strings()
        let explicitAnchors = try d.strings()
        let anchors = try d.strings()
        let fragmentLinks = try d.array { d throws(Damaged) in
            var link = FragmentLink(
                target: try d.string(), fragment: try d.string(), range: try d.optionalRange(),
                file: try d.optionalString())
            link.line = try d.optionalString().map(DocumentFacts.KeptLine.text)
            return link
        }
        let dotlessWords = try d.array { d throws(Damaged) in
            DotlessWord(word: try d.string(), range: try d.range(), line: try d.string())
        }
        let numberedLists = try d.array { d throws(Damaged) in
            NumberedList(
                start: try d.int(), items: try d.int(), isOneParagraph: try d.bool(), marker: try d.optionalRange(),
                markerText: try d.string(), insideOrdered: try d.bool(), isSteps: try d.bool(),
                firstItem: try d.optional { d throws(Damaged) in
                    SourceLocation(line: try d.int(), column: try d.int())
                },
                line: try d.optionalString())
        }
        return DocumentFacts.Details(
            disabled: disabled, frontMatterRange: frontMatterRange, frontMatterLine: frontMatterLine,
            openLocFileHash: openLocFileHash, lastHandoff: lastHandoff, lastHandoffRange: lastHandoffRange,
            recordedSourceHash: recordedSourceHash, recordedSourceHashRange: recordedSourceHashRange,
            sourceGitCommit: sourceGitCommit, sourceGitCommitRange: sourceGitCommitRange, keyLines: keyLines,
            absolutePath: absolutePath, parts: parts, procedures: procedures, explicitAnchors: explicitAnchors,
            anchors: anchors, fragmentLinks: fragmentLinks, dotlessWords: dotlessWords, numberedLists: numberedLists)
    }
}
