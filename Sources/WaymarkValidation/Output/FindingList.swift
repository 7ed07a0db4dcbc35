import Foundation
import Synchronization
import WaymarkCore

/// A run's findings in report order: sorted by path, position and id, repeats dropped.
///
/// A small run's are an array. A large tree's stay as the sorted lists of bytes the run kept them
/// in (`SpilledFindings`), and the list is the order in which to read them: each finding is
/// put together when it is read, so a report of tens of thousands of findings is written without
/// holding them all at once.
///
/// ```swift
/// for finding in result.list where finding.severity == .error { … }
/// result.list.count(.warning)
/// ```
public struct FindingList: RandomAccessCollection, Sendable {
    private let storage: Storage
    /// How many of each severity, in `Severity.allCases` order.
    private let tally: [Int]

    private enum Storage: Sendable {
        case array([Diagnostic])
        case merged(MergedFindings)
    }

    public init(_ findings: [Diagnostic]) {
        storage = .array(findings)
        var tally = [Int](repeating: 0, count: Severity.allCases.count)
        for index in findings.indices { tally[findings[index].severity.tallyIndex] += 1 }
        self.tally = tally
    }

    init(_ merged: MergedFindings) {
        storage = .merged(merged)
        tally = merged.tally
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .array(let list): list.count
        case .merged(let merged): merged.order.count
        }
    }

    public subscript(position: Int) -> Diagnostic {
        switch storage {
        case .array(let list): list[position]
        case .merged(let merged): merged.finding(at: position)
        }
    }

    /// The rule id of the finding at `position`, read without the rest of it.
    public func ruleID(at position: Int) -> String {
        switch storage {
        case .array(let list): list[position].id
        case .merged(let merged): merged.ruleID(at: position)
        }
    }

    /// How many findings have `severity`.
    public func count(_ severity: Severity) -> Int { tally[severity.tallyIndex] }

    /// The findings `isKept` keeps, in the same order.
    public func keeping(_ isKept: (Diagnostic) -> Bool) -> FindingList {
        switch storage {
        case .array(let list): FindingList(list.filter(isKept))
        case .merged(let merged): FindingList(merged.keeping(isKept))
        }
    }
}

extension FindingList {
    /// The findings in files of `paths` (display paths), in the same order: for lists kept as
    /// bytes, decided from the fields read in place, without putting a finding together.
    func keeping(paths: Set<String>) -> FindingList {
        switch storage {
        case .array(let list): FindingList(list.filter { paths.contains($0.path ?? "") })
        case .merged(let merged): FindingList(merged.keeping(paths: paths))
        }
    }
}

extension FindingList {
    /// The findings as a report memo (`ReportMemo`) sees them: which file each is in, and a hash
    /// of a file's findings that tells whether they are the ones a text was written from. `nil`
    /// for findings held as an array (small runs, which a memo would not speed up).
    var grouping: Grouping? {
        guard case .merged(let merged) = storage else { return nil }
        return Grouping(merged: merged)
    }

    struct Grouping: Sendable {
        let merged: MergedFindings

        /// A hash of the path of the finding at `position` (its UTF-8).
        func pathHash(at position: Int) -> UInt64 { merged.pathHash(at: position) }

        /// A hash of the findings at `positions` (one file's): their bytes, texts in place, and
        /// the notes the run adds to them; `scratch` is the buffer they are read into.
        func identity(of positions: Range<Int>, scratch: inout [UInt8]) -> UInt64 {
            merged.identity(of: positions, scratch: &scratch)
        }
    }
}

extension Severity {
    /// The severity's place in `allCases`.
    var tallyIndex: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// Sorted lists of findings kept as bytes, read as one list: the order of their merge, repeats
/// dropped, worked out from the few fields that sort them (`SpilledFindings.Key`) without
/// putting a single finding together.
struct MergedFindings: Sendable {
    let lists: [SpilledFindings]
    /// Which list, and which finding of it, each finding of the merge is: the list's number in the
    /// high 32 bits.
    let order: [UInt64]
    /// Notes added to a finding of the first `annotated` lists (the articles') when its path is an
    /// included file's: the places that include it.
    let notes: [String: [Diagnostic.Note]]
    /// The hashes of those paths (`pathHash`): a file whose path hashes to none of them gets no
    /// notes, and its path is not read as a string to look them up. `nil` when a path is not
    /// all ASCII (two such strings can be equal with other bytes).
    private let noteHashes: Set<UInt64>?
    let annotated: Int
    let tally: [Int]

    /// Merges `lists`, each sorted and without repeats; the first `annotated` of them get `notes`.
    /// Above `splittingAbove` findings, every list is cut at one path and the two sides are merged
    /// on two processors: a path's findings, repeats included, are all on one side. `known`: the
    /// path runs (`pathRuns`) of the first lists, worked out before; `last`: the last list's.
    init(
        lists: [SpilledFindings], annotated: Int = 0, notes: [String: [Diagnostic.Note]] = [:],
        splittingAbove threshold: Int = 4_096, runsOfFirst known: [[PathRun]] = [], runsOfLast last: [PathRun]? = nil
    ) {
        let total = lists.reduce(0) { $0 + $1.count }
        let ranks = MergedFindings.pathRanks(lists, runsOfFirst: known, runsOfLast: last)
        var sides = [lists.indices.map { 0..<lists[$0].count }]
        if total > threshold, ProcessInfo.processInfo.activeProcessorCount > 1,
            let largest = lists.indices.max(by: { lists[$0].count < lists[$1].count })
        {
            let pivot = ranks[largest][lists[largest].count / 2]
            // The first finding of each list at or after the pivot's path.
            let cuts = lists.indices.map { list in
                var low = 0
                var high = lists[list].count
                while low < high {
                    let middle = (low + high) / 2
                    if ranks[list][middle] < pivot { low = middle + 1 } else { high = middle }
                }
                return low
            }
            sides = [
                lists.indices.map { 0..<cuts[$0] },
                lists.indices.map { cuts[$0]..<lists[$0].count },
            ]
        }
        let results = Mutex<[([UInt64], [Int])?]>(Array(repeating: nil, count: sides.count))
        let ranges = sides
        DispatchQueue.concurrentPerform(iterations: ranges.count) { side in
            let merged = MergedFindings.merge(lists, ranges[side], ranks: ranks)
            results.withLock { $0[side] = merged }
        }
        let parts = results.withLock { $0 }.compactMap { $0 }
        order = parts.flatMap(\.0)
        tally = parts.reduce(into: [Int](repeating: 0, count: Severity.allCases.count)) { sum, part in
            for index in sum.indices { sum[index] += part.1[index] }
        }
        self.lists = lists
        self.notes = notes
        noteHashes =
            notes.keys.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
            ? Set(
                notes.keys.map { path in
                    var hash = Hasher64()
                    hash.mix(path)
                    return hash.value
                }) : nil
        self.annotated = annotated
    }

    private init(_ other: MergedFindings, order: [UInt64], tally: [Int]) {
        lists = other.lists
        notes = other.notes
        noteHashes = other.noteHashes
        annotated = other.annotated
        self.order = order
        self.tally = tally
    }

    func finding(at position: Int) -> Diagnostic {
        let entry = order[position]
        let list = Int(entry >> 32)
        var finding = lists[list].finding(at: Int(entry & 0xFFFF_FFFF))
        if list < annotated, !notes.isEmpty, let path = finding.path, let added = notes[path] {
            finding.notes += added
        }
        return finding
    }

    func pathHash(at position: Int) -> UInt64 {
        let entry = order[position]
        return lists[Int(entry >> 32)].pathHash(at: Int(entry & 0xFFFF_FFFF))
    }

    /// A hash of everything the findings at `positions` are written from: each one's standalone
    /// bytes (hashed in place where its list holds them so, as a memo's list does), whether it is
    /// given the notes of the places that include its file, and those notes.
    func identity(of positions: Range<Int>, scratch: inout [UInt8]) -> UInt64 {
        var hash = Hasher64()
        var annotatedAny = false
        for position in positions {
            let entry = order[position]
            let list = Int(entry >> 32)
            let index = Int(entry & 0xFFFF_FFFF)
            var own = Hasher64()
            if lists[list].withStandaloneBytes(ofFindingAt: index, { own.mix($0) }) == nil {
                scratch.removeAll(keepingCapacity: true)
                lists[list].appendStandalone(findingAt: index, to: &scratch)
                scratch.withUnsafeBytes { own.mix($0) }
            }
            let annotates = list < annotated && !notes.isEmpty
            hash.mix(own.value)
            hash.mix(annotates ? 1 : 0)
            annotatedAny = annotatedAny || annotates
        }
        if annotatedAny, let first = positions.first {
            let entry = order[first]
            let (list, index) = (Int(entry >> 32), Int(entry & 0xFFFF_FFFF))
            if noteHashes?.contains(lists[list].pathHash(at: index)) ?? true, let path = lists[list].path(at: index),
                let added = notes[path]
            {
                var e = FactEncoder()
                e.array(added) { e, note in
                    e.optional(note.path) { $0.string($1) }
                    e.optional(note.range) { $0.range($1) }
                    e.string(note.messageKey)
                    e.dictionary(note.arguments)
                }
                e.bytes.withUnsafeBytes { hash.mix($0) }
            }
        }
        return hash.value
    }

    func keeping(paths: Set<String>) -> MergedFindings {
        var kept: [UInt64] = []
        var tally = [Int](repeating: 0, count: Severity.allCases.count)
        for entry in order {
            let key = lists[Int(entry >> 32)].key(at: Int(entry & 0xFFFF_FFFF))
            guard paths.contains(key.path) else { continue }
            kept.append(entry)
            tally[key.severity.tallyIndex] += 1
        }
        return MergedFindings(self, order: kept, tally: tally)
    }

    func ruleID(at position: Int) -> String {
        let entry = order[position]
        return lists[Int(entry >> 32)].key(at: Int(entry & 0xFFFF_FFFF)).id
    }

    func keeping(_ isKept: (Diagnostic) -> Bool) -> MergedFindings {
        var kept: [UInt64] = []
        var tally = [Int](repeating: 0, count: Severity.allCases.count)
        for position in order.indices {
            let finding = finding(at: position)
            guard isKept(finding) else { continue }
            kept.append(order[position])
            tally[finding.severity.tallyIndex] += 1
        }
        return MergedFindings(self, order: kept, tally: tally)
    }

    /// The merge of `ranges` of `lists` (one range a list): entries in order, and the severities'
    /// counts. A heap holds the next finding's place of each source; a finding that repeats the
    /// one kept before it is dropped (sorting puts repeats next to each other). Paths are compared
    /// as their ranks (`pathRanks`) and places as numbers; the texts that sort findings of one
    /// place (rule id, message key) are read only for such a tie.
    ///
    /// Most lists are one article's findings, all in its own file: such lists of different files,
    /// taken in path order, follow one another without interleaving, and are one source of the
    /// heap, walked list after list (`chains`). The heap then holds a few sources, not one per
    /// article. Equal keys still come out in the order of their lists, as with one source a list.
    private static func merge(_ lists: [SpilledFindings], _ ranges: [Range<Int>], ranks: [[Int32]]) -> (
        [UInt64], [Int]
    ) {
        struct Head {
            /// The source, the list it is in now, and the finding of that list.
            var source: Int
            var list: Int
            var next: Int
            var rank: Int32
            var start: SourceLocation
            var fingerprint: UInt64
            var severity: Severity
        }
        // Each list's findings and ranks read through their arrays' addresses: through the lists,
        // every step would count references to their arrays, and the two sides of a merge, on two
        // processors at once, count the same ones. (`lists` and `ranks` outlive the loop.)
        let places = lists.map(\.places)
        let rankOf = ranks.map { $0.withUnsafeBufferPointer { $0 } }
        func head(_ source: Int, _ list: Int, _ next: Int) -> Head {
            let place = places[list].place(at: next)
            return Head(
                source: source, list: list, next: next, rank: rankOf[list][next], start: place.start,
                fingerprint: place.fingerprint, severity: place.severity)
        }
        let sources = chains(lists, ranges, ranks: ranks)
        // Where each source is: the place in its lists of the list it is in now.
        var along = [Int](repeating: 0, count: sources.count)
        var heap: [Head] = sources.indices.map { head($0, sources[$0][0], ranges[sources[$0][0]].lowerBound) }
        func less(_ a: borrowing Head, _ b: borrowing Head) -> Bool {
            let (ra, rb) = (a.rank, b.rank)
            if ra != rb { return ra < rb }
            let (sa, sb) = (a.start, b.start)
            if sa != sb { return sa < sb }
            let (la, lb) = (a.list, b.list)
            let (x, y) = (lists[la].key(at: a.next), lists[lb].key(at: b.next))
            if x.precedes(y) { return true }
            return !y.precedes(x) && la < lb
        }
        MergeHeap.make(&heap, by: less)
        var order: [UInt64] = []
        order.reserveCapacity(ranges.reduce(0) { $0 + $1.count })
        var tally = [Int](repeating: 0, count: Severity.allCases.count)
        var last: Head?
        while let first = heap.first {
            // Kept unless it repeats the one kept before it (same fingerprint, place and path).
            let repeats = last.map {
                $0.fingerprint == first.fingerprint && $0.start == first.start && $0.rank == first.rank
            }
            if repeats != true {
                order.append(UInt64(first.list) << 32 | UInt64(first.next))
                tally[first.severity.tallyIndex] += 1
                last = first
            }
            if first.next + 1 < ranges[first.list].upperBound {
                heap[0] = head(first.source, first.list, first.next + 1)
            } else if along[first.source] + 1 < sources[first.source].count {
                along[first.source] += 1
                let list = sources[first.source][along[first.source]]
                heap[0] = head(first.source, list, ranges[list].lowerBound)
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            MergeHeap.siftDown(&heap, from: 0, by: less)
        }
        withExtendedLifetime((lists, ranks)) {}
        return (order, tally)
    }

    /// The heap's sources: each the lists (with findings in `ranges`) it walks one after another.
    /// A list whose findings are all in one file goes after the last of a chain of such lists
    /// when its file comes after that list's (the first chain that takes it); any other list is
    /// a source of its own.
    static func chains(_ lists: [SpilledFindings], _ ranges: [Range<Int>], ranks: [[Int32]]) -> [[Int]] {
        var sources: [[Int]] = []
        var single: [(rank: Int32, list: Int)] = []
        for list in ranges.indices where !ranges[list].isEmpty {
            let first = ranks[list][ranges[list].lowerBound]
            if first == ranks[list][ranges[list].upperBound - 1] {
                single.append((first, list))
            } else {
                sources.append([list])
            }
        }
        single.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.list < $1.list }
        // The last file of each chain. A file in many lists (an include whose findings each
        // article that includes it reports) starts a chain for each: past a few, they are
        // sources of their own, as without chains.
        var ends: [Int32] = []
        var chained: [[Int]] = []
        for (rank, list) in single {
            if let chain = ends.firstIndex(where: { $0 < rank }) {
                chained[chain].append(list)
                ends[chain] = rank
            } else if chained.count < 16 {
                chained.append([list])
                ends.append(rank)
            } else {
                sources.append([list])
            }
        }
        return sources + chained
    }

    /// Whether `held` holds exactly `bytes`.
    private static func same(_ held: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        held.withUnsafeBytes { theirs in
            theirs.count == bytes.count
                && (bytes.isEmpty || memcmp(bytes.baseAddress!, theirs.baseAddress!, bytes.count) == 0)
        }
    }

    /// A run of findings of one list with one path, from `start` to the next run's: its path's
    /// bytes and their hash (`pathHash`).
    struct PathRun: Sendable {
        var start: Int
        var hash: UInt64
        var bytes: [UInt8]
    }

    /// The runs of `list`'s findings with one path: reading and hashing the paths is most of what
    /// `pathRanks` does, and a run can do it for the articles' lists while it works on the corpus
    /// rules. A file's findings come one after another: a path the same as the last one's is
    /// known by its bytes, not hashed; a list whose runs are known hashes each run's first path.
    static func pathRuns(
        of list: SpilledFindings, hash: (UnsafeRawBufferPointer) -> UInt64 = MergedFindings.pathHash
    ) -> [PathRun] {
        var out: [PathRun] = []
        if let known = list.pathRuns {
            out.reserveCapacity(known.count)
            var start = 0
            for end in known.lazy.map(Int.init) {
                list.withPathBytes(at: start) { bytes in
                    out.append(PathRun(start: start, hash: hash(bytes), bytes: Array(bytes)))
                }
                start = end
            }
            return out
        }
        list.forEachPathBytes { index, bytes in
            if let last = out.last, MergedFindings.same(last.bytes, bytes) { return }
            out.append(PathRun(start: index, hash: hash(bytes), bytes: Array(bytes)))
        }
        return out
    }

    /// The hash `pathRanks` tells paths apart by: of their UTF-8, 0 for none.
    static func pathHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard !bytes.isEmpty else { return 0 }
        var hash = Hasher64()
        hash.mix(bytes)
        return hash.value
    }

    /// Each finding's path (by list, then finding) as its rank among the paths of all `lists`
    /// in string order, equal paths the same rank: what the merge compares. Paths are told
    /// apart by a hash of their bytes, read in place, each compared with the bytes of the path
    /// its hash stands for; should two paths ever share a hash, each finding's path is read
    /// as a string instead.
    static func pathRanks(
        _ lists: [SpilledFindings],
        hash: @escaping @Sendable (UnsafeRawBufferPointer) -> UInt64 = MergedFindings.pathHash,
        runsOfFirst known: [[PathRun]] = [], runsOfLast last: [PathRun]? = nil
    ) -> [[Int32]] {
        // Each list's runs of findings with one path (`pathRuns`), those not given in `known`
        // (the first lists') or `last` (the last list's) worked out on every processor, one
        // slice of lists each.
        let first = min(known.count, lists.count)
        let end = last != nil && lists.count > first ? lists.count - 1 : lists.count
        let rest = Array(lists[first..<end])
        let runs =
            known.prefix(lists.count)
            + ParallelSlices.map(count: rest.count, sliceSize: min(1024, max(1, (rest.count + 1) / 2))) { range in
                range.map { MergedFindings.pathRuns(of: rest[$0], hash: hash) }
            }.flatMap { $0 }
            + (end < lists.count ? [last ?? []] : [])
        // Each distinct path's bytes, by the hash of its bytes, given out in the lists' order.
        var slotOf: [UInt64: Int32] = [:]
        var held: [[UInt8]] = []
        var holders: [(list: Int, index: Int)] = []
        var slots: [[Int32]] = []
        slots.reserveCapacity(lists.count)
        var collided = false
        for list in lists.indices {
            var row = [Int32](repeating: 0, count: lists[list].count)
            let listRuns = runs[list]
            for (number, run) in listRuns.enumerated() {
                let end = number + 1 < listRuns.count ? listRuns[number + 1].start : row.count
                let found: Int32
                if let slot = slotOf[run.hash] {
                    if held[Int(slot)] != run.bytes { collided = true }
                    found = slot
                } else {
                    found = Int32(held.count)
                    slotOf[run.hash] = found
                    held.append(run.bytes)
                    holders.append((list, run.start))
                }
                for index in run.start..<end { row[index] = found }
            }
            slots.append(row)
        }
        if collided {
            // Every finding's path as a string: slow, and never needed in practice.
            var byPath: [String: Int32] = [:]
            holders = []
            for list in lists.indices {
                for index in 0..<lists[list].count {
                    let path = lists[list].path(at: index) ?? ""
                    if let slot = byPath[path] {
                        slots[list][index] = slot
                    } else {
                        byPath[path] = Int32(holders.count)
                        slots[list][index] = Int32(holders.count)
                        holders.append((list, index))
                    }
                }
            }
        }
        // The slots in path order; paths equal as strings share a rank. Paths all ASCII order as
        // their bytes, and two that differ are different paths: they are sorted as they are held,
        // without a string made for each (tens of thousands in a large tree's report).
        var rankOf = [Int32](repeating: 0, count: collided ? holders.count : held.count)
        if !collided, held.allSatisfy({ $0.withUnsafeBufferPointer { UTF8Text.check($0).ascii } }) {
            let views = held.map { $0.withUnsafeBufferPointer { $0 } }
            let sorted = views.indices.sorted { TextOrder.bytesLess(views[$0], views[$1]) }
            for (position, slot) in sorted.enumerated() { rankOf[slot] = Int32(position) }
            withExtendedLifetime(held) {}
        } else {
            let paths =
                collided
                ? holders.map { lists[$0.list].path(at: $0.index) ?? "" }
                : held.map { String(decoding: $0, as: UTF8.self) }
            let sorted = TextOrder.indices(of: paths)
            var rank: Int32 = 0
            for (position, slot) in sorted.enumerated() {
                if position > 0, paths[sorted[position - 1]] != paths[slot] { rank += 1 }
                rankOf[slot] = rank
            }
        }
        for list in slots.indices {
            for index in slots[list].indices { slots[list][index] = rankOf[Int(slots[list][index])] }
        }
        return slots
    }
}
