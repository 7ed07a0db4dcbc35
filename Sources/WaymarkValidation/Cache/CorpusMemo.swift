import Foundation
import WaymarkCore

/// What `validate --cache DIR` keeps of a run's cross-locale findings (the corpus rules'), beside
/// the fact cache: every finding by the file it is in, and a hash of each checked file's check
/// (its facts and findings as the fact cache encodes them, and the bytes it read). A later run of
/// the same tree with the same key works out which files' checks differ from those, which files
/// those changes can reach (as `--changed-since` does, the previous checks standing for the
/// revision), runs the corpus rules only where their findings land in those files, and takes
/// every other file's cross-locale findings from here.
///
/// What the corpus rules gather from the whole tree before they compare one article with another
/// (the links the localization pipeline adds to translations, `CorpusFacts.pipelineLinks`) can
/// change a finding in a file no change reaches: a link that a tenth translation of a locale adds
/// is no longer a translator's. The memo holds those links and their hash (`treeWide`): a run
/// whose changed files link where they did (and are in the same locale, key and role) takes the
/// links from here rather than counting them over the tree again, and a run whose own differ runs
/// every corpus rule.
///
/// One file per tree, with a checksum chained over its pieces; every finding's bounds are checked
/// when it is read. A file that is damaged, cut short, written for another key or by another
/// version, or whose findings do not stand where it says, is not used: the run then runs every
/// corpus rule, as without it. A run whose changes reached a few files adds what changed (the
/// checks that differ, the groups of the files it reached) after the file's end, under a lock,
/// when the file is still the one it read, rather than writing tens of megabytes again
/// (`appendChanges`); a reader applies these in order and stops at the first that is not whole
/// (the memo as the run before it left it, which still stands for that run). The file is written
/// whole, to a temporary file renamed into place, when there is no memo to add to, when the
/// checked files differ, and once the additions make up a quarter of it or number sixteen.
package struct CorpusMemo: Sendable {
    static let magic = Array("WAYMARK-CORPUS\n".utf8)
    static let changesMagic = Array("WAYMARK-CHANGES\n".utf8)
    static let format: UInt64 = 5
    /// Additions after which the file is written whole again.
    static let maximumChanges = 16

    /// The run's key: the fact cache's, the tree's listing, the revision of its git work tree,
    /// whether findings keep their source lines.
    var key: UInt64
    /// The checked files' tree paths, sorted, as one hash (`pathsHash`), and a hash of each one's
    /// check, in that order: a run compares them with its own by number, no path looked up.
    var paths: UInt64
    var checks: [UInt64]
    /// What the corpus rules gathered from the whole tree (the pipeline's links by locale), and
    /// its hash (`treeWideHash`).
    var pipelineLinks: [String: Set<String>]
    var treeWide: UInt64
    /// The file as read: the groups' findings are read in place.
    var bytes: [UInt8]
    /// Where each finding of the file starts, the groups' one after the other.
    var starts: [UInt32]
    /// The findings of each file (display path), sorted and without repeats, in path order.
    var groups: [Group]
    /// The file as read: its identity (device and inode) when known, its length, the length of
    /// what was written whole, the additions after it, and the checksum the last piece ends with.
    var file = FileState()

    struct FileState: Sendable {
        var device: UInt64 = 0
        var inode: UInt64 = 0
        var identified = false
        var length = 0
        var baseLength = 0
        var additions = 0
        var checksum: UInt64 = 0
    }

    struct Group {
        var path: String
        /// The group's findings: `starts[first..<first + count]`.
        var first: Int
        var count: Int
        /// Its findings' bytes in `bytes`, and their hash as the checksum chains it (a run that
        /// writes the group again does not hash its bytes again).
        var range: Range<Int>
        var hash: UInt64
        /// Its path's hash as the merge tells paths apart by (`MergedFindings.pathHash`): worked
        /// out as the memo is read, on another thread, rather than in the merge.
        var pathHash: UInt64

        init(path: String, first: Int, count: Int, range: Range<Int>, hash: UInt64) {
            (self.path, self.first, self.count, self.range, self.hash) = (path, first, count, range, hash)
            var bytes = path
            pathHash = bytes.withUTF8 { MergedFindings.pathHash(UnsafeRawBufferPointer($0)) }
        }
    }

    /// The memo of the tree at `root` (absolute) in `directory`.
    static func file(directory: String, root: String) -> String {
        var slot = Hasher64()
        slot.mix(root)
        return directory + "/waymark-corpus-" + String(slot.value, radix: 16) + ".bin"
    }

    /// The memo at `path` when it was written for `key` (any key when `nil`: the caller compares)
    /// and reads whole; `nil` otherwise.
    static func read(_ path: String, key: UInt64?, limit: Int) -> CorpusMemo? {
        guard let fd = try? FileReader.openForReading(path) else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, let bytes = try? FileReader.read(descriptor: fd, limit: max(limit, 1)) else {
            return nil
        }
        guard var memo = try? parse(bytes, key: key), key == nil || memo.key == key else { return nil }
        (memo.file.device, memo.file.inode, memo.file.identified) = (UInt64(info.st_dev), UInt64(info.st_ino), true)
        return memo
    }

    /// The groups of `memo` whose paths are not in `reached`, in order (the memo's groups are in
    /// the order of their paths: a few reached paths are found by halving).
    static func groups(of memo: CorpusMemo, notIn reached: Set<String>) -> [Group] {
        let left = Validator.indices(of: reached, in: memo.groups.lazy.map(\.path))
        var kept: [Group] = []
        kept.reserveCapacity(memo.groups.count - left.count)
        var next = 0
        for (index, group) in memo.groups.enumerated() {
            if next < left.count, left[next] == index {
                next += 1
                continue
            }
            kept.append(group)
        }
        return kept
    }

    /// The runs of one path each (`MergedFindings.pathRuns`) of `list(of: groups)`: a group each,
    /// from the paths and hashes read with the memo.
    static func runs(of groups: [Group]) -> [MergedFindings.PathRun] {
        var start = 0
        return groups.compactMap { group in
            guard group.count > 0 else { return nil }
            defer { start += group.count }
            return MergedFindings.PathRun(start: start, hash: group.pathHash, bytes: Array(group.path.utf8))
        }
    }

    /// The findings of `groups` (a subset of this memo's, in order) as one list, read in place.
    func list(of groups: some Sequence<Group>) -> SpilledFindings {
        var (kept, ends, runs): ([UInt32], [UInt32], [UInt32]) = ([], [], [])
        for group in groups where group.count > 0 {
            kept += starts[group.first..<group.first + group.count]
            // A group's findings one after another, the last up to the end of its bytes.
            ends += starts[group.first + 1..<group.first + group.count]
            ends.append(UInt32(group.range.upperBound))
            // All in the group's file (`parse` checked each one's path).
            runs.append(UInt32(kept.count))
        }
        return SpilledFindings(standaloneBytes: bytes, starts: kept, ends: ends, pathRuns: runs)
    }

    /// The memo `bytes` hold; throws when they are not one whole, unchanged memo (or, with `key`,
    /// one for another key: its findings are then not read).
    static func parse(_ bytes: [UInt8], key wanted: UInt64? = nil, checksum: Bool = true) throws(FactDecoder.Damaged)
        -> CorpusMemo
    {
        let parsed = bytes.withUnsafeBytes { raw in
            Result { () throws(FactDecoder.Damaged) -> CorpusMemo in
                try parse(raw, bytes: bytes, key: wanted, checksum: checksum)
            }
        }
        return try parsed.get()
    }

    /// The file is the header (magic, format, key, the paths' hash, the checks, the number of
    /// groups), each group (path, count, length, findings), and a checksum chained over the header
    /// and each group's two parts; then the additions (`appendChanges`), each with the checksum
    /// chained on from the one before it.
    private static func parse(
        _ raw: UnsafeRawBufferPointer, bytes: [UInt8], key wanted: UInt64?, checksum: Bool
    ) throws(FactDecoder.Damaged) -> CorpusMemo {
        guard raw.count > magic.count + 8, raw.starts(with: magic) else { throw .init() }
        var d = FactDecoder(raw, offset: magic.count)
        guard try d.unsigned() == format else { throw .init() }
        let key = try d.fixed()
        if let wanted, wanted != key { throw .init() }
        let paths = try d.fixed()
        let treeWide = try d.fixed()
        var pipelineLinks: [String: Set<String>] = [:]
        for _ in 0..<(try d.count()) {
            let locale = try d.string()
            pipelineLinks[locale] = Set(try d.strings())
        }
        // Each one's hash is the one written with it.
        guard treeWideHash(pipelineLinks: pipelineLinks) == treeWide else { throw .init() }
        let checkCount = try d.count()
        // Eight bytes each, all there before any is read.
        guard checkCount <= (raw.count - d.offset) / 8 else { throw .init() }
        var checks: [UInt64] = []
        checks.reserveCapacity(checkCount)
        for _ in 0..<checkCount { checks.append(try d.fixed()) }
        let groupCount = try d.count()
        var check = Checksum()
        check.add(UnsafeRawBufferPointer(rebasing: raw[0..<d.offset]))
        var groups: [Group] = []
        var starts: [UInt32] = []
        var previous: String?
        for _ in 0..<groupCount {
            let recordStart = d.offset
            let path = try d.string()
            // In path order, each path once, as the report orders them.
            if let previous, !(previous < path) { throw .init() }
            previous = path
            let count = try d.count()
            let length = try d.count()
            let start = d.offset
            try d.skip(length)
            check.add(UnsafeRawBufferPointer(rebasing: raw[recordStart..<start]))
            let hash = Checksum.hash(of: UnsafeRawBufferPointer(rebasing: raw[start..<d.offset]))
            check.add(pieceHash: hash)
            let first = starts.count
            guard count > 0,
                SpilledFindings.checkStandalone(raw, start..<start + length, count: count, path: path, starts: &starts)
            else { throw .init() }
            groups.append(Group(path: path, first: first, count: count, range: start..<start + length, hash: hash))
        }
        guard try d.fixed() == check.value || !checksum else { throw .init() }
        var memo = CorpusMemo(
            key: key, paths: paths, checks: checks, pipelineLinks: pipelineLinks, treeWide: treeWide, bytes: bytes,
            starts: starts, groups: groups)
        memo.file.baseLength = d.offset
        memo.file.checksum = check.value
        // The additions, each applied once it has read whole; the first that does not ends them,
        // and so does the last a run writes. The groups they take away and add are kept apart and
        // put together with the file's once, at the end.
        var overlay = Overlay(groups: memo.groups)
        while !d.isAtEnd, memo.file.additions < maximumChanges {
            var next = d
            guard (try? memo.applyChanges(raw, &next, overlay: &overlay, checksum: checksum)) != nil else { break }
            d = next
            memo.file.additions += 1
        }
        if memo.file.additions > 0 { memo.groups = overlay.merged() }
        memo.file.length = d.offset
        return memo
    }

    /// The groups of a memo as its additions leave them: those of the file written whole that none
    /// took away, and those they added (by path), in path order once put together.
    private struct Overlay {
        let base: [Group]
        var removed: [Bool]
        var added: [String: Group] = [:]

        init(groups: [Group]) {
            base = groups
            removed = [Bool](repeating: false, count: groups.count)
        }

        /// The index of the group of the file written whole whose path is `path`, found by halving.
        func baseIndex(_ path: String) -> Int? {
            var (low, high) = (0, base.count)
            while low < high {
                let middle = (low + high) / 2
                if base[middle].path < path { low = middle + 1 } else { high = middle }
            }
            return low < base.count && base[low].path == path ? low : nil
        }

        /// Whether a group of `path` is there now.
        func holds(_ path: String) -> Bool {
            if added[path] != nil { return true }
            return baseIndex(path).map { !removed[$0] } ?? false
        }

        func merged() -> [Group] {
            let extra = added.values.sorted { $0.path < $1.path }
            var out: [Group] = []
            out.reserveCapacity(base.count + extra.count)
            var (i, j) = (0, 0)
            while i < base.count || j < extra.count {
                if i < base.count, removed[i] {
                    i += 1
                } else if j == extra.count || (i < base.count && base[i].path < extra[j].path) {
                    out.append(base[i])
                    i += 1
                } else {
                    out.append(extra[j])
                    j += 1
                }
            }
            return out
        }
    }

    /// Reads the addition at `d` and applies it to the memo and `overlay`, `d` then after it;
    /// throws, with nothing applied, when it is not one whole addition that fits the memo.
    private mutating func applyChanges(
        _ raw: UnsafeRawBufferPointer, _ d: inout FactDecoder, overlay: inout Overlay, checksum: Bool
    ) throws(FactDecoder.Damaged) {
        let start = d.offset
        guard raw.count - start > CorpusMemo.changesMagic.count,
            UnsafeRawBufferPointer(rebasing: raw[start..<start + CorpusMemo.changesMagic.count])
                .elementsEqual(CorpusMemo.changesMagic)
        else { throw .init() }
        try d.skip(CorpusMemo.changesMagic.count)
        // Made for the same files, in the same order.
        guard try d.fixed() == paths else { throw .init() }
        let newTreeWide = try d.fixed()
        var newLinks: [String: Set<String>]?
        if try d.bool() {
            var links: [String: Set<String>] = [:]
            for _ in 0..<(try d.count()) {
                let locale = try d.string()
                links[locale] = Set(try d.strings())
            }
            guard CorpusMemo.treeWideHash(pipelineLinks: links) == newTreeWide else { throw .init() }
            newLinks = links
        } else {
            guard newTreeWide == treeWide else { throw .init() }
        }
        var changedChecks: [(Int, UInt64)] = []
        for _ in 0..<(try d.count()) {
            let index = try d.unsigned()
            guard index < UInt64(checks.count) else { throw .init() }
            changedChecks.append((Int(index), try d.fixed()))
        }
        var removed: [String] = []
        for _ in 0..<(try d.count()) {
            let path = try d.string()
            if let last = removed.last, !(last < path) { throw .init() }
            removed.append(path)
        }
        let startsBefore = starts.count
        var added: [Group] = []
        var previous: String?
        do throws(FactDecoder.Damaged) {
            for _ in 0..<(try d.count()) {
                let path = try d.string()
                if let previous, !(previous < path) { throw FactDecoder.Damaged() }
                previous = path
                // Not a file's whose group stays: no path twice.
                if overlay.holds(path), !CorpusMemo.sortedContains(removed, path) { throw FactDecoder.Damaged() }
                let count = try d.count()
                let length = try d.count()
                let findings = d.offset
                try d.skip(length)
                let first = starts.count
                guard count > 0,
                    SpilledFindings.checkStandalone(
                        raw, findings..<findings + length, count: count, path: path, starts: &starts)
                else { throw FactDecoder.Damaged() }
                let range = findings..<findings + length
                let hash = Checksum.hash(of: UnsafeRawBufferPointer(rebasing: raw[range]))
                added.append(Group(path: path, first: first, count: count, range: range, hash: hash))
            }
            var check = Checksum(chainedTo: file.checksum)
            check.add(UnsafeRawBufferPointer(rebasing: raw[start..<d.offset]))
            guard try d.fixed() == check.value || !checksum else { throw FactDecoder.Damaged() }
            file.checksum = check.value
        } catch {
            starts.removeSubrange(startsBefore...)
            throw error
        }
        // Whole: applied.
        for path in removed {
            overlay.added[path] = nil
            if let index = overlay.baseIndex(path) { overlay.removed[index] = true }
        }
        for group in added { overlay.added[group.path] = group }
        for (index, hash) in changedChecks { checks[index] = hash }
        if let newLinks { pipelineLinks = newLinks }
        treeWide = newTreeWide
    }

    /// Whether `sorted` (in string order) holds `path`, found by halving.
    private static func sortedContains(_ sorted: [String], _ path: String) -> Bool {
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < path { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == path
    }

    /// Adds to the memo file at `path`, which `previous` was read from, what this run changed: the
    /// checks (in `previous`' files' order, as `checks`), the pipeline's links, and the groups of
    /// the files it reached (`removed`, sorted: their groups go, and `groups`, in path order, made
    /// by `make` by index, take their places). `false`, with the file as it was, when the file is
    /// no longer the one read, another run is adding to it, the additions would pass a quarter of
    /// it or their number, or it cannot be written: the caller then writes it whole.
    static func appendChanges(
        _ path: String, to previous: CorpusMemo, checks: [UInt64], pipelineLinks: [String: Set<String>],
        removed: [String], groups: [Written], limit: Int, make: (Int, inout [UInt8]) -> Void
    ) -> Bool {
        let state = previous.file
        guard state.identified, state.additions < maximumChanges, checks.count == previous.checks.count else {
            return false
        }
        var e = FactEncoder(capacity: 4096)
        e.raw(changesMagic)
        e.fixed(previous.paths)
        let treeWide = treeWideHash(pipelineLinks: pipelineLinks)
        e.fixed(treeWide)
        e.bool(treeWide != previous.treeWide)
        if treeWide != previous.treeWide {
            e.unsigned(UInt64(pipelineLinks.count))
            for locale in pipelineLinks.keys.sorted() {
                e.string(locale)
                e.strings(pipelineLinks[locale]!.sorted())
            }
        }
        let changed = checks.indices.filter { checks[$0] != previous.checks[$0] }
        e.unsigned(UInt64(changed.count))
        for index in changed {
            e.unsigned(UInt64(index))
            e.fixed(checks[index])
        }
        e.strings(removed)
        e.unsigned(UInt64(groups.count))
        var made: [UInt8] = []
        for (index, group) in groups.enumerated() {
            made.removeAll(keepingCapacity: true)
            make(index, &made)
            e.string(group.path)
            e.unsigned(UInt64(group.count))
            e.unsigned(UInt64(made.count))
            e.raw(made)
        }
        var check = Checksum(chainedTo: state.checksum)
        check.add(e.bytes)
        e.fixed(check.value)
        let addition = e.bytes
        guard state.length - state.baseLength + addition.count <= state.baseLength / 4,
            state.length + addition.count <= limit
        else { return false }
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        // Only the run holding the lock adds, and only to the file it read, as it read it.
        var info = stat()
        guard flock(fd, LOCK_EX | LOCK_NB) == 0, fstat(fd, &info) == 0, UInt64(info.st_dev) == state.device,
            UInt64(info.st_ino) == state.inode, Int(info.st_size) == state.length
        else { return false }
        var written = 0
        let wrote = addition.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = pwrite(fd, raw.baseAddress! + written, raw.count - written, off_t(state.length + written))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                written += n
            }
            return true
        }
        if !wrote {
            // Nothing half added stays (a reader would stop there, and so would every later addition).
            _ = ftruncate(fd, off_t(state.length))
            return false
        }
        return true
    }

    /// A group to write: its path, its number of findings, and where their standalone bytes are
    /// in the buffer `write` is given (`nil`: made by `write`'s `make` as the group is written),
    /// with their hash when a memo read gave it. (A place, not a slice: a slice of a memo's bytes
    /// for each group counted that one buffer's references up and down tens of thousands of times
    /// while the merge, on another processor, read the same buffer.)
    struct Written {
        var path: String
        var count: Int
        var range: Range<Int>?
        var hash: UInt64? = nil
    }

    /// The hash of a run's checked files (`paths`), sorted, that a memo names.
    static func pathsHash(_ paths: [String]) -> UInt64 {
        var hash = Hasher64()
        hash.mix(UInt64(paths.count))
        for path in paths { hash.mix(path) }
        return hash.value
    }

    /// The hash of what the corpus rules gathered from the whole tree: each locale's pipeline links
    /// (`CorpusFacts.pipelineLinks`), in order.
    static func treeWideHash(pipelineLinks: [String: Set<String>]) -> UInt64 {
        var hash = Hasher64()
        hash.mix(UInt64(pipelineLinks.count))
        for locale in pipelineLinks.keys.sorted() {
            let targets = pipelineLinks[locale]!.sorted()
            hash.mix(locale)
            hash.mix(UInt64(targets.count))
            for target in targets { hash.mix(target) }
        }
        return hash.value
    }

    /// Writes the memo to `file` (a temporary file renamed into place): the checked files' hash
    /// (`pathsHash`), what the corpus rules gathered from the whole tree (`pipelineLinks`) and its
    /// hash (`treeWideHash`), and the checks' hashes in the paths' order, then `groups`, already in
    /// path order, their bytes in `source` (`make` appending those of the groups, by index, that
    /// have none); `false` when it would pass `limit` bytes or could not be written.
    static func write(
        _ file: String, key: UInt64, paths: UInt64, pipelineLinks: [String: Set<String>], checks: [UInt64],
        groups: [Written], source: [UInt8] = [], limit: Int, make: (Int, inout [UInt8]) -> Void = { _, _ in }
    ) -> Bool {
        var header = FactEncoder(capacity: checks.count * 8 + 64)
        header.raw(magic)
        header.unsigned(format)
        header.fixed(key)
        header.fixed(paths)
        header.fixed(treeWideHash(pipelineLinks: pipelineLinks))
        header.unsigned(UInt64(pipelineLinks.count))
        for locale in pipelineLinks.keys.sorted() {
            header.string(locale)
            header.strings(pipelineLinks[locale]!.sorted())
        }
        header.unsigned(UInt64(checks.count))
        for hash in checks { header.fixed(hash) }
        header.unsigned(UInt64(groups.count))
        var check = Checksum()
        check.add(header.bytes)
        var size = header.bytes.count + 8
        do {
            try source.withUnsafeBytes { source in
                try FileWriter.replace(file) { (write) throws(FileReader.Failure) in
                    var pending = header.bytes
                    var made: [UInt8] = []
                    for index in groups.indices {
                        let (count, range, hash) = (groups[index].count, groups[index].range, groups[index].hash)
                        if range == nil {
                            made.removeAll(keepingCapacity: true)
                            make(index, &made)
                        }
                        let wrote = made.withUnsafeBytes { made in
                            Result { () throws(FileReader.Failure) in
                                let bytes = range.map { UnsafeRawBufferPointer(rebasing: source[$0]) } ?? made
                                var record = FactEncoder(capacity: groups[index].path.utf8.count + 24)
                                record.string(groups[index].path)
                                record.unsigned(UInt64(count))
                                record.unsigned(UInt64(bytes.count))
                                check.add(record.bytes)
                                if let hash, range != nil {
                                    check.add(pieceHash: hash)
                                } else {
                                    check.add(bytes)
                                }
                                size += record.bytes.count + bytes.count
                                guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
                                pending += record.bytes
                                pending.append(contentsOf: bytes)
                                if pending.count >= 1 << 20 {
                                    try write(pending)
                                    pending.removeAll(keepingCapacity: true)
                                }
                            }
                        }
                        try wrote.get()
                    }
                    var tail = FactEncoder()
                    tail.fixed(check.value)
                    try write(pending + tail.bytes)
                }
            }
        } catch {
            return false
        }
        return true
    }
}

extension CorpusMemo {
    /// Reads `bytes` as a memo the way a run does (magic, checks, every group's findings, the
    /// checksum); with `checked` false the checksum is not compared, so that the readers meet
    /// arbitrary bytes (for the fuzz target). The number of findings read, or `nil` when the memo
    /// is refused.
    package static func read(_ bytes: [UInt8], checked: Bool = true) -> Int? {
        guard let memo = try? parse(bytes, checksum: checked) else { return nil }
        return memo.list(of: memo.groups).findings().count
    }
}
