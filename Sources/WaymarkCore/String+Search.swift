#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StringProtocol {
    /// Byte-wise substring search on UTF-8. Exact, no Unicode normalisation or case
    /// folding, and far cheaper than Foundation's `contains(_:)`, which goes through CFString on Linux.
    package func containsText(_ needle: some StringProtocol) -> Bool {
        byteOffset(of: needle, backwards: false) != nil
    }

    /// The byte offset of the first (or last) occurrence of `needle` in the UTF-8 form.
    package func byteOffset(of needle: some StringProtocol, backwards: Bool = false) -> Int? {
        var haystack = String(self)
        var pattern = String(needle)
        return haystack.withUTF8 { h -> Int? in
            pattern.withUTF8 { n -> Int? in
                guard !n.isEmpty else { return 0 }
                if !backwards { return ByteSearch.first(n, in: h, from: 0, before: h.count) }
                guard h.count >= n.count, let hBase = h.baseAddress, let nBase = n.baseAddress else { return nil }
                var start = h.count - n.count
                while start >= 0 {
                    if memcmp(hBase + start, nBase, n.count) == 0 { return start }
                    start -= 1
                }
                return nil
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// The offset of the first `needle` that lies wholly inside `self[from..<before]` (`before`
    /// defaults to the end), or `nil`; an empty needle is found at `from`.
    package func firstOffset(of needle: [UInt8], from: Int = 0, before: Int? = nil) -> Int? {
        withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                ByteSearch.first(n, in: h, from: Swift.max(0, from), before: Swift.min(before ?? h.count, h.count))
            }
        }
    }
}

/// Byte search with `memchr` for the first byte and `memcmp` for the rest.
package enum ByteSearch {
    package static func first(
        _ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>, from: Int, before end: Int
    ) -> Int? {
        guard !n.isEmpty else { return from <= end ? from : nil }
        guard end - from >= n.count, let hBase = h.baseAddress, let nBase = n.baseAddress else { return nil }
        let first = Int32(n[0])
        let last = end - n.count
        var start = from
        while start <= last {
            guard let hit = memchr(hBase + start, first, last - start + 1) else { return nil }
            let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(hBase)
            if memcmp(hBase + offset, nBase, n.count) == 0 { return offset }
            start = offset + 1
        }
        return nil
    }
}

extension String {
    /// The text cut at every LF, empty lines kept: `split(separator: "\n", omittingEmptySubsequences:
    /// false)` done with `memchr` on the bytes instead of comparing characters.
    package var lineSlices: [Substring] { Array(LineTable(self)) }
}

/// The lines of a text cut as `lineSlices` cuts them, found once as byte offsets; a line becomes a
/// `Substring` only when it is asked for. Most lines of most articles never are.
package struct LineTable: RandomAccessCollection, Sendable {
    package let text: String
    /// The byte offset of each LF.
    private let breaks: [Int]

    package init(_ text: String) {
        var text = text
        var breaks: [Int] = []
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count, let hit = memchr(base + start, 0x0A, bytes.count - start) {
                let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                breaks.append(offset)
                start = offset + 1
            }
        }
        self.text = text
        self.breaks = breaks
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { breaks.count + 1 }

    package subscript(index: Int) -> Substring {
        let bytes = byteRange(of: index)
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        return Substring(utf8[from..<utf8.index(from, offsetBy: bytes.count)])
    }

    /// Where line `index` is in the text's UTF-8, its LF left out.
    package func byteRange(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : breaks[index - 1] + 1)..<(index < breaks.count ? breaks[index] : text.utf8.count)
    }
}

extension String {
    /// Whether the UTF-8 form starts with `prefix`'s bytes: `hasPrefix` for ASCII syntax, without
    /// comparing characters.
    package func hasBytePrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard count > 0 else { return true }
        var text = self
        return text.withUTF8 { bytes in
            bytes.count >= count && memcmp(bytes.baseAddress!, prefix.utf8Start, count) == 0
        }
    }

    /// Whether the UTF-8 form starts with `prefix`'s bytes: `hasPrefix` for paths, which are
    /// compared as the file system compares them, not as characters.
    package func hasBytePrefix(_ prefix: String) -> Bool {
        var (text, prefix) = (self, prefix)
        return prefix.withUTF8 { p in
            text.withUTF8 { t in
                t.count >= p.count && (p.isEmpty || memcmp(t.baseAddress!, p.baseAddress!, p.count) == 0)
            }
        }
    }
}

extension StringProtocol {
    /// The UTF-8 bytes as an array, copied in one go when the storage is contiguous (a native
    /// string's or substring's is) instead of byte by byte.
    package var utf8Bytes: [UInt8] {
        utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(utf8)
    }
}

extension String {
    /// The pieces between occurrences of `separator`, compared byte for byte; like Foundation's
    /// `components(separatedBy:)` (empty pieces kept) without its bridging cost.
    package func pieces(separatedBy separator: String) -> [String] {
        let needle = separator.utf8Bytes
        let bytes = utf8Bytes
        guard !needle.isEmpty else { return [self] }
        var out: [String] = []
        var start = 0
        while let hit = bytes.firstOffset(of: needle, from: start) {
            out.append(String(decoding: bytes[start..<hit], as: UTF8.self))
            start = hit + needle.count
        }
        out.append(String(decoding: bytes[start...], as: UTF8.self))
        return out
    }
}

extension String {
    /// `lowercased()`, by a table for text made only of Basic Latin, Latin-1 and Latin
    /// Extended-A letters (all of English, Turkish and Hungarian), where each upper-case letter
    /// has a single lower-case one, and General Punctuation (dashes, quotes, spaces), which has no
    /// case. `İ` becomes `i` and U+0307, its full lower-case mapping. Anything else goes to
    /// `lowercased()`.
    package var latinLowercased: String {
        var text = self
        // `nil` when a character outside the table needs `lowercased()`.
        let folded = text.withUTF8 { bytes -> String? in
            // Already lower-case ASCII (slugs, most paths and keys): the string itself, not a copy.
            if bytes.allSatisfy({ $0 < 0x80 && $0 &- 0x41 >= 26 }) { return self }
            // U+0000–U+017F is one byte (ASCII) or two (lead byte C2–C5) in UTF-8, before and after;
            // U+2000–U+206F is three, E2 80 xx or E2 81 80–AF. Only `İ` grows, from two bytes to three.
            // What is written is well-formed by construction, so the string is made without a check.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + bytes.count / 2) {
                out -> String? in
                var i = 0
                var n = 0
                var ascii = true
                while i < bytes.count {
                    let byte = bytes[i]
                    if byte < 0x80 {
                        out[n] = byte.asciiLowercased
                        n += 1
                        i += 1
                        continue
                    }
                    ascii = false
                    if byte == 0xE2 {
                        guard i + 2 < bytes.count,
                            bytes[i + 1] == 0x80 || (bytes[i + 1] == 0x81 && bytes[i + 2] <= 0xAF)
                        else { return nil }
                        out[n] = byte
                        out[n + 1] = bytes[i + 1]
                        out[n + 2] = bytes[i + 2]
                        n += 3
                        i += 3
                        continue
                    }
                    guard byte >= 0xC2, byte <= 0xC5, i + 1 < bytes.count else { return nil }
                    let value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                    if value == 0x130 {
                        out[n] = 0x69
                        out[n + 1] = 0xCC
                        out[n + 2] = 0x87
                        n += 3
                        continue
                    }
                    guard let lower = String.latinLower(value) else { return nil }
                    out[n] = 0xC0 | UInt8(lower >> 6)
                    out[n + 1] = 0x80 | UInt8(lower & 0x3F)
                    n += 2
                }
                let written = UnsafeBufferPointer(rebasing: out[..<n])
                // Already lower case (a Turkish or Hungarian slug): the string itself, not a copy.
                if n == bytes.count, let a = written.baseAddress, let b = bytes.baseAddress, memcmp(a, b, n) == 0 {
                    return self
                }
                return unsafe String(copying: UTF8Span(unchecked: written.span, isKnownASCII: ascii))
            }
        }
        return folded ?? lowercased()
    }

    private static func latinLower(_ v: UInt32) -> UInt32? {
        switch v {
        case 0x130: nil
        case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE: v + 0x20
        case 0x100...0x137, 0x14A...0x177: v | 1
        case 0x139...0x148, 0x179...0x17E: v % 2 == 1 ? v + 1 : v
        case 0x178: 0xFF
        case 0..<0x180: v
        default: nil
        }
    }
}

extension String {
    /// The byte offsets of the first field between `separator` bytes (empty fields count) that
    /// `predicate` accepts, or the last such field when `fromEnd`: `split(separator:)` and a search,
    /// without building the array of fields.
    package func utf8Field(
        separatedBy separator: UInt8, fromEnd: Bool = false, where predicate: (UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Range<Int>? {
        var text = self
        return text.withUTF8 { bytes -> Range<Int>? in
            var found: Range<Int>?
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == separator {
                let field = start..<index
                start = index + 1
                guard predicate(UnsafeBufferPointer(rebasing: bytes[field])) else { continue }
                found = field
                if !fromEnd { break }
            }
            return found
        }
    }

    /// The offset of the last `byte` in the UTF-8 form, or `nil`: a loop over the contiguous
    /// bytes, where `utf8.lastIndex(of:)` steps one string index at a time.
    package func lastUTF8Offset(of byte: UInt8) -> Int? {
        var text = self
        return text.withUTF8 { bytes -> Int? in
            var i = bytes.count
            while i > 0 {
                i -= 1
                if bytes[i] == byte { return i }
            }
            return nil
        }
    }

    /// Whether the UTF-8 form holds `byte` (`memchr`).
    package func containsUTF8Byte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }

    /// The text of the UTF-8 bytes at `offsets`.
    package func utf8Slice(_ offsets: Range<Int>) -> String {
        let start = utf8.index(utf8.startIndex, offsetBy: offsets.lowerBound)
        let end = utf8.index(start, offsetBy: offsets.count)
        return String(Substring(utf8[start..<end]))
    }
}

extension UInt8 {
    /// A–Z as a–z; every other byte as it is.
    @inlinable @inline(__always)
    package var asciiLowercased: UInt8 { self &- UInt8(ascii: "A") < 26 ? self | 0x20 : self }
}

extension String {
    /// ASCII bytes as a string, A–Z lower-cased, in one pass.
    package init(asciiLowercasing bytes: UnsafeBufferPointer<UInt8>) {
        self.init(unsafeUninitializedCapacity: bytes.count) { out in
            for k in bytes.indices { out[k] = bytes[k].asciiLowercased }
            return bytes.count
        }
    }
}
