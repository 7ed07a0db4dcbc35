import Foundation

/// Writes a report's findings piece by piece, in order: they are put into words in slices, as
/// many at once as there are processors, into buffers kept from one round to the next. Two sets
/// of buffers take turns: while one round's are handed on (written to the report's file, on the
/// calling thread), the next round's are filled. A report of any length holds a few slices at a
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

    /// Hands `emit` the bytes `item` writes for `0..<count`, in that order. `item` gets the
    /// number, the slice's buffer to append to and a scratch buffer of its own; it runs on
    /// several threads at once, each on its own slice.
    static func write<E: Error>(
        count: Int, bytesPerItem: Int = 640, to emit: ([UInt8]) throws(E) -> Void,
        item: @escaping @Sendable (_ index: Int, _ out: inout [UInt8], _ scratch: inout [UInt8]) -> Void
    ) throws(E) {
        guard count > 0 else { return }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let buffers = RoundSlots<[UInt8]>(count: 2 * workers, initial: [])
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
        let buffers = RoundSlots<[UInt8]>(count: 2 * workers, initial: [])
        let records = RoundSlots<[Written]>(count: 2 * workers, initial: [])
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
                var position = range.lowerBound
                while position < range.upperBound {
                    let path = grouping.pathHash(at: position)
                    var end = position + 1
                    while end < range.upperBound, grouping.pathHash(at: end) == path { end += 1 }
                    let identity = grouping.identity(of: position..<end, scratch: &scratch)
                    let start = buffers.base[slot].count
                    let dropping = position == 0 ? separator.count : 0
                    let copied = memo.appendText(
                        path: path, identity: identity, dropping: dropping, to: &buffers.base[slot])
                    if !copied {
                        for index in position..<end { item(index, &buffers.base[slot], &scratch) }
                    }
                    records.base[slot].append(
                        Written(
                            path: path, identity: identity, range: start..<buffers.base[slot].count,
                            copied: copied, first: position == 0))
                    position = end
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

    /// Rounds of slices of `0..<count`, at most `workers` slices a round, each about `sliceSize`
    /// long and ending where `settle` moves its end to. `fill` runs on every processor, one slice
    /// each, with the slot of the slice's buffers (`workers` slots for each of the two sets);
    /// `emit` runs on this thread, in order, with a round's slots. Round r + 1 is filled while round r is emitted
    /// (writing a report's file takes as long as filling its buffers); a round's set is filled
    /// again only after it was emitted, and nothing is being filled when this returns or throws.
    private static func pipelined<E: Error>(
        count: Int, workers: Int, settle: (Int) -> Int = { $0 },
        fill: @escaping @Sendable (_ slot: Int, _ range: Range<Int>) -> Void,
        emit: (_ slots: Range<Int>) throws(E) -> Void
    ) throws(E) {
        func start(at first: Int, set: Int) -> Round {
            var cuts = [first]
            while cuts.count <= workers, let last = cuts.last, last < count {
                cuts.append(settle(min(last + sliceSize, count)))
            }
            let bounds = cuts
            let slices = bounds.count - 1
            let base = set * workers
            let done = DispatchGroup()
            DispatchQueue.global().async(group: done) {
                if slices == 1 {
                    fill(base, bounds[0]..<bounds[1])
                } else {
                    DispatchQueue.concurrentPerform(iterations: slices) { k in
                        fill(base + k, bounds[k]..<bounds[k + 1])
                    }
                }
            }
            return Round(slots: base..<base + slices, end: bounds[slices], done: done)
        }
        var round = start(at: 0, set: 0)
        var set = 0
        while true {
            round.done.wait()
            set = 1 - set
            let next = round.end < count ? start(at: round.end, set: set) : nil
            do throws(E) {
                try emit(round.slots)
            } catch {
                next?.done.wait()
                throw error
            }
            guard let next else { return }
            round = next
        }
    }

    /// A round of `pipelined`: its slots, where it ends, and its filling.
    private struct Round {
        var slots: Range<Int>
        var end: Int
        var done: DispatchGroup
    }

    /// A file's text in a slice's buffer, for the memo.
    private struct Written {
        var path: UInt64
        var identity: UInt64
        var range: Range<Int>
        var copied: Bool
        var first: Bool
    }

    /// One value for each slice of a round; the worker on slice `k` touches value `k` only.
    private final class RoundSlots<Value>: @unchecked Sendable {
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
