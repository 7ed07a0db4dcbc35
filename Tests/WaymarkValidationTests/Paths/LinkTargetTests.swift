import Testing
import WaymarkTestSupport

@testable import WaymarkValidation

/// ASCII link targets read over bytes as they read over characters.
@Suite struct LinkTargetTests {
    @Test func asciiReadingMatchesCharacterReading() {
        let pieces = [
            "a", "Z", "9", "/", "~", "#", ":", "?", "%", "%20", "%zz", "%4", ".", "-", "+", "_", "..", "https",
            "mailto", " ",
        ]
        var random = SeededNumbers()
        for _ in 0..<5_000 {
            var target = ""
            for _ in 0..<random.next(9) { target += pieces[random.next(pieces.count)] }
            let fast = Array(target.utf8).withUnsafeBufferPointer { LinkTarget.ascii($0) }
            #expect(fast == LinkTarget.reading(target), "\(target.debugDescription), seed \(random.seed)")
        }
        #expect(Array("é.md".utf8).withUnsafeBufferPointer { LinkTarget.ascii($0) } == nil)
        #expect(LinkTarget("  a%20b.md?x=1#Part  ") == .relative(path: "a b.md", fragment: "Part"))
        #expect(LinkTarget("https://x.y/z#a") == .external)
        #expect(LinkTarget("#top") == .fragment("top"))
    }
}
