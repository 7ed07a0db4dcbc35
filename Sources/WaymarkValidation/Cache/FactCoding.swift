import Glibc
import WaymarkCore

/// The fact cache's byte format: integers as LEB128 varints (zigzag for signed), strings as a
/// length and their UTF-8 bytes, a collection as its count and then its elements.
struct FactEncoder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func unsigned(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ value: Int) {
        let v = Int64(value)
        unsigned(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    mutating func fixed(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ value: T?, _ body: (inout FactEncoder, T) -> Void) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        body(&self, value)
    }

    mutating func array<T>(_ values: [T], _ body: (inout FactEncoder, T) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { body(&self, value) }
    }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    /// A dictionary in the order of its keys, so that equal dictionaries give equal bytes.
    mutating func dictionary(_ values: [String: String]) {
        unsigned(UInt64(values.count))
        for key in values.keys.sorted() {
            string(key)
            string(values[key] ?? "")
        }
    }

    mutating func raw(_ other: some Collection<UInt8>) { bytes.append(contentsOf: other) }
}

/// Reads what `FactEncoder` wrote; any byte out of place throws, so a damaged cache is dropped,
/// never half read. Reads bytes its caller keeps alive.
struct FactDecoder {
    struct Damaged: Error {}

    private let base: UnsafeRawBufferPointer
    private(set) var offset: Int
    /// The last strings read that were too long to be stored inline: an entry repeats its path,
    /// rule ids, message keys and source lines from finding to finding, and a run that decodes a
    /// large tree's entries would otherwise hold a copy of each where a fresh check holds one.
    private var recent: [String] = []
    private var nextRecent = 0
    /// Where a run that spills its articles' steps and quoted lines wants decoded ones (as a
    /// fresh check puts them there), and the strings it shares among articles: a run that reuses
    /// a large tree's facts would otherwise hold them all in memory, each its own copy.
    var stepSpill: StepSpill?
    /// For a check's first part read from the fact cache's file: that file, and where in it the
    /// check starts and ends. Its steps, details and links are then left where they are, after
    /// the first part, which must say they fill the rest of the check exactly.
    var stepsFile: (file: CachedChecks, start: Int, end: Int)?
    /// With `stepsFile`: the bytes that follow the first part in the file, as far as they were
    /// read with it (the facts' links come first there, `DocumentFacts.encode`).
    var readAhead = UnsafeRawBufferPointer(start: nil, count: 0)
    /// For a run that keeps findings as bytes: whether they keep their source lines (a checked
    /// file's findings then come as such a list, `CheckedFile.spilled`).
    var findingsKeepLines: Bool?

    init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    var isAtEnd: Bool { offset == base.count }

    mutating func unsigned() throws(Damaged) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < base.count, shift < 64 else { throw Damaged() }
            let byte = base[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws(Damaged) -> Int {
        let v = try unsigned()
        return Int(truncatingIfNeeded: Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
    }

    /// A count of things that take at least one byte each: never more than the bytes left.
    mutating func count() throws(Damaged) -> Int {
        let v = try unsigned()
        guard v <= UInt64(base.count - offset) else { throw Damaged() }
        return Int(v)
    }

    mutating func fixed() throws(Damaged) -> UInt64 {
        guard base.count - offset >= 8 else { throw Damaged() }
        var value: UInt64 = 0
        let word = UnsafeRawBufferPointer(rebasing: base[offset..<offset + 8])
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: word) }
        offset += 8
        return UInt64(littleEndian: value)
    }

    mutating func bool() throws(Damaged) -> Bool {
        guard offset < base.count, base[offset] <= 1 else { throw Damaged() }
        offset += 1
        return base[offset - 1] == 1
    }

    mutating func string() throws(Damaged) -> String {
        let length = try count()
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<offset + length])
        offset += length
        // The file's checksum was checked before anything is read from it: these are the bytes
        // of a string it was made from (and any byte that is not UTF-8 would become U+FFFD).
        guard length > 15 else { return String(decoding: slice.bindMemory(to: UInt8.self), as: UTF8.self) }
        // (Compared where they are: a copy of each string looked at would count a reference to
        // it up and down, for every long string of a large tree's checks.)
        for index in recent.indices where recent[index].utf8.count == length {
            let same = recent[index].utf8.withContiguousStorageIfAvailable {
                memcmp($0.baseAddress!, slice.baseAddress!, length) == 0
            }
            if same == true { return recent[index] }
        }
        let decoded = String(decoding: slice.bindMemory(to: UInt8.self), as: UTF8.self)
        // Bytes that are not UTF-8 decode to another length: such a string is not shared.
        guard decoded.utf8.count == length else { return decoded }
        if recent.count < 8 {
            recent.append(decoded)
        } else {
            recent[nextRecent] = decoded
            nextRecent = (nextRecent + 1) % 8
        }
        return decoded
    }

    /// A string's UTF-8 as `FactEncoder.string` wrote it, read in place.
    mutating func stringBytes() throws(Damaged) -> UnsafeRawBufferPointer {
        let length = try count()
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: base[offset..<offset + length])
    }

    /// The bytes read since `start` (an `offset` of this decoder's), as they are.
    func bytes(since start: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: base[start..<offset])
    }

    /// `other` set back to `start` (an offset it has passed), its strings to share kept.
    init(rewinding other: FactDecoder, to start: Int) {
        self = other
        offset = start
    }

    mutating func skip(_ length: Int) throws(Damaged) {
        guard length >= 0, base.count - offset >= length else { throw Damaged() }
        offset += length
    }

    mutating func bytes() throws(Damaged) -> [UInt8] {
        let length = try count()
        defer { offset += length }
        return Array(base[offset..<offset + length])
    }

    mutating func optional<T>(_ body: (inout FactDecoder) throws(Damaged) -> T) throws(Damaged) -> T? {
        guard try bool() else { return nil }
        return try body(&self)
    }

    mutating func array<T>(_ body: (inout FactDecoder) throws(Damaged) -> T) throws(Damaged) -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try body(&self)) }
        return out
    }

    mutating func strings() throws(Damaged) -> [String] { try array { d throws(Damaged) in try d.string() } }

    mutating func dictionary() throws(Damaged) -> [String: String] {
        let n = try count()
        var out: [String: String] = [:]
        out.reserveCapacity(n)
        for _ in 0..<n {
            let key = try string()
            out[key] = try string()
        }
        return out
    }

    mutating func raw<T: RawRepresentable<String>>(_: T.Type) throws(Damaged) -> T {
        guard let value = T(rawValue: try string()) else { throw Damaged() }
        return value
    }
}

// MARK: - The values a checked file leaves

extension FactEncoder {
    mutating func range(_ r: SourceRange) {
        int(r.start.line)
        int(r.start.column)
        int(r.end.line)
        int(r.end.column)
    }

    mutating func optionalRange(_ r: SourceRange?) { optional(r) { $0.range($1) } }

    mutating func date(_ d: CalendarDate) {
        int(d.year)
        int(d.month)
        int(d.day)
    }
}

extension FactDecoder {
    mutating func range() throws(Damaged) -> SourceRange {
        let (a, b, c, d) = (try int(), try int(), try int(), try int())
        return SourceRange(start: SourceLocation(line: a, column: b), end: SourceLocation(line: c, column: d))
    }

    mutating func optionalRange() throws(Damaged) -> SourceRange? {
        try optional { d throws(Damaged) in try d.range() }
    }

    mutating func optionalString() throws(Damaged) -> String? {
        try optional { d throws(Damaged) in try d.string() }
    }

    mutating func date() throws(Damaged) -> CalendarDate {
        guard let date = CalendarDate(year: try int(), month: try int(), day: try int()) else { throw Damaged() }
        return date
    }
}

extension FactDecoder {
    /// What `body` decodes with a decoder at `offset` in `bytes`.
    static func reading<T>(
        _ bytes: [UInt8], from offset: Int = 0, _ body: (inout FactDecoder) throws(Damaged) -> T
    ) throws(Damaged) -> T {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(Damaged) -> T in
                var d = FactDecoder(raw, offset: offset)
                return try body(&d)
            }
        }.get()
    }
}
