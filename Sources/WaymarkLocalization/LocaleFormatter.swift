import Foundation
import WaymarkCore

/// Numbers, dates and letter case the way a locale writes them, from the CLDR data that ships with
/// Foundation: June 5, 2020 / 5 Haziran 2020 / 2020. június 5.; 1,234 / 1.234 / 1234; and Turkish
/// dotted and dotless i (`istanbul` → `İSTANBUL` in tr-TR).
public struct LocaleFormatter: Sendable {
    /// A BCP 47 tag such as `tr-TR`.
    public let locale: String

    public init(locale: String) {
        self.locale = locale
    }

    private static let asciiDigitLanguages: Set<Substring> = ["en", "tr", "hu"]
    private var language: Substring { locale.prefix { $0 != "-" && $0 != "_" } }

    private var foundationLocale: Locale { Locale(identifier: locale.replacingOccurrences(of: "-", with: "_")) }

    /// An integer with the locale's digit grouping.
    public func number(_ n: Int) -> String {
        // Below a thousand there is nothing to group, and these languages write ASCII digits.
        if (0..<1000).contains(n), LocaleFormatter.asciiDigitLanguages.contains(language) { return String(n) }
        let formatter = NumberFormatter()
        formatter.locale = foundationLocale
        formatter.numberStyle = .decimal
        return formatter.string(from: NSNumber(value: n)) ?? String(n)
    }

    /// A calendar date in the locale's `short`, `medium`, `long` or `full` form.
    public func date(_ date: CalendarDate, style: String = "long") -> String {
        var calendar = Calendar(identifier: .gregorian)
        let utc = TimeZone(identifier: "UTC") ?? TimeZone.current
        calendar.timeZone = utc
        guard let value = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) else {
            return date.description
        }
        let formatter = DateFormatter()
        formatter.locale = foundationLocale
        formatter.timeZone = utc
        switch style {
        case "short": formatter.dateStyle = .short
        case "medium": formatter.dateStyle = .medium
        case "full": formatter.dateStyle = .full
        default: formatter.dateStyle = .long
        }
        return formatter.string(from: value)
    }

    public func uppercase(_ text: String) -> String { text.uppercased(with: foundationLocale) }
    public func lowercase(_ text: String) -> String { text.lowercased(with: foundationLocale) }

    /// Each word's first letter in upper case, the rest in lower case, by the locale's rules.
    public func titlecase(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            guard let first = word.first else { return "" }
            return uppercase(String(first)) + lowercase(String(word.dropFirst()))
        }.joined(separator: " ")
    }

    /// Locale-invariant folding for identifiers and look-ups: lower case by the root rules, with
    /// the dot that lower-cased `İ` leaves behind (U+0307) dropped, so `İş`, `Iş` and `iş` meet.
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars where scalar != "\u{0307}" {
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
