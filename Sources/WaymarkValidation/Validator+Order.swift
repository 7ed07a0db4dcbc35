import Foundation
import Synchronization
import WaymarkCore

/// The order of a report: findings sorted by path, position and id, repeats dropped, and the
/// sorted lists of the articles and of each corpus rule merged into one. The fast paths here
/// (small sort keys, a heap merge on two processors) have their equivalence tests in
/// `DeduplicationTests`: the same result as a plain sort of everything.
extension Validator {
    /// Identical findings (an include's problem reported through each article that includes it) once.
    /// Sorted in place: a large tree's findings are tens of megabytes, and a sorted copy of them
    /// was made at the run's peak.
    static func deduplicated(_ list: consuming [Diagnostic]) -> [Diagnostic] {
        var findings = list
        // Sort small keys, not findings: each path gets its rank among the distinct paths, and only
        // findings on the same line of the same file compare strings. The last key, the position
        // in the input, keeps the sort stable.
        // An article's findings come one after another, so a path is looked up once a run.
        var rankOf: [String: Int32] = [:]
        var runs: [(start: Int, path: String)] = []
        for index in findings.indices where runs.last?.path != findings[index].path ?? "" {
            runs.append((index, findings[index].path ?? ""))
            rankOf[findings[index].path ?? ""] = 0
        }
        for (rank, path) in rankOf.keys.sorted().enumerated() { rankOf[path] = Int32(rank) }
        typealias Key = (rank: Int32, line: Int32, column: Int32, index: Int32)
        var keys: [Key] = []
        keys.reserveCapacity(findings.count)
        for (run, (first, path)) in runs.enumerated() {
            let rank = rankOf[path]!
            for index in first..<(run + 1 < runs.count ? runs[run + 1].start : findings.count) {
                let start = findings[index].range?.start ?? SourceLocation(line: 0, column: 0)
                keys.append((rank, Int32(clamping: start.line), Int32(clamping: start.column), Int32(index)))
            }
        }
        findings.withUnsafeBufferPointer { f in
            keys.sort { a, b in
                if a.rank != b.rank { return a.rank < b.rank }
                if a.line != b.line { return a.line < b.line }
                if a.column != b.column { return a.column < b.column }
                let x = Int(a.index)
                let y = Int(b.index)
                if f[x].id != f[y].id { return f[x].id < f[y].id }
                if f[x].messageKey != f[y].messageKey { return f[x].messageKey < f[y].messageKey }
                if f[x].fingerprintValue != f[y].fingerprintValue {
                    return f[x].fingerprintValue < f[y].fingerprintValue
                }
                return x < y
            }
        }
        let count = findings.count
        let kept = findings.withUnsafeMutableBufferPointer { f in
            // Position i takes the finding at keys[i].index: each cycle of that permutation is
            // walked once, by swaps.
            var placed = [Bool](repeating: false, count: count)
            for start in 0..<count where !placed[start] {
                var position = start
                placed[position] = true
                while Int(keys[position].index) != start {
                    let from = Int(keys[position].index)
                    f.swapAt(position, from)
                    position = from
                    placed[position] = true
                }
            }
            // Sorting puts identical findings (same fingerprint, so same rule and message, at the
            // same place) next to each other: comparing with the last one kept is enough. Repeats
            // are swapped behind the ones kept.
            var kept = 0
            for i in 0..<count {
                if kept > 0 {
                    let p = keys[kept - 1]
                    let key = keys[i]
                    if p.rank == key.rank, p.line == key.line, p.column == key.column,
                        f[kept - 1].fingerprintValue == f[i].fingerprintValue
                    {
                        continue
                    }
                }
                if kept != i {
                    f.swapAt(kept, i)
                    keys[kept] = keys[i]
                }
                kept += 1
            }
            return kept
        }
        findings.removeLast(count - kept)
        return findings
    }

    /// Lists that `deduplicated` made, as one: the same as `deduplicated` of them all joined in
    /// order. The lists are read in place. Above `splittingAbove` findings, every list is cut at one
    /// path and the two halves are merged on two processors into the two ends of the result: all
    /// findings of a path, repeats included, are on the same side of the cut.
    static func merged(_ lists: [[Diagnostic]], splittingAbove threshold: Int = 4_096) -> [Diagnostic] {
        let lists = lists.filter { !$0.isEmpty }
        guard lists.count > 1 else { return lists.first ?? [] }
        let total = lists.reduce(0) { $0 + $1.count }
        return withBuffers(of: lists) { runs in
            var sides = [runs]
            if total > threshold, ProcessInfo.processInfo.activeProcessorCount > 1 {
                let largest = runs.max { $0.count < $1.count }!
                let pivot = largest[largest.count / 2].path ?? ""
                // Sorted by path first: the first finding of each list at or after the pivot's path.
                let cuts = runs.map { run in
                    var low = 0
                    var high = run.count
                    while low < high {
                        let middle = (low + high) / 2
                        if run[middle].path ?? "" < pivot { low = middle + 1 } else { high = middle }
                    }
                    return low
                }
                sides = [
                    zip(runs, cuts).map { UnsafeBufferPointer(rebasing: $0[..<$1]) },
                    zip(runs, cuts).map { UnsafeBufferPointer(rebasing: $0[$1...]) },
                ]
            }
            let starts = [0, sides[0].reduce(0) { $0 + $1.count }]
            return [Diagnostic](unsafeUninitializedCapacity: total) { buffer, count in
                let shared = MergeSides(sides: sides, out: buffer.baseAddress!)
                let written = Mutex([0, 0])
                DispatchQueue.concurrentPerform(iterations: sides.count) { side in
                    let n = mergeRuns(shared.sides[side], into: shared.out + starts[side])
                    written.withLock { $0[side] = n }
                }
                let (left, right) = written.withLock { ($0[0], $0[1]) }
                // Repeats dropped on the left leave a gap before the right half.
                if sides.count == 2, left < starts[1] {
                    (buffer.baseAddress! + left).moveInitialize(from: buffer.baseAddress! + starts[1], count: right)
                }
                count = left + right
            }
        }
    }

    /// What the two merges share; each writes only its own end of `out`.
    private struct MergeSides: @unchecked Sendable {
        let sides: [[UnsafeBufferPointer<Diagnostic>]]
        let out: UnsafeMutablePointer<Diagnostic>
    }

    /// Merges sorted runs into `out`, dropping a finding identical to the one before it; the
    /// number written.
    private static func mergeRuns(_ f: [UnsafeBufferPointer<Diagnostic>], into out: UnsafeMutablePointer<Diagnostic>)
        -> Int
    {
        // Each run that has findings left, and the place of its next one.
        var heap: [(list: Int, next: Int)] = f.indices.filter { !f[$0].isEmpty }.map { ($0, 0) }
        func less(_ a: (list: Int, next: Int), _ b: (list: Int, next: Int)) -> Bool {
            let p = f[a.list].baseAddress! + a.next
            let q = f[b.list].baseAddress! + b.next
            if precedes(p, q) { return true }
            return !precedes(q, p) && a.list < b.list
        }
        MergeHeap.make(&heap, by: less)
        let origin = SourceLocation(line: 0, column: 0)
        var n = 0
        while let (list, at) = heap.first {
            // Read in place through the pointer: a diagnostic is copied once, into `out`.
            let finding = f[list].baseAddress! + at
            if n > 0, out[n - 1].fingerprintValue == finding.pointee.fingerprintValue,
                out[n - 1].path == finding.pointee.path,
                (out[n - 1].range?.start ?? origin) == (finding.pointee.range?.start ?? origin)
            {
                // The same as the one kept before it.
            } else {
                (out + n).initialize(to: finding.pointee)
                n += 1
            }
            if at + 1 < f[list].count {
                heap[0].next += 1
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            MergeHeap.siftDown(&heap, from: 0, by: less)
        }
        return n
    }

    /// `Diagnostic.precedes`, reading the two in place, field by field: the merge compares each
    /// diagnostic many times and must copy none of them whole.
    private static func precedes(_ a: UnsafePointer<Diagnostic>, _ b: UnsafePointer<Diagnostic>) -> Bool {
        let pa = a.pointee.path ?? ""
        let pb = b.pointee.path ?? ""
        if pa != pb { return pa < pb }
        let origin = SourceLocation(line: 0, column: 0)
        let la = a.pointee.range?.start ?? origin
        let lb = b.pointee.range?.start ?? origin
        if la != lb { return la < lb }
        if a.pointee.id != b.pointee.id { return a.pointee.id < b.pointee.id }
        if a.pointee.messageKey != b.pointee.messageKey { return a.pointee.messageKey < b.pointee.messageKey }
        return a.pointee.fingerprintValue < b.pointee.fingerprintValue
    }

    /// Two lists that `deduplicated` made, as one: the same as `deduplicated(first + second)`.
    static func merged(_ first: [Diagnostic], _ second: [Diagnostic]) -> [Diagnostic] {
        merged([first, second])
    }

    /// Calls `body` with every list's storage at once.
    private static func withBuffers<R>(
        of lists: [[Diagnostic]], from index: Int = 0, _ taken: [UnsafeBufferPointer<Diagnostic>] = [],
        _ body: ([UnsafeBufferPointer<Diagnostic>]) -> R
    ) -> R {
        guard index < lists.count else { return body(taken) }
        return lists[index].withUnsafeBufferPointer { withBuffers(of: lists, from: index + 1, taken + [$0], body) }
    }
}

/// The heaps of the k-way merges: the least element first, by `less`.
enum MergeHeap {
    /// Orders `heap` as a heap.
    static func make<T>(_ heap: inout [T], by less: (borrowing T, borrowing T) -> Bool) {
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(&heap, from: index, by: less) }
    }

    /// Moves the element at `start` down to its place.
    static func siftDown<T>(_ heap: inout [T], from start: Int, by less: (borrowing T, borrowing T) -> Bool) {
        heap.withUnsafeMutableBufferPointer { h in
            var parent = start
            while true {
                var least = parent
                let left = 2 * parent + 1
                if left < h.count, less(h[left], h[least]) { least = left }
                if left + 1 < h.count, less(h[left + 1], h[least]) { least = left + 1 }
                if least == parent { return }
                h.swapAt(parent, least)
                parent = least
            }
        }
    }
}
