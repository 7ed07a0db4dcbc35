import Dispatch
import Foundation
import Synchronization
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// An article's facts read from the fact cache keep the part only its own key's rules read as
/// the cache holds it, and decode it when a rule first asks: what a rule then reads is what the
/// facts were made with, whichever thread asks first, and bytes that do not decode never crash.
@Suite struct DocumentFactsCodingTests {
    static func facts(_ numbers: inout SeededNumbers) -> DocumentFacts {
        let texts = ["", "x", "İş Ortağı Merkezi", "partner-center/account-settings/a-rather-long-path.md", "#Başlık"]
        func text() -> String { texts[numbers.next(texts.count)] }
        func range() -> SourceRange {
            SourceRange(line: numbers.next(5_000) + 1, column: numbers.next(80) + 1, endColumn: numbers.next(200) + 1)
        }
        func maybe<T>(_ make: () -> T) -> T? { numbers.next(3) == 0 ? nil : make() }
        func list<T>(_ most: Int, _ make: () -> T) -> [T] { (0..<numbers.next(most + 1)).map { _ in make() } }
        var keyLines: [String: String] = [:]
        for key in ["ms.lasthandoff", "ms.sourcegitcommit", "waymark.source-hash"] where numbers.next(2) == 0 {
            keyLines[key] = key + ": " + text()
        }
        let fragmentLinks = list(6) {
            var link = DocumentFacts.FragmentLink(
                target: text(), fragment: text(), range: maybe(range), file: maybe(text))
            link.line = maybe(text).map(DocumentFacts.KeptLine.text)
            return link
        }
        return DocumentFacts(
            displayPath: "docs/" + text(), treePath: text(), locale: ["en-us", "tr-tr", "hu-hu"][numbers.next(3)],
            key: text(), isSource: numbers.next(2) == 0, disabled: InlineDisable(), frontMatterRange: range(),
            frontMatterLine: maybe(text), openLocFileHash: maybe(text),
            lastHandoff: maybe { CalendarDate(year: 2020 + numbers.next(6), month: 1 + numbers.next(12), day: 1)! },
            lastHandoffRange: maybe(range), recordedSourceHash: maybe(text), recordedSourceHashRange: maybe(range),
            absolutePath: "/tree/" + text(),
            parts: Set(DocumentFacts.Part.allCases.filter { _ in numbers.next(2) == 0 }),
            procedures: list(3, text), steps: EncodedSteps(EncodedStepsTests.steps(&numbers, count: numbers.next(5))),
            linkTargets: list(8) { DocumentFacts.Link(target: text(), range: maybe(range)) },
            explicitAnchors: list(4, text), anchors: list(12, text), fragmentLinks: fragmentLinks,
            dotlessWords: list(3) { DocumentFacts.DotlessWord(word: "Iş" + text(), range: range(), line: text()) },
            dottedWords: WordBag(), dotlessLowerWords: WordBag(),
            numberedLists: list(3) {
                DocumentFacts.NumberedList(
                    start: numbers.next(2_030), items: numbers.next(9), isOneParagraph: numbers.next(2) == 0,
                    marker: maybe(range), markerText: text(), insideOrdered: numbers.next(2) == 0,
                    isSteps: numbers.next(2) == 0,
                    firstItem: maybe { SourceLocation(line: numbers.next(99), column: 1) },
                    line: maybe(text))
            },
            sourceGitCommit: maybe(text), sourceGitCommitRange: maybe(range), keyLines: keyLines,
            includes: list(3) { "/tree/includes/" + text() })
    }

    /// The facts' first part, then their steps and details, as a check holds them.
    static func encoded(_ facts: DocumentFacts) -> [UInt8] {
        var e = FactEncoder()
        var tail = FactEncoder()
        facts.encode(into: &e, tail: &tail)
        return e.bytes + tail.bytes
    }

    /// How many bytes of `encoded(facts)` are the first part (the links follow it).
    static func firstPartLength(of facts: DocumentFacts) -> Int {
        var e = FactEncoder()
        var tail = FactEncoder()
        facts.encode(into: &e, tail: &tail)
        return e.bytes.count
    }

    /// The facts of `bytes` read as a run reads them: the first part, then the steps and details
    /// after it, from `d` or (with `d.stepsFile`) left in the file.
    static func decode(_ d: inout FactDecoder) throws(FactDecoder.Damaged) -> DocumentFacts {
        let head = try DocumentFacts.Head(from: &d)
        return try DocumentFacts(head, tail: &d, at: d.offset)
    }

    static func decoded(_ bytes: [UInt8]) throws -> DocumentFacts {
        try bytes.withUnsafeBytes { raw throws(FactDecoder.Damaged) in
            var d = FactDecoder(raw)
            let facts = try decode(&d)
            #expect(d.isAtEnd)
            return facts
        }
    }

    /// The first part of `made`'s facts, without words or includes, saying what its steps, details
    /// and links are (their number, length and hash) as given: by default, links that are none.
    static func firstPart(
        of made: DocumentFacts, steps: (count: Int, length: Int, hash: UInt64), details: (length: Int, hash: UInt64),
        links: (length: Int, hash: UInt64) = (DocumentFacts.noLinks.count, FactCache.hash(DocumentFacts.noLinks))
    ) -> FactEncoder {
        var e = FactEncoder()
        e.string(made.displayPath)
        e.string(made.treePath)
        e.string(made.locale)
        e.string(made.key)
        e.bool(made.isSource)
        e.unsigned(UInt64(steps.count))
        e.unsigned(UInt64(steps.length))
        e.unsigned(UInt64(details.length))
        e.fixed(steps.hash)
        e.unsigned(UInt64(links.length))
        e.fixed(links.hash)
        WordBag().encode(into: &e)
        WordBag().encode(into: &e)
        e.strings([])
        e.fixed(details.hash)
        return e
    }

    /// What each rule reads, as text, to compare made facts with read ones.
    static func described(_ f: DocumentFacts) -> [String] {
        [
            f.displayPath, f.treePath, f.locale, f.key, "\(f.isSource)", "\(f.frontMatterRange)",
            "\(f.frontMatterLine as Any)", "\(f.openLocFileHash as Any)", "\(f.lastHandoff as Any)",
            "\(f.lastHandoffRange as Any)", "\(f.recordedSourceHash as Any)", "\(f.recordedSourceHashRange as Any)",
            "\(f.sourceGitCommit as Any)", "\(f.sourceGitCommitRange as Any)",
            "\(f.keyLines.sorted { $0.key < $1.key })",
            f.absolutePath, "\(f.parts.map(\.rawValue).sorted())", "\(f.procedures)", "\(f.steps)", "\(f.linkTargets)",
            "\(f.explicitAnchors)", "\(f.anchors)",
            "\(f.fragmentLinks.map { [$0.target, $0.fragment, "\($0.range as Any)", "\($0.file as Any)", "\($0.line?.text as Any)"] })",
            "\(f.dotlessWords)", "\(f.numberedLists)", "\(f.includes)",
        ]
    }

    /// A long string read again from one decoder, among the last few read, is the one read before
    /// (one copy held, not one per reading); others, of the same length or not, are their own; bytes
    /// that are not UTF-8 read as their repair, and are not shared.
    @Test func longStringsReadAgainAreTheOnesReadBefore() throws {
        let long = "partner-center/account-settings/a-rather-long-path.md"
        let sameLength = String(long.reversed())
        let broken: [UInt8] = Array("an invalid byte follows: ".utf8) + [0xFF]
        var e = FactEncoder()
        for text in [long, sameLength, "short", long, sameLength] { e.string(text) }
        e.unsigned(UInt64(broken.count))
        e.raw(broken)
        e.unsigned(UInt64(broken.count))
        e.raw(broken)
        try e.bytes.withUnsafeBytes { raw in
            var d = FactDecoder(raw)
            let read = try (0..<7).map { _ in try d.string() }
            #expect(
                read == [long, sameLength, "short", long, sameLength]
                    + Array(repeating: "an invalid byte follows: \u{FFFD}", count: 2))
            func storage(_ text: String) -> UnsafeRawPointer? {
                text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
            }
            #expect(storage(read[0]) != nil && storage(read[3]) == storage(read[0]))
            #expect(storage(read[4]) == storage(read[1]) && storage(read[1]) != storage(read[0]))
            #expect(storage(read[6]) != storage(read[5]))
        }
    }

    @Test func factsReadFromTheCacheAreTheFactsMade() throws {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        for round in 0..<200 {
            let made = Self.facts(&numbers)
            let bytes = Self.encoded(made)
            let read = try Self.decoded(bytes)
            // Written again before a rule asked for its details, and after: the same bytes.
            #expect(Self.encoded(read) == bytes, "seed \(seed), round \(round)")
            #expect(Self.described(read) == Self.described(made), "seed \(seed), round \(round)")
            #expect(Self.encoded(read) == bytes, "seed \(seed), round \(round)")
        }
    }

    /// A cache forged with a matching checksum can hold details that do not decode: they read as
    /// none, and every cut of them is refused without reading past their end.
    @Test func detailsThatDoNotDecodeReadAsEmpty() throws {
        var numbers = SeededNumbers()
        let made = Self.facts(&numbers)
        let details = made.details.encoded()
        #expect(DocumentFacts.Details.decode(details) != nil)
        for cut in 0..<details.count {
            #expect(DocumentFacts.Details.decode(Array(details[0..<cut])) == nil, "cut at \(cut)")
        }
        #expect(DocumentFacts.Details.decode(details + [0]) == nil)
        // Facts whose details are cut short (with their length written to match) still read,
        // and their details are empty.
        let steps = made.encodedSteps.encoded()
        let stepBytes = steps.count > 0 ? steps.bytes : []
        let cut = Array(details.prefix(details.count / 2))
        let e = Self.firstPart(
            of: made, steps: (steps.count, stepBytes.count, FactCache.hash(stepBytes)),
            details: (cut.count, FactCache.hash(cut)))
        let read = try Self.decoded(e.bytes + DocumentFacts.noLinks + stepBytes + cut)
        #expect(read.displayPath == made.displayPath)
        #expect(read.anchors.isEmpty && read.fragmentLinks.isEmpty && read.keyLines.isEmpty)
        #expect(read.details === DocumentFacts.Details.empty)
    }

    /// Facts read from the cache's file leave their details and links there, with their hashes:
    /// read when a rule asks, they are the ones made, and written again they are the same bytes;
    /// details or links whose bytes changed in the file since read as none, and the file is told.
    @Test func detailsLeftInTheCacheFileComeBackAsTheyWentIn() throws {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        for round in 0..<20 {
            let made = Self.facts(&numbers)
            let payload = Self.encoded(made)
            let file = try CacheFileFixture(holding: payload)
            func decode() throws -> DocumentFacts {
                try payload.withUnsafeBytes { raw throws(FactDecoder.Damaged) in
                    var d = FactDecoder(raw)
                    d.stepsFile = (file.cached, file.offset, file.offset + payload.count)
                    return try Self.decode(&d)
                }
            }
            let read = try decode()
            #expect(Self.encoded(read) == payload, "seed \(seed), round \(round)")
            #expect(Self.described(read) == Self.described(made), "seed \(seed), round \(round)")

            // The last byte of the details (the last of the facts) changed in the file, before a
            // rule asked: no details.
            let again = try decode()
            file.change(at: payload.count - 1, to: payload[payload.count - 1] ^ 0x5A)
            #expect(again.details === DocumentFacts.Details.empty, "seed \(seed), round \(round)")
            #expect(again.anchors.isEmpty && again.keyLines.isEmpty)
            #expect(file.cached.damaged.count == 1)
            // The links' last byte too (they come first after the first part): no links, and the
            // file told again. The facts read before keep the details they decoded, and links
            // read once stay as they were read.
            let linksEnd = Self.firstPartLength(of: made) + made.encodedLinks.count - 1
            file.change(at: linksEnd, to: payload[linksEnd] ^ 0x5A)
            #expect(again.linkTargets.isEmpty, "seed \(seed), round \(round)")
            #expect(file.cached.damaged.count == 2)
            #expect(read.linkTargets == made.linkTargets, "seed \(seed), round \(round)")
            #expect(Self.described(read) == Self.described(made), "seed \(seed), round \(round)")
            // Links whose bytes match their hash but are not links (a forged file): none, and
            // the file told.
            let forged = Self.firstPart(
                of: made, steps: (0, 0, FactCache.hash([])), details: (0, FactCache.hash([])),
                links: (2, FactCache.hash([5, 1]))
            ).bytes
            let other = try CacheFileFixture(holding: forged + [5, 1])
            let odd = try forged.withUnsafeBytes { raw throws(FactDecoder.Damaged) in
                var d = FactDecoder(raw)
                d.stepsFile = (other.cached, other.offset, other.offset + forged.count + 2)
                return try Self.decode(&d)
            }
            #expect(odd.linkTargets.isEmpty && other.cached.damaged.count == 1)
        }
    }

    /// A run that counts every article's links reads them with the check's first part: they are
    /// compared and checked then, and neither read from the file again nor left there; links
    /// read so that do not match their hash refuse the check.
    @Test func linksReadWithTheFirstPartAreTakenFromThere() throws {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        for round in 0..<20 {
            let made = Self.facts(&numbers)
            let payload = Self.encoded(made)
            let head = Self.firstPartLength(of: made)
            let file = try CacheFileFixture(holding: payload)
            func decode(_ bytes: [UInt8]) throws -> DocumentFacts {
                try bytes.withUnsafeBytes { raw throws(FactDecoder.Damaged) in
                    var d = FactDecoder(UnsafeRawBufferPointer(rebasing: raw[0..<head]))
                    d.stepsFile = (file.cached, file.offset, file.offset + payload.count)
                    d.readAhead = UnsafeRawBufferPointer(rebasing: raw[head...])
                    return try Self.decode(&d)
                }
            }
            let read = try decode(payload)
            // The file's copy of the links changed since: what was read ahead stands.
            let linksEnd = head + made.encodedLinks.count - 1
            file.change(at: linksEnd, to: payload[linksEnd] ^ 0x5A)
            #expect(read.linkTargets == made.linkTargets, "seed \(seed), round \(round)")
            #expect(file.cached.damaged.isEmpty)
            // Read ahead as they are not: the check is refused.
            var damaged = payload
            damaged[linksEnd] ^= 0x5A
            #expect((try? decode(damaged)) == nil, "seed \(seed), round \(round)")
            // Fewer bytes read ahead than the links take: left in the file, as without.
            let short = try payload.withUnsafeBytes { raw throws(FactDecoder.Damaged) in
                var d = FactDecoder(UnsafeRawBufferPointer(rebasing: raw[0..<head]))
                d.stepsFile = (file.cached, file.offset, file.offset + payload.count)
                d.readAhead = UnsafeRawBufferPointer(rebasing: raw[head..<linksEnd])
                return try Self.decode(&d)
            }
            #expect(short.linkTargets.isEmpty && file.cached.damaged.count == 1, "seed \(seed), round \(round)")
        }
    }

    /// A first part read from the cache's file whose steps and details would not end where the
    /// check ends (a forged length) is refused before anything is read or made room for.
    @Test func lengthsPastTheCheckAreRefused() throws {
        var numbers = SeededNumbers()
        let made = Self.facts(&numbers)
        let payload = Self.encoded(made)
        let file = try CacheFileFixture(holding: payload)
        let forged = Self.firstPart(of: made, steps: (1, 1 << 39, 0), details: (1 << 39, 0)).bytes
        // (Where a check ends comes from the index, which holds it within the file.)
        let read = forged.withUnsafeBytes { raw in
            var d = FactDecoder(raw)
            d.stepsFile = (file.cached, file.offset, file.offset + payload.count)
            return try? Self.decode(&d)
        }
        #expect(read == nil)
        // In memory, the lengths are held to the bytes there are.
        #expect((try? Self.decoded(forged)) == nil)
    }

    /// Rules on several threads asking one article's details at once share one decoding.
    @Test func threadsAskingAtOnceGetOneDecoding() throws {
        var numbers = SeededNumbers()
        let made = Self.facts(&numbers)
        let read = try Self.decoded(Self.encoded(made))
        let seen = Mutex<[ObjectIdentifier]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let details = read.details
            seen.withLock { $0.append(ObjectIdentifier(details)) }
        }
        let all = seen.withLock { $0 }
        #expect(all.count == 16 && Set(all).count == 1)
        #expect(Self.described(read) == Self.described(made))
    }
}
