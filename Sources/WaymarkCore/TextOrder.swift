#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sorting strings in the order of `<`, faster where they are all ASCII: a large tree's paths,
/// keys and link targets are, and `<`, which compares Unicode scalars after normalization, costs
/// several times a comparison of bytes. For ASCII the two orders are one: every character is one
/// byte, already normalized, and scalars compare as their bytes do. A list with any other
/// character is sorted by `<` itself.
package enum TextOrder {
    /// The indices of `strings` in the order of their strings by `<`, equal strings in the order
    /// they come (a stable sort).
    package static func indices(of strings: [String]) -> [Int] {
        guard strings.allSatisfy(isASCII) else { return strings.indices.sorted { strings[$0] < strings[$1] } }
        return strings.indices.sorted { bytesLess(strings[$0], strings[$1]) }
    }

    /// `strings` sorted by `<`.
    package static func sorted(_ strings: [String]) -> [String] {
        guard strings.allSatisfy(isASCII) else { return strings.sorted() }
        return strings.sorted(by: bytesLess)
    }

    /// Whether every byte of `text` is ASCII (`UTF8Text`'s scan, eight bytes at a time).
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { UTF8Text.check($0).ascii } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `a` before `b` by their bytes: the first byte that differs, or the shorter first.
    static func bytesLess(_ a: String, _ b: String) -> Bool {
        let less = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in bytesLess(x, y) }
        }
        return (less ?? nil) ?? (a < b)
    }

    /// `a` before `b` by their bytes, as `bytesLess` orders two strings' UTF-8 (for ASCII, the
    /// order of `<`).
    package static func bytesLess(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }
}
