import Foundation
import Synchronization

/// One string for equal texts, shared by every worker: the facts a run keeps name the same link
/// targets and anchors from article to article and from a source to its translations, and each
/// was a string of its own.
///
/// Equal means the same UTF-8 bytes. (Swift's `==` also calls two spellings of one canonical
/// text equal, `é` precomposed and `e` with a combining accent: a set of strings would hand the
/// second the first one's bytes, and which one came first depends on the workers' order.) The
/// table is looked up with the bytes, before any string is made of them: a text handed over as
/// bytes (`string(utf8:)`) and seen before costs neither a new string nor a string's hash.
final class StringInterner: @unchecked Sendable {
    /// Texts this long or shorter live inside a string value: they are not kept.
    static let inlineLength = 15
    static let shardCount = 16

    /// Workers take a lock on one shard of the table, chosen by the text's hash. The shards are
    /// reached through a pointer, not an array of objects: every worker would otherwise count a
    /// reference to the same few objects up and down at each look-up, which two processors pay
    /// for in moving those counts between them. (Unchecked: the shards are only reached under
    /// their locks, and the pointer lives as long as the interner.)
    private let shards: UnsafeMutablePointer<Mutex<Table>>

    init() {
        shards = .allocate(capacity: Self.shardCount)
        for index in 0..<Self.shardCount { (shards + index).initialize(to: Mutex(Table())) }
    }

    deinit {
        shards.deinitialize(count: Self.shardCount)
        shards.deallocate()
    }

    /// The string kept for `text`'s bytes: `text` itself the first time. Texts short enough to be
    /// kept inside a string's own bytes are returned as they are.
    func callAsFunction(_ text: String) -> String {
        guard text.utf8.count > Self.inlineLength else { return text }
        var copy = text
        return copy.withUTF8 { bytes in kept(UnsafeRawBufferPointer(bytes)) { text } }
    }

    /// The string kept for `bytes` (UTF-8), made of them the first time. Bytes that are not
    /// UTF-8 make a string of other bytes (with U+FFFD), which is not kept.
    func string(utf8 bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count > Self.inlineLength else { return String(decoding: bytes, as: UTF8.self) }
        return kept(bytes) { String(decoding: bytes, as: UTF8.self) }
    }

    /// Forgets every string (those handed out stay with their holders).
    func removeAll() {
        for index in 0..<Self.shardCount { shards[index].withLock { $0 = Table() } }
    }

    private func kept(_ bytes: UnsafeRawBufferPointer, _ make: () -> String) -> String {
        let hash = Self.hash(bytes)
        return shards[Int(truncatingIfNeeded: hash >> 60)].withLock { table in
            if let found = table.find(hash, bytes) { return found }
            let made = make()
            if made.utf8.count == bytes.count { table.insert(made, hash: hash) }
            return made
        }
    }

    /// The fact cache's hash of the bytes (`Hasher64`); never zero (an empty slot).
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = Hasher64()
        h.mix(bytes)
        return h.value == 0 ? 1 : h.value
    }

    /// Open addressing over a power of two of slots, at most half of them full. Each kept string's
    /// bytes are compared where the string keeps them (`starts`, their addresses): a look-up
    /// copies a string, and counts a reference to it, only when it finds one.
    private struct Table {
        var hashes: [UInt64] = Array(repeating: 0, count: 256)
        var strings: [String] = Array(repeating: "", count: 256)
        var starts: [UInt] = Array(repeating: 0, count: 256)
        var count = 0

        func find(_ hash: UInt64, _ bytes: UnsafeRawBufferPointer) -> String? {
            let mask = hashes.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while hashes[slot] != 0 {
                if hashes[slot] == hash, let start = UnsafeRawPointer(bitPattern: starts[slot]),
                    strings[slot].utf8.count == bytes.count,
                    memcmp(start, bytes.baseAddress!, bytes.count) == 0
                {
                    return strings[slot]
                }
                slot = (slot + 1) & mask
            }
            return nil
        }

        /// Keeps `text`, made native first, so that where its bytes are stays put while the table
        /// holds it (a string's storage does not move, and a holder that changes its copy gets
        /// storage of its own).
        mutating func insert(_ text: String, hash: UInt64) {
            var native = text
            let start = native.withUTF8 { UInt(bitPattern: $0.baseAddress) }
            insert(native, start: start, hash: hash)
        }

        private mutating func insert(_ text: String, start: UInt, hash: UInt64) {
            if (count + 1) * 2 > hashes.count { grow() }
            let mask = hashes.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while hashes[slot] != 0 { slot = (slot + 1) & mask }
            hashes[slot] = hash
            strings[slot] = text
            starts[slot] = start
            count += 1
        }

        private mutating func grow() {
            let (oldHashes, oldStrings, oldStarts) = (hashes, strings, starts)
            hashes = Array(repeating: 0, count: oldHashes.count * 2)
            strings = Array(repeating: "", count: oldHashes.count * 2)
            starts = Array(repeating: 0, count: oldHashes.count * 2)
            count = 0
            for slot in oldHashes.indices where oldHashes[slot] != 0 {
                insert(oldStrings[slot], start: oldStarts[slot], hash: oldHashes[slot])
            }
        }
    }
}
