import Foundation

/// How an article was translated (`ms.translationtype`).
public enum TranslationType: String, Sendable, Hashable {
    /// Machine translation.
    case machine = "MT"
    /// Human translation.
    case human = "HT"
}

/// A calendar date without time or zone, as `ms.date` and `ms.lasthandoff` carry it.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.days(inMonth: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `MM/DD/YYYY` (Learn's form) or ISO `YYYY-MM-DD`.
    public init?(metadata text: String) {
        var t = text.trimmingSpaces
        let fields = t.withUTF8 { b -> (Int, Int, Int)? in
            if let us = CalendarDate.numbers(
                b, separator: UInt8(ascii: "/"), widths: { $0 <= 2 }, { $0 <= 2 }, { $0 == 4 })
            {
                return (us.2, us.0, us.1)
            }
            if let iso = CalendarDate.numbers(
                b, separator: UInt8(ascii: "-"), widths: { $0 == 4 }, { $0 == 2 }, { $0 == 2 })
            {
                return iso
            }
            return nil
        }
        guard let (year, month, day) = fields else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Three fields of `bytes` cut at `separator`, each of an accepted width and read as `Int(_:)`
    /// reads a number (an optional sign, then digits).
    private static func numbers(
        _ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, widths first: (Int) -> Bool,
        _ second: (Int) -> Bool, _ third: (Int) -> Bool
    ) -> (Int, Int, Int)? {
        guard let a = bytes.firstIndex(of: separator),
            let b = bytes[(a + 1)...].firstIndex(of: separator),
            !bytes[(b + 1)...].contains(separator),
            first(a), second(b - a - 1), third(bytes.count - b - 1),
            let x = number(bytes[..<a]), let y = number(bytes[(a + 1)..<b]), let z = number(bytes[(b + 1)...])
        else { return nil }
        return (x, y, z)
    }

    private static func number(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var digits = field[...]
        var sign = 1
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return sign * value
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01 (before it, when negative).
    /// Worked out in 400-year eras of 146,097 days, each counted from a 1 March so that the leap
    /// day falls at the end of its year.
    public init(daysSinceEpoch days: Int) {
        let shifted = days + 719_468  // from 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// The YAML front matter of an article: every key in file order, plus typed access to the keys
/// Microsoft Learn defines. Where a key is written twice, the first occurrence wins (both are
/// kept in `entries`).
public struct FrontMatter: Sendable, Hashable {
    public var entries: [MetadataEntry]
    /// Where the front matter stands in the file (from the opening to the closing `---`).
    public var range: SourceRange?

    public init(entries: [MetadataEntry] = [], range: SourceRange? = nil) {
        self.entries = entries
        self.range = range
    }

    /// The first entry for `key`. (Keys of another length are passed over without comparing
    /// their text: rules ask for a dozen keys of each article, most of them absent.)
    public func entry(_ key: String) -> MetadataEntry? {
        let length = key.utf8.count
        for index in entries.indices where entries[index].key.utf8.count == length && entries[index].key == key {
            return entries[index]
        }
        return nil
    }
    public subscript(key: String) -> String? { entry(key)?.value.string }

    public var title: String? { self["title"] }
    public var description: String? { self["description"] }
    public var topic: String? { self["ms.topic"] }
    public var service: String? { self["ms.service"] }
    public var subservice: String? { self["ms.subservice"] }
    public var author: String? { self["author"] }
    public var msAuthor: String? { self["ms.author"] }
    public var contentLocale: String? { self["ms.contentlocale"] }
    public var openLocFileHash: String? { self["ms.openlocfilehash"] }
    public var sourceGitCommit: String? { self["ms.sourcegitcommit"] }
    public var locFileID: String? { self["ms.locfileid"] }
    public var date: CalendarDate? { self["ms.date"].flatMap(CalendarDate.init(metadata:)) }
    public var lastHandoff: CalendarDate? { self["ms.lasthandoff"].flatMap(CalendarDate.init(metadata:)) }
    public var translationType: TranslationType? {
        self["ms.translationtype"].flatMap { TranslationType(rawValue: $0.uppercased()) }
    }

    public var json: JSONValue { .object(entries.map { ($0.key, $0.value.json) }) }
}
