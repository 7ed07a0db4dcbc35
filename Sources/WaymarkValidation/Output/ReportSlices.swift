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
        let buffers = RoundBuffers(count: max(1, min(ProcessInfo.processInfo.activeProcessorCount, slices)))
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

    /// One byte buffer for each slice of a round; the worker on slice `k` touches buffer `k` only.
    private final class RoundBuffers: @unchecked Sendable {
        let base: UnsafeMutablePointer<[UInt8]>
        let count: Int

        init(count: Int) {
            self.count = count
            base = .allocate(capacity: count)
            base.initialize(repeating: [], count: count)
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }
}
