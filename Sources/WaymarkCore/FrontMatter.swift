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
        let t = text.trimmingSpaces
        let us = t.split(separator: "/", omittingEmptySubsequences: false)
        let iso = t.split(separator: "-", omittingEmptySubsequences: false)
        if us.count == 3, us[0].count <= 2, us[1].count <= 2, us[2].count == 4,
            let m = Int(us[0]), let d = Int(us[1]), let y = Int(us[2])
        {
            self.init(year: y, month: m, day: d)
        } else if iso.count == 3, iso[0].count == 4, iso[1].count == 2, iso[2].count == 2,
            let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2])
        {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
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

    public func entry(_ key: String) -> MetadataEntry? { entries.first { $0.key == key } }
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
