import WaymarkCore

extension DocumentFacts {
    func encode(into e: inout FactEncoder) {
        e.string(displayPath)
        e.string(treePath)
        e.string(locale)
        e.string(key)
        e.bool(isSource)
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
        encodedSteps.encode(into: &e)
        e.array(linkTargets) { e, link in
            e.string(link.target)
            e.optionalRange(link.range)
        }
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
        dottedWords.encode(into: &e)
        dotlessLowerWords.encode(into: &e)
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
        e.strings(includes)
    }

    convenience init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
        typealias Damaged = FactDecoder.Damaged
        let displayPath = try d.string()
        let treePath = try d.string()
        let locale = try d.string()
        let key = try d.sharedString()
        let isSource = try d.bool()
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
        let steps = try EncodedSteps(from: &d)
        let linkTargets = try d.array { d throws(Damaged) in
            Link(target: try d.sharedString(), range: try d.optionalRange())
        }
        let explicitAnchors = try d.sharedStrings()
        let anchors = try d.sharedStrings()
        var fragmentLines: [String?] = []
        var fragmentLinks = try d.array { d throws(Damaged) in
            let link = FragmentLink(
                target: try d.sharedString(), fragment: try d.sharedString(), range: try d.optionalRange(),
                file: try d.optionalString())
            fragmentLines.append(try d.optionalString())
            return link
        }
        // Kept where a fresh check keeps them.
        for (index, line) in KeptLine.keep(fragmentLines, in: d.stepSpill).enumerated() {
            fragmentLinks[index].line = line
        }
        let dotlessWords = try d.array { d throws(Damaged) in
            DotlessWord(word: try d.string(), range: try d.range(), line: try d.string())
        }
        let dottedWords = try WordBag(from: &d)
        let dotlessLowerWords = try WordBag(from: &d)
        let numberedLists = try d.array { d throws(Damaged) in
            NumberedList(
                start: try d.int(), items: try d.int(), isOneParagraph: try d.bool(), marker: try d.optionalRange(),
                markerText: try d.string(), insideOrdered: try d.bool(), isSteps: try d.bool(),
                firstItem: try d.optional { d throws(Damaged) in
                    SourceLocation(line: try d.int(), column: try d.int())
                },
                line: try d.optionalString())
        }
        let includes = try d.strings()
        self.init(
            displayPath: displayPath, treePath: treePath, locale: locale, key: key, isSource: isSource,
            disabled: disabled, frontMatterRange: frontMatterRange, frontMatterLine: frontMatterLine,
            openLocFileHash: openLocFileHash, lastHandoff: lastHandoff, lastHandoffRange: lastHandoffRange,
            recordedSourceHash: recordedSourceHash, recordedSourceHashRange: recordedSourceHashRange,
            absolutePath: absolutePath, parts: parts, procedures: procedures, steps: steps, linkTargets: linkTargets,
            explicitAnchors: explicitAnchors, anchors: anchors, fragmentLinks: fragmentLinks,
            dotlessWords: dotlessWords, dottedWords: dottedWords, dotlessLowerWords: dotlessLowerWords,
            numberedLists: numberedLists, sourceGitCommit: sourceGitCommit, sourceGitCommitRange: sourceGitCommitRange,
            keyLines: keyLines, includes: includes)
    }
}
