import Testing
import WaymarkCore
import WaymarkTestSupport

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
        var random = SeededNumbers(seed: 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<random.next(9) { text += pieces[random.next(pieces.count)] }
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
