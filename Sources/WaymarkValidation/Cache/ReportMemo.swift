import Foundation
import Synchronization
import WaymarkCore

/// What `validate --cache DIR` keeps of a report: the text each file's findings were written as,
/// with a hash of those findings (`FindingList.Grouping.identity`: the findings' bytes, which
/// say everything the text is made of), for one format, language and set of options (the key).
/// A later report of the tree copies the text of each file whose findings hash the same instead
/// of putting every finding into words again: after a one-file edit, nearly all of them.
///
/// Two files per tree and key in DIR. The texts, one after another after a short header that
/// names the file by a number drawn when it was made (`.dat`): a run appends the texts it made,
/// and writes the file anew once texts no longer listed would make up half of it. And their
/// index (`.idx`, written whole and renamed into place; left as it is by a run that copied every
/// text it lists): the key, the texts' file's number, and for each file of the report a hash of
/// its path, the hash of its findings, where its text is and the text's own checksum, with a
/// checksum over all of it. A text is copied only when it matches its checksum and holds what a
/// report of this program holds (UTF-8 without terminal controls); any other is made again. An
/// index that is damaged, cut short, made for another key or another texts' file, or that names
/// a text beyond the file's end, is not used. Only the run that holds the texts' file's lock adds
/// to it; a run that cannot take it copies what it can and leaves both files as they are.
///
/// ```swift
/// report.memo = ReportMemo(directory: cache, root: result.absoluteRoot, key: key, limit: limit)
/// try ReportFormat.json.write(report, to: emit)  // copies what holds, records the rest, finishes
/// ```
package final class ReportMemo: @unchecked Sendable {
    static let indexMagic = Array("WAYMARK-RINDEX\n".utf8)
    static let textsMagic = Array("WAYMARK-RTEXTS\n".utf8)
    static let format: UInt64 = 1
    /// The texts' file's header: its magic, the format, its number.
    static let textsHeader = textsMagic.count + 16

    /// A file's text in the texts' file.
    struct Entry: Equatable {
        var identity: UInt64
        var offset: Int
        var length: Int
        var checksum: UInt64
    }

    /// The index as read (and whose texts are in `textsFile`, open for reading).
    let known: [UInt64: Entry]
    let key: UInt64
    let indexPath: String
    let textsPath: String
    let limit: Int
    /// The texts' file read from (−1: none), and the one whose lock this run may hold.
    private let readFD: Int32
    private let heldFD: Int32
    private let writing: Mutex<Writing>
    private let copied = Atomic<Int>(0)
    private let looked = Atomic<Int>(0)

    /// How this run adds its texts: after the texts' file's own (holding its lock), into a new
    /// one (renamed into place at the end), or not at all.
    private struct Writing {
        enum Mode {
            case append(fd: Int32, end: Int)
            case fresh(fd: Int32, temporary: String, end: Int)
            case none
        }
        var mode: Mode
        var generation: UInt64
        var entries: [UInt64: Entry] = [:]
        /// Bytes made but not yet written, and where they will start.
        var pending: [UInt8] = []
        var failed = false
        /// Whether a text was made (not copied) or recorded where the index had none.
        var changed = false
    }

    /// The memo of the report of the tree at `root` (absolute) in `directory`, for reports made
    /// with `key` (one that can neither be read nor written copies and records nothing).
    package init(directory: String, root: String, key: UInt64, limit: Int) {
        (indexPath, textsPath) = ReportMemo.files(directory: directory, root: root, key: key)
        (self.key, self.limit) = (key, limit)
        let index = try? FileReader.read(indexPath, limit: max(1, min(limit, 1 << 28)))
        let parsed = index.flatMap { try? ReportMemo.parse($0, key: key) }
        // The texts' file, when it is the one the index names.
        // Made empty when there is none, so that two first runs do not both write one: its lock
        // decides which does.
        var fd = open(textsPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        var size = 0
        var generation: UInt64?
        var pendingHeader: [UInt8] = []
        if fd >= 0 {
            var info = stat()
            if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                size = Int(info.st_size)
                generation = ReportMemo.generation(of: fd)
            } else {
                close(fd)
                fd = -1
            }
        }
        // The index of this texts' file, every text of it within the file (a file cut short
        // since, or an index that says otherwise, is not read from at all).
        let usable = parsed.flatMap { parsed in
            generation == parsed.generation && parsed.entries.values.allSatisfy { $0.offset + $0.length <= size }
                ? parsed : nil
        }
        known = usable?.entries ?? [:]
        heldFD = fd
        readFD = usable != nil ? fd : -1
        // Appended to when it is the index's and its listed texts make up more than half of it;
        // otherwise a new one is made. Either way only by the run holding its lock.
        let live = known.values.reduce(ReportMemo.textsHeader) { $0 + $1.length }
        var mode = Writing.Mode.none
        var number = UInt64.random(in: 1...UInt64.max)
        let locked = fd < 0 || flock(fd, LOCK_EX | LOCK_NB) == 0
        if locked, let usable, fd >= 0, size <= 2 * live + (1 << 20) {
            mode = .append(fd: fd, end: size)
            number = usable.generation
        } else if locked, let made = ReportMemo.temporary(beside: textsPath) {
            mode = .fresh(fd: made.fd, temporary: made.path, end: 0)
            var header = FactEncoder(capacity: ReportMemo.textsHeader)
            header.raw(ReportMemo.textsMagic)
            header.fixed(ReportMemo.format)
            header.fixed(number)
            pendingHeader = header.bytes
        }
        var state = Writing(mode: mode, generation: number, pending: pendingHeader)
        // As many files as the report before, mostly the same: not grown one rehash at a time
        // on the thread that writes the report.
        state.entries.reserveCapacity(known.count)
        writing = Mutex(state)
    }

    deinit {
        writing.withLock { w in
            if case .fresh(let fd, let temporary, _) = w.mode {
                close(fd)
                unlink(temporary)
            }
            w.mode = .none
        }
        if heldFD >= 0 { close(heldFD) }
    }

    /// The index and texts' file of reports with `key` of the tree at `root` in `directory`: a
    /// tree reported in two formats (or languages) keeps a memo for each.
    static func files(directory: String, root: String, key: UInt64) -> (index: String, texts: String) {
        var slot = Hasher64()
        slot.mix(root)
        let name = directory + "/waymark-report-" + String(slot.value, radix: 16) + "-" + String(key, radix: 16)
        return (name + ".idx", name + ".dat")
    }

    /// Whether `name` is a report memo's file (`files`), for the cache's limit.
    static func isFile(named name: String) -> Bool {
        name.hasPrefix("waymark-report-") && (name.hasSuffix(".idx") || name.hasSuffix(".dat"))
    }

    /// The key of a report: what its texts are made of besides the findings (the format and its
    /// options, the reader's language, `parts`), this build of Waymark, and the bytes of the
    /// message catalogs in `catalogs`.
    package static func key(_ parts: [String], catalogs: String?) -> UInt64 {
        var key = Hasher64()
        key.mix(format)
        key.mix(Validator.programStamp)
        for part in parts { key.mix(part) }
        if let catalogs, let names = try? FileManager.default.contentsOfDirectory(atPath: catalogs) {
            for name in names.sorted() where name.hasSuffix(".xlf") {
                key.mix(name)
                key.mix((try? FileReader.read(catalogs + "/" + name)).map(FactCache.hash) ?? 0)
            }
        }
        return key.value
    }

    /// The number a texts' file names itself by, when it begins as one.
    private static func generation(of fd: Int32) -> UInt64? {
        var header = [UInt8](repeating: 0, count: textsHeader)
        guard pread(fd, &header, textsHeader, 0) == textsHeader, header.starts(with: textsMagic) else { return nil }
        return header.withUnsafeBytes { raw -> UInt64? in
            var d = FactDecoder(raw, offset: textsMagic.count)
            guard (try? d.fixed()) == format else { return nil }
            return try? d.fixed()
        }
    }

    private static func temporary(beside path: String) -> (path: String, fd: Int32)? {
        for _ in 0..<100 {
            let name = path + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            // Locked before it is renamed into place, until its index is written after it: a run
            // that opens it in between leaves both alone.
            if fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 { return (name, fd) }
            if fd >= 0 {
                close(fd)
                unlink(name)
                return nil
            }
            if errno != EEXIST { return nil }
        }
        return nil
    }

    // MARK: Reading

    /// The text of the file whose path hashes to `path` when its findings hash to `identity`,
    /// appended to `out` without its first `dropping` bytes; whether it was. The text is read into
    /// `scratch` (grown as needed, kept from one call to the next) and checked there first.
    func appendText(
        path: UInt64, identity: UInt64, dropping: Int = 0, to out: inout [UInt8], scratch: inout [UInt8]
    ) -> Bool {
        looked.add(1, ordering: .relaxed)
        guard readFD >= 0, let entry = known[path], entry.identity == identity, entry.length >= dropping else {
            return false
        }
        if scratch.count < entry.length {
            scratch = [UInt8](repeating: 0, count: max(entry.length, 2 * scratch.count))
        }
        let read = scratch.withUnsafeMutableBytes { raw -> Bool in
            let target = UnsafeMutableRawBufferPointer(rebasing: raw[0..<entry.length])
            var filled = 0
            while filled < entry.length {
                let n = pread(readFD, target.baseAddress! + filled, entry.length - filled, off_t(entry.offset + filled))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                filled += n
            }
            guard ReportMemo.holds(UnsafeRawBufferPointer(target), entry) else { return false }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[dropping..<entry.length]))
            return true
        }
        guard read else { return false }
        copied.add(1, ordering: .relaxed)
        return true
    }

    /// The text of the file whose path hashes to `path`, when the memo has one for findings that
    /// hash to `identity` (not yet read, nor checked: `appendTexts`).
    func entry(path: UInt64, identity: UInt64) -> Entry? {
        looked.add(1, ordering: .relaxed)
        guard readFD >= 0, let entry = known[path], entry.identity == identity else { return nil }
        return entry
    }

    /// Whether `next`'s text starts in the texts' file where `entry`'s ends: the two are read
    /// with one call (`appendTexts`).
    static func follows(_ next: Entry, _ entry: Entry) -> Bool { entry.offset + entry.length == next.offset }

    /// Appends the texts of `entries`, one after another in the texts' file (`follows`), to
    /// `out`: read with one call straight into `out`'s room, then each checked where it landed
    /// (`holds`). Returns how many of them, from the first, were whole: `out` holds those and
    /// nothing after them.
    func appendTexts(_ entries: ArraySlice<Entry>, to out: inout [UInt8]) -> Int {
        guard readFD >= 0, let first = entries.first, let last = entries.last else { return 0 }
        let start = out.count
        let length = last.offset + last.length - first.offset
        let read = TextsRead(fd: readFD, offset: first.offset, length: length)
        out.append(contentsOf: read)
        var whole = 0
        if out.count == start + length, read.outcome.complete {
            out.withUnsafeBytes { raw in
                for entry in entries {
                    let at = start + entry.offset - first.offset
                    guard ReportMemo.holds(UnsafeRawBufferPointer(rebasing: raw[at..<at + entry.length]), entry) else {
                        break
                    }
                    whole += 1
                }
            }
        }
        let kept = whole == entries.count ? length : entries.prefix(whole).reduce(0) { $0 + $1.length }
        out.removeSubrange((start + kept)...)
        copied.add(whole, ordering: .relaxed)
        return whole
    }

    /// Whether `text`, read for `entry`, is the text it names: its checksum, and nothing a report
    /// of this program would not hold (a file of the cache is whatever was put there, and these
    /// bytes go to a terminal or a pipe unread).
    private static func holds(_ text: UnsafeRawBufferPointer, _ entry: Entry) -> Bool {
        var check = Hasher64()
        check.mix(text)
        return check.value == entry.checksum && TerminalText.isShownAsIs(utf8: text)
    }

    /// Bytes of the texts' file, appended to an array by reading them into its room: without
    /// being read into a buffer of their own first and copied from there. Bytes that cannot be
    /// read are left as zeros and `outcome` says so (the caller then drops them).
    private struct TextsRead: Sequence {
        final class Outcome {
            var complete = true
        }
        let fd: Int32
        let offset: Int
        let length: Int
        let outcome = Outcome()

        var underestimatedCount: Int { length }

        func makeIterator() -> EmptyCollection<UInt8>.Iterator { EmptyCollection().makeIterator() }

        // What `Array.append(contentsOf:)` calls with its room for `underestimatedCount` bytes.
        func _copyContents(
            initializing buffer: UnsafeMutableBufferPointer<UInt8>
        ) -> (EmptyCollection<UInt8>.Iterator, UnsafeMutableBufferPointer<UInt8>.Index) {
            let count = Swift.min(length, buffer.count)
            guard let base = buffer.baseAddress, count > 0 else { return (makeIterator(), 0) }
            var filled = 0
            while filled < count {
                let n = pread(fd, base + filled, count - filled, off_t(offset + filled))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                filled += n
            }
            if filled < count {
                (base + filled).initialize(repeating: 0, count: count - filled)
                outcome.complete = false
            }
            return (makeIterator(), count)
        }
    }

    /// How many files' texts were copied, and how many were made.
    package var textsCopied: Int { copied.load(ordering: .relaxed) }
    package var textsMade: Int { looked.load(ordering: .relaxed) - copied.load(ordering: .relaxed) }

    // MARK: Recording

    /// Records the text of the file whose path hashes to `path` and whose findings hash to
    /// `identity`: `bytes`, which `appendText` just gave (`copied`), or which were made now. In
    /// report order, from one thread.
    func record(path: UInt64, identity: UInt64, bytes: UnsafeRawBufferPointer, copied: Bool) {
        writing.withLock { w in
            if w.failed { return }
            if copied, case .append = w.mode, let entry = known[path] {
                w.entries[path] = entry
                return
            }
            w.changed = true
            var check = Hasher64()
            check.mix(bytes)
            let start: Int
            switch w.mode {
            case .append(_, let end), .fresh(_, _, let end): start = end + w.pending.count
            case .none: return
            }
            guard start + bytes.count <= limit else {
                w.failed = true
                return
            }
            w.entries[path] = Entry(identity: identity, offset: start, length: bytes.count, checksum: check.value)
            w.pending.append(contentsOf: bytes)
            if w.pending.count >= 1 << 20 { flush(&w) }
        }
    }

    private func flush(_ w: inout Writing) {
        guard !w.pending.isEmpty else { return }
        let fd: Int32
        switch w.mode {
        case .append(let f, _), .fresh(let f, _, _): fd = f
        case .none: return
        }
        // Appended where the texts' file ended when this run took its lock.
        if case .append(_, let end) = w.mode, lseek(fd, off_t(end), SEEK_SET) < 0 {
            w.failed = true
            return
        }
        do {
            try FileWriter.write(w.pending, to: fd)
        } catch {
            w.failed = true
            return
        }
        switch w.mode {
        case .append(let f, let end): w.mode = .append(fd: f, end: end + w.pending.count)
        case .fresh(let f, let temporary, let end):
            w.mode = .fresh(fd: f, temporary: temporary, end: end + w.pending.count)
        case .none: break
        }
        w.pending.removeAll(keepingCapacity: true)
    }

    /// Writes what the report recorded: the texts not yet written, the new texts' file renamed
    /// into place, then the index. Nothing is left behind that a later run would trust when a
    /// write fails (the index is then removed).
    func finish() {
        writing.withLock { w in
            flush(&w)
            defer {
                if case .fresh(let fd, let temporary, _) = w.mode {
                    close(fd)
                    unlink(temporary)
                }
                w.mode = .none
            }
            if case .none = w.mode { return }
            // Every text copied, for the files the index lists: the index is the one on disk.
            if case .append = w.mode, !w.failed, !w.changed, w.entries.count == known.count { return }
            if w.failed {
                // Over the cache's limit or not written: neither file stays to take up room.
                unlink(indexPath)
                unlink(textsPath)
                return
            }
            var renamed: Int32 = -1
            if case .fresh(let fd, let temporary, _) = w.mode {
                // (Not synced: a texts' file that lost its bytes in a crash fails their checksums.)
                guard rename(temporary, textsPath) == 0 else {
                    unlink(indexPath)
                    return
                }
                renamed = fd
                w.mode = .none
            }
            // Its lock held until the index names it.
            defer { if renamed >= 0 { close(renamed) } }
            let bytes = ReportMemo.index(key: key, generation: w.generation, entries: w.entries)
            do {
                try FileWriter.replace(indexPath, with: bytes)
            } catch {
                unlink(indexPath)
            }
        }
    }

    // MARK: The index

    /// The index's bytes: magic, format, key, the texts' file's number, the entries in the order
    /// of their paths' hashes, and a checksum of all that.
    static func index(key: UInt64, generation: UInt64, entries: [UInt64: Entry]) -> [UInt8] {
        var e = FactEncoder(capacity: entries.count * 32 + 64)
        e.raw(indexMagic)
        e.unsigned(format)
        e.fixed(key)
        e.fixed(generation)
        e.unsigned(UInt64(entries.count))
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            e.fixed(path)
            e.fixed(entry.identity)
            e.unsigned(UInt64(entry.offset))
            e.unsigned(UInt64(entry.length))
            e.fixed(entry.checksum)
        }
        var check = Hasher64()
        e.bytes.withUnsafeBytes { check.mix($0) }
        e.fixed(check.value)
        return e.bytes
    }

    /// The index `bytes` hold; throws when they are not one whole index (or, with `key`, one for
    /// another key).
    static func parse(_ bytes: [UInt8], key wanted: UInt64? = nil, checksum: Bool = true) throws(FactDecoder.Damaged)
        -> (key: UInt64, generation: UInt64, entries: [UInt64: Entry])
    {
        let parsed = bytes.withUnsafeBytes { raw in
            Result { () throws(FactDecoder.Damaged) -> (key: UInt64, generation: UInt64, entries: [UInt64: Entry]) in
                guard raw.count > indexMagic.count + 8, raw.starts(with: indexMagic) else { throw .init() }
                let body = UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - 8])
                var tail = FactDecoder(raw, offset: raw.count - 8)
                var check = Hasher64()
                check.mix(body)
                guard try tail.fixed() == check.value || !checksum else { throw .init() }
                var d = FactDecoder(body, offset: indexMagic.count)
                guard try d.unsigned() == format else { throw .init() }
                let key = try d.fixed()
                if let wanted, wanted != key { throw .init() }
                let generation = try d.fixed()
                var entries: [UInt64: Entry] = [:]
                var previous: UInt64?
                for _ in 0..<(try d.count()) {
                    let path = try d.fixed()
                    // In order, each path once.
                    if let previous, !(previous < path) { throw .init() }
                    previous = path
                    let identity = try d.fixed()
                    let offset = try d.unsigned()
                    let length = try d.unsigned()
                    let checksum = try d.fixed()
                    // A text lies after the header, within what a file can be.
                    guard offset >= UInt64(textsHeader), offset < 1 << 48, length < 1 << 40 else { throw .init() }
                    entries[path] = Entry(
                        identity: identity, offset: Int(offset), length: Int(length), checksum: checksum)
                }
                guard d.isAtEnd else { throw .init() }
                return (key, generation, entries)
            }
        }
        return try parsed.get()
    }
}

extension ReportMemo {
    /// Reads `bytes` as a report memo's index the way a run does; with `checked` false the
    /// checksum is not compared, so that the reader meets arbitrary bytes (for the fuzz target).
    /// The number of texts listed, or `nil` when the index is refused.
    package static func readIndex(_ bytes: [UInt8], checked: Bool = true) -> Int? {
        (try? parse(bytes, checksum: checked))?.entries.count
    }
}
