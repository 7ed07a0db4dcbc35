import Foundation
import Testing

@testable import WaymarkCore

/// `TerminalText.isShownAsIs`: the bytes a report of this program may hold, checked sixteen and
/// sixty-four bytes at a time, against its definition (well-formed UTF-8 that `visible`, keeping line breaks, leaves alone).
@Suite struct TerminalTextTests {
    /// The check as the program runs it; it must agree with the one without the instructions
    /// chosen at run time (AVX2), which every call here compares it with.
    static func shownAsIs(_ bytes: [UInt8]) -> Bool {
        let fast = bytes.withUnsafeBytes { TerminalText.isShownAsIs(utf8: $0) }
        let portable = bytes.withUnsafeBytes { TerminalText.isShownAsIsPortably(utf8: $0) }
        #expect(fast == portable, "\(bytes)")
        return fast
    }

    /// The definition, scalar by scalar.
    static func expected(_ bytes: [UInt8]) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        return TerminalText.visible(text, keeping: .lineBreaks) == text
    }

    @Test func whatAReportHoldsIsShownAsIsAndControlsAreNot() {
        #expect(Self.shownAsIs(Array("{\n  \"message\": \"İş Ortağı Merkezi – ok\"\n}\tend\n".utf8)))
        #expect(Self.shownAsIs([]))
        for bad in [
            "a\u{1B}[31mred", "bell\u{07}", "del\u{7F}", "csi\u{9B}2J", "rlo\u{202E}txt", "ls\u{2028}",
            "alm\u{061C}", "lri\u{2066}", "cr\r",
        ] {
            #expect(!Self.shownAsIs(Array(bad.utf8)), "\(bad.debugDescription)")
        }
        // Not UTF-8: a lone continuation byte, a cut sequence, an overlong slash, a surrogate,
        // past U+10FFFF.
        for bad: [UInt8] in [
            [0x61, 0x80], [0xE2, 0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        ] {
            #expect(!Self.shownAsIs(bad + Array("padding to a word".utf8)))
            #expect(!Self.shownAsIs(Array("padding to a word".utf8) + bad))
        }
    }

    @Test func theVectorCheckAgreesWithTheDefinitionOnRandomBytes() {
        var random = SystemRandomNumberGenerator()
        // Mostly printable ASCII and line feeds, with a byte of every kind now and then, at every
        // alignment.
        let alphabet: [UInt8] =
            Array("abc {}\":,\n\t".utf8) + [
                0x00, 0x1B, 0x7F, 0x80, 0x9B, 0xC2, 0xC3, 0xA0, 0xE2, 0x81, 0xA6, 0xF0, 0xFF,
                // Turkish and Hungarian letters' lead bytes, and U+061C's.
                0xC4, 0xC5, 0xB1, 0x9F, 0xDF, 0xD8, 0x9C,
            ]
        for _ in 0..<40_000 {
            let count = Int.random(in: 0...80, using: &random)
            let bytes = (0..<count).map { _ in
                Int.random(in: 0..<4, using: &random) == 0
                    ? alphabet.randomElement(using: &random)! : UInt8.random(in: 0x20...0x7E, using: &random)
            }
            #expect(Self.shownAsIs(bytes) == Self.expected(bytes), "\(bytes)")
        }
    }

    /// Long runs of plain bytes with one other byte somewhere (or none): the runs are passed over
    /// sixty-four and sixteen bytes at a time, and the byte that stops them, at every place in a
    /// block, must be the one found.
    @Test func oneOtherByteAnywhereInALongRunIsFound() {
        var random = SystemRandomNumberGenerator()
        let others: [UInt8] = [0x00, 0x08, 0x0B, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x9B, 0xC3, 0xE2, 0xFF]
        let plain = Array("abcXYZ019 {}[]\"':,.~!\n\t".utf8)
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...300, using: &random)
            var bytes = (0..<count).map { _ in plain.randomElement(using: &random)! }
            if Bool.random(using: &random) {
                bytes[Int.random(in: 0..<count, using: &random)] = others.randomElement(using: &random)!
            }
            #expect(Self.shownAsIs(bytes) == Self.expected(bytes), "\(bytes)")
        }
        // Each of the 256 bytes as the last of 200 plain ones (the scalar tail) and in the middle.
        for b in 0...255 {
            for place in [0, 15, 16, 63, 64, 100, 199] {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 200)
                bytes[place] = UInt8(b)
                #expect(Self.shownAsIs(bytes) == Self.expected(bytes), "byte \(b) at \(place)")
            }
        }
    }
}
