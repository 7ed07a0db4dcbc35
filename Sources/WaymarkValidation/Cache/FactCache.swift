import Foundation
import Synchronization
import WaymarkCore

/// What `validate --cache DIR` keeps between runs: for each checked file, what its check left
/// (findings, facts for the cross-article rules, the includes it names), with what that depended
/// on. A later run reuses an entry when the file's bytes, the bytes of every include it read and
/// the presence of every file its links and includes looked for are as they were; everything
/// else about the run (Waymark's build, the configuration, the glossary, the bindings, the date,
/// the redirection and docfx.json files) is one key, and a run with another key starts over.
/// The cross-article rules run every time, over the facts.
///
/// One file per tree in DIR, written whole to a temporary file and renamed into place, with its
/// length and a checksum: a file that is damaged, cut short, written by another program or by
/// another version is ignored, never trusted. The files of DIR together stay under a limit, the
/// least recently used removed first.
final class FactCache: @unchecked Sendable {
    /// Where a file stood when it was read: enough to tell, without reading it, that it has not
    /// changed since. `trusted` is false for a file modified so shortly before it was read that
    /// a later edit could leave the same times (then its bytes are compared).
    struct Stamp: Equatable {
        var size: Int64
        var modified: Int64
        var changed: Int64
        var inode: UInt64
        var trusted: Bool

        static func of(_ path: String, runStart: Int64) -> Stamp? {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
            // Two seconds: coarser than any file system's time stamps.
            let recent = max(modified, changed) > runStart - 2_000_000_000
            return Stamp(
                size: Int64(info.st_size), modified: modified, changed: changed, inode: UInt64(info.st_ino),
                trusted: !recent)
        }

        func same(as other: Stamp) -> Bool {
            trusted && other.trusted && size == other.size && modified == other.modified
                && changed == other.changed && inode == other.inode
        }
    }

    /// A file an entry depends on (the checked file itself, or an include it read).
    struct Source {
        var path: String
        var stamp: Stamp
        var hash: UInt64
    }

    /// One checked file: its sources, the tree paths (lower-cased) whose presence its check
    /// looked at (`*`: any), and its check's result, encoded.
    struct Entry {
        var path: String
        var sources: [Source]
        var probes: [String]
        var payload: Payload
    }

    /// An entry's encoded check: where it is in the bytes read, or made in this run.
    enum Payload {
        case loaded(Range<Int>)
        case made([UInt8])

        var count: Int {
            switch self {
            case .loaded(let range): range.count
            case .made(let bytes): bytes.count
            }
        }
    }

    static let magic = Array("WAYMARK-FACTS\n".utf8)
    static let format: UInt64 = 1

    let file: String
    let directory: String
    let limit: Int
    let key: UInt64
    let root: String
    let runStart: Int64
    /// The previous run's entries by tree path, when its key was this run's.
    private var previous: [String: Entry] = [:]
    /// Lower-cased tree paths that were added or removed since the previous run, with their
    /// folders and, for Markdown files, their names without `.md`.
    private var changedPresence: Set<String> = []
    private var listingHash: UInt64 = 0
    private var listing: [String] = []
    private let fresh = Mutex<[String: Entry]>([:])
    private let sources = Mutex<[String: Source?]>([:])
    private let counts = Mutex<(reused: Int, checked: Int)>((0, 0))
    private var loadedBytes: [UInt8] = []
    private(set) var statistics = FactCacheStatistics()

    /// Opens the cache of the tree at `root` (absolute) in `directory`, for a run with `key`
    /// over a tree with `listing` (every file, sorted).
    init(directory: String, limit: Int, key: UInt64, root: String, listing: [String]) {
        self.directory = directory
        self.limit = limit
        self.key = key
        self.root = root
        self.listing = listing
        var slot = Hasher64()
        slot.mix(root)
        file = directory + "/waymark-facts-" + String(slot.value, radix: 16) + ".bin"
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        runStart = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        var h = Hasher64()
        for path in listing { h.mix(path) }
        listingHash = h.value
        load()
    }

    // MARK: Reading

    private func load() {
        guard let bytes = try? FileReader.read(file, limit: max(limit, 1)) else { return }
        loadedBytes = bytes
        let loaded: (entries: [String: Entry], listing: [String]?)? = bytes.withUnsafeBytes { raw in
            try? FactCache.parse(raw, key: key, listingHash: listingHash)
        }
        guard let loaded else {
            loadedBytes = []
            return
        }
        previous = loaded.entries
        statistics.loaded = true
        if let old = loaded.listing { changedPresence = FactCache.presenceChanges(old, listing) }
    }

    /// The header, the listing (only when it differs from `listingHash`'s) and the entries.
    private static func parse(
        _ raw: UnsafeRawBufferPointer, key: UInt64, listingHash: UInt64
    ) throws(FactDecoder.Damaged)
        -> (entries: [String: Entry], listing: [String]?)
    {
        let trailer = 8
        guard raw.count > magic.count + trailer, raw.starts(with: magic) else { throw .init() }
        var check = Hasher64()
        check.mix(UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - trailer]))
        var tail = FactDecoder(raw, offset: raw.count - trailer)
        guard try tail.fixed() == check.value else { throw .init() }
        var d = FactDecoder(UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - trailer]), offset: magic.count)
        guard try d.unsigned() == format, try d.fixed() == key else { throw .init() }
        let oldListingHash = try d.fixed()
        let listingLength = try d.count()
        var old: [String]?
        if oldListingHash != listingHash {
            var l = FactDecoder(UnsafeRawBufferPointer(rebasing: raw[d.offset..<d.offset + listingLength]))
            old = try l.strings()
        }
        let body = UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - trailer])
        d = FactDecoder(body, offset: d.offset + listingLength)
        let n = try d.count()
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(n)
        for _ in 0..<n {
            let path = try d.string()
            let sources = try d.array { d throws(FactDecoder.Damaged) in
                Source(
                    path: try d.string(),
                    stamp: Stamp(
                        size: Int64(try d.int()), modified: Int64(try d.int()), changed: Int64(try d.int()),
                        inode: try d.unsigned(), trusted: try d.bool()),
                    hash: try d.fixed())
            }
            let probes = try d.strings()
            let length = try d.count()
            let start = d.offset
            try d.skip(length)
            entries[path] = Entry(
                path: path, sources: sources, probes: probes, payload: .loaded(start..<start + length))
        }
        guard d.isAtEnd else { throw .init() }
        return (entries, old)
    }

    /// What an added or removed file can change for a link or include that looked for it.
    static func presenceChanges(_ old: [String], _ new: [String]) -> Set<String> {
        var changed: Set<String> = []
        var i = 0
        var j = 0
        func add(_ path: String) {
            let lower = path.latinLowercased
            changed.insert(lower)
            if lower.hasSuffix(".md") { changed.insert(String(lower.dropLast(3))) }
            var folder = TreePath.parent(of: lower)
            while !folder.isEmpty {
                changed.insert(folder)
                folder = TreePath.parent(of: folder)
            }
        }
        while i < old.count || j < new.count {
            if j == new.count || (i < old.count && old[i] < new[j]) {
                add(old[i])
                i += 1
            } else if i == old.count || new[j] < old[i] {
                add(new[j])
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
        return changed
    }

    /// The check of `relative` as the previous run left it, when nothing it depended on changed.
    func reuse(_ relative: String) -> CheckedFile? {
        guard let entry = previous[relative] else { return nil }
        if entry.probes.contains(where: { $0 == "*" || changedPresence.contains($0) }) && !changedPresence.isEmpty {
            return nil
        }
        var current: [Source] = []
        current.reserveCapacity(entry.sources.count)
        for source in entry.sources {
            guard let now = self.source(source.path, known: source), now.hash == source.hash else { return nil }
            current.append(now)
        }
        guard case .loaded(let range) = entry.payload else { return nil }
        let decoded: CheckedFile? = loadedBytes.withUnsafeBytes { raw in
            var d = FactDecoder(UnsafeRawBufferPointer(rebasing: raw[range]))
            return try? CheckedFile(from: &d)
        }
        guard let decoded else { return nil }
        fresh.withLock {
            $0[relative] = Entry(path: relative, sources: current, probes: entry.probes, payload: entry.payload)
        }
        counts.withLock { $0.reused += 1 }
        return decoded
    }

    /// The stamp and hash of the file at `path` (absolute) now, read only when its stamp differs
    /// from `known`'s; once a run for each file.
    private func source(_ path: String, known: Source?) -> Source? {
        if let seen = sources.withLock({ $0[path] }) { return seen }
        var found: Source?
        if let stamp = Stamp.of(path, runStart: runStart) {
            if let known, known.stamp.same(as: stamp) {
                found = Source(path: path, stamp: stamp, hash: known.hash)
            } else if let bytes = try? FileReader.read(path) {
                found = Source(path: path, stamp: stamp, hash: FactCache.hash(bytes))
            }
        }
        sources.withLock { $0[path] = found }
        return found
    }

    // MARK: Recording

    /// Records the check of `relative` made in this run: `bytes` as read, its stamp taken
    /// before they were, the includes it read and the tree paths it looked for.
    func record(
        _ relative: String, stamp: Stamp, bytes: [UInt8], result: CheckedFile, includes: [String], probes: [String]
    ) {
        counts.withLock { $0.checked += 1 }
        var list = [Source(path: root + "/" + relative, stamp: stamp, hash: FactCache.hash(bytes))]
        for include in includes {
            guard let source = source(include, known: nil) else { return }
            list.append(source)
        }
        var e = FactEncoder(capacity: 1024)
        result.encode(into: &e)
        let entry = Entry(path: relative, sources: list, probes: probes, payload: .made(e.bytes))
        fresh.withLock { $0[relative] = entry }
    }

    // MARK: Writing

    /// Writes this run's entries when they differ from what was read, keeping the folder's
    /// cache files under the limit.
    func save() {
        let entries = fresh.withLock { $0 }
        let (reused, checked) = counts.withLock { ($0.reused, $0.checked) }
        statistics.reused = reused
        statistics.checked = checked
        let unchanged =
            statistics.loaded && checked == 0 && changedPresence.isEmpty && entries.count == previous.count
            && entries.allSatisfy { previous[$0.key].map { FactCache.sameSources($0.sources, $0.sources) } ?? false }
        if unchanged {
            touch(file)
            return
        }
        var e = FactEncoder(capacity: entries.values.reduce(4096) { $0 + $1.payload.count + 128 })
        e.raw(FactCache.magic)
        e.unsigned(FactCache.format)
        e.fixed(key)
        e.fixed(listingHash)
        var l = FactEncoder()
        l.strings(listing)
        e.unsigned(UInt64(l.bytes.count))
        e.raw(l.bytes)
        e.unsigned(UInt64(entries.count))
        for path in entries.keys.sorted() {
            guard let entry = entries[path] else { continue }
            e.string(path)
            e.array(entry.sources) { e, source in
                e.string(source.path)
                e.int(Int(source.stamp.size))
                e.int(Int(source.stamp.modified))
                e.int(Int(source.stamp.changed))
                e.unsigned(source.stamp.inode)
                e.bool(source.stamp.trusted)
                e.fixed(source.hash)
            }
            e.strings(entry.probes)
            e.unsigned(UInt64(entry.payload.count))
            switch entry.payload {
            case .loaded(let range): e.raw(loadedBytes[range])
            case .made(let bytes): e.raw(bytes)
            }
        }
        var check = Hasher64()
        e.bytes.withUnsafeBytes { check.mix($0) }
        e.fixed(check.value)
        guard e.bytes.count <= limit else {
            statistics.overLimit = true
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileWriter.replace(file, with: e.bytes)
            statistics.written = e.bytes.count
        } catch {
            return
        }
        evict()
    }

    private static func sameSources(_ a: [Source], _ b: [Source]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy { $0.path == $1.path && $0.hash == $1.hash && $0.stamp == $1.stamp }
    }

    private func touch(_ path: String) { utimensat(AT_FDCWD, path, nil, 0) }

    /// Removes the least recently used cache files of the folder until the rest fit the limit.
    private func evict() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        var files: [(path: String, used: Int64, size: Int64)] = []
        for name in names where name.hasPrefix("waymark-facts-") && name.hasSuffix(".bin") {
            let path = directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            files.append((path, Int64(info.st_mtim.tv_sec), Int64(info.st_size)))
        }
        files.sort { $0.path == file || ($1.path != file && $0.used > $1.used) }
        var total: Int64 = 0
        for f in files {
            total += f.size
            if total > Int64(limit), f.path != file { unlink(f.path) }
        }
    }

    // MARK: Hashing

    /// A 64-bit hash of a file's bytes, eight at a time: it tells an edited file from the one the
    /// cache saw (a cache is a local file of the one who runs it; nobody gains from a collision).
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h = Hasher64()
        bytes.withUnsafeBytes { h.mix($0) }
        return h.value
    }
}

/// A fast 64-bit hash, a word at a time (the multiply-and-fold step of wyhash's family).
struct Hasher64 {
    private(set) var value: UInt64 = 0x243f_6a88_85a3_08d3

    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    mutating func mix(_ raw: UnsafeRawBufferPointer) {
        var i = 0
        let n = raw.count
        while i + 16 <= n {
            let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            value = Hasher64.fold(a ^ 0xa076_1d64_78bd_642f ^ value, b ^ 0xe703_7ed1_a0b4_28db)
            i += 16
        }
        var tail: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &tail) { t in
            t.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[i..<n]))
        }
        value = Hasher64.fold(tail.0 ^ 0xa076_1d64_78bd_642f ^ value, tail.1 ^ 0x8ebc_6af0_9c88_c6e3 ^ UInt64(n))
    }

    mutating func mix(_ text: String) {
        var text = text
        text.withUTF8 { mix(UnsafeRawBufferPointer($0)) }
    }

    mutating func mix(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { mix($0) }
    }
}

extension CheckedFile {
    func encode(into e: inout FactEncoder) {
        e.array(findings) { $0.diagnostic($1) }
        e.optional(facts) { e, facts in facts.encode(into: &e) }
        e.array(includes) { e, directive in
            e.string(directive.included)
            e.string(directive.container)
            e.range(directive.range)
        }
        e.strings(targets)
    }

    init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
        typealias Damaged = FactDecoder.Damaged
        findings = try d.array { d throws(Damaged) in try d.diagnostic() }
        facts = try d.optional { d throws(Damaged) in try DocumentFacts(from: &d) }
        includes = try d.array { d throws(Damaged) in
            Includers.Directive(included: try d.string(), container: try d.string(), range: try d.range())
        }
        targets = try d.strings()
        guard d.isAtEnd else { throw Damaged() }
    }
}

/// How a run used the fact cache.
public struct FactCacheStatistics: Sendable, Equatable {
    /// Files whose check came from the cache, and files checked in this run.
    public var reused = 0
    public var checked = 0
    /// Whether the cache held a run of this tree with the same key.
    public var loaded = false
    /// Bytes written; 0 when nothing changed or the cache would pass its limit.
    public var written = 0
    /// The cache was not written: it would have been larger than its limit.
    public var overLimit = false
}
