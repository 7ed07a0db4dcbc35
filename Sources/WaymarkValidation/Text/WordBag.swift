import WaymarkCore

/// Words kept as bytes in one buffer, each with its FNV-1a hash: the words an article contributes
/// cost one buffer, not a string and a hashed set entry each.
struct WordBag: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []
    /// Each word's hash and the end of its bytes (it starts where the one before ends).
    private(set) var hashes: [UInt64] = []
    private(set) var ends: [Int] = []

    var count: Int { hashes.count }

    mutating func append(_ word: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: word)
        hashes.append(WordBag.hash(word))
        ends.append(bytes.count)
    }

    /// Gives back the capacity the lists grew by and do not use.
    mutating func shrinkToFit() {
        bytes = Array(exactly: bytes)
        hashes = Array(exactly: hashes)
        ends = Array(exactly: ends)
    }

    /// The bytes of word `index`.
    func word(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = FNV1a()
        hash.mix(word)
        return hash.value
    }
}

/// The words of many bags, looked up by their bytes: a hash finds a word with the same hash, and
/// the bytes are compared, so a collision of hashes can never pass for a match.
struct WordIndex {
    private let bags: [WordBag]
    /// The first word with each hash.
    private var first: [UInt64: (bag: Int, word: Int)] = [:]

    init(_ bags: [WordBag]) {
        self.bags = bags
        // Room for the largest bag only: the same words come back from article to article (and
        // from copy to copy of a tree), so the table ends far smaller than all bags together,
        // which it was sized for before and kept, mostly empty, through the corpus rules.
        first.reserveCapacity(bags.lazy.map(\.count).max() ?? 0)
        for (b, bag) in bags.enumerated() {
            for (w, hash) in bag.hashes.enumerated() where first[hash] == nil { first[hash] = (b, w) }
        }
    }

    func contains(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { bytes in
            let hash = WordBag.hash(bytes)
            guard let place = first[hash] else { return false }
            if bags[place.bag].word(place.word).elementsEqual(bytes) { return true }
            // Two words with one hash: look at every word with it.
            return bags.contains { bag in
                bag.hashes.indices.contains { bag.hashes[$0] == hash && bag.word($0).elementsEqual(bytes) }
            }
        }
    }
}

extension WordBag {
    /// The bytes and where each word ends; the hashes are worked out again when read.
    func encode(into e: inout FactEncoder) {
        e.unsigned(UInt64(bytes.count))
        e.raw(bytes)
        e.array(ends) { $0.int($1) }
    }

    init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
        let bytes = try d.bytes()
        let ends = try d.array { d throws(FactDecoder.Damaged) in try d.int() }
        var start = 0
        var hashes: [UInt64] = []
        hashes.reserveCapacity(ends.count)
        for end in ends {
            guard start <= end, end <= bytes.count else { throw FactDecoder.Damaged() }
            hashes.append(
                bytes.withUnsafeBufferPointer { WordBag.hash(UnsafeBufferPointer(rebasing: $0[start..<end])) })
            start = end
        }
        self.bytes = bytes
        self.ends = ends
        self.hashes = hashes
    }
}

extension Array {
    /// A copy of `other` with no more capacity than its elements need (`Array(other)` would share
    /// `other`'s storage, spare capacity and all).
    init(exactly other: [Element]) {
        guard other.capacity > other.count else {
            self = other
            return
        }
        self = Array(unsafeUninitializedCapacity: other.count) { buffer, count in
            other.withUnsafeBufferPointer { source in
                _ = buffer.initialize(fromContentsOf: source)
            }
            count = other.count
        }
    }
}
