import Foundation

/// Writes a report's findings piece by piece, in order: they are put into words in slices, as
/// many at once as there are processors, into buffers kept from one round to the next, and each
/// buffer is handed on before the next round starts. A report of any length holds a few slices
/// at a time, and so does the run that writes it (the findings stay as bytes until their turn).
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
        let slices = (count + sliceSize - 1) / sliceSize
        guard slices > 0 else { return }
        let buffers = RoundSlots<[UInt8]>(
            count: max(1, min(ProcessInfo.processInfo.activeProcessorCount, slices)), initial: [])
        var first = 0
        while first < slices {
            let round = min(buffers.count, slices - first)
            let start = first
            let fill: @Sendable (Int) -> Void = { k in
                let range = (start + k) * sliceSize..<min((start + k + 1) * sliceSize, count)
                buffers.base[k].removeAll(keepingCapacity: true)
                buffers.base[k].reserveCapacity(range.count * bytesPerItem)
                var scratch: [UInt8] = []
                scratch.reserveCapacity(512)
                for index in range { item(index, &buffers.base[k], &scratch) }
            }
            if round == 1 { fill(0) } else { DispatchQueue.concurrentPerform(iterations: round, execute: fill) }
            for k in 0..<round { try emit(buffers.base[k]) }
            first += round
        }
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
        let buffers = RoundSlots<[UInt8]>(count: workers, initial: [])
        let records = RoundSlots<[Written]>(count: workers, initial: [])
        var first = 0
        while first < count {
            // About `sliceSize` findings a slice, each cut where a file's findings end.
            var cuts = [first]
            while cuts.count <= workers, let last = cuts.last, last < count {
                var end = min(last + sliceSize, count)
                if end < count {
                    let path = grouping.pathHash(at: end - 1)
                    while end < count, grouping.pathHash(at: end) == path { end += 1 }
                }
                cuts.append(end)
            }
            let round = cuts.count - 1
            let bounds = cuts
            let fill: @Sendable (Int) -> Void = { k in
                let range = bounds[k]..<bounds[k + 1]
                buffers.base[k].removeAll(keepingCapacity: true)
                buffers.base[k].reserveCapacity(range.count * bytesPerItem)
                records.base[k].removeAll(keepingCapacity: true)
                var scratch: [UInt8] = []
                scratch.reserveCapacity(512)
                var position = range.lowerBound
                while position < range.upperBound {
                    let path = grouping.pathHash(at: position)
                    var end = position + 1
                    while end < range.upperBound, grouping.pathHash(at: end) == path { end += 1 }
                    let identity = grouping.identity(of: position..<end, scratch: &scratch)
                    let start = buffers.base[k].count
                    let dropping = position == 0 ? separator.count : 0
                    let copied = memo.appendText(
                        path: path, identity: identity, dropping: dropping, to: &buffers.base[k])
                    if !copied {
                        for index in position..<end { item(index, &buffers.base[k], &scratch) }
                    }
                    records.base[k].append(
                        Written(
                            path: path, identity: identity, range: start..<buffers.base[k].count, copied: copied,
                            first: position == 0))
                    position = end
                }
            }
            if round == 1 { fill(0) } else { DispatchQueue.concurrentPerform(iterations: round, execute: fill) }
            for k in 0..<round {
                try emit(buffers.base[k])
                buffers.base[k].withUnsafeBytes { raw in
                    for written in records.base[k] {
                        let text = UnsafeRawBufferPointer(rebasing: raw[written.range])
                        if written.first, !separator.isEmpty {
                            // Kept as every other file's text is, with the separator.
                            (separator + Array(text)).withUnsafeBytes {
                                memo.record(
                                    path: written.path, identity: written.identity, bytes: $0, copied: written.copied)
                            }
                        } else {
                            memo.record(
                                path: written.path, identity: written.identity, bytes: text, copied: written.copied)
                        }
                    }
                }
            }
            first = cuts[round]
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
