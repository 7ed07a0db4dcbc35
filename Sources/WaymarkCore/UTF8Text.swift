/// UTF-8 checked once, eight ASCII bytes at a time, then made into a `String` without the
/// standard library checking it again byte by byte.
///
/// `String(decoding:as:)` and `String(validating:as:)` check every byte of text that is not all
/// ASCII; an article's text, and every text node cut from it, was checked that way.
package enum UTF8Text {
    /// Whether `bytes` are well-formed UTF-8 (Unicode's table 3-7: no overlong forms, surrogates
    /// or scalars above U+10FFFF), and whether they are all ASCII.
    package static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> (valid: Bool, ascii: Bool) {
        let (ascii, invalid) = scan(bytes)
        return (invalid == nil, ascii && invalid == nil)
    }

    /// The offset of the first byte that does not start a well-formed sequence, or `nil`.
    package static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        scan(bytes).invalid
    }

    /// Whether the bytes before the first ill-formed sequence are all ASCII, and where it is.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (ascii: Bool, invalid: Int?) {
        guard let base = bytes.baseAddress else { return (true, nil) }
        let n = bytes.count
        var ascii = true
        var i = 0
        while i < n {
            // Eight bytes at a time: past them when all are ASCII, else to the first that is not.
            if n - i >= 8 {
                // As little-endian, the first byte in memory is the lowest.
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let high = word & 0x8080_8080_8080_8080
                if high == 0 {
                    i += 8
                    continue
                }
                i += high.trailingZeroBitCount >> 3
            }
            let lead = base[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            ascii = false
            // Two bytes (U+0080 to U+07FF: Latin, Greek, Cyrillic letters), the common case.
            if lead &- 0xC2 < 0x1E {
                guard i + 1 < n, base[i + 1] & 0xC0 == 0x80 else { return (false, i) }
                i += 2
                continue
            }
            let length: Int
            switch lead {
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (false, i)
            }
            guard n - i >= length else { return (false, i) }
            for k in 1..<length where base[i + k] & 0xC0 != 0x80 { return (false, i) }
            let second = base[i + 1]
            switch lead {
            case 0xE0 where second < 0xA0, 0xED where second > 0x9F, 0xF0 where second < 0x90,
                0xF4 where second > 0x8F:
                return (false, i)
            default: break
            }
            i += length
        }
        return (ascii, nil)
    }

    /// The text of `bytes`, or `nil` when they are not UTF-8: `String(validating:as:)`.
    package static func validated(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let (valid, ascii) = check(bytes)
        guard valid else { return nil }
        return unsafe String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: ascii))
    }

    /// The text of `bytes`, ill-formed sequences replaced by U+FFFD: `String(decoding:as:)`.
    package static func decoded(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        validated(bytes) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// `decoded` of an array's bytes.
    package static func decoded(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decoded($0) }
    }
}
