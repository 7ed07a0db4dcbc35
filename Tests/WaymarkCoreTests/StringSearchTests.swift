import Testing
import WaymarkCore

@Suite struct LatinLowercaseTests {
    /// Every scalar the table covers lower-cases as the standard library does.
    @Test func tableMatchesTheStandardLibrary() {
        for value in UInt32(0)..<0x180 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            #expect(text.latinLowercased == text.lowercased(), "U+\(String(value, radix: 16))")
        }
        for text in ["İSTANBUL", "ÖĞRENCİ", "Ωmega", "ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP", "Iİıi", "mixed ǅ and Ÿ"] {
            #expect(text.latinLowercased == text.lowercased())
        }
    }
}

@Suite struct ByteSearchTests {
    @Test func findsTheFirstWholeOccurrenceInsideTheBounds() {
        let bytes = Array("ab--ab-->x".utf8)
        #expect(bytes.firstOffset(of: Array("-->".utf8)) == 6)
        #expect(bytes.firstOffset(of: Array("ab".utf8), from: 1) == 4)
        #expect(bytes.firstOffset(of: Array("ab".utf8), from: 1, before: 5) == nil)
        #expect(bytes.firstOffset(of: Array("x".utf8), from: 20) == nil)
        #expect(bytes.firstOffset(of: [], from: 3) == 3)
        #expect("a--b".byteOffset(of: "--") == 1)
        #expect("a--b".byteOffset(of: "--", backwards: true) == 1)
    }
}
