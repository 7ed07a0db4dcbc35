import WaymarkCore

/// Words kept as bytes in one buffer: the words an article contributes cost one buffer and four
/// bytes each, not a string and a hashed set entry each. (Their hashes are worked out where they
/// are looked up, in `WordIndex`: a run keeps every Turkish article's bags.)
struct WordBag: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []
    /// Where each word's bytes end (it starts where the one before ends).
    private(set) var ends: [UInt32] = []

    var count: Int { ends.count }

    mutating func append(_ word: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: word)
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// Gives back the capacity the lists grew by and do not use.
    mutating func shrinkToFit() {
        bytes = Array(exactly: bytes)
        ends = Array(exactly: ends)
    }

    /// The bytes of word `index`.
    func word(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])]
    }

    /// Word `index`'s hash.
    func hash(_ index: Int) -> UInt64 {
        word(index).withUnsafeBufferPointer { WordBag.hash($0) }
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
            for w in 0..<bag.count {
                let hash = bag.hash(w)
                if first[hash] == nil { first[hash] = (b, w) }
            }
        }
    }

    func contains(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { bytes in
            let hash = WordBag.hash(bytes)
            guard let place = first[hash] else { return false }
            if bags[place.bag].word(place.word).elementsEqual(bytes) { return true }
            // Two words with one hash: look at every word.
            return bags.contains { bag in (0..<bag.count).contains { bag.word($0).elementsEqual(bytes) } }
        }
    }
}

extension WordBag {
    /// The bytes and where each word ends.
    func encode(into e: inout FactEncoder) {
        e.unsigned(UInt64(bytes.count))
        e.raw(bytes)
        e.array(ends) { $0.int(Int($1)) }
    }

    init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
        let bytes = try d.bytes()
        guard bytes.count <= UInt32.max else { throw FactDecoder.Damaged() }
        var start = 0
        let ends = try d.array { d throws(FactDecoder.Damaged) -> UInt32 in
            let end = try d.int()
            guard start <= end, end <= bytes.count else { throw FactDecoder.Damaged() }
            start = end
            return UInt32(end)
        }
        self.bytes = bytes
        self.ends = ends
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
