import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkValidation

/// `turkish-detached-suffix` jumps to the next apostrophe with `memchr` instead of stepping
/// through every byte of a segment: both must stop at the same byte.
@Suite struct ApostropheSearchTests {
    /// The first `'` or E2 byte (which starts `’`) in `from..<end`, byte by byte; `end` if none.
    static func reference(_ bytes: [UInt8], from: Int, end: Int) -> Int {
        (from..<max(from, end)).first { bytes[$0] == 0x27 || bytes[$0] == 0xE2 } ?? end
    }

    @Test func randomSegmentsStopAtTheSameByte() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        // Apostrophes straight and curly, other characters that start with E2 (a dash, an
        // ellipsis), Turkish letters and plain text.
        let pieces = ["'", "’", "–", "…", "ş", "ı", "a", " ", "Merkezi", "nde", "**"]
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<numbers.next(12) { text += pieces[numbers.next(pieces.count)] }
            let bytes = Array(text.utf8)
            let end = bytes.isEmpty ? 0 : numbers.next(bytes.count + 1)
            let from = numbers.next(end + 1)
            let found = bytes.withUnsafeBufferPointer {
                TurkishDetachedSuffix.nextApostrophe($0, from: from, end: end)
            }
            #expect(
                found == Self.reference(bytes, from: from, end: end),
                "\(text.debugDescription) from \(from) to \(end) (seed \(seed))")
        }
    }

    @Test func anEmptyRangeHasNone() {
        let bytes = Array("a'b".utf8)
        let found = bytes.withUnsafeBufferPointer { TurkishDetachedSuffix.nextApostrophe($0, from: 2, end: 2) }
        #expect(found == 2)
    }
}
