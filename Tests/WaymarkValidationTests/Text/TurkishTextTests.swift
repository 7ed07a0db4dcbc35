import Testing

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
}
