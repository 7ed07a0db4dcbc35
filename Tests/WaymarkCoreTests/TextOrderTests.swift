import Testing
import WaymarkCore
import WaymarkTestSupport

/// `TextOrder` sorts as `<` does: by bytes when every string is ASCII, by `<` otherwise.
@Suite struct TextOrderTests {
    @Test func sortsAsTheStandardLibraryDoes() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        // Paths that share long beginnings, differ in one byte or in length, or repeat; now and
        // then a list with a character past ASCII (an accent written precomposed or combining,
        // which `<` holds equal, and a Turkish dotted capital I).
        let pieces = ["en-us/", "c00/", "c01/", "partner-center/", "a", "A", "-", "_", "~", "0", "9", ".md", " ", ""]
        let wider = ["é", "e\u{301}", "İ", "ı"]
        for round in 0..<300 {
            let count = numbers.next(60)
            var strings = (0..<count).map { _ in
                (0..<numbers.next(8)).map { _ in pieces[numbers.next(pieces.count)] }.joined()
            }
            if numbers.next(3) == 0, !strings.isEmpty {
                strings[numbers.next(strings.count)] += wider[numbers.next(wider.count)]
            }
            if numbers.next(2) == 0, let first = strings.first { strings.append(first) }
            #expect(TextOrder.sorted(strings) == strings.sorted(), "seed \(seed), round \(round)")
            // Stable: equal strings keep the order they came in.
            let expected = strings.indices.sorted { strings[$0] < strings[$1] }
            #expect(TextOrder.indices(of: strings) == expected, "seed \(seed), round \(round)")
        }
        #expect(TextOrder.sorted([]).isEmpty)
        #expect(TextOrder.indices(of: ["b", "a", "b", "a"]) == [1, 3, 0, 2])
    }
}
