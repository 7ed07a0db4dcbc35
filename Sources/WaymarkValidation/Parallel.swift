import Foundation

/// Hands out work to threads and keeps their results in order.
final class ParallelCollector<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private var done = 0
    private let count: Int
    private(set) var results: [Value?]

    init(count: Int) {
        self.count = count
        results = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard cursor < count else { return nil }
        cursor += 1
        return cursor - 1
    }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        results[index] = value
        done += 1
        lock.unlock()
    }

    /// The results, moved out: the collector holds none after this.
    func take() -> [Value?] {
        lock.lock()
        defer { lock.unlock() }
        var taken: [Value?] = []
        swap(&taken, &results)
        return taken
    }

    var finished: Int {
        lock.lock()
        defer { lock.unlock() }
        return done
    }
}

/// Work over `0..<count` cut into slices and spread over every processor; results in slice order.
enum ParallelSlices {
    static func map<T: Sendable>(
        count: Int, sliceSize: Int = 512, _ body: @escaping @Sendable (Range<Int>) -> T
    ) -> [T] {
        let slices = stride(from: 0, to: count, by: sliceSize).map { $0..<min($0 + sliceSize, count) }
        guard slices.count > 1 else { return slices.map(body) }
        let collected = ParallelCollector<T>(count: slices.count)
        let jobs = min(ProcessInfo.processInfo.activeProcessorCount, slices.count)
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while let index = collected.next() { collected.store(body(slices[index]), at: index) }
        }
        return collected.results.compactMap { $0 }
    }
}
