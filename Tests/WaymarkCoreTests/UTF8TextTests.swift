import Testing
import WaymarkCore
import WaymarkTestSupport

@Suite struct UTF8TextTests {
    static func check(_ bytes: [UInt8]) {
        let want = String(validating: bytes, as: UTF8.self)
        let got = bytes.withUnsafeBufferPointer { UTF8Text.validated($0) }
        #expect(got == want, "\(bytes)")
        if let got, let want { #expect(Array(got.utf8) == Array(want.utf8)) }
        #expect(UTF8Text.decoded(bytes) == String(decoding: bytes, as: UTF8.self), "\(bytes)")
        #expect(bytes.withUnsafeBufferPointer { UTF8Text.check($0).ascii } == bytes.allSatisfy { $0 < 0x80 })
        // Where the first bad sequence starts: everything before it is good, and it is not.
        let offset = bytes.withUnsafeBufferPointer(UTF8Text.firstInvalidOffset)
        #expect((offset == nil) == (want != nil))
        if let offset {
            #expect(String(validating: bytes[..<offset], as: UTF8.self) != nil)
            #expect(String(validating: bytes[..<min(bytes.count, offset + 4)], as: UTF8.self) == nil)
        }
    }

    /// Every lead byte from 0x80 with second bytes at the edges of what it allows, whole and cut
    /// short, after ASCII that fills part of the eight bytes read at once or all of them.
    @Test func judgesEveryLeadByteAtTheEdges() {
        for lead in UInt8(0x80)...0xFF {
            for second in [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0] as [UInt8] {
                for tail in [[], [0x80], [0xBF, 0x80], [0x41]] as [[UInt8]] {
                    for ascii in [[], Array("abc".utf8), Array("abcdefg".utf8), Array("abcdefghij".utf8)] {
                        Self.check(ascii + [lead, second] + tail)
                        Self.check(ascii + [lead, second] + tail + Array("xyz".utf8))
                    }
                }
            }
        }
    }

    /// Random mixes of ASCII runs, letters of every length, and broken pieces.
    @Test func judgesRandomTextsAsTheStandardLibraryDoes() {
        let pieces: [[UInt8]] = [
            Array("plain ascii ".utf8), Array("ş".utf8), Array("ő".utf8), Array("€".utf8), Array("😀".utf8),
            [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
            [0xFF], [0x80], Array("12345678".utf8), [0x00],
        ]
        var random = SeededNumbers(seed: 0x2545_F491_4F6C_DD1D)
        var valid = 0
        for _ in 0..<5_000 {
            let bytes = (0..<random.next(8)).flatMap { _ in pieces[random.next(pieces.count)] }
            Self.check(bytes)
            if String(validating: bytes, as: UTF8.self) != nil { valid += 1 }
        }
        // Both kinds came up often.
        #expect(valid > 500 && valid < 4_500)
    }
}
