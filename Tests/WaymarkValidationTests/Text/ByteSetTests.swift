import Testing
import WaymarkTestSupport

@testable import WaymarkValidation

/// `ByteSet` holds what a set of byte arrays holds, through its growth: empty texts, texts that
/// are prefixes of others, repeats.
@Suite struct ByteSetTests {
    @Test func itHoldsWhatASetOfArraysHolds() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        var set = ByteSet()
        var reference: Set<[UInt8]> = []
        for _ in 0..<20_000 {
            let length = numbers.next(4) == 0 ? numbers.next(3) : numbers.next(40)
            let bytes = (0..<length).map { _ in UInt8(numbers.next(4) + 97) }
            let new = bytes.withUnsafeBytes { set.insert($0) }
            #expect(new == reference.insert(bytes).inserted, "seed \(seed), \(bytes)")
            let probe = (0..<numbers.next(6)).map { _ in UInt8(numbers.next(4) + 97) }
            #expect(probe.withUnsafeBytes { set.contains($0) } == reference.contains(probe), "seed \(seed)")
        }
        #expect(set.count == reference.count)
        for bytes in reference { #expect(bytes.withUnsafeBytes { set.contains($0) }, "seed \(seed)") }
    }
}
