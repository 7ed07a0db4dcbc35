import Foundation
import Testing

@testable import WaymarkValidation

struct PhaseTimesTests {
    /// Each phase lasts from the mark before it to its own; a phase marked twice adds both times
    /// up; phases come out in a run's order whatever the order of the marks; the total runs to
    /// the last mark and is the phases' sum.
    @Test func phasesLastFromTheMarkBeforeAndAddUp() {
        let times = PhaseTimes()
        #expect(times.phases.isEmpty)
        usleep(20_000)
        times.mark(.listing)
        times.mark(.configuration)
        usleep(30_000)
        times.mark(.listing)
        let phases = times.phases
        #expect(phases.map(\.phase) == [.configuration, .listing])
        let listing = phases[1].time.wall
        let configuration = phases[0].time.wall
        // Both sleeps are the listing's (the configuration's mark came right after the first):
        // only lower bounds, which a slow machine cannot break.
        #expect(listing >= 0.050, "\(listing)")
        #expect(configuration >= 0, "\(configuration)")
        #expect(abs(times.total.wall - (listing + configuration)) < 1e-9)
        // Every moment between the start and the last mark is one phase's, in processor time
        // too (the process's: other tests' threads count, so only the sums are compared).
        times.mark(.checking)
        let all = times.phases
        #expect(all.map(\.phase) == [.configuration, .listing, .checking])
        #expect(abs(times.total.wall - all.reduce(0) { $0 + $1.time.wall }) < 1e-9)
        #expect(abs(times.total.processor - all.reduce(0) { $0 + $1.time.processor }) < 1e-9)
        #expect(all.allSatisfy { $0.time.wall >= 0 && $0.time.processor >= 0 })
    }
}
