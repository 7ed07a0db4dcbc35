import Foundation
import Synchronization

/// Hands out work to threads and keeps their results in order.
final class ParallelCollector<Value: Sendable>: @unchecked Sendable {
    private let cursor = Atomic<Int>(0)
    private let done = Atomic<Int>(0)
    private let count: Int
    /// One slot for each number, written by the one thread given that number: not an array, so
    /// that a result is made in its slot (`fill`) rather than copied into it.
    private let slots: UnsafeMutablePointer<Value?>
    private var holdsSlots = true

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(1, count))
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        if holdsSlots { slots.deinitialize(count: count) }
        slots.deallocate()
    }

    func next() -> Int? {
        let number = cursor.wrappingAdd(1, ordering: .relaxed).oldValue
        return number < count ? number : nil
    }

    func store(_ value: consuming Value, at index: Int) {
        var moved: Value? = consume value
        fill(at: index) { $0 = moved.take() }
    }

    /// Makes the result of number `index` in its slot: a result copied in and its original
    /// freed counts each of its references up and down once more (tens of thousands of times
    /// in a large tree's run).
    func fill(at index: Int, _ body: (inout Value?) -> Void) {
        precondition(index >= 0 && index < count && holdsSlots)
        body(&slots[index])
        done.add(1, ordering: .releasing)
    }

    /// The results, moved out: the collector holds none after this (once every thread is done).
    func take() -> [Value?] {
        guard holdsSlots else { return [] }
        holdsSlots = false
        return [Value?](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { buffer.baseAddress!.moveInitialize(from: slots, count: count) }
            initialized = count
        }
    }

    var finished: Int { done.load(ordering: .acquiring) }
}

/// Work over `0..<count` cut into slices and spread over every processor; results in slice order.
enum ParallelSlices {
    static func map<T: Sendable>(
        count: Int, sliceSize: Int = 512, _ body: @escaping @Sendable (Range<Int>) -> T
    ) -> [T] {
        let slices = stride(from: 0, to: count, by: sliceSize).map { $0..<min($0 + sliceSize, count) }
        return run(jobs: slices.count, order: Array(slices.indices)) { body(slices[$0]) }
    }

    /// `0..<work.count` cut into at most `pieces` runs of neighbouring items, each of about the
    /// same total `work`: each cut is made next to the item that crosses a run's share, on the
    /// side nearer the share (so an item heavier than a share makes a run of its own).
    static func cut(work: [Int], into pieces: Int) -> [Range<Int>] {
        guard !work.isEmpty else { return [] }
        let pieces = max(1, min(pieces, work.count))
        let total = work.reduce(0, +)
        var runs: [Range<Int>] = []
        var start = 0
        // The work so far and the next cut's place, both times `pieces` (whole numbers).
        var done = 0
        var boundary: Int { total * (runs.count + 1) }
        for index in work.indices {
            let item = work[index] * pieces
            if start < index, runs.count < pieces - 1, done < boundary, done + item - boundary > boundary - done {
                runs.append(start..<index)
                start = index
            }
            done += item
            if runs.count < pieces - 1, done >= boundary {
                runs.append(start..<index + 1)
                start = index + 1
            }
        }
        if start < work.count { runs.append(start..<work.count) }
        return runs
    }

    /// Jobs `0..<count` spread over every processor, started in `order` (the longest first, so
    /// that the last to end are short ones); results in job order.
    static func run<T: Sendable>(jobs count: Int, order: [Int], _ body: @escaping @Sendable (Int) -> T) -> [T] {
        precondition(order.count == count)
        let threads = min(ProcessInfo.processInfo.activeProcessorCount, count)
        guard threads > 1 else { return (0..<count).map(body) }
        let collected = ParallelCollector<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let next = collected.next() { collected.store(body(order[next]), at: order[next]) }
        }
        return collected.take().compactMap { $0 }
    }
}
