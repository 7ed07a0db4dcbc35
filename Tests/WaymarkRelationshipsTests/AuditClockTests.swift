import Foundation
import Testing
import WaymarkRelationships
import WaymarkTestSupport

/// `AuditClock` writes times by hand (Foundation's ISO 8601 formatter is slow to make): it must
/// write what the formatter writes.
@Suite struct AuditClockTests {
    @Test func writesWhatISO8601DateFormatterWrites() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var numbers = SeededNumbers(seed: 7)
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400.999)]
        for _ in 0..<5000 {
            dates.append(Date(timeIntervalSince1970: Double(numbers.next(4_000_000_000_000)) / 1000))
            dates.append(Date(timeIntervalSince1970: Double(numbers.next(4_000_000_000_000_000)) / 1_000_000))
        }
        for date in dates {
            #expect(AuditClock.string(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
        }
        #expect(AuditClock.date(AuditClock.now()) != nil)
    }
}
