import Glibc
import WaymarkCore

/// A sorted list of findings kept as bytes while the cross-article rules run, and read back once
/// the articles' facts are gone.
///
/// A finding in a list is 128 bytes, a list of its arguments and often notes, each an allocation
/// of its own; here it is a few bytes: short texts as they are, longer ones as numbers into a
/// table of the list's strings. The table holds the strings themselves, so a line or a path that
/// the facts or other findings share stays one string, and reading the list back allocates no
/// text.
struct SpilledFindings: Sendable {
    private let bytes: [UInt8]
    private let strings: [String]
    /// Where each finding's bytes start: any one of them is read without the ones before it.
    private let starts: [UInt32]
    /// Where each one ends, for a list whose findings are picked out of larger bytes (a memo's);
    /// `nil`: one after another, the last up to the end of `bytes`.
    private let ends: [UInt32]?
    /// Where each run of findings with one path ends (the index after its last), runs in order
    /// and covering the list, when known as the list was made (a reused file's, a memo's groups):
    /// the merge then ranks a run's path once rather than each finding's. `nil`: not known.
    let pathRuns: [UInt32]?

    var count: Int { starts.count }

    /// `keepsLines: false` drops each finding's source line (its fingerprint already counts it):
    /// for a report that does not show the lines, a large tree's findings would otherwise keep
    /// megabytes of them.
    init(_ findings: consuming [Diagnostic], keepsLines: Bool = true) {
        let list = consume findings
        var writer = Writer(capacity: list.count * 24, keepsLines: keepsLines)
        var starts: [UInt32] = []
        starts.reserveCapacity(list.count)
        for finding in list {
            starts.append(UInt32(writer.bytes.count))
            writer.finding(finding)
        }
        self.starts = starts
        ends = nil
        pathRuns = nil
        bytes = Array(exactly: writer.bytes)
        strings = Array(exactly: writer.strings)
    }

    /// Checks that `range` of `raw` (read from a file) holds `count` standalone findings and no
    /// more, each in `path`: every field's bounds are checked once here, so that reading them later
    /// cannot run past them. Appends where each finding starts to `starts`; `false` otherwise.
    static func checkStandalone(
        _ raw: UnsafeRawBufferPointer, _ range: Range<Int>, count: Int, path: String, starts: inout [UInt32]
    ) -> Bool {
        guard range.upperBound <= raw.count, raw.count < Int(UInt32.max) else { return false }
        var walker = Walker(
            bytes: UnsafeRawBufferPointer(rebasing: raw[0..<range.upperBound]), offset: range.lowerBound)
        var path = path
        return path.withUTF8 { expected in
            for _ in 0..<count {
                starts.append(UInt32(walker.offset))
                // Its path compared in place ("" for none).
                guard walker.step() else { return false }
                let found = walker.path ?? UnsafeRawBufferPointer(start: nil, count: 0)
                guard found.count == expected.count,
                    found.isEmpty || memcmp(found.baseAddress!, expected.baseAddress!, found.count) == 0
                else { return false }
            }
            return walker.offset == range.upperBound
        }
    }

    /// The `count` standalone findings that fill `raw` (read from the fact cache), their bounds
    /// checked once here, as a list that keeps every text in place (as a memo's list does), and
    /// with `keepsLines` false without their source lines. `nil` when the bytes are not that.
    ///
    /// The texts are not moved to a table of shared strings: that took a look-up in the run's
    /// interner for every longer text of every finding of every file a cached run reuses, for
    /// findings that are read once more, when the report is written. A list in place is copied
    /// with the bytes of its findings as they are, or, without lines, with each line's field
    /// written empty.
    static func standalone(_ raw: UnsafeRawBufferPointer, count: Int, keepsLines: Bool) -> SpilledFindings? {
        guard raw.count < Int(UInt32.max) else { return nil }
        var walker = Walker(bytes: raw)
        var starts: [UInt32] = []
        starts.reserveCapacity(count)
        // Whether every finding is in the first one's file (an article's own findings, most often).
        var first: UnsafeRawBufferPointer?
        var onePath = true
        func notePath() {
            let path = walker.path ?? UnsafeRawBufferPointer(start: nil, count: 0)
            guard let first else {
                first = path
                return
            }
            if onePath,
                path.count != first.count
                    || (!path.isEmpty && memcmp(path.baseAddress!, first.baseAddress!, path.count) != 0)
            {
                onePath = false
            }
        }
        var runs: [UInt32]? { onePath && count > 0 ? [UInt32(count)] : nil }
        guard keepsLines else {
            // Each finding's bytes but for its line's field, which becomes the one byte of none.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(raw.count)
            for _ in 0..<count {
                let start = walker.offset
                guard walker.step() else { return nil }
                notePath()
                starts.append(UInt32(bytes.count))
                let line = walker.line
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start..<line.lowerBound]))
                bytes.append(0)
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[line.upperBound..<walker.offset]))
            }
            guard walker.offset == raw.count else { return nil }
            return SpilledFindings(bytes: bytes, strings: [], starts: starts, pathRuns: runs)
        }
        for _ in 0..<count {
            starts.append(UInt32(walker.offset))
            guard walker.step() else { return nil }
            notePath()
        }
        guard walker.offset == raw.count else { return nil }
        return SpilledFindings(bytes: Array(raw), strings: [], starts: starts, pathRuns: runs)
    }

    private init(bytes: [UInt8], strings: [String], starts: [UInt32], pathRuns: [UInt32]?) {
        self.bytes = bytes
        self.strings = strings
        self.starts = starts
        ends = nil
        self.pathRuns = pathRuns
    }

    /// The findings as standalone bytes, one after another (what `standalone` reads).
    func standaloneBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + strings.count * 32)
        for index in starts.indices { appendStandalone(findingAt: index, to: &out) }
        return out
    }

    /// The severities by their number in a finding's bytes (made once: `allCases` makes an array
    /// each time it is asked for, and the walkers ask for every finding).
    static let severities = Severity.allCases

    /// The longest text a list keeps in place rather than in its table.
    static let inlineText = 15

    /// A number as `Writer.number` writes it, at `offset` of bytes already checked (or written
    /// in this process); `offset` moves past it.
    private static func number(in bytes: some RandomAccessCollection<UInt8>, at offset: inout Int) -> Int {
        var start = bytes.index(bytes.startIndex, offsetBy: offset)
        var value = 0
        var shift = 0
        while true {
            let byte = bytes[start]
            start = bytes.index(after: start)
            offset += 1
            value |= Int(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Appends the finding at `index` as standalone bytes (its texts in place, not in the table),
    /// as `standalone` writes it.
    func appendStandalone(findingAt index: Int, to out: inout [UInt8]) {
        var copier = Copier(bytes: bytes, strings: strings, offset: Int(starts[index]))
        copier.finding(to: &out)
    }

    /// Calls `body` with the finding at `index` as standalone bytes read in place, when this list
    /// keeps every text in place (no table: a memo's list, or one whose texts are all short); `nil`
    /// otherwise (`appendStandalone` then makes them).
    func withStandaloneBytes<R>(ofFindingAt index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        guard strings.isEmpty else { return nil }
        // Without a table, a finding's bytes are its standalone bytes.
        let (start, end) = (Int(starts[index]), end(ofFindingAt: index))
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Copies a finding's bytes, the texts of the table written in place: the bytes between
    /// those texts a run at a time.
    private struct Copier {
        let bytes: [UInt8]
        let strings: [String]
        var offset: Int
        /// Where the bytes not yet copied start.
        var copied: Int

        init(bytes: [UInt8], strings: [String], offset: Int) {
            (self.bytes, self.strings, self.offset, copied) = (bytes, strings, offset, offset)
        }

        mutating func number() -> Int { SpilledFindings.number(in: bytes, at: &offset) }

        mutating func text(to out: inout [UInt8]) {
            let start = offset
            let n = number()
            if n & 1 == 1 {
                offset += n >> 1
                return
            }
            out.append(contentsOf: bytes[copied..<start])
            var text = strings[n >> 1]
            let count = text.utf8.count
            var v = UInt64(count << 1 | 1)
            while v >= 0x80 {
                out.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            out.append(UInt8(v))
            text.withUTF8 { out.append(contentsOf: $0) }
            copied = offset
        }

        mutating func byte() -> UInt8 {
            offset += 1
            return bytes[offset - 1]
        }

        mutating func optionalText(to out: inout [UInt8]) {
            if byte() == 1 { text(to: &out) }
        }

        mutating func range() {
            for _ in 0..<4 { _ = number() }
        }

        mutating func optionalRange() {
            if byte() == 1 { range() }
        }

        mutating func texts(_ n: Int, to out: inout [UInt8]) {
            for _ in 0..<n { text(to: &out) }
        }

        mutating func finding(to out: inout [UInt8]) {
            text(to: &out)
            _ = byte()
            optionalText(to: &out)
            optionalRange()
            text(to: &out)
            offset += 8
            texts(number() * 2, to: &out)
            optionalText(to: &out)
            for _ in 0..<number() {
                optionalText(to: &out)
                optionalRange()
                text(to: &out)
                texts(number(), to: &out)
            }
            for _ in 0..<number() {
                text(to: &out)
                texts(number() * 2, to: &out)
                for _ in 0..<number() {
                    optionalText(to: &out)
                    range()
                    text(to: &out)
                }
            }
            optionalText(to: &out)
            out.append(contentsOf: bytes[copied..<offset])
            copied = offset
        }
    }

    /// Steps over standalone findings from a file, checking every bound: what `Reader` reads
    /// without checking.
    private struct Walker {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        /// A number as `Writer.number` writes it, below 2^31.
        mutating func number() -> Int? {
            // Most are one byte.
            if offset < bytes.count, bytes[offset] < 0x80 {
                offset += 1
                return Int(bytes[offset - 1])
            }
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 35 {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte < 0x80 { return value <= UInt64(Int32.max) ? Int(value) : nil }
                shift += 7
            }
            return nil
        }

        /// A count of things of at least one byte each.
        mutating func count() -> Int? {
            guard let n = number(), n <= bytes.count - offset else { return nil }
            return n
        }

        /// Steps over a text written in place; its bytes.
        mutating func text() -> UnsafeRawBufferPointer? {
            guard let n = number(), n & 1 == 1, n >> 1 <= bytes.count - offset else { return nil }
            defer { offset += n >> 1 }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n >> 1])
        }

        /// 0, or 1 and a text; `.some(nil)` for 0.
        mutating func optionalText() -> UnsafeRawBufferPointer?? {
            guard offset < bytes.count, bytes[offset] <= 1 else { return nil }
            offset += 1
            if bytes[offset - 1] == 0 { return .some(nil) }
            return text().map { .some($0) }
        }

        mutating func range() -> Bool {
            for _ in 0..<4 where number() == nil { return false }
            return true
        }

        mutating func optionalRange() -> Bool {
            guard offset < bytes.count, bytes[offset] <= 1 else { return false }
            offset += 1
            return bytes[offset - 1] == 0 || range()
        }

        mutating func texts(_ n: Int) -> Bool {
            for _ in 0..<n where text() == nil { return false }
            return true
        }

        /// The path of the last finding stepped over, and where its source line's field is.
        var path: UnsafeRawBufferPointer?
        var line = 0..<0

        /// Steps over one finding; `false` when the bytes are not one.
        mutating func step() -> Bool {
            guard text() != nil, offset < bytes.count, Int(bytes[offset]) < SpilledFindings.severities.count else {
                return false
            }
            offset += 1
            guard let path = optionalText(), optionalRange(), text() != nil, bytes.count - offset >= 8 else {
                return false
            }
            self.path = path
            offset += 8
            guard let arguments = count(), texts(arguments * 2) else { return false }
            let lineStart = offset
            guard optionalText() != nil else { return false }
            line = lineStart..<offset
            guard let notes = count() else { return false }
            for _ in 0..<notes {
                guard optionalText() != nil, optionalRange(), text() != nil, let pairs = count(), texts(pairs) else {
                    return false
                }
            }
            guard let fixIts = count() else { return false }
            for _ in 0..<fixIts {
                guard text() != nil, let arguments = count(), texts(arguments * 2), let edits = count() else {
                    return false
                }
                for _ in 0..<edits {
                    guard optionalText() != nil, range(), text() != nil else { return false }
                }
            }
            return optionalText() != nil
        }
    }

    /// The path of the finding at `index`, read without the rest of it.
    func path(at index: Int) -> String? {
        var reader = Reader(bytes: bytes, strings: strings, offset: Int(starts[index]))
        _ = reader.text()
        reader.offset += 1
        return reader.optionalText()
    }

    /// A hash of the UTF-8 of the path of the finding at `index` (`Hasher64`), read in place;
    /// 0 for a finding without one.
    func pathHash(at index: Int) -> UInt64 {
        var reader = Reader(bytes: bytes, strings: strings, offset: Int(starts[index]))
        reader.skipText()
        reader.offset += 1
        guard reader.bytes[reader.offset] != 0 else { return 0 }
        reader.offset += 1
        return reader.hashText()
    }

    /// A list of standalone findings (texts in place) in `standaloneBytes`, from bytes and starts
    /// already checked (`checkStandalone`), and where each finding ends.
    init(standaloneBytes: [UInt8], starts: [UInt32], ends: [UInt32], pathRuns: [UInt32]? = nil) {
        precondition(starts.count == ends.count)
        self.bytes = standaloneBytes
        self.strings = []
        self.starts = starts
        self.ends = ends
        self.pathRuns = pathRuns
    }

    /// Where the bytes of the finding at `index` end.
    private func end(ofFindingAt index: Int) -> Int {
        if let ends { return Int(ends[index]) }
        return index + 1 < starts.count ? Int(starts[index + 1]) : bytes.count
    }

    /// The findings, in the order they were kept.
    func findings() -> [Diagnostic] {
        var out: [Diagnostic] = []
        out.reserveCapacity(count)
        // (Read from where each starts: a list read in place in a file's bytes skips some.)
        for index in starts.indices {
            var reader = Reader(bytes: bytes, strings: strings, offset: Int(starts[index]))
            out.append(reader.finding())
        }
        return out
    }

    /// The finding at `index`.
    func finding(at index: Int) -> Diagnostic {
        var reader = Reader(bytes: bytes, strings: strings, offset: Int(starts[index]))
        return reader.finding()
    }

    /// The number `Writer.number` wrote at `offset` in bytes written in this process (seven bits
    /// a byte, the last one below 0x80); `offset` moves past it.
    @inline(__always)
    static func number<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at offset: inout Int) -> Int
    where Bytes.Index == Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return Int(truncatingIfNeeded: value) }
            shift += 7
        }
    }

    /// Calls `body` with each finding's index, in order, and the UTF-8 of its path, as
    /// `withPathBytes` reads one: the bytes are reached once for the whole list, not once a
    /// finding (a large tree's merge reads hundreds of thousands of paths on one thread).
    func forEachPathBytes(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { raw in
            func number(_ offset: inout Int) -> Int { SpilledFindings.number(in: raw, at: &offset) }
            for index in starts.indices {
                var offset = Int(starts[index])
                // The message's text, then the severity's byte and the path's there-or-not mark.
                let skipped = number(&offset)
                if skipped & 1 == 1 { offset += skipped >> 1 }
                offset += 1
                guard raw[offset] != 0 else {
                    body(index, UnsafeRawBufferPointer(start: nil, count: 0))
                    continue
                }
                offset += 1
                let n = number(&offset)
                guard n & 1 == 1 else {
                    var text = strings[n >> 1]
                    text.withUTF8 { body(index, UnsafeRawBufferPointer($0)) }
                    continue
                }
                body(index, UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n >> 1]))
            }
        }
    }

    /// Calls `body` with the UTF-8 of the path of the finding at `index`, read in place (empty
    /// for a finding without one).
    func withPathBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var reader = Reader(bytes: bytes, strings: strings, offset: Int(starts[index]))
        reader.skipText()
        reader.offset += 1
        guard bytes[reader.offset] != 0 else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        reader.offset += 1
        let n = reader.number()
        guard n & 1 == 1 else {
            var text = strings[n >> 1]
            return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
        let offset = reader.offset
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n >> 1])) }
    }

    /// Where the finding at `index` starts, its fingerprint and severity: the fields of its `Key`
    /// that are not text, read without making a string.
    func place(at index: Int) -> (start: SourceLocation, fingerprint: UInt64, severity: Severity) {
        withExtendedLifetime(self) { places.place(at: index) }
    }

    /// This list's bytes and where its findings start, as addresses (valid while the list lives:
    /// its arrays are never changed). For a loop over many lists' findings on two processors at
    /// once, the merge's: read through the list, each step would count references to its arrays
    /// up and down, the same counts on both processors.
    var places: Places {
        Places(
            bytes: bytes.withUnsafeBufferPointer { $0 }, starts: starts.withUnsafeBufferPointer { $0 })
    }

    /// `place(at:)` read through the addresses of a list's arrays (`places`).
    struct Places {
        let bytes: UnsafeBufferPointer<UInt8>
        let starts: UnsafeBufferPointer<UInt32>

        func place(at index: Int) -> (start: SourceLocation, fingerprint: UInt64, severity: Severity) {
            var offset = Int(starts[index])
            func number() -> Int { SpilledFindings.number(in: bytes, at: &offset) }
            // A text: its length (odd) and bytes in place, or its number in the table (even).
            func skipText() {
                let n = number()
                if n & 1 == 1 { offset += n >> 1 }
            }
            skipText()
            let severity = SpilledFindings.severities[Int(bytes[offset])]
            // The severity's byte, then the path's there-or-not mark and the path.
            let hasPath = bytes[offset + 1] != 0
            offset += 2
            if hasPath { skipText() }
            var start = SourceLocation(line: 0, column: 0)
            offset += 1
            if bytes[offset - 1] != 0 {
                start = SourceLocation(line: number(), column: number())
                _ = (number(), number())
            }
            skipText()
            var fingerprint: UInt64 = 0
            for k in 0..<8 { fingerprint |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
            return (start, fingerprint, severity)
        }
    }

    /// What orders the finding at `index` and tells it from a repeat, read without the rest of it.
    func key(at index: Int) -> Key {
        var reader = Reader(bytes: bytes, strings: strings, offset: Int(starts[index]))
        return reader.key()
    }

    /// The fields that sort a report (`Diagnostic.precedes`) and its severity.
    struct Key {
        var path: String
        var start: SourceLocation
        var id: String
        var messageKey: String
        var fingerprint: UInt64
        var severity: Severity

        /// As `Diagnostic.precedes` orders the findings the keys are of.
        func precedes(_ other: Key) -> Bool {
            if path != other.path { return path < other.path }
            if start != other.start { return start < other.start }
            if id != other.id { return id < other.id }
            if messageKey != other.messageKey { return messageKey < other.messageKey }
            return fingerprint < other.fingerprint
        }

        /// Whether a finding with this key repeats one with `other`: the same fingerprint (rule
        /// and message) at the same place.
        func repeats(_ other: Key) -> Bool {
            fingerprint == other.fingerprint && start == other.start && path == other.path
        }
    }

    private struct Writer {
        var bytes: [UInt8] = []
        var strings: [String] = []
        /// A string's number by where its bytes are: the strings a list repeats are the same
        /// string (its path, its rule's id and keys, a line its findings share), and an address
        /// is compared where a text would be hashed. (The table holds each string, so no other
        /// can take its address while the list is written.) Equal texts of two strings get two
        /// numbers, which reads back the same.
        var numbers = AddressNumbers()

        let keepsLines: Bool

        init(capacity: Int, keepsLines: Bool) {
            bytes.reserveCapacity(capacity)
            self.keepsLines = keepsLines
        }

        mutating func number(_ value: Int) {
            var v = UInt64(truncatingIfNeeded: value)
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        /// A short text as its bytes, its length times two plus one first; a longer one as its
        /// number in the table, times two.
        mutating func text(_ value: String) {
            let count = value.utf8.count
            if count <= SpilledFindings.inlineText {
                number(count << 1 | 1)
                var small = value
                small.withUTF8 { bytes.append(contentsOf: $0) }
                return
            }
            let address = value.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } ?? 0
            if address != 0 {
                let known = numbers.number(address: address, count: count, next: strings.count)
                if known != strings.count { return number(known << 1) }
            }
            number(strings.count << 1)
            strings.append(value)
        }

        /// 0 for none, else 1 and the text.
        mutating func optionalText(_ value: String?) {
            guard let value else { return bytes.append(0) }
            bytes.append(1)
            text(value)
        }

        mutating func range(_ range: SourceRange) {
            number(range.start.line)
            number(range.start.column)
            number(range.end.line)
            number(range.end.column)
        }

        mutating func optionalRange(_ value: SourceRange?) {
            guard let value else { return bytes.append(0) }
            bytes.append(1)
            range(value)
        }

        /// Arguments in name order, as the finding keeps them.
        mutating func arguments(_ values: [String: String]) {
            number(values.count)
            for name in values.keys.sorted() {
                text(name)
                text(values[name] ?? "")
            }
        }

        mutating func finding(_ d: Diagnostic) {
            text(d.id)
            bytes.append(UInt8(SpilledFindings.severities.firstIndex(of: d.severity) ?? 0))
            optionalText(d.path)
            optionalRange(d.range)
            text(d.messageKey)
            withUnsafeBytes(of: d.fingerprintValue.littleEndian) { bytes.append(contentsOf: $0) }
            number(d.argumentCount)
            d.forEachArgument { name, value in
                text(name)
                text(value)
            }
            optionalText(keepsLines ? d.sourceLine : nil)
            let (notes, fixIts, message) = (d.notes, d.fixIts, d.message)
            number(notes.count)
            for note in notes {
                optionalText(note.path)
                optionalRange(note.range)
                text(note.messageKey)
                let pairs = note.argumentPairs
                number(pairs.count)
                for text in pairs { self.text(text) }
            }
            number(fixIts.count)
            for fix in fixIts {
                text(fix.messageKey)
                arguments(fix.arguments)
                number(fix.edits.count)
                for edit in fix.edits {
                    optionalText(edit.path)
                    range(edit.range)
                    text(edit.replacement)
                }
            }
            optionalText(message)
        }
    }

    /// Reads what `Writer` wrote, in the same process: the bytes cannot be other than written.
    private struct Reader {
        let bytes: [UInt8]
        let strings: [String]
        var offset = 0

        mutating func number() -> Int { SpilledFindings.number(in: bytes, at: &offset) }

        mutating func text() -> String {
            let n = number()
            guard n & 1 == 1 else { return strings[n >> 1] }
            let count = n >> 1
            defer { offset += count }
            return bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<offset + count]), as: UTF8.self)
            }
        }

        mutating func skipText() {
            let n = number()
            if n & 1 == 1 { offset += n >> 1 }
        }

        /// A hash of the next text's UTF-8, the same whether it is in place or in the table.
        mutating func hashText() -> UInt64 {
            let n = number()
            var hash = Hasher64()
            guard n & 1 == 1 else {
                hash.mix(strings[n >> 1])
                return hash.value
            }
            let count = n >> 1
            bytes.withUnsafeBytes { hash.mix(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count])) }
            offset += count
            return hash.value
        }

        mutating func optionalText() -> String? {
            offset += 1
            return bytes[offset - 1] == 0 ? nil : text()
        }

        mutating func range() -> SourceRange {
            let (a, b, c, d) = (number(), number(), number(), number())
            return SourceRange(start: SourceLocation(line: a, column: b), end: SourceLocation(line: c, column: d))
        }

        mutating func optionalRange() -> SourceRange? {
            offset += 1
            return bytes[offset - 1] == 0 ? nil : range()
        }

        mutating func arguments() -> [String: String] {
            let count = number()
            var values: [String: String] = [:]
            values.reserveCapacity(count)
            for _ in 0..<count {
                let name = text()
                values[name] = text()
            }
            return values
        }

        mutating func fingerprint() -> UInt64 {
            var value: UInt64 = 0
            for k in 0..<8 { value |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
            offset += 8
            return value
        }

        /// The fields a finding's bytes begin with.
        mutating func key() -> Key {
            let id = text()
            let severity = SpilledFindings.severities[Int(bytes[offset])]
            offset += 1
            let path = optionalText()
            let start = optionalRange()?.start ?? SourceLocation(line: 0, column: 0)
            let messageKey = text()
            return Key(
                path: path ?? "", start: start, id: id, messageKey: messageKey, fingerprint: fingerprint(),
                severity: severity)
        }

        mutating func finding() -> Diagnostic {
            let id = text()
            let severity = SpilledFindings.severities[Int(bytes[offset])]
            offset += 1
            let path = optionalText()
            let at = optionalRange()
            let key = text()
            let fingerprint = fingerprint()
            let argumentCount = number()
            var list: [String] = []
            list.reserveCapacity(argumentCount * 2)
            for _ in 0..<argumentCount * 2 { list.append(text()) }
            let line = optionalText()
            var notes: [Diagnostic.Note] = []
            let noteCount = number()
            notes.reserveCapacity(noteCount)
            for _ in 0..<noteCount {
                let (notePath, noteRange, noteKey) = (optionalText(), optionalRange(), text())
                let pairCount = number()
                var pairs: [String] = []
                pairs.reserveCapacity(pairCount)
                for _ in 0..<pairCount { pairs.append(text()) }
                notes.append(
                    Diagnostic.Note(path: notePath, range: noteRange, messageKey: noteKey, argumentList: pairs))
            }
            var fixIts: [Diagnostic.FixIt] = []
            let fixCount = number()
            fixIts.reserveCapacity(fixCount)
            for _ in 0..<fixCount {
                let (fixKey, fixArguments) = (text(), arguments())
                var edits: [Diagnostic.TextEdit] = []
                let editCount = number()
                edits.reserveCapacity(editCount)
                for _ in 0..<editCount {
                    let (editPath, editRange) = (optionalText(), range())
                    edits.append(Diagnostic.TextEdit(path: editPath, range: editRange, replacement: text()))
                }
                fixIts.append(Diagnostic.FixIt(messageKey: fixKey, arguments: fixArguments, edits: edits))
            }
            let message = optionalText()
            return Diagnostic(
                id: id, severity: severity, path: path, range: at, messageKey: key, argumentList: list,
                notes: notes, fixIts: fixIts, sourceLine: line, message: message, fingerprintValue: fingerprint)
        }
    }
}

/// Numbers by a text's address and length, in open addressing over a power of two of slots (at
/// most half full): a list's writer asks once for every text longer than a string value holds.
struct AddressNumbers {
    private var addresses: [UInt] = Array(repeating: 0, count: 64)
    private var counts: [Int] = Array(repeating: 0, count: 64)
    private var numbers: [Int] = Array(repeating: 0, count: 64)
    private var filled = 0

    /// The number of the text at `address` (never 0) with `count` bytes; `next` (and kept for
    /// them) when it has none yet.
    mutating func number(address: UInt, count: Int, next: Int) -> Int {
        var mask = addresses.count - 1
        var slot = Self.slot(address, count, mask)
        while addresses[slot] != 0 {
            if addresses[slot] == address, counts[slot] == count { return numbers[slot] }
            slot = (slot + 1) & mask
        }
        if (filled + 1) * 2 > addresses.count {
            grow()
            mask = addresses.count - 1
            slot = Self.slot(address, count, mask)
            while addresses[slot] != 0 { slot = (slot + 1) & mask }
        }
        (addresses[slot], counts[slot], numbers[slot]) = (address, count, next)
        filled += 1
        return next
    }

    private static func slot(_ address: UInt, _ count: Int, _ mask: Int) -> Int {
        let mixed = (UInt64(address) ^ UInt64(truncatingIfNeeded: count) << 48) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }

    private mutating func grow() {
        let (oldAddresses, oldCounts, oldNumbers) = (addresses, counts, numbers)
        let size = oldAddresses.count * 2
        (addresses, counts, numbers) = (
            Array(repeating: 0, count: size), Array(repeating: 0, count: size), Array(repeating: 0, count: size)
        )
        let mask = size - 1
        for index in oldAddresses.indices where oldAddresses[index] != 0 {
            var slot = Self.slot(oldAddresses[index], oldCounts[index], mask)
            while addresses[slot] != 0 { slot = (slot + 1) & mask }
            (addresses[slot], counts[slot], numbers[slot]) = (oldAddresses[index], oldCounts[index], oldNumbers[index])
        }
    }
}
