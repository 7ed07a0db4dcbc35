/// The 64-bit FNV-1a hash, for fingerprints and content hashes that must be the same on every
/// machine and run (Swift's `Hasher` is seeded per process).
package struct FNV1a {
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package init() {}

    package mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01b3
    }

    package mutating func mix(_ bytes: some Sequence<UInt8>) {
        // Straight over the buffer when the bytes are contiguous (a native string's UTF-8 is).
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            var value = self.value
            for byte in buffer { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
            self.value = value
        }
        if done == nil { for byte in bytes { mix(byte) } }
    }

    /// Sixteen lower-case hex digits, written straight into the string.
    package var hex: String { FNV1a.hex(value) }

    /// `value` as sixteen lower-case hex digits: in the same order as the numbers.
    package static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for i in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * i)) & 0xF
                buffer[i] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }
}

extension FNV1a {
    /// The hash `waymark.source-hash` records of an article's text (line ends as LF): its lines
    /// each followed by LF, which is the text followed by one LF, in hex.
    package static func contentHash(of text: String) -> String {
        var hash = FNV1a()
        hash.mix(text.utf8)
        hash.mix(0x0A)
        return hash.hex
    }
}
