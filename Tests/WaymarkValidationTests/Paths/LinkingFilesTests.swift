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
            for file in 0..<20 {
                paths.append("f\(file).md")
                if random.next(8) == 0 {
                    checked.append(nil)
                    continue
                }
                var targets = (0..<random.next(6)).map { _ in text() }
                // Some name a page in other letters.
                if random.next(3) == 0 {
                    let sorted = pages.sorted()
                    let page = sorted[random.next(sorted.count)]
                    targets.append(random.next(2) == 0 ? page.uppercased() : page.lowercased())
                }
                checked.append(CheckedFile(facts: nil, findings: [], includes: [], targets: targets))
            }
            var expected: Set<String> = []
            var lowered = Set(pages.map(\.latinLowercased))
            for page in lowered where page.hasSuffix(".md") { lowered.insert(String(page.dropLast(3))) }
            for (index, file) in checked.enumerated() {
                let targets = file?.targets ?? []
                if targets.contains(where: { lowered.contains($0.latinLowercased) }) { expected.insert(paths[index]) }
            }
            let found = Validator.linking(to: pages, checked: checked, paths: paths)
            #expect(found == expected, "seed \(random.seed), round \(round), pages \(pages)")
        }
    }
}
