import Foundation

/// A list of strings as a run makes them, or as the fact cache encodes them (a count, then each
/// one's length and UTF-8), kept as those bytes and read in place: a checked file's link targets
/// (the tree paths its relative links and images resolve to), and the paths whose presence its
/// check looked at. A cached run of a large tree reuses hundreds of thousands of them and looks
/// at each once, for the few files that changed, or not at all; none of them needs to be a
/// string of its own.
struct EncodedStrings: Sendable, ExpressibleByArrayLiteral {
    private var strings: [String]
    /// The encoded strings, checked when read from the cache (empty: `strings` holds them): a
    /// slice of the bytes they were read from when those are kept anyway (the fact cache's
    /// index), a copy of their own otherwise.
    private var encoded: ArraySlice<UInt8>

    init(_ strings: [String]) {
        self.strings = strings
        encoded = []
    }

    init(arrayLiteral elements: String...) { self.init(elements) }

    /// The strings `FactEncoder.strings` wrote at `d`'s offset, every length checked.
    init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
        let start = try EncodedStrings.skip(&d)
        strings = []
        encoded = ArraySlice(d.bytes(since: start))
    }

    /// The strings `FactEncoder.strings` wrote at `d`'s offset, every length checked, kept as
    /// the slice of `storage` they take: `d` reads `storage` (from its start), and the list
    /// shares its bytes rather than copying them (the fact cache's index gives every entry of a
    /// large tree a list of the paths its check looked for, most of them never read).
    init(from d: inout FactDecoder, sharing storage: [UInt8]) throws(FactDecoder.Damaged) {
        let start = try EncodedStrings.skip(&d)
        guard d.offset <= storage.count else { throw FactDecoder.Damaged() }
        strings = []
        encoded = storage[start..<d.offset]
    }

    /// Steps `d` over the strings at its offset, every length checked; where they start.
    private static func skip(_ d: inout FactDecoder) throws(FactDecoder.Damaged) -> Int {
        let start = d.offset
        let count = try d.count()
        for _ in 0..<count { try d.skip(try d.count()) }
        return start
    }

    func encode(into e: inout FactEncoder) {
        if encoded.isEmpty {
            e.strings(strings)
        } else {
            e.raw(encoded)
        }
    }

    /// Whether `body` is true for the UTF-8 of one of the strings (in order, until it is).
    func contains(where body: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        guard !encoded.isEmpty else {
            return strings.contains { target in
                var text = target
                return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
            }
        }
        return encoded.withUnsafeBytes { raw in
            var d = FactDecoder(raw)
            guard let count = try? d.count() else { return false }
            for _ in 0..<count {
                guard let target = try? d.stringBytes() else { return false }
                if body(target) { return true }
            }
            return false
        }
    }

    /// The list as strings.
    var all: [String] {
        guard !encoded.isEmpty else { return strings }
        var out: [String] = []
        _ = contains { bytes in
            out.append(String(decoding: bytes, as: UTF8.self))
            return false
        }
        return out
    }
}
