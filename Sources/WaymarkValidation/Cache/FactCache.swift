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
/// One file per tree in DIR: a header (the key, and the tree's listing), the entries' encoded
/// checks one after another, then an index (each entry's path, sources and probes, and where its
/// check is, with that check's hash) and a trailer that says where the header and the index end,
/// with a checksum of both. A run reads the trailer, the header and the index (about a tenth of
/// the file), and each check when it reuses it, compared with its hash. A file that is cut short,
/// written by another program or by another version, or whose header or index is damaged, is
/// ignored; a check that is damaged is never trusted: its file is checked again, and the cache
/// written whole. A run that checked a few files again adds their checks after the file's end,
/// with an index of them and a trailer, under a lock (a later index's entry replaces an earlier
/// one's); otherwise, once checks no longer listed would make up a third of the file, or when a
/// 65th index would be added, the file is written whole to a temporary file and renamed into
/// place.
/// The files of DIR together stay under a limit, the least recently used removed first.
package final class FactCache: @unchecked Sendable {
    /// Where a file stood when it was read: enough to tell, without reading it, that it has not
    /// changed since. `trusted` is false for a file modified so shortly before it was read that
    /// a later edit could leave the same times (then its bytes are compared).
    struct Stamp: Equatable {
        var size: Int64
        var modified: Int64
        var changed: Int64
        var inode: UInt64
        var trusted: Bool

        static func of(_ path: String, runStart: Int64, in folders: Folders? = nil) -> Stamp? {
            var info = stat()
            guard (folders?.look(path, &info) ?? stat(path, &info)) == 0, info.st_mode & S_IFMT == S_IFREG else {
                return nil
            }
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

    /// The last folder a worker looked into, open: the files it takes next are mostly beside the
    /// last one, and a name looked up in an open folder costs the system one step of a path
    /// instead of one for each folder from the root (a cached run of a large tree looks up
    /// every file's name).
    final class Folders {
        private var folder: [UInt8] = []
        private var descriptor: Int32 = -1
        /// The name looked up, ended by a zero byte for the system: kept from one look to the next.
        private var name: [CChar] = []

        deinit { if descriptor >= 0 { close(descriptor) } }

        /// `stat(2)` of `path` (absolute), its name looked up in its folder.
        func look(_ path: String, _ info: inout stat) -> Int32 {
            var bytes = path
            let done: Int32? = bytes.withUTF8 { bytes in
                guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash > 0 else { return nil }
                let parent = UnsafeBufferPointer(rebasing: bytes[..<slash])
                if descriptor < 0 || !parent.elementsEqual(folder) {
                    if descriptor >= 0 { close(descriptor) }
                    folder = Array(parent)
                    descriptor = open(String(decoding: parent, as: UTF8.self), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                }
                guard descriptor >= 0 else { return nil }
                name.removeAll(keepingCapacity: true)
                for byte in bytes[(slash + 1)...] { name.append(CChar(bitPattern: byte)) }
                name.append(0)
                return fstatat(descriptor, name, &info, 0)
            }
            return done ?? fstatat(AT_FDCWD, path, &info, 0)
        }
    }

    /// A file an entry depends on (the checked file itself, or an include it read).
    struct Source {
        /// Its absolute path; empty for an entry's first source (the checked file itself) as
        /// read from the cache's file, which is the tree's root and the entry's path (and is
        /// looked at there, whatever the entry says).
        var path: String
        var stamp: Stamp
        var hash: UInt64
    }

    /// One checked file: its sources, the tree paths (lower-cased) whose presence its check
    /// looked at (`*`: any), and its check's result, encoded.
    struct Entry {
        var path: String
        var sources: [Source]
        var probes: EncodedStrings
        var payload: Payload
    }

    /// An entry's encoded check: where it is in the file read, or made in this run.
    enum Payload {
        case loaded(Range<Int>, Parts)
        case made([UInt8], Parts)

        var count: Int {
            switch self {
            case .loaded(let range, _): range.count
            case .made(let bytes, _): bytes.count
            }
        }

        var parts: Parts {
            switch self {
            case .loaded(_, let parts), .made(_, let parts): parts
            }
        }

        var hash: UInt64 { parts.hash }
    }

    /// A check's two parts (`CheckedFile.encode`): its first `head` bytes, which a run that
    /// reuses it reads, and their hash; and the steps, details and links after them, which a run
    /// reads only when a rule asks (each compared then with the hash the first part gives it),
    /// and the hash of all of them, which a run compares when it copies the check into a new
    /// file.
    struct Parts {
        var head: Int
        var hash: UInt64
        var tail: UInt64

        /// The parts of `bytes`, a check whose first part is `head` bytes long.
        init(of bytes: [UInt8], head: Int) {
            self.head = head
            (hash, tail) = bytes.withUnsafeBytes { raw in
                (
                    Hasher64.of(UnsafeRawBufferPointer(rebasing: raw[0..<head])),
                    Hasher64.of(UnsafeRawBufferPointer(rebasing: raw[head...]))
                )
            }
        }

        init(head: Int, hash: UInt64, tail: UInt64) {
            (self.head, self.hash, self.tail) = (head, hash, tail)
        }
    }

    /// The bytes after a check's first part read with it by a run that reads every check's links
    /// (which come first there): an article's links are a few hundred bytes.
    static let linksAhead = 4096

    static let magic = Array("WAYMARK-FACTS\n".utf8)
    static let format: UInt64 = 11
    /// The last bytes of a whole file.
    static let endMark = Array("WMFACTS\n".utf8)
    /// The trailer: the header's length, where the index starts, the checksum, the end mark.
    static let trailerSize = 32

    let file: String
    let directory: String
    let limit: Int
    let key: UInt64
    let root: String
    let runStart: Int64
    /// The previous run's entries by tree path, when its key was this run's.
    private var previous: [String: Entry] = [:]
    private var previousCount = 0
    /// Lower-cased tree paths that were added or removed since the previous run, with their
    /// folders and, for Markdown files, their names without `.md`.
    private var changedPresence: Set<String> = []
    private(set) var listingHash: UInt64 = 0
    private var listing: [String] = []
    /// The files looked at in this run, by path: in sixteen shards chosen by the path's hash,
    /// which every worker looks up at once, each made room for its share of the tree. Reached
    /// through a pointer rather than an array of objects, whose references every look-up would
    /// count up and down from both processors (as `StringInterner`'s).
    private let sources: UnsafeMutablePointer<Mutex<[String: Source?]>>
    private static let sourceShards = 16
    /// The entries reused, those among them whose files moved (same bytes, new stamp), and the
    /// paths of the previous run's entries that were not reused.
    private let reused = Mutex<(entries: [Entry], moved: [Entry], missed: [String])>(([], [], []))
    /// A hash of each checked file's check in this run, reused or made (`checkHash`): two runs
    /// whose hashes for a file are the same had the same facts and findings for it, from the same
    /// bytes. By the file's number among the run's checked files, each written once by the worker
    /// that checks the file (no lock, no path hashed), read once every worker is done.
    private let checkHashes: UnsafeMutablePointer<UInt64>
    private let checkHashKept: UnsafeMutablePointer<Bool>
    private let checkedCount: Int
    /// The previous run's entries that this run did not reuse (their files were checked again),
    /// once every file is checked: what those files were, for `previousCheck`.
    private var replaced: [String: Entry] = [:]
    /// Whether an entry read again was not as loaded: the file was changed in place, and is
    /// written whole.
    private let damaged = Atomic<Bool>(false)
    /// The loaded file as it was read, for adding checks after its end.
    private var loadedState: LoadedState?
    /// The most bytes of new checks kept to add to the loaded file.
    private(set) var collectLimit = 0

    struct LoadedState {
        /// Its identity and length when read.
        var inode: UInt64
        var size: Int
        var headerLength: Int
        /// Its indexes, the bytes of its checks, and of those its indexes list.
        var indexes: Int
        var checkBytes: Int
        var listedBytes: Int
    }
    private let writer: Mutex<Writer>
    /// The file read, open: each check is read when it is reused or copied into the next file
    /// (and compared with its hash), so that the run never holds the whole file (as large as
    /// the tree's facts) beside what it decodes from it.
    private var loadedFile: Int32 = -1
    /// The same file for the steps that reused checks leave in it: open as long as they are.
    private var loadedSteps: CachedChecks?
    private(set) var statistics = FactCacheStatistics()

    /// Opens the cache of the tree at `root` (absolute) in `directory`, for a run with `key`
    /// over a tree with `listing` (every file, sorted); with the file `preload` read, when it
    /// was started for the same folder and tree.
    /// The checks of the files in `distrusting` (tree paths; `nil`: every file) are not reused:
    /// an earlier try of the run met damage in them late (`lateDamage`).
    init(
        directory: String, limit: Int, key: UInt64, root: String, listing: [String], checked: Int,
        preload: Preload? = nil, distrusting: Set<String>? = []
    ) {
        checkedCount = max(0, checked)
        checkHashes = .allocate(capacity: max(1, checkedCount))
        checkHashes.initialize(repeating: 0, count: max(1, checkedCount))
        checkHashKept = .allocate(capacity: max(1, checkedCount))
        checkHashKept.initialize(repeating: false, count: max(1, checkedCount))
        self.directory = directory
        self.limit = limit
        self.key = key
        self.root = root
        self.listing = listing
        sources = .allocate(capacity: FactCache.sourceShards)
        for index in 0..<FactCache.sourceShards {
            (sources + index).initialize(to: Mutex([String: Source?](minimumCapacity: listing.count / 16 + 16)))
        }
        writer = Mutex(Writer(limit: limit))
        file = FactCache.file(directory: directory, root: root)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        runStart = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        var h = Hasher64()
        for path in listing { h.mix(path) }
        listingHash = h.value
        let read = preload.flatMap { $0.file == file && $0.limit == limit ? $0.take() : nil }
        load(read ?? FactCache.read(file, limit: limit))
        // Missed as the checks of files whose bytes changed are: checked again, and the cache's
        // file written anew.
        if let distrusting {
            for path in distrusting where previous.removeValue(forKey: path) != nil {
                damaged.store(true, ordering: .relaxed)
            }
        } else if !previous.isEmpty {
            previous = [:]
            damaged.store(true, ordering: .relaxed)
        }
    }

    /// The tree paths of the reused checks whose steps, details or links a rule read and found
    /// not as their first part says (cut short, or changed since): the run that met them must not
    /// report what it made of them. Empty when there were none.
    func lateDamage() -> Set<String> {
        guard let offsets = loadedSteps?.damaged, !offsets.isEmpty else { return [] }
        let entries = reused.withLock { $0.entries }
        var found: Set<String> = []
        for entry in entries {
            guard case .loaded(let range, _) = entry.payload else { continue }
            if offsets.contains(where: { range.contains($0) }) { found.insert(entry.path) }
        }
        return found
    }

    /// The cache file of the tree at `root` in `directory`.
    static func file(directory: String, root: String) -> String {
        var slot = Hasher64()
        slot.mix(root)
        return directory + "/waymark-facts-" + String(slot.value, radix: 16) + ".bin"
    }

    // MARK: Reading

    /// A cache file's header and index read and parsed, the file open for reading its checks.
    struct ReadFile {
        var fd: Int32
        var size: Int
        var inode: UInt64
        var parsed: Parsed
    }

    /// The header and index of the file at `path`, whatever its key; `nil` when there is none,
    /// it is larger than `limit`, or it is not whole.
    static func read(_ path: String, limit: Int) -> ReadFile? {
        guard let fd = try? FileReader.openForReading(path) else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= max(limit, 1),
            let parsed = try? parse(size: Int(info.st_size), read: { FactCache.read(fd, $0) })
        else {
            close(fd)
            return nil
        }
        return ReadFile(fd: fd, size: Int(info.st_size), inode: UInt64(info.st_ino), parsed: parsed)
    }

    /// The bytes of `fd` in `range`, `nil` when it does not hold them all.
    static func read(_ fd: Int32, _ range: Range<Int>) -> [UInt8]? {
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, filled in
            while filled < buffer.count {
                let n = pread(fd, buffer.baseAddress! + filled, buffer.count - filled, off_t(range.lowerBound + filled))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return }
                filled += n
            }
        }
        return bytes.count == range.count ? bytes : nil
    }

    /// A tree's cache file read on another thread while the run lists the tree and works out
    /// its key: the cache takes it if its key turns out to be the run's.
    final class Preload: @unchecked Sendable {
        let file: String
        let limit: Int
        private let done = DispatchGroup()
        private var read: ReadFile?

        init(directory: String, root: String, limit: Int) {
            file = FactCache.file(directory: directory, root: root)
            self.limit = limit
            let (file, limit) = (file, limit)
            DispatchQueue.global().async(group: done) { self.read = FactCache.read(file, limit: limit) }
        }

        /// The file read, once; waits for the reading.
        func take() -> ReadFile? {
            done.wait()
            defer { read = nil }
            return read
        }

        deinit {
            done.wait()
            if let fd = read?.fd { close(fd) }
        }
    }

    private func load(_ read: ReadFile?) {
        guard let read else { return }
        let loaded = read.parsed
        guard loaded.key == key else {
            close(read.fd)
            return
        }
        var old: [String]?
        if loaded.listingHash != listingHash {
            guard
                let decoded = loaded.listing.withUnsafeBytes({ raw in
                    var l = FactDecoder(raw)
                    return try? l.strings()
                })
            else {
                close(read.fd)
                return
            }
            old = decoded
        }
        loadedFile = read.fd
        loadedSteps = CachedChecks(duplicating: read.fd)
        previous = loaded.entries
        previousCount = previous.count
        statistics.loaded = true
        if let old {
            changedPresence = FactCache.presenceChanges(old, listing)
        } else {
            // The header names this run's listing: checks can be added to the file.
            loadedState = LoadedState(
                inode: read.inode, size: read.size, headerLength: loaded.headerLength, indexes: loaded.indexes,
                checkBytes: loaded.checkBytes, listedBytes: loaded.listedBytes)
            // Checks kept for that up to an eighth of the file's: more, and the file is written
            // whole as the run goes, as a first run writes it.
            collectLimit = max(1 << 20, loaded.checkBytes / 8)
            writer.withLock { $0.collects = true }
        }
    }

    /// A cache file's header and index.
    struct Parsed {
        /// The run's key and the hash of its tree's listing, as the header names them.
        var key: UInt64
        var listingHash: UInt64
        /// The listing as encoded (decoded only when it is not the run's).
        var listing: [UInt8]
        var entries: [String: Entry]
        var headerLength: Int
        /// How many indexes the file has (one, and one more for each run that added checks),
        /// the bytes of its checks, and of those its entries are.
        var indexes: Int
        var checkBytes: Int
        var listedBytes: Int
    }

    /// The most indexes a file has: a run that would add one more writes it whole instead.
    static let indexLimit = 64

    /// The header and index of a file of `size` bytes, whose bytes in a range `read` gives;
    /// throws when the file is not whole (with `checksum` false, no checksum is compared).
    ///
    /// The header is the magic, the format, the key, the listing's hash and the listing. An
    /// index is where the index before it ended (0 for the first), the number of its entries,
    /// then for each its path, sources and probes and where its check is, with the length of
    /// the check's first part, that part's hash and the rest's (`Parts`); its trailer follows
    /// it: the header's length, the index's start, a checksum of header and index, and the end
    /// mark. A later index's entry replaces an earlier one's.
    static func parse(size: Int, checksum: Bool = true, read: (Range<Int>) -> [UInt8]?) throws(FactDecoder.Damaged)
        -> Parsed
    {
        typealias Damaged = FactDecoder.Damaged
        var header: [UInt8] = []
        // The indexes from the last one back, with where each starts.
        var indexes: [(bytes: [UInt8], start: Int)] = []
        var indexBytes = 0
        var end = size
        while true {
            guard indexes.count < indexLimit, end >= magic.count + trailerSize,
                let trailer = read(end - trailerSize..<end), trailer[24..<32].elementsEqual(endMark)
            else { throw Damaged() }
            let (headerEnd, indexStart, sum) = try FactDecoder.reading(trailer) { d throws(Damaged) in
                (try d.fixed(), try d.fixed(), try d.fixed())
            }
            guard headerEnd >= UInt64(magic.count), headerEnd <= indexStart,
                indexStart <= UInt64(end - trailerSize), indexes.isEmpty || Int(headerEnd) == header.count
            else { throw Damaged() }
            if indexes.isEmpty {
                guard let bytes = read(0..<Int(headerEnd)), bytes.starts(with: magic) else { throw Damaged() }
                header = bytes
            }
            guard let index = read(Int(indexStart)..<end - trailerSize) else { throw Damaged() }
            var check = Checksum()
            check.add(header)
            check.add(index)
            guard check.value == sum || !checksum else { throw Damaged() }
            indexes.append((index, Int(indexStart)))
            indexBytes += end - Int(indexStart)
            let previous = try FactDecoder.reading(index) { d throws(Damaged) in try d.unsigned() }
            if previous == 0 { break }
            // Each index ends before the next one starts.
            guard previous <= indexStart else { throw Damaged() }
            end = Int(previous)
        }
        let headerLength = header.count
        let (key, listingHash, listing) = try FactDecoder.reading(header, from: magic.count) { d throws(Damaged) in
            guard try d.unsigned() == format else { throw Damaged() }
            let key = try d.fixed()
            let listingHash = try d.fixed()
            let listing = try d.bytes()
            guard d.isAtEnd else { throw Damaged() }
            return (key, listingHash, listing)
        }
        var entries: [String: Entry] = [:]
        var listedBytes = 0
        for (index, start) in indexes.reversed() {
            try FactDecoder.reading(index) { d throws(Damaged) in
                _ = try d.unsigned()
                let count = try d.count()
                entries.reserveCapacity(entries.count + count)
                for _ in 0..<count {
                    let path = try d.string()
                    let sources = try d.array { d throws(Damaged) in
                        Source(
                            path: try d.string(),
                            stamp: Stamp(
                                size: Int64(try d.int()), modified: Int64(try d.int()), changed: Int64(try d.int()),
                                inode: try d.unsigned(), trusted: try d.bool()),
                            hash: try d.fixed())
                    }
                    // The checked file first, its path not written: an entry that names another
                    // file there is not one this program wrote.
                    guard sources.first?.path.isEmpty ?? false else { throw Damaged() }
                    // (Shared with the index, which the entries keep: a run reads them only
                    // when files were added or removed.)
                    let probes = try EncodedStrings(from: &d, sharing: index)
                    let (offset, length, head) = (try d.unsigned(), try d.unsigned(), try d.unsigned())
                    let parts = (hash: try d.fixed(), tail: try d.fixed())
                    // Each check between the header and its index, its first part within it.
                    guard offset >= UInt64(headerLength), offset <= UInt64(start), length <= UInt64(start) - offset,
                        head <= length
                    else { throw Damaged() }
                    let entry = Entry(
                        path: path, sources: sources, probes: probes,
                        payload: .loaded(
                            Int(offset)..<Int(offset + length),
                            Parts(head: Int(head), hash: parts.hash, tail: parts.tail)))
                    // (The bytes listed counted here: a pass over the entries after copied each.)
                    listedBytes += Int(length)
                    if let replaced = entries.updateValue(entry, forKey: path) { listedBytes -= replaced.payload.count }
                }
                guard d.isAtEnd else { throw Damaged() }
            }
        }
        return Parsed(
            key: key, listingHash: listingHash, listing: listing, entries: entries, headerLength: headerLength,
            indexes: indexes.count, checkBytes: size - headerLength - indexBytes,
            listedBytes: listedBytes)
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

    /// The check of `relative` as the previous run left it, when nothing it depended on changed;
    /// its steps and quoted lines put in `stepSpill`. With `findingsKeepLines`, its
    /// findings come kept as bytes (`CheckedFile.spilled`), as `spillingFindings` keeps them.
    /// `worker`: the calling worker's, which keeps what it reused until `finish(_:)` (the run's
    /// tables are then taken once a worker, not at every file). `readsLinks`: for a run that
    /// counts every article's links (one without the corpus memo's count), which reads them with
    /// the check's first part rather than each on its own later.
    func reuse(
        _ relative: String, number: Int, stepSpill: StepSpill? = nil, findingsKeepLines: Bool? = nil,
        worker: Worker? = nil, readsLinks: Bool = false
    ) -> CheckedFile? {
        guard let entry = previous[relative] else { return nil }
        let found = reuse(
            entry, number: number, stepSpill: stepSpill, findingsKeepLines: findingsKeepLines,
            worker: worker, readsLinks: readsLinks)
        if found == nil {
            if let worker { worker.missed.append(relative) } else { reused.withLock { $0.missed.append(relative) } }
        }
        return found
    }

    /// What one worker reused, and the folder it last looked into.
    final class Worker {
        let folders = Folders()
        fileprivate var entries: [Entry] = []
        fileprivate var moved: [Entry] = []
        fileprivate var missed: [String] = []
    }

    /// Adds what `worker` reused to the run's: before `endReuse()`.
    func finish(_ worker: Worker) {
        reused.withLock {
            // The shorter list added to the longer one (the first worker's moved, not copied):
            // each entry copied is a few references counted up, and down again below.
            if worker.entries.count > $0.entries.count { swap(&worker.entries, &$0.entries) }
            $0.entries += worker.entries
            $0.moved += worker.moved
            $0.missed += worker.missed
        }
        (worker.entries, worker.moved, worker.missed) = ([], [], [])
    }

    private func reuse(
        _ entry: Entry, number: Int, stepSpill: StepSpill?, findingsKeepLines: Bool?,
        worker: Worker?, readsLinks: Bool
    ) -> CheckedFile? {
        let relative = entry.path
        if !changedPresence.isEmpty,
            entry.probes.contains(where: { probe in
                (probe.count == 1 && probe[0] == UInt8(ascii: "*"))
                    || changedPresence.contains(String(decoding: probe, as: UTF8.self))
            })
        {
            return nil
        }
        // The sources as they are now: the entry's own list while each is as it was (most often
        // every one is: no list made, no path counted again), a new one from the first that moved.
        var current = entry.sources
        var moved = false
        for (position, source) in entry.sources.enumerated() {
            // The checked file itself (first) is looked at by this entry alone: only its includes,
            // which many entries may share, are remembered for the run.
            guard
                let now = position == 0
                    ? FactCache.sourceNow(
                        root + "/" + relative, known: source, runStart: runStart, folders: worker?.folders)
                    : self.source(source.path, known: source, folders: worker?.folders),
                now.hash == source.hash
            else {
                return nil
            }
            if now.stamp != source.stamp {
                current[position] = now
                moved = true
            }
        }
        // The first part alone, when the rest can be left in the file (and the bytes after it
        // that most checks' links fit in, for a run that reads them).
        let whole = loadedSteps == nil
        guard let stored = readBack(entry.payload, whole: whole, ahead: readsLinks ? FactCache.linksAhead : 0) else {
            damaged.store(true, ordering: .relaxed)
            return nil
        }
        let decoded: CheckedFile? = stored.withUnsafeBytes { raw in
            guard case .loaded(let range, let parts) = entry.payload else { return nil }
            var d = FactDecoder(UnsafeRawBufferPointer(rebasing: raw[0..<(whole ? raw.count : parts.head)]))
            (d.stepSpill, d.findingsKeepLines) = (stepSpill, findingsKeepLines)
            if let loadedSteps {
                d.stepsFile = (loadedSteps, range.lowerBound, range.upperBound)
                d.readAhead = UnsafeRawBufferPointer(rebasing: raw[parts.head...])
            }
            return try? CheckedFile(from: &d)
        }
        guard let decoded else { return nil }
        let checkHash = FactCache.checkHash(entry.payload.hash, sources: current)
        let kept = Entry(path: relative, sources: current, probes: entry.probes, payload: entry.payload)
        keepCheckHash(checkHash, number: number)
        if let worker {
            worker.entries.append(kept)
            if moved { worker.moved.append(kept) }
            return decoded
        }
        reused.withLock {
            $0.entries.append(kept)
            if moved { $0.moved.append(kept) }
        }
        return decoded
    }

    /// The stamp and hash of the file at `path` (absolute) now, read only when its stamp differs
    /// from `known`'s; once a run for each file.
    private func source(_ path: String, known: Source?, folders: Folders? = nil) -> Source? {
        var hash = Hasher64()
        hash.mix(path)
        let shard = Int(truncatingIfNeeded: hash.value >> 60)
        if let seen = sources[shard].withLock({ $0[path] }) { return seen }
        let found = FactCache.sourceNow(path, known: known, runStart: runStart, folders: folders)
        sources[shard].withLock { $0[path] = found }
        return found
    }

    /// The stamp and hash of the file at `path` (absolute) now, its bytes read only when its
    /// stamp differs from `known`'s.
    private static func sourceNow(_ path: String, known: Source?, runStart: Int64, folders: Folders?) -> Source? {
        guard let stamp = Stamp.of(path, runStart: runStart, in: folders) else { return nil }
        if let known, known.stamp.same(as: stamp) { return Source(path: path, stamp: stamp, hash: known.hash) }
        guard let bytes = try? FileReader.read(path) else { return nil }
        return Source(path: path, stamp: stamp, hash: FactCache.hash(bytes))
    }

    // MARK: Recording

    /// Records the check of `relative` made in this run: `bytes` as read, its stamp taken
    /// before they were, the includes it read and the tree paths it looked for.
    func record(
        _ relative: String, number: Int, stamp: Stamp, bytes: [UInt8], result: CheckedFile, includes: [String],
        probes: [String]
    ) {
        var list = [Source(path: root + "/" + relative, stamp: stamp, hash: FactCache.hash(bytes))]
        for include in includes {
            guard let source = source(include, known: nil) else {
                writer.withLock { $0.checked += 1 }
                return
            }
            list.append(source)
        }
        var e = FactEncoder(capacity: 1024)
        let head = result.encode(into: &e)
        let payload = Payload.made(e.bytes, Parts(of: e.bytes, head: head))
        let checkHash = FactCache.checkHash(payload.hash, sources: list)
        keepCheckHash(checkHash, number: number)
        let entry = Entry(path: relative, sources: list, probes: EncodedStrings(probes), payload: payload)
        writer.withLock {
            $0.checked += 1
            $0.append(entry, opening: self)
        }
    }

    // MARK: Writing

    /// Finishes the cache file when this run changed anything (the checks made again were
    /// written as they came; the reused ones are copied from the file read), and keeps the
    /// folder's cache files under the limit.
    func save() {
        defer { closeLoaded() }
        let kept = reused.withLock { $0 }
        let unchanged = writer.withLock {
            $0.file == nil && $0.pending.isEmpty && statistics.loaded && kept.moved.isEmpty
                && changedPresence.isEmpty && kept.entries.count == previousCount && $0.checked == 0
        }
        statistics.reused = kept.entries.count
        if unchanged {
            touch(file)
            return
        }
        if let added = addToLoaded(moved: kept.moved) {
            statistics.checked = writer.withLock { $0.checked }
            statistics.written = added
            evict()
            return
        }
        let written: (size: Int, overLimit: Bool, checked: Int) = writer.withLock { w in
            w.stopCollecting(opening: self)
            for entry in kept.entries {
                // Read back from the file this run loaded, and compared with both its hashes: a
                // check that no longer reads as it did (the file was changed in place, or its
                // steps, details or links were damaged where no rule of this run read them) is
                // left out, and the next run checks its file again.
                guard let stored = readBack(entry.payload, whole: true) else { continue }
                var copy = entry
                copy.payload = .made(stored, entry.payload.parts)
                w.append(copy, opening: self)
            }
            return (w.finish(as: file), w.overLimit, w.checked)
        }

        statistics.checked = written.checked
        statistics.written = written.size
        statistics.overLimit = written.overLimit
        if written.size > 0 { evict() }
    }

    /// Adds this run's checks after the loaded file's end, with an index of them and of the
    /// reused entries whose files moved (same bytes, new stamps), when the run kept them for
    /// that and the file is as loaded; the bytes added, or `nil` when the file is to be written
    /// whole instead: the run wrote it as it went, a check read again had changed, the file is
    /// another one or another run added to it, checks no longer listed would be a third of it,
    /// it has as many indexes as it may, or it would pass the limit.
    private func addToLoaded(moved: [Entry]) -> Int? {
        guard let state = loadedState, !damaged.load(ordering: .relaxed),
            let added = writer.withLock({ $0.collects ? $0.pending : nil })
        else { return nil }
        var entries = moved
        var checks: [UInt8] = []
        checks.reserveCapacity(added.reduce(0) { $0 + $1.payload.count })
        var listed = state.listedBytes
        for entry in added {
            guard case .made(let bytes, let parts) = entry.payload else { return nil }
            let offset = state.size + checks.count
            entries.append(
                Entry(
                    path: entry.path, sources: entry.sources, probes: entry.probes,
                    payload: .loaded(offset..<offset + bytes.count, parts)))
            listed += bytes.count - (replaced[entry.path]?.payload.count ?? 0)
            checks += bytes
        }
        let all = state.checkBytes + checks.count
        guard state.indexes < FactCache.indexLimit, (all - listed) * 3 <= all,
            let header = FactCache.read(loadedFile, 0..<state.headerLength)
        else { return nil }
        var index = FactEncoder(capacity: entries.count * 160 + 16)
        index.unsigned(UInt64(state.size))
        index.unsigned(UInt64(entries.count))
        for entry in entries {
            guard case .loaded(let range, _) = entry.payload else { return nil }
            FactCache.encode(entry, at: range.lowerBound, into: &index)
        }
        let bytes =
            checks + index.bytes
            + FactCache.trailer(header: header, index: index.bytes, indexOffset: state.size + checks.count)
        guard state.size + bytes.count <= limit else { return nil }

        let fd = open(file, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        // The lock goes with the descriptor. A run that renames a new file into place does not
        // take it: this one then adds to a file nobody reads again.
        defer { close(fd) }
        var info = stat()
        guard flock(fd, LOCK_EX | LOCK_NB) == 0, fstat(fd, &info) == 0, UInt64(info.st_ino) == state.inode,
            Int(info.st_size) == state.size
        else { return nil }
        // After its end; the file is whole again only once the new trailer is in: cut short
        // before that, the next run finds it damaged.
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes {
                pwrite(fd, $0.baseAddress! + done, bytes.count - done, off_t(state.size + done))
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes.count
    }

    /// How many files' checks this run took from the cache so far (every one, once every file is
    /// checked).
    var reusedCount: Int { reused.withLock { $0.entries.count } }

    /// Lets go of the previous run's entries once every file is checked (the reused ones are kept
    /// apart, for the next file).
    func endReuse() {
        let (kept, missed) = reused.withLock { ($0.entries, $0.missed) }
        if kept.count + missed.count == previous.count {
            // Every entry was looked at (no file of the previous run is gone): the missed ones.
            for path in missed { replaced[path] = previous[path] }
        } else {
            let reused = Set(kept.map(\.path))
            for entry in previous.values where !reused.contains(entry.path) { replaced[entry.path] = entry }
        }
        // Let go of on another thread: tens of thousands of entries freed here would hold up the
        // run.
        let old = Handoff(previous)
        previous = [:]
        DispatchQueue.global().async { old.value = nil }
    }

    /// The hash of each checked file's check in this run (`checkHash`), in the order of their
    /// numbers; `nil` when a file's check could not be kept and has none. Once every worker is done.
    var checks: [UInt64]? {
        for number in 0..<checkedCount where !checkHashKept[number] { return nil }
        return Array(UnsafeBufferPointer(start: checkHashes, count: checkedCount))
    }

    /// Keeps the hash of the check of the file numbered `number` (from the one worker checking it).
    private func keepCheckHash(_ hash: UInt64, number: Int) {
        guard number >= 0, number < checkedCount else { return }
        checkHashes[number] = hash
        checkHashKept[number] = true
    }

    /// The check of `relative` as the previous run left it, with the hash of its encoding, when
    /// this run checked the file again; until the cache is saved.
    func previousCheck(_ relative: String) -> (check: CheckedFile, hash: UInt64)? {
        guard let entry = replaced[relative], let stored = readBack(entry.payload, whole: true) else { return nil }
        let decoded: CheckedFile? = stored.withUnsafeBytes { raw in
            var d = FactDecoder(raw)
            return try? CheckedFile(from: &d)
        }
        return decoded.map { ($0, FactCache.checkHash(entry.payload.hash, sources: entry.sources)) }
    }

    /// What a file's check was made of and made: the hash of its encoding, and the bytes of the
    /// file and of the includes it read (the cross-locale rules read a source's bytes again, for
    /// its revision).
    /// (The checked file's own path, its first source's, is the file's: not mixed, as the cache
    /// does not keep it.)
    static func checkHash(_ payload: UInt64, sources: [Source]) -> UInt64 {
        var h = Hasher64()
        h.mix(payload)
        for (position, source) in sources.enumerated() {
            if position > 0 { h.mix(source.path) }
            h.mix(source.hash)
        }
        return h.value
    }

    deinit {
        closeLoaded()
        sources.deinitialize(count: FactCache.sourceShards)
        sources.deallocate()
        checkHashes.deallocate()
        checkHashKept.deallocate()
    }

    private func closeLoaded() {
        if loadedFile >= 0 { close(loadedFile) }
        loadedFile = -1
        loadedSteps = nil
    }

    /// A loaded check's first part as the file read holds it now (`whole`: with the links, steps
    /// and details after it; otherwise with up to `ahead` bytes of them, not compared here),
    /// `nil` when it is not what was read.
    private func readBack(_ payload: Payload, whole: Bool, ahead: Int = 0) -> [UInt8]? {
        guard case .loaded(let range, let parts) = payload, loadedFile >= 0 else { return nil }
        let end = whole ? range.upperBound : min(range.upperBound, range.lowerBound + parts.head + max(0, ahead))
        guard let bytes = FactCache.read(loadedFile, range.lowerBound..<end) else { return nil }
        let same = bytes.withUnsafeBytes { raw in
            Hasher64.of(UnsafeRawBufferPointer(rebasing: raw[0..<parts.head])) == parts.hash
                && (!whole || Hasher64.of(UnsafeRawBufferPointer(rebasing: raw[parts.head...])) == parts.tail)
        }
        return same ? bytes : nil
    }

    /// One entry's line of the index: its path, sources and probes, and where its check is.
    static func encode(_ entry: Entry, at offset: Int, into e: inout FactEncoder) {
        e.string(entry.path)
        var first = true
        e.array(entry.sources) { e, source in
            // The checked file itself, first, is the tree's root and the entry's path: written
            // as an empty path (`Source.path`).
            e.string(first ? "" : source.path)
            first = false
            e.int(Int(source.stamp.size))
            e.int(Int(source.stamp.modified))
            e.int(Int(source.stamp.changed))
            e.unsigned(source.stamp.inode)
            e.bool(source.stamp.trusted)
            e.fixed(source.hash)
        }
        entry.probes.encode(into: &e)
        e.unsigned(UInt64(offset))
        e.unsigned(UInt64(entry.payload.count))
        e.unsigned(UInt64(entry.payload.parts.head))
        e.fixed(entry.payload.parts.hash)
        e.fixed(entry.payload.parts.tail)
    }

    /// The trailer of a file with `header` and `index`, the index at `indexOffset`.
    static func trailer(header: [UInt8], index: [UInt8], indexOffset: Int) -> [UInt8] {
        var check = Checksum()
        check.add(header)
        check.add(index)
        var e = FactEncoder(capacity: trailerSize)
        e.fixed(UInt64(header.count))
        e.fixed(UInt64(indexOffset))
        e.fixed(check.value)
        e.raw(endMark)
        return e.bytes
    }

    /// The header: what the run's key and its tree's listing are.
    func header() -> [UInt8] {
        var e = FactEncoder()
        e.raw(FactCache.magic)
        e.unsigned(FactCache.format)
        e.fixed(key)
        e.fixed(listingHash)
        var l = FactEncoder()
        l.strings(listing)
        e.unsigned(UInt64(l.bytes.count))
        e.raw(l.bytes)
        return e.bytes
    }

    /// The new cache file, written to a temporary file beside the old one as checks come (their
    /// lines of the index kept until the end) and renamed over it when whole; dropped when it
    /// would pass the limit or a write fails.
    struct Writer {
        var fd: Int32 = -1
        var file: String?
        var size = 0
        var header: [UInt8] = []
        var index = FactEncoder()
        var indexCount = 0
        var overLimit = false
        var failed = false
        var checked = 0
        let limit: Int
        /// While set, checks are kept here to be added to the loaded file (`addToLoaded`); past
        /// `collectLimit` bytes the run writes a whole new file as it goes instead.
        var collects = false
        var pending: [Entry] = []
        var pendingSize = 0

        /// Adds `entry`, whose check is `.made`.
        mutating func append(_ entry: Entry, opening cache: FactCache) {
            guard !failed, case .made(let bytes, _) = entry.payload else { return }
            if collects {
                pending.append(entry)
                pendingSize += bytes.count
                if pendingSize > cache.collectLimit { stopCollecting(opening: cache) }
                return
            }
            if file == nil {
                try? FileManager.default.createDirectory(atPath: cache.directory, withIntermediateDirectories: true)
                var name = Array((cache.file + ".XXXXXX").utf8CString)
                fd = name.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
                guard fd >= 0 else {
                    failed = true
                    return
                }
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                // Readable by others, as a cache shared by a CI's jobs is (mkstemp makes it its owner's alone).
                _ = fchmod(fd, 0o644)
                file = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                header = cache.header()
                write(header)
            }
            let offset = size
            write(bytes)
            FactCache.encode(entry, at: offset, into: &index)
            indexCount += 1
        }

        private mutating func write(_ bytes: [UInt8]) {
            guard !failed else { return }
            guard size + bytes.count + FactCache.trailerSize <= limit else {
                overLimit = true
                return drop()
            }
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return drop() }
                done += n
            }
            size += bytes.count
        }

        /// Writes the checks kept so far to a new file, and the next ones as they come.
        mutating func stopCollecting(opening cache: FactCache) {
            guard collects else { return }
            collects = false
            let kept = pending
            (pending, pendingSize) = ([], 0)
            for entry in kept { append(entry, opening: cache) }
        }

        private mutating func drop() {
            failed = true
            if fd >= 0 { close(fd) }
            if let file { unlink(file) }
            fd = -1
        }

        /// Ends the file with the index and trailer and puts it in place; its size, or 0 when
        /// there is none.
        mutating func finish(as path: String) -> Int {
            guard let file, !failed else { return 0 }
            var whole = FactEncoder(capacity: index.bytes.count + 16)
            // The first index: none before it.
            whole.unsigned(0)
            whole.unsigned(UInt64(indexCount))
            whole.raw(index.bytes)
            index = FactEncoder()
            let indexOffset = size
            write(whole.bytes)
            write(FactCache.trailer(header: header, index: whole.bytes, indexOffset: indexOffset))
            guard !failed else { return 0 }
            close(fd)
            fd = -1
            guard rename(file, path) == 0 else {
                unlink(file)
                return 0
            }
            return size
        }
    }

    private func touch(_ path: String) { utimensat(AT_FDCWD, path, nil, 0) }

    /// Removes the least recently used cache files of the folder until the rest fit the limit.
    private func evict() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        var files: [(path: String, used: Int64, size: Int64)] = []
        // The trees' fact files, their memos of cross-locale findings (`CorpusMemo`), of their
        // listings (`ListingMemo`) and of their reports' texts (`ReportMemo`); this tree's facts
        // and memos but the reports' are the last to go, the memos of reports go as the least
        // recently written.
        let memo = CorpusMemo.file(directory: directory, root: root)
        let listing = ListingMemo.file(directory: directory, root: root)
        for name in names
        where ((name.hasPrefix("waymark-facts-") || name.hasPrefix("waymark-corpus-")) && name.hasSuffix(".bin"))
            || ReportMemo.isFile(named: name) || ListingMemo.isFile(named: name)
        {
            let path = directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            files.append((path, Int64(info.st_mtim.tv_sec), Int64(info.st_size)))
        }
        let own: Set<String> = [file, memo, listing]
        files.sort { own.contains($0.path) != own.contains($1.path) ? own.contains($0.path) : $0.used > $1.used }
        var total: Int64 = 0
        for f in files {
            total += f.size
            if total > Int64(limit), !own.contains(f.path) { unlink(f.path) }
        }
    }

    // MARK: Hashing

    /// A 64-bit hash of a file's bytes, eight at a time: it tells an edited file from the one the
    /// cache saw (a cache is a local file of the one who runs it; nobody gains from a collision).
    static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes(Hasher64.of) }

}

/// The fact cache's file as a run read it, open on a descriptor of its own for the steps of the
/// checks the run reused (`EncodedSteps`), which stay in it until a rule reads them. The file is
/// only ever added to after its end, or replaced whole by a rename: the bytes read here are the
/// ones the run checked, and each range read is compared with the hash taken then.
///
/// A check's steps, details and links are read from here only when a rule asks for them (after
/// its first part, `FactCache.Parts`): bytes that then fail their hash are noted, and the run
/// that met them starts again without the checks they belong to (`damaged`), before it reports
/// anything.
final class CachedChecks: StepStore {
    private let descriptor: Int32
    private let failures = Mutex<[Int]>([])

    init?(duplicating fd: Int32) {
        let copy = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { return nil }
        descriptor = copy
    }

    deinit { close(descriptor) }

    func load(offset: Int, count: Int) -> [UInt8]? { FactCache.read(descriptor, offset..<offset + count) }

    func failed(offset: Int) { failures.withLock { $0.append(offset) } }

    /// Where the bytes that could not be read, or failed their hash, were.
    var damaged: [Int] { failures.withLock { $0 } }
}

/// A checksum of a file made piece by piece: each piece hashed, the hashes chained in order.
struct Checksum {
    private(set) var value: UInt64 = 0x1319_8a2e_0370_7344

    init() {}

    /// A checksum that goes on from `value` (a piece appended after those `value` was taken over).
    init(chainedTo value: UInt64) { self.value = value }

    /// Adds a piece: its own hash, chained to the pieces' before it.
    mutating func add(_ raw: UnsafeRawBufferPointer) {
        add(pieceHash: Checksum.hash(of: raw))
    }

    /// Adds a piece by its hash (`hash(of:)`), taken when the same bytes were read.
    mutating func add(pieceHash: UInt64) {
        var chain = Hasher64()
        chain.mix(value)
        chain.mix(pieceHash)
        value = chain.value
    }

    /// A piece's own hash, as `add` chains it.
    static func hash(of raw: UnsafeRawBufferPointer) -> UInt64 {
        var piece = Hasher64()
        piece.mix(raw)
        return piece.value
    }

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }
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
        if n >= 64 {
            // Four lanes of sixteen bytes each, independent of one another: one multiplication
            // no longer waits for the one before it (a long text is hashed about four times as
            // fast), then folded into one. Shorter inputs hash as they always did.
            var lanes = (
                value, value ^ 0x8ebc_6af0_9c88_c6e3, value ^ 0x5899_65cc_7537_4cc3, value ^ 0x1d8e_4e27_c47d_124f
            )
            while i + 64 <= n {
                lanes.0 = Hasher64.fold(
                    raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0xa076_1d64_78bd_642f ^ lanes.0,
                    raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) ^ 0xe703_7ed1_a0b4_28db)
                lanes.1 = Hasher64.fold(
                    raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) ^ 0xa076_1d64_78bd_642f ^ lanes.1,
                    raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self) ^ 0x8ebc_6af0_9c88_c6e3)
                lanes.2 = Hasher64.fold(
                    raw.loadUnaligned(fromByteOffset: i + 32, as: UInt64.self) ^ 0xa076_1d64_78bd_642f ^ lanes.2,
                    raw.loadUnaligned(fromByteOffset: i + 40, as: UInt64.self) ^ 0x5899_65cc_7537_4cc3)
                lanes.3 = Hasher64.fold(
                    raw.loadUnaligned(fromByteOffset: i + 48, as: UInt64.self) ^ 0xa076_1d64_78bd_642f ^ lanes.3,
                    raw.loadUnaligned(fromByteOffset: i + 56, as: UInt64.self) ^ 0x1d8e_4e27_c47d_124f)
                i += 64
            }
            value = Hasher64.fold(
                Hasher64.fold(lanes.0 ^ 0xe703_7ed1_a0b4_28db, lanes.1 ^ 0x8ebc_6af0_9c88_c6e3) ^ lanes.2,
                lanes.3 ^ 0x5899_65cc_7537_4cc3)
        }
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

    /// The hash of `raw` alone, as `FactCache.hash` gives it.
    static func of(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h = Hasher64()
        h.mix(raw)
        return h.value
    }

    mutating func mix(_ text: String) {
        var text = text
        text.withUTF8 { mix(UnsafeRawBufferPointer($0)) }
    }

    /// `mix` of the number's eight bytes (little-endian), worked out without them: the same
    /// value, without a buffer and the loops of long inputs (the report's memo mixes two
    /// numbers for every finding).
    mutating func mix(_ number: UInt64) {
        value = Hasher64.fold(number.littleEndian ^ 0xa076_1d64_78bd_642f ^ value, 0x8ebc_6af0_9c88_c6e3 ^ 8)
    }
}

extension CheckedFile {
    /// The findings sorted and without repeats, as standalone findings with their source lines
    /// (`SpilledFindings.standalone`): a run that keeps its findings as bytes takes them as they
    /// are, without putting each together and taking it apart again.
    /// Returns the length of the first part: the findings, the facts but their steps, details
    /// and links, the includes and the link targets; the steps, details and links follow it.
    @discardableResult
    func encode(into e: inout FactEncoder) -> Int {
        let start = e.bytes.count
        let list = SpilledFindings(Validator.deduplicated(findings), keepsLines: true)
        let bytes = list.standaloneBytes()
        e.unsigned(UInt64(list.count))
        e.unsigned(UInt64(bytes.count))
        e.raw(bytes)
        var tail = FactEncoder()
        e.optional(facts) { e, facts in facts.encode(into: &e, tail: &tail) }
        e.array(includes) { e, directive in
            e.string(directive.included)
            e.string(directive.container)
            e.range(directive.range)
        }
        targets.encode(into: &e)
        // The first part ends here: what a run that reuses the check reads (`Payload`'s head).
        let head = e.bytes.count - start
        e.raw(tail.bytes)
        return head
    }

    init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
        typealias Damaged = FactDecoder.Damaged
        let count = try d.count()
        let length = try d.count()
        let start = d.offset
        try d.skip(length)
        guard
            let list = SpilledFindings.standalone(
                d.bytes(since: start), count: count, keepsLines: d.findingsKeepLines ?? true)
        else { throw Damaged() }
        if d.findingsKeepLines == nil {
            findings = list.findings()
        } else {
            findings = []
            spilled = list
        }
        let head = try d.optional { d throws(Damaged) in try DocumentFacts.Head(from: &d) }
        includes = try d.array { d throws(Damaged) in
            Includers.Directive(included: try d.string(), container: try d.string(), range: try d.range())
        }
        targets = try EncodedStrings(from: &d)
        // Then the steps, details and links: in `d` after the first part, or left in the cache's
        // file.
        let tailStart = d.offset
        facts = try head.map { head throws(Damaged) in try DocumentFacts(head, tail: &d, at: tailStart) }
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
    /// With a memo of the previous run's cross-locale findings: the files whose findings it
    /// gave, and those whose findings the corpus rules made again (`nil`: no memo was kept).
    public var crossLocaleReused: Int?
    public var crossLocaleReached: Int?
    /// Files whose checks a first try of the run reused and found damaged where a rule read them
    /// (their steps, details or links): the run started again and checked them anew.
    public var distrusted = 0
}

extension FactCache {
    /// Reads `bytes` as a cache file the way a run does (trailer, header and index, checksum) and
    /// decodes every entry's check that matches its hash; with `checked` false neither the
    /// checksum nor the hashes are compared, so that the decoders meet arbitrary bytes (for the
    /// fuzz target). The number of entries decoded, or `nil` when the file is refused.
    package static func read(_ bytes: [UInt8], checked: Bool = true) -> Int? {
        // The key is whatever the file names.
        guard
            let parsed = try? parse(
                size: bytes.count, checksum: checked,
                read: { range in range.upperBound <= bytes.count ? Array(bytes[range]) : nil })
        else { return nil }
        // The listing too, as a run whose tree gained or lost files decodes it.
        let listed: [String]? = parsed.listing.withUnsafeBytes { raw in
            var l = FactDecoder(raw)
            return try? l.strings()
        }
        guard listed != nil else { return nil }
        // The bytes as a file too, for the first parts read as a run that reuses a check reads
        // them, its steps and details left in the file.
        let file = FactCache.temporaryFile(holding: bytes)
        defer { if let file { close(file) } }
        let cached = file.flatMap { CachedChecks(duplicating: $0) }
        var decoded = 0
        for entry in parsed.entries.values {
            // Its probes, kept as bytes, read in place as a run whose tree gained a file does.
            _ = entry.probes.all
            guard case .loaded(let range, let parts) = entry.payload else { continue }
            let stored = Array(bytes[range])
            // Compared with its hashes, as a run that copies it compares it (unless the checksums
            // are not); the steps and details are compared with theirs by the decoder.
            let found = Parts(of: stored, head: parts.head)
            guard !checked || (found.hash == parts.hash && found.tail == parts.tail) else { continue }
            stored.withUnsafeBytes { raw in
                // As a run that puts findings together reads it, and as one that keeps them as
                // bytes without their lines (and reads them back) does.
                var d = FactDecoder(raw)
                if let file = try? CheckedFile(from: &d) {
                    decoded += 1
                    // And what is kept as bytes until asked for: the details and the links a
                    // rule would ask for, the links read in place, the link targets of the reach.
                    _ = file.facts?.details
                    _ = file.facts?.linkTargets
                    file.facts?.forEachLinkTarget { _ in }
                    _ = file.targets.all
                }
                var spilling = FactDecoder(raw)
                spilling.findingsKeepLines = false
                if let file = try? CheckedFile(from: &spilling) { _ = file.spilled?.findings() }
                // The first part alone, the rest read from the file when asked for (and compared
                // with the hashes the first part gives).
                guard let cached, parts.head <= raw.count else { return }
                var reused = FactDecoder(UnsafeRawBufferPointer(rebasing: raw[0..<parts.head]))
                reused.stepsFile = (cached, range.lowerBound, range.upperBound)
                if let file = try? CheckedFile(from: &reused) {
                    _ = file.facts?.details
                    _ = file.facts?.steps
                    _ = file.facts?.linkTargets
                }
                // And with the bytes after it read too, as a run that counts every link reads it.
                var ahead = FactDecoder(UnsafeRawBufferPointer(rebasing: raw[0..<parts.head]))
                ahead.stepsFile = (cached, range.lowerBound, range.upperBound)
                ahead.readAhead = UnsafeRawBufferPointer(rebasing: raw[parts.head...])
                if let file = try? CheckedFile(from: &ahead) { file.facts?.forEachLinkTarget { _ in } }
            }
        }
        return decoded
    }

    /// A file of this process alone holding `bytes`, removed from its folder, open for reading.
    private static func temporaryFile(holding bytes: [UInt8]) -> Int32? {
        var template = Array((NSTemporaryDirectory() + "/waymark-read-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        guard (try? FileWriter.write(bytes, to: fd)) != nil else {
            close(fd)
            return nil
        }
        return fd
    }
}
