import Synchronization
import Testing

@testable import WaymarkValidation

/// `ParallelSlices.cut` and `run`: the corpus rules' jobs, runs of source articles of about the
/// same work, taken longest first, their results in job order.
@Suite struct ParallelSlicesTests {
    @Test func runsCoverEveryItemOnceInOrder() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let count = Int.random(in: 1...60, using: &random)
            let work = (0..<count).map { _ in
                // Mostly light items, now and then one far heavier than the rest together.
                Int.random(in: 0..<20, using: &random) == 0
                    ? Int.random(in: 1_000...50_000, using: &random) : Int.random(in: 0...40, using: &random)
            }
            let pieces = Int.random(in: 1...20, using: &random)
            let runs = ParallelSlices.cut(work: work, into: pieces)
            #expect(runs.first?.lowerBound == 0)
            #expect(runs.last?.upperBound == count)
            #expect(runs.allSatisfy { !$0.isEmpty })
            #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(runs.count <= min(pieces, count))
            // No run outweighs its share by more than twice its heaviest item (a cut falls next
            // to the item that crosses a share, on either side).
            let total = work.reduce(0, +)
            for run in runs {
                let sum = work[run].reduce(0, +)
                #expect(sum <= (total + pieces - 1) / pieces + 2 * (work[run].max() ?? 0))
            }
        }
        #expect(ParallelSlices.cut(work: [], into: 4).isEmpty)
    }

    @Test func equalWorkIsCutEvenly() {
        #expect(ParallelSlices.cut(work: Array(repeating: 3, count: 12), into: 4) == [0..<3, 3..<6, 6..<9, 9..<12])
        // One heavy item alone, the light ones around it shared out.
        let runs = ParallelSlices.cut(work: [1, 1, 1, 100, 1, 1, 1, 1], into: 4)
        #expect(runs == [0..<3, 3..<4, 4..<5, 5..<8])
    }

    @Test func everyJobRunsAndResultsComeInJobOrder() {
        let count = 40
        let order = (0..<count).reversed().map { $0 }
        let started = Mutex<[Int]>([])
        let results = ParallelSlices.run(jobs: count, order: order) { job -> Int in
            started.withLock { $0.append(job) }
            return job * job
        }
        #expect(results == (0..<count).map { $0 * $0 })
        #expect(Set(started.withLock { $0 }) == Set(0..<count))
        #expect(ParallelSlices.run(jobs: 0, order: []) { $0 }.isEmpty)
        #expect(ParallelSlices.run(jobs: 1, order: [0]) { $0 + 7 } == [7])
    }
}
