import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// The files whose links name a changed page (`Validator.linking(to:)`), which a cached run and
/// `--changed-since` report again: the same files as comparing every link, lower-cased, with
/// every page, whatever the links' letters (ASCII, Turkish, Hungarian, a length that lower-casing
/// changes) and whatever their lengths.
@Suite struct LinkingFilesTests {
    static let pieces = [
        "a", "docs", "Partner", "partner-center", "İstanbul", "ıslak", "Ős", "őrség", "x.md", "Index.MD", "ǅ", "ß",
        "ẞ", "/", "../", "#",
    ]

    @Test func theFilesLinkingToAPageAreThoseWhoseLinksNameItInAnyLetters() {
        var random = SeededNumbers()
        for round in 0..<300 {
            func text() -> String {
                (0..<(1 + random.next(4))).map { _ in Self.pieces[random.next(Self.pieces.count)] }.joined()
            }
            let pages = Set((0..<(1 + random.next(3))).map { _ in text() + (random.next(2) == 0 ? ".md" : "") })
            var checked: [CheckedFile?] = []
            var paths: [String] = []
            var files: [[String]?] = []
            for file in 0..<20 {
                paths.append("f\(file).md")
                if random.next(8) == 0 {
                    checked.append(nil)
                    files.append(nil)
                    continue
                }
                var targets = (0..<random.next(6)).map { _ in text() }
                // Some name a page in other letters.
                if random.next(3) == 0 {
                    let sorted = pages.sorted()
                    let page = sorted[random.next(sorted.count)]
                    targets.append(random.next(2) == 0 ? page.uppercased() : page.lowercased())
                }
                // As a check makes them, or as a reused file's, read back from the cache's bytes.
                var kept = EncodedStrings(targets)
                if random.next(2) == 0 {
                    var e = FactEncoder()
                    kept.encode(into: &e)
                    kept = e.bytes.withUnsafeBytes { raw in
                        var d = FactDecoder(raw)
                        return (try? EncodedStrings(from: &d)) ?? []
                    }
                    #expect(kept.all == targets, "seed \(random.seed)")
                }
                checked.append(CheckedFile(facts: nil, findings: [], includes: [], targets: kept))
                files.append(targets)
            }
            var expected: Set<String> = []
            var lowered = Set(pages.map(\.latinLowercased))
            for page in lowered where page.hasSuffix(".md") { lowered.insert(String(page.dropLast(3))) }
            for (index, file) in files.enumerated() {
                let targets = file ?? []
                if targets.contains(where: { lowered.contains($0.latinLowercased) }) { expected.insert(paths[index]) }
            }
            let found = Validator.linking(to: pages, checked: checked, paths: paths)
            #expect(found == expected, "seed \(random.seed), round \(round), pages \(pages)")
        }
    }

    /// A cache's bytes cut anywhere inside the targets are refused, never read past.
    @Test func targetsCutShortAreRefused() {
        var e = FactEncoder()
        EncodedStrings(["docs/a.md", "İstanbul/b.md", ""]).encode(into: &e)
        let bytes = e.bytes
        for cut in 0..<bytes.count {
            let read = Array(bytes[..<cut]).withUnsafeBytes { raw in
                var d = FactDecoder(raw)
                return try? EncodedStrings(from: &d)
            }
            #expect(read == nil, "cut at \(cut)")
        }
    }

    /// Strings read as a slice of the bytes they are in (the fact cache's index, where other
    /// entries' fields come before and after them) are the strings written, write the same bytes
    /// again, and are refused when those bytes are cut anywhere inside them.
    @Test func stringsSharingTheBytesTheyWereReadFromAreTheStringsWritten() throws {
        let lists: [[String]] = [[], ["docs/a.md"], ["İstanbul/b.md", "", "*", "őrség/ǅ.md"]]
        var e = FactEncoder()
        e.string("before")
        for list in lists {
            EncodedStrings(list).encode(into: &e)
            e.unsigned(7)
        }
        let bytes = e.bytes
        var read: [EncodedStrings] = []
        try FactDecoder.reading(bytes) { d throws(FactDecoder.Damaged) in
            _ = try d.string()
            for _ in lists {
                read.append(try EncodedStrings(from: &d, sharing: bytes))
                #expect(try d.unsigned() == 7)
            }
        }
        #expect(read.map(\.all) == lists)
        var again = FactEncoder()
        again.string("before")
        for list in read {
            list.encode(into: &again)
            again.unsigned(7)
        }
        #expect(again.bytes == bytes)
        // The last list cut short anywhere inside it.
        var head = FactEncoder()
        head.string("before")
        for list in lists.dropLast() {
            EncodedStrings(list).encode(into: &head)
            head.unsigned(7)
        }
        let start = head.bytes.count
        for cut in start..<(bytes.count - 1) {
            let shorter = Array(bytes[..<cut])
            let last = try? FactDecoder.reading(shorter, from: start) { d throws(FactDecoder.Damaged) in
                try EncodedStrings(from: &d, sharing: shorter)
            }
            #expect(last == nil, "cut at \(cut)")
        }
    }
}
