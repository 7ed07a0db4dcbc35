import WaymarkCore

extension DocumentFacts {
    /// What every run reads first, then the details as one run of bytes with its length: a run
    /// that takes the facts from the cache keeps those bytes as they are (`EncodedDetails`).
    func encode(into e: inout FactEncoder) {
        e.string(displayPath)
        e.string(treePath)
        e.string(locale)
        e.string(key)
        e.bool(isSource)
        encodedSteps.encode(into: &e)
        switch links {
        case .made(let links):
            e.array(links) { e, link in
                e.string(link.target)
                e.optionalRange(link.range)
            }
        case .encoded(let bytes): e.raw(bytes)
        }
        dottedWords.encode(into: &e)
        dotlessLowerWords.encode(into: &e)
        e.strings(includes)
        let details: [UInt8] =
            switch store {
            case .made(let details): details.encoded()
            case .encoded(let encoded): encoded.bytes
            }
        e.unsigned(UInt64(details.count))
        e.raw(details)
    }

    /// The facts as `encode` wrote them, their details left as bytes until a rule reads them.
    convenience init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
        typealias Damaged = FactDecoder.Damaged
        let displayPath = try d.string()
        let treePath = try d.string()
        let locale = try d.string()
        let key = try d.string()
        let isSource = try d.bool()
        let steps = try EncodedSteps(from: &d)
        // Kept as bytes, each field checked here: read again in place, or decoded for a rule.
        let linksStart = d.offset
        try DocumentFacts.skipLinks(&d) { _ in }
        let links = LinkStore.encoded(Array(d.bytes(since: linksStart)))
        let dottedWords = try WordBag(from: &d)
        let dotlessLowerWords = try WordBag(from: &d)
        let includes = try d.strings()
        let details: EncodedDetails
        if let (cache, base) = d.stepsFile {
            // Left in the fact cache's file, as the steps are, with their hash.
            let length = try d.count()
            let start = d.offset
            try d.skip(length)
            var hash = Hasher64()
            hash.mix(d.bytes(since: start))
            details = EncodedDetails(
                file: EncodedSteps.Spilled(spill: cache, offset: base + start, length: length, check: hash.value))
        } else {
            details = EncodedDetails(try d.bytes())
        }
        self.init(
            displayPath: displayPath, treePath: treePath, locale: locale, key: key, isSource: isSource, steps: steps,
            links: links, dottedWords: dottedWords, dotlessLowerWords: dotlessLowerWords,
            includes: includes, details: .encoded(details))
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
