import Foundation
import Synchronization

/// Writes a report's findings piece by piece, in order: they are put into words in slices, as
/// many at once as there are processors, into twice as many buffers, kept from one slice to the
/// next: while the slices that are done are handed on (written to the report's file, on the
/// calling thread), the next ones are filled. A report of any length holds a few slices at a
/// time, and so does the run that writes it (the findings stay as bytes until their turn).
///
/// ```swift
/// try ReportSlices.write(count: findings.count, to: emit) { index, out, scratch in
///     out += line(for: findings[index]).utf8
/// }
/// ```
enum ReportSlices {
    /// Findings put into words by one processor at a time.
    static let sliceSize = 1024
    /// About the most bytes of memo texts read with one call: what was read is checked while it
    /// is still in the processor's cache.
    static let readRun = 1 << 16

    /// Hands `emit` the bytes `item` writes for `0..<count`, in that order. `item` gets the
    /// number, the slice's buffer to append to and a scratch buffer of its own; it runs on
    /// several threads at once, each on its own slice.
    static func write<E: Error>(
        count: Int, bytesPerItem: Int = 640, to emit: ([UInt8]) throws(E) -> Void,
        item: @escaping @Sendable (_ index: Int, _ out: inout [UInt8], _ scratch: inout [UInt8]) -> Void
    ) throws(E) {
        guard count > 0 else { return }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let buffers = SlotValues<[UInt8]>(count: 2 * workers, initial: [])
        try pipelined(
            count: count, workers: workers,
            fill: { slot, range in
                buffers.base[slot].removeAll(keepingCapacity: true)
                buffers.base[slot].reserveCapacity(range.count * bytesPerItem)
                var scratch: [UInt8] = []
                scratch.reserveCapacity(512)
                for index in range { item(index, &buffers.base[slot], &scratch) }
            },
            emit: { (slots: Range<Int>) throws(E) in
                for slot in slots { try emit(buffers.base[slot]) }
            })
    }

    /// `write` for findings grouped by file (`FindingList.Grouping`), with a memo of the texts
    /// a report wrote for each file (`ReportMemo`): a file's findings are written as one piece,
    /// copied from the memo when they hash as they did there, put into words by `item` otherwise,
    /// and each file's text is recorded for the next report. `separator` is what `item` writes
    /// before every finding but the first: the memo keeps each text with it, and the report's
    /// first text is copied without it. Without a grouping or a memo, `write` as above.
    static func write<E: Error>(
        count: Int, bytesPerItem: Int = 640, grouping: FindingList.Grouping?, memo: ReportMemo?,
        separator: [UInt8] = [], to emit: ([UInt8]) throws(E) -> Void,
        item: @escaping @Sendable (_ index: Int, _ out: inout [UInt8], _ scratch: inout [UInt8]) -> Void
    ) throws(E) {
        guard let grouping, let memo else {
            return try write(count: count, bytesPerItem: bytesPerItem, to: emit, item: item)
        }
        guard count > 0 else { return }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let buffers = SlotValues<[UInt8]>(count: 2 * workers, initial: [])
        let records = SlotValues<[Written]>(count: 2 * workers, initial: [])
        try pipelined(
            count: count, workers: workers,
            settle: { cut in
                // Each slice cut where a file's findings end.
                var end = cut
                if end < count {
                    let path = grouping.pathHash(at: end - 1)
                    while end < count, grouping.pathHash(at: end) == path { end += 1 }
                }
                return end
            },
            fill: { slot, range in
                buffers.base[slot].removeAll(keepingCapacity: true)
                buffers.base[slot].reserveCapacity(range.count * bytesPerItem)
                records.base[slot].removeAll(keepingCapacity: true)
                var scratch: [UInt8] = []
                scratch.reserveCapacity(512)
                // The slice's files: where each one's findings are, and the memo's text of them.
                var files: [(path: UInt64, identity: UInt64, positions: Range<Int>, entry: ReportMemo.Entry?)] = []
                var position = range.lowerBound
                while position < range.upperBound {
                    let path = grouping.pathHash(at: position)
                    var end = position + 1
                    while end < range.upperBound, grouping.pathHash(at: end) == path { end += 1 }
                    let identity = grouping.identity(of: position..<end, scratch: &scratch)
                    // (The report's first text is copied without the separator, below.)
                    let entry =
                        position == 0 && !separator.isEmpty ? nil : memo.entry(path: path, identity: identity)
                    files.append((path, identity, position..<end, entry))
                    position = end
                }
                // Each run of texts that follow one another in the memo copied at once; a file
                // whose text is not there, or not whole, put into words.
                var entries: [ReportMemo.Entry] = []
                var next = 0
                while next < files.count {
                    entries.removeAll(keepingCapacity: true)
                    var runLength = 0
                    while next + entries.count < files.count, let entry = files[next + entries.count].entry,
                        entries.last.map({ ReportMemo.follows(entry, $0) }) ?? true, runLength < ReportSlices.readRun
                    {
                        entries.append(entry)
                        runLength += entry.length
                    }
                    var at = buffers.base[slot].count
                    let whole = entries.isEmpty ? 0 : memo.appendTexts(entries[...], to: &buffers.base[slot])
                    for file in files[next..<next + whole] {
                        let length = file.entry?.length ?? 0
                        records.base[slot].append(
                            Written(
                                path: file.path, identity: file.identity, range: at..<at + length, copied: true,
                                first: file.positions.lowerBound == 0))
                        at += length
                    }
                    next += whole
                    // Every text of the run copied: the next file starts one of its own (or is made).
                    if !entries.isEmpty, whole == entries.count { continue }
                    let file = files[next]
                    let start = buffers.base[slot].count
                    let first = file.positions.lowerBound == 0
                    let copied =
                        first && !separator.isEmpty
                        && memo.appendText(
                            path: file.path, identity: file.identity, dropping: separator.count,
                            to: &buffers.base[slot], scratch: &scratch)
                    if !copied {
                        for index in file.positions { item(index, &buffers.base[slot], &scratch) }
                    }
                    records.base[slot].append(
                        Written(
                            path: file.path, identity: file.identity, range: start..<buffers.base[slot].count,
                            copied: copied, first: first))
                    next += 1
                }
            },
            emit: { (slots: Range<Int>) throws(E) in
                for slot in slots {
                    try emit(buffers.base[slot])
                    buffers.base[slot].withUnsafeBytes { raw in
                        for written in records.base[slot] {
                            let text = UnsafeRawBufferPointer(rebasing: raw[written.range])
                            if written.first, !separator.isEmpty {
                                // Kept as every other file's text is, with the separator.
                                (separator + Array(text)).withUnsafeBytes {
                                    memo.record(
                                        path: written.path, identity: written.identity, bytes: $0,
                                        copied: written.copied)
                                }
                            } else {
                                memo.record(
                                    path: written.path, identity: written.identity, bytes: text,
                                    copied: written.copied)
                            }
                        }
                    }
                }
            })
    }

    /// Slices of `0..<count`, each about `sliceSize` long and ending where `settle` moves its end
    /// to, put into words on `workers` threads and handed on in order on this one. Slice i is
    /// filled in slot i mod (2 × workers) (`fill`) once the slice that slot held before was
    /// handed on (`emit`, with that one slot): a thread that ends its slice takes the next at
    /// once, rather than waiting for the others of a round (writing a report's file takes as long
    /// as filling its buffers). Nothing is being filled when this returns or throws.
    private static func pipelined<E: Error>(
        count: Int, workers: Int, settle: (Int) -> Int = { $0 },
        fill: @escaping @Sendable (_ slot: Int, _ range: Range<Int>) -> Void,
        emit: (_ slots: Range<Int>) throws(E) -> Void
    ) throws(E) {
        var cuts = [0]
        while let last = cuts.last, last < count { cuts.append(max(last + 1, settle(min(last + sliceSize, count)))) }
        let bounds = cuts
        let slices = bounds.count - 1
        let ring = Ring(slots: 2 * workers)
        let taken = Atomic<Int>(0)
        let working = DispatchGroup()
        // Threads of their own: the global queue held a filler back while its threads were busy
        // with other work (a cached run's memo being written), and every slice after waited.
        for _ in 0..<min(workers, slices) {
            working.enter()
            let thread = Thread {
                defer { working.leave() }
                while true {
                    let slice = taken.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard slice < slices, ring.waitForTurn(of: slice) else { return }
                    let slot = slice % ring.slots
                    fill(slot, bounds[slice]..<bounds[slice + 1])
                    ring.filled[slot].signal()
                }
            }
            thread.start()
        }
        for slice in 0..<slices {
            let slot = slice % ring.slots
            ring.filled[slot].wait()
            do throws(E) {
                try emit(slot..<slot + 1)
            } catch {
                ring.stop()
                working.wait()
                throw error
            }
            ring.handedOn()
        }
        working.wait()
    }

    /// The slots of `pipelined` and whose turn it is to fill one: slice i may fill its slot once
    /// slice i − slots, the one there before it, was handed on (not merely once the slot was
    /// given back: a thread slow to start slice i must not find slice i + slots there already).
    final class Ring: @unchecked Sendable {
        let slots: Int
        /// Signalled when a slot's slice is filled.
        let filled: [DispatchSemaphore]
        private let turn = NSCondition()
        /// Under `turn`: how many slices were handed on, and whether the write has stopped.
        private var handed = 0
        private var stopped = false

        init(slots: Int) {
            self.slots = slots
            filled = (0..<slots).map { _ in DispatchSemaphore(value: 0) }
        }

        /// Waits until `slice` may be filled; false when the write stopped instead.
        func waitForTurn(of slice: Int) -> Bool {
            turn.lock()
            defer { turn.unlock() }
            while !stopped, handed + slots <= slice { turn.wait() }
            return !stopped
        }

        func handedOn() {
            turn.lock()
            handed += 1
            turn.broadcast()
            turn.unlock()
        }

        func stop() {
            turn.lock()
            stopped = true
            turn.broadcast()
            turn.unlock()
        }
    }

    /// A file's text in a slice's buffer, for the memo.
    private struct Written {
        var path: UInt64
        var identity: UInt64
        var range: Range<Int>
        var copied: Bool
        var first: Bool
    }

    /// One value for each slot of the ring: touched by the thread that fills the slot, then by
    /// the one that hands it on.
    private final class SlotValues<Value>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Value>
        let count: Int

        init(count: Int, initial: Value) {
            self.count = count
            base = .allocate(capacity: count)
            base.initialize(repeating: initial, count: count)
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }
}
