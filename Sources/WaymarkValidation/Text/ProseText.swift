import WaymarkCore

/// Questions rules ask of prose, answered over its UTF-8 bytes. Each has an equivalence test
/// against the plain `Character` way (`ProseWordsTests`, `ProseTextTests`).
enum ProseText {
    /// A set of letters below U+0200 (the Turkish or Hungarian letters beyond ASCII), as a table by
    /// scalar value.
    struct Letters: Sendable {
        fileprivate var table = [Bool](repeating: false, count: 0x200)

        init(_ letters: String) {
            for scalar in letters.unicodeScalars where scalar.value < 0x200 { table[Int(scalar.value)] = true }
        }

        func contains(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x200 && table[Int(scalar.value)] }
    }

    /// Whether `text` has one of `letters`.
    static func hasLetter(of letters: Letters, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            letters.table.withUnsafeBufferPointer { table in
                // Scalars from U+0080 to U+01FF are two bytes in UTF-8: C2 to C7, then one more.
                var i = 0
                while i + 1 < bytes.count {
                    let b = bytes[i]
                    if b &- 0xC2 < 6, table[Int(b & 0x1F) << 6 | Int(bytes[i + 1] & 0x3F)] { return true }
                    i += 1
                }
                return false
            }
        }
    }

    /// The lower-cased words of `text`: runs of letters and `'`. ASCII text is split over its bytes.
    static func words(_ text: String) -> [String] {
        var text = text
        let ascii = text.withUTF8 { bytes -> [String]? in
            var words: [String] = []
            var start = -1
            for i in 0...bytes.count {
                let b: UInt8 = i < bytes.count ? bytes[i] : 0x20
                guard b < 0x80 else { return nil }
                if (b | 0x20) &- UInt8(ascii: "a") < 26 || b == UInt8(ascii: "'") {
                    if start < 0 { start = i }
                } else if start >= 0 {
                    words.append(String(asciiLowercasing: UnsafeBufferPointer(rebasing: bytes[start..<i])))
                    start = -1
                }
            }
            return words
        }
        return ascii ?? text.split(whereSeparator: { !$0.isLetter && $0 != "'" }).map { $0.lowercased() }
    }
}
