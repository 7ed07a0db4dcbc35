import WaymarkContent
import WaymarkCore

extension DocumentFacts {
    /// The facts of `document`, gathered once after its document rules ran; its steps kept in
    /// `spill` when there is one.
    static func make(
        _ document: ValidationDocument, context: ValidationContext, spill: StepSpill? = nil, includes: [String] = []
    ) -> DocumentFacts {
        let article = document.article
        // One string for each line the facts and the findings quote. (Through the table and
        // the lines, not `document.quotedLine`, whose closure would copy the whole document at
        // each call.)
        let quoted = document.quoted
        let interned = context.interned
        let table = document.lines
        func quotedLine(_ number: Int) -> String? { quoted.line(number, of: table) }
        // Made by `map`, so the list is as long as it needs to be: appending left up to half of
        // a large tree's step lists unused, for as long as the run.
        let steps = article.stepGraph.allSteps.map { StepFacts($0, line: quotedLine($0.range.start.line)) }
        var parts: Set<Part> = []
        if !article.roles.isEmpty { parts.insert(.roles) }
        if !article.prerequisites.isEmpty { parts.insert(.prerequisites) }
        if !article.consequences.isEmpty { parts.insert(.consequences) }
        if !article.nextSteps.isEmpty { parts.insert(.nextSteps) }
        if !article.stepGraph.procedures.isEmpty { parts.insert(.procedures) }

        var fragmentLinks: [FragmentLink] = []
        var fragmentLines: [String?] = []
        for reference in document.references where reference.kind == .link {
            let line = reference.file == nil ? reference.range.flatMap { quotedLine($0.start.line) } : nil
            let file = reference.file.map { document.treePath(ofFile: $0) }
            switch reference.parsed {
            // `#tab/…` is DocFX's tabbed-content syntax, not a link to an anchor.
            case .fragment(let fragment) where !fragment.isEmpty && !fragment.hasPrefix("tab/"):
                fragmentLinks.append(
                    FragmentLink(
                        target: document.treePath, fragment: interned(fragment), range: reference.range, file: file))
                fragmentLines.append(line)
            case .relative(let path, let fragment?) where !fragment.isEmpty && TreePath.isMarkdown(path):
                guard let target = document.resolve(path, in: reference.file) else { continue }
                fragmentLinks.append(
                    FragmentLink(
                        target: interned(target), fragment: interned(fragment), range: reference.range, file: file))
                fragmentLines.append(line)
            default:
                continue
            }
        }
        for (index, line) in KeptLine.keep(fragmentLines, in: spill).enumerated() { fragmentLinks[index].line = line }

        // The anchors no heading's text gives. An article has a few dozen of each at most: compared
        // in turn, not hashed (hashing a string normalizes it first, and was most of the work).
        let headingSlugs = document.headingTextAnchors
        let notFromHeadings: (String) -> Bool =
            headingSlugs.count * article.anchors.count <= 4_096
            ? { anchor in
                let length = anchor.utf8.count
                return !headingSlugs.contains { $0.utf8.count == length && $0 == anchor }
            }
            : { [slugs = Set(headingSlugs)] anchor in !slugs.contains(anchor) }
        var words = TurkishWords()
        if document.language == "tr" {
            words.scan(document)
            words.shrinkToFit()
        }

        let sourceHashEntry = article.frontMatter.entry(WaymarkKey.sourceHash)
        return DocumentFacts(
            displayPath: document.displayPath, treePath: document.treePath, locale: document.locale,
            key: interned(document.key), isSource: document.isSource, disabled: document.disabled,
            frontMatterRange: document.frontMatterRange,
            frontMatterLine: quotedLine(document.frontMatterRange.start.line),
            openLocFileHash: article.frontMatter.openLocFileHash, lastHandoff: article.frontMatter.lastHandoff,
            lastHandoffRange: article.frontMatter.entry("ms.lasthandoff")?.range,
            recordedSourceHash: sourceHashEntry?.value.string, recordedSourceHashRange: sourceHashEntry?.range,
            absolutePath: document.treeRoot + "/" + document.treePath, parts: parts,
            procedures: article.stepGraph.procedures.map(\.id),
            steps: EncodedSteps(steps, spill: spill, keepsDecoded: context.keepsStepsDecoded),
            linkTargets: article.links.map {
                Link(target: interned(LinkNormalizer.comparable($0.target)), range: $0.range)
            },
            // Lists kept for the run without the room appending left (`filter` appends too).
            explicitAnchors: article.anchors.filter(notFromHeadings).map { interned($0) },
            anchors: article.anchors.map { interned($0.latinLowercased) }, fragmentLinks: Array(exactly: fragmentLinks),
            dotlessWords: words.dotless, dottedWords: words.dotted, dotlessLowerWords: words.dotlessLower,
            numberedLists: numberedLists(document, line: quotedLine),
            sourceGitCommit: article.frontMatter.sourceGitCommit,
            sourceGitCommitRange: article.frontMatter.entry("ms.sourcegitcommit")?.range,
            keyLines: keyLines(document, line: quotedLine), includes: includes)
    }

    /// The lines of the front-matter keys the cross-locale rules point at.
    static func keyLines(_ document: ValidationDocument, line: (Int) -> String?) -> [String: String] {
        var lines: [String: String] = [:]
        for key in ["ms.lasthandoff", "ms.sourcegitcommit", WaymarkKey.sourceHash] {
            if let entry = document.article.frontMatter.entry(key), let range = entry.range,
                let line = line(range.start.line)
            {
                lines[key] = line
            }
        }
        return lines
    }

    /// The article's ordered lists (includes left to their own file), with their first marker.
    static func numberedLists(_ document: ValidationDocument, line: (Int) -> String?) -> [NumberedList] {
        var out: [NumberedList] = []
        collect(document.article.blocks, insideOrdered: false, depth: 0, line: line, into: &out)
        // A list whose item starts where a step starts is the procedure's steps or sub-steps.
        var stepStarts: Set<SourceLocation> = []
        for step in document.article.stepGraph.allSteps { stepStarts.insert(step.range.start) }
        if !stepStarts.isEmpty {
            for i in out.indices where out[i].firstItem.map(stepStarts.contains) ?? false { out[i].isSteps = true }
        }
        return Array(exactly: out)
    }

    private static func collect(
        _ blocks: [Block], insideOrdered: Bool, depth: Int, line: (Int) -> String?, into out: inout [NumberedList]
    ) {
        guard depth < 64 else { return }
        for block in blocks {
            switch block {
            case .include: continue
            case .list(let list):
                if list.ordered { out.append(numbered(list, insideOrdered: insideOrdered, line: line)) }
                for item in list.items {
                    collect(
                        item.blocks, insideOrdered: insideOrdered || list.ordered, depth: depth + 1, line: line,
                        into: &out)
                }
            default:
                block.forEachChildRun {
                    collect($0, insideOrdered: insideOrdered, depth: depth + 1, line: line, into: &out)
                }
            }
        }
    }

    private static func numbered(_ list: List, insideOrdered: Bool, line: (Int) -> String?) -> NumberedList {
        let start = list.range.start
        let line = line(start.line)
        var marker: SourceRange?
        var markerText = String(list.start) + "."
        if let line {
            let bytes = Array(line.utf8)
            var end = start.column - 1
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            if end > start.column - 1, end < bytes.count,
                bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: ")")
            {
                marker = SourceRange(line: start.line, column: start.column, endColumn: end + 2)
                markerText = String(decoding: bytes[(start.column - 1)...end], as: UTF8.self)
            }
        }
        return NumberedList(
            start: list.start, items: list.items.count, isOneParagraph: isOneParagraph(list), marker: marker,
            markerText: markerText, insideOrdered: insideOrdered, isSteps: false,
            firstItem: list.items.first?.range.start, line: line)
    }

    /// A list of one item that is a paragraph, or a list like this one (`2017. 02. 12-én`).
    private static func isOneParagraph(_ list: List) -> Bool {
        guard list.items.count == 1, let first = list.items.first, first.blocks.count == 1 else { return false }
        switch first.blocks[0] {
        case .paragraph: return true
        case .list(let inner): return inner.ordered && isOneParagraph(inner)
        default: return false
        }
    }
}

extension DocumentFacts.StepFacts {
    /// Messages quote at most this many characters of a step.
    static let quotedLength = 60

    /// `text` as a message quotes it: longer than `quotedLength` characters, its first
    /// `quotedLength - 1` and an ellipsis.
    static func quoted(_ text: String) -> String {
        guard text.utf8.count > quotedLength else { return text }
        var text = text
        // Most steps start with plain letters, each a character of its own: the cut is found in
        // the bytes. Otherwise by walking the characters (not by counting the whole text, and
        // then again to cut it).
        if let cut = text.withUTF8({ Self.simpleCut($0) }) {
            guard let cut else { return text }
            return text.withUTF8 { String(decoding: $0[..<cut], as: UTF8.self) } + "…"
        }
        guard let end = text.index(text.startIndex, offsetBy: quotedLength, limitedBy: text.endIndex),
            end != text.endIndex
        else { return text }
        return String(text[..<text.index(before: end)]) + "…"
    }

    /// Where `quoted` cuts `utf8` (`.some(nil)`: it does not), found in the bytes when the text's
    /// first `quotedLength + 1` scalars are each a character of its own: ASCII but a carriage
    /// return, or a two-byte letter from U+00C0 to U+017F (Latin-1's and Latin Extended-A's,
    /// Turkish's and Hungarian's among them). No such scalar joins the one before it or is
    /// prepended to the one after it. `nil` when another scalar comes first.
    static func simpleCut(_ utf8: UnsafeBufferPointer<UInt8>) -> Int?? {
        var i = 0
        var cut = 0
        for scalar in 0...quotedLength {
            if scalar == quotedLength - 1 { cut = i }
            guard i < utf8.count else { return .some(nil) }
            let b = utf8[i]
            if b < 0x80 {
                guard b != 0x0D else { return nil }
                i += 1
            } else if b >= 0xC3, b <= 0xC5, i + 1 < utf8.count, utf8[i + 1] & 0xC0 == 0x80 {
                i += 2
            } else {
                return nil
            }
        }
        return .some(cut)
    }

    /// `quoted(text.trimmingSpaces)` of the text whose UTF-8 is `bytes`, made from the bytes where
    /// they are cut as the string would be: white space at the ends ASCII, and a cut that
    /// `simpleCut` finds. Kept for the run, so made at its length.
    static func stepText(_ bytes: [UInt8]) -> String {
        let made = bytes.withUnsafeBufferPointer { all -> String? in
            var (start, end) = (0, all.count)
            while start < end, String.isASCIISpace(all[start]) { start += 1 }
            while end > start, String.isASCIISpace(all[end - 1]) { end -= 1 }
            // An end that is not ASCII may be white space by Unicode's list: the string's trimming.
            guard start == end || (all[start] < 0x80 && all[end - 1] < 0x80) else { return nil }
            let text = UnsafeBufferPointer(rebasing: all[start..<end])
            guard text.count > quotedLength else { return String(decoding: text, as: UTF8.self) }
            guard let cut = simpleCut(text) else { return nil }
            guard let cut else { return String(decoding: text, as: UTF8.self) }
            let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]  // …
            return String(unsafeUninitializedCapacity: cut + ellipsis.count) { out in
                guard let target = out.baseAddress, let source = text.baseAddress else { return 0 }
                target.initialize(from: source, count: cut)
                (target + cut).initialize(from: ellipsis, count: ellipsis.count)
                return cut + ellipsis.count
            }
        }
        if let made { return made }
        var text = quoted(String(decoding: bytes, as: UTF8.self).trimmingSpaces)
        // Kept for the run: a copy of its length, not the string the ellipsis was added to.
        return text.utf8.count > 15 ? text.withUTF8 { String(decoding: $0, as: UTF8.self) } : text
    }

    init(_ step: Step, line: String?) {
        var labels: [String] = []
        var labelRanges: [SourceRange?] = []
        var links: [String] = []
        var code: [String] = []
        // The text as bytes, one string made of them at the end: appending each run's text to a
        // string, and trimming each label twice, took a tenth of making an article's facts.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(step.runs.reduce(0) { $0 + $1.text.utf8.count + 4 })
        for run in step.runs {
            switch run.kind {
            case .uiLabel:
                let label = run.text.trimmingSpaces
                labels.append(label)
                labelRanges.append(run.range)
                bytes += "**".utf8
                bytes += label.utf8
                bytes += "**".utf8
            case .link(let target):
                links.append(LinkNormalizer.comparable(target))
                bytes += run.text.utf8
            case .code:
                code.append(run.text)
                bytes.append(UInt8(ascii: "`"))
                bytes += run.text.utf8
                bytes.append(UInt8(ascii: "`"))
            case .plain:
                bytes += run.text.utf8
            }
        }
        let text = Self.stepText(bytes)
        self.init(
            id: step.id.description, range: step.range, kind: step.kind, depth: max(0, step.id.path.count - 1),
            alertKinds: step.alerts.map(\.kind),
            alertRanges: step.alerts.map { SourceRange(start: $0.range.start, end: $0.range.start) },
            uiLabels: labels, labelRanges: labelRanges, linkTargets: links.sorted(), code: code, text: text,
            line: line)
    }
}

/// The hash `waymark.source-hash` records: FNV-1a 64 over the article's lines, each followed by
/// LF, in hex.
public enum ContentHash {
    /// The hash of a text: its lines each followed by LF are the text followed by one LF.
    static func of(text: String) -> String { FNV1a.contentHash(of: text) }

    /// The hash of the file at `path` as the parser reads it (line ends as LF, no byte-order
    /// mark); `nil` when it cannot be read or is too large to parse.
    static func of(fileAt path: String) -> String? {
        guard let bytes = try? FileReader.read(path, limit: ArticleParser.Options().maximumFileSize) else { return nil }
        return of(text: ArticleParser.decodedText(bytes))
    }
}

/// Link targets as compared across locales: a locale in a Learn URL (`/tr-tr/`) is not a difference.
enum LinkNormalizer {
    static func comparable(_ target: String) -> String {
        // Most targets name no locale: only a five-byte `xx-yy` component can be one.
        guard
            target.utf8Field(separatedBy: UInt8(ascii: "/"), where: { $0.count == 5 && $0[2] == UInt8(ascii: "-") })
                != nil
        else { return target.trimmingSpaces }
        var parts = target.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for i in parts.indices where ArticleParser.locale(fromPath: parts[i]) != nil {
            parts[i] = "{locale}"
        }
        // Kept for the run: a copy of its length, not the string joining grew.
        var joined = parts.joined(separator: "/").trimmingSpaces
        return joined.withUTF8 { String(decoding: $0, as: UTF8.self) }
    }
}
