import Foundation
import Synchronization

/// How long each phase of a `validate` run took, in wall time and in the process's processor time
/// (every thread's), for `waymark validate --timings`: where a slow run's time goes, and whether
/// the processors were busy meanwhile (processor time near the wall time's multiple of the
/// processors) or waited on one thread. A phase lasts from the mark before it to its own; a phase
/// marked twice (a run with `--fix` validates twice) adds both times up.
///
/// ```swift
/// let times = PhaseTimes()
/// times.mark(.configuration)  // … and the validator marks its own phases
/// for (phase, time) in times.phases { print(phase, time.wall, time.processor) }
/// ```
public final class PhaseTimes: Sendable {
    /// The phases, in the order a run goes through them.
    public enum Phase: String, CaseIterable, Sendable {
        /// The command's start: the configuration and options read.
        case configuration
        /// The tree listed, the index of its files made, the caches' indexes read.
        case listing
        /// Every article parsed and checked, or its check taken from the fact cache.
        case checking
        /// The checks gathered, the facts the cross-locale rules read, what changes reach.
        case gathering
        /// The cross-locale rules.
        case corpusRules
        /// The findings merged into one list in the report's order.
        case merging
        /// `--fix`: the fixes applied to the tree.
        case fixing
        /// The report written.
        case report
    }

    /// Seconds of wall time, and of processor time summed over the process's threads.
    public struct Time: Sendable, Equatable {
        public var wall: Double
        public var processor: Double
    }

    private struct State {
        var last: Time
        var totals: [Phase: Time] = [:]
    }

    private let start: Time
    private let state: Mutex<State>

    /// Times from now.
    public init() {
        let now = PhaseTimes.now()
        start = now
        state = Mutex(State(last: now))
    }

    /// Ends `phase` now: the time since the last mark (or the start) is its.
    public func mark(_ phase: Phase) {
        let now = PhaseTimes.now()
        state.withLock { state in
            let spent = Time(wall: now.wall - state.last.wall, processor: now.processor - state.last.processor)
            let before = state.totals[phase] ?? Time(wall: 0, processor: 0)
            state.totals[phase] = Time(wall: before.wall + spent.wall, processor: before.processor + spent.processor)
            state.last = now
        }
    }

    /// The phases marked so far, in a run's order, with their times.
    public var phases: [(phase: Phase, time: Time)] {
        let totals = state.withLock { $0.totals }
        return Phase.allCases.compactMap { phase in totals[phase].map { (phase, $0) } }
    }

    /// From the start to the last mark.
    public var total: Time {
        let last = state.withLock { $0.last }
        return Time(wall: last.wall - start.wall, processor: last.processor - start.processor)
    }

    /// The monotonic clock, and the process's user and system time.
    private static func now() -> Time {
        var clock = timespec()
        clock_gettime(CLOCK_MONOTONIC, &clock)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ value: timeval) -> Double { Double(value.tv_sec) + Double(value.tv_usec) / 1_000_000 }
        return Time(
            wall: Double(clock.tv_sec) + Double(clock.tv_nsec) / 1_000_000_000,
            processor: seconds(usage.ru_utime) + seconds(usage.ru_stime))
    }
}
