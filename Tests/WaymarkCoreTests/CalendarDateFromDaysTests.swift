import Foundation
import Testing
import WaymarkCore

/// `CalendarDate(daysSinceEpoch:)` gives the same dates as Foundation's Gregorian calendar in UTC,
/// across centuries on both sides of 1970 and on every day around the leap days that test it.
@Suite struct CalendarDateFromDaysTests {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func foundation(_ days: Int) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!.description
    }

    @Test func knownDays() {
        #expect(CalendarDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CalendarDate(daysSinceEpoch: -1).description == "1969-12-31")
        #expect(CalendarDate(daysSinceEpoch: 11_016).description == "2000-02-29")
        #expect(CalendarDate(daysSinceEpoch: 20_793).description == "2026-12-06")
    }

    @Test func agreesWithFoundationOverCenturies() {
        // 1601 to 2338, every 7th day, and every day of 1899–1901 and 1999–2001 (century leap rules).
        let days =
            Array(stride(from: -134_774, through: 134_775, by: 7)) + Array(-25_567 ... -24_107)
            + Array(10_592...11_688)
        let differing = days.filter { CalendarDate(daysSinceEpoch: $0).description != Self.foundation($0) }
        #expect(differing.isEmpty, "first: \(differing.first.map { "\($0)" } ?? "")")
    }
}
