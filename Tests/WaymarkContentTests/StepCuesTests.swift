import Testing
import WaymarkCore

@testable import WaymarkContent

@Suite struct StepCuesTests {
    /// The one-pass fold of ASCII text gives what lower-casing, trimming and dropping colons give.
    @Test func asciiFoldMatchesTheGeneralSteps() {
        func reference(_ text: String) -> String {
            var lower = text.latinLowercased.trimmingSpaces
            while lower.hasSuffix(":") { lower.removeLast() }
            return lower.trimmingSpaces
        }
        let pieces = ["Next", "STEPS", " ", "\t", "\n", ":", "::", "a", "Z", "-", "é", "İ"]
        var random = SeededWords()
        for _ in 0..<3_000 {
            let text = random.text(from: pieces, upTo: 8)
            #expect(StepCues.fold(text) == reference(text), "\(text.debugDescription)")
        }
    }

    /// Every well-known heading of every language is found with its role, written as authors
    /// write it; other headings, including ones of a known heading's length, have none.
    @Test func everyKnownHeadingIsFound() {
        #expect(Set(StepCues.all.keys) == ["en", "tr", "hu"])
        for (language, cues) in StepCues.all {
            let matcher = CueMatcher(StepCues.forLocale(language))
            for heading in cues.consequenceHeadings {
                #expect(matcher.role(ofHeading: StepCues.fold(heading.uppercased() + ":")).contains(.consequences))
            }
            for heading in cues.nextStepsHeadings {
                #expect(matcher.role(ofHeading: StepCues.fold(" " + heading)).contains(.nextSteps))
            }
            for heading in cues.prerequisiteHeadings {
                #expect(matcher.role(ofHeading: StepCues.fold(heading)).contains(.prerequisites))
                #expect(matcher.role(ofHeading: String(repeating: "x", count: heading.utf8.count)).isEmpty)
            }
            #expect(matcher.role(ofHeading: "").isEmpty)
            #expect(matcher.role(ofHeading: String(repeating: "ş", count: 40)).isEmpty)
        }
    }
}

/// Random texts made of given pieces, from a fixed-step generator so failures repeat.
struct SeededWords {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func text(from pieces: [String], upTo count: Int) -> String {
        var text = ""
        for _ in 0..<next(count + 1) { text += pieces[next(pieces.count)] }
        return text
    }
}
