import Testing
import WaymarkTestSupport

@testable import WaymarkValidation

@Suite struct TurkishTextTests {
    @Test(arguments: [
        ("iş", "iş"), ("İş", "iş"), ("IŞIK", "ışık"), ("Istanbul", "ıstanbul"), ("ilişki", "ilişki"),
        ("ABCXYZ", "abcxyz"), ("a@[`{z", "a@[`{z"), ("", ""), ("ÖĞRENCİ", "öğrenci"), ("iPhone", "iphone"),
    ])
    func foldsTheTurkishWay(_ text: String, _ folded: String) {
        #expect(TurkishText.fold(text) == folded)
    }

    /// Every ASCII byte folds as Unicode's lower-casing does, except `I`, which becomes `ı`.
    @Test func asciiFoldsAsUnicodeDoes() {
        for byte in UInt8(0)..<0x80 {
            let text = String(decoding: [byte, UInt8(ascii: "i")], as: UTF8.self)
            let expected = byte == UInt8(ascii: "I") ? "ıi" : text.lowercased()
            #expect(TurkishText.fold(text) == expected, "byte \(byte)")
        }
    }

    /// Random mixes of Turkish, Hungarian, Greek, German and ASCII letters and marks fold as
    /// mapping `İ` and `I` first and lower-casing every other scalar alone.
    @Test func foldsAsScalarByScalarLowerCasing() {
        let pieces = Array("iIİıçÇğĞöÖşŞüÜőŐűŰaZ ẞßΣσΩ\u{307}\u{301}1-".unicodeScalars)
        var random = SeededNumbers()
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<random.next(12) { text.unicodeScalars.append(pieces[random.next(pieces.count)]) }
            var expected = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "İ": expected += "i"
                case "I": expected += "ı"
                default: expected += scalar.properties.lowercaseMapping
                }
            }
            #expect(TurkishText.fold(text) == expected, "\(text), seed \(random.seed)")
        }
    }
}
