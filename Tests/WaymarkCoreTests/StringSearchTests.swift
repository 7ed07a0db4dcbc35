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
        for value in UInt32(0x2000)..<0x2200 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "A" + String(scalar) + "İ"
            #expect(Array(text.latinLowercased.utf8) == Array(text.lowercased().utf8), "U+\(String(value, radix: 16))")
        }
        for text in [
            "İSTANBUL", "ÖĞRENCİ", "Ωmega", "ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP", "Iİıi", "mixed ǅ and Ÿ", "Kaydet – “Tamam”’",
            "İ\u{307}", "Ⅻ and Ａ", "\u{E2}", "Ω\u{2126}\u{212A}",
        ] {
            #expect(Array(text.latinLowercased.utf8) == Array(text.lowercased().utf8))
        }
    }

    /// Random mixes of the table's letters, `İ`, punctuation and letters it leaves to the standard library.
    @Test func mixedTextMatchesTheStandardLibrary() {
        let pieces = ["a", "Z", " ", "-", "Ş", "ş", "İ", "I", "ı", "Ő", "é", "Ÿ", "–", "“", "Ω", "Ǆ", "x\u{307}", "7"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(Array(text.latinLowercased.utf8) == Array(text.lowercased().utf8), "\(text)")
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

@Suite struct TrimmingTests {
    /// The byte path gives what trimming by Unicode white space gives, and `isBlank` agrees with it.
    @Test(arguments: [
        "", " ", "\n", "a", " a ", "\ta b\n", "\u{00A0}a\u{00A0}", " \u{2003}x", "x\u{3000} ", "\u{1F}a\u{1F}",
        "é ", " é", "\r\n\r\n", "\u{85}", " \u{200B} ", "a\u{301} ",
    ])
    func bytesAgreeWithUnicodeWhiteSpace(_ text: String) {
        let scalars = text.unicodeScalars
        var expected = ""
        if let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        {
            expected = String(scalars[first...last])
        }
        #expect(text.trimmingSpaces == expected)
        #expect(Array(text.trimmingSpaces.utf8) == Array(expected.utf8))
        #expect(text.isBlank == expected.isEmpty)
    }
}

@Suite struct FieldSearchTests {
    @Test(arguments: ["", "/", "a/b", "/a//b/", "docs/tr-tr/x.md", "tr-tr", "a/hu-hu/b/en-us/c.md", "ü/xx-yy"])
    func findsWhatSplittingFinds(_ text: String) {
        let fields = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let isLocale = { (f: [UInt8]) in f.count == 5 && f[2] == UInt8(ascii: "-") }
        let expectedFirst = fields.first { isLocale(Array($0)) }.map { String(decoding: $0, as: UTF8.self) }
        let expectedLast = fields.last { isLocale(Array($0)) }.map { String(decoding: $0, as: UTF8.self) }
        let first = text.utf8Field(separatedBy: UInt8(ascii: "/")) { isLocale(Array($0)) }
        let last = text.utf8Field(separatedBy: UInt8(ascii: "/"), fromEnd: true) { isLocale(Array($0)) }
        #expect(first.map(text.utf8Slice) == expectedFirst)
        #expect(last.map(text.utf8Slice) == expectedLast)
        #expect(
            (text.utf8Field(separatedBy: UInt8(ascii: "/")) { $0.isEmpty } != nil) == fields.contains { $0.isEmpty })
    }
}

@Suite struct ByteLookupTests {
    @Test(arguments: ["", "/", "a/b", "/a//b/", "docs/tr-tr/x.md", "şü/ö", "no-slash", "a\\b"])
    func findWhatTheUTF8ViewFinds(_ text: String) {
        for byte in [UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "x"), 0xC5] {
            let expected = text.utf8.lastIndex(of: byte).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
            #expect(text.lastUTF8Offset(of: byte) == expected, "\(text) \(byte)")
            #expect(text.containsUTF8Byte(byte) == text.utf8.contains(byte), "\(text) \(byte)")
        }
    }
}
