import Foundation

/// A set of byte strings, each kept once in one buffer and found by a hash of its bytes
/// (`Hasher64`), then compared byte for byte: for many short texts (a tree's link targets) looked
/// up by bytes read in place, without a string or a string's hash for each.
struct ByteSet {
    /// Open addressing over a power of two of slots, at most half of them full: each slot the
    /// hash (0: empty) and where the bytes are in `bytes`.
    private var hashes: [UInt64]
    private var places: [(start: UInt32, count: UInt32)]
    private var bytes: [UInt8] = []
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        hashes = Array(repeating: 0, count: size)
        places = Array(repeating: (0, 0), count: size)
    }

    private static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h = Hasher64()
        h.mix(raw)
        return h.value == 0 ? 1 : h.value
    }

    /// The slot that holds `raw`, or the empty one where it would go.
    private func slot(of raw: UnsafeRawBufferPointer, hash: UInt64) -> (index: Int, found: Bool) {
        let mask = hashes.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while hashes[index] != 0 {
            if hashes[index] == hash, Int(places[index].count) == raw.count {
                let start = Int(places[index].start)
                let same = bytes.withUnsafeBytes { held in
                    raw.isEmpty || memcmp(held.baseAddress! + start, raw.baseAddress!, raw.count) == 0
                }
                if same { return (index, true) }
            }
            index = (index + 1) & mask
        }
        return (index, false)
    }

    func contains(_ raw: UnsafeRawBufferPointer) -> Bool { slot(of: raw, hash: ByteSet.hash(raw)).found }

    /// Adds `raw`; whether it was not there.
    @discardableResult
    mutating func insert(_ raw: UnsafeRawBufferPointer) -> Bool {
        let hash = ByteSet.hash(raw)
        var (index, found) = slot(of: raw, hash: hash)
        if found { return false }
        if (count + 1) * 2 > hashes.count {
            grow()
            index = slot(of: raw, hash: hash).index
        }
        hashes[index] = hash
        places[index] = (UInt32(truncatingIfNeeded: bytes.count), UInt32(truncatingIfNeeded: raw.count))
        bytes.append(contentsOf: raw)
        count += 1
        return true
    }

    private mutating func grow() {
        let (oldHashes, oldPlaces) = (hashes, places)
        hashes = Array(repeating: 0, count: oldHashes.count * 2)
        places = Array(repeating: (0, 0), count: oldHashes.count * 2)
        let mask = hashes.count - 1
        for old in oldHashes.indices where oldHashes[old] != 0 {
            var index = Int(truncatingIfNeeded: oldHashes[old]) & mask
            while hashes[index] != 0 { index = (index + 1) & mask }
            hashes[index] = oldHashes[old]
            places[index] = oldPlaces[old]
        }
    }
}
