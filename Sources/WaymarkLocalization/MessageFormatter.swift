import WaymarkCore

/// A value for a message placeholder.
public enum MessageArgument: Sendable, Hashable {
    case string(String)
    case int(Int)
    case date(CalendarDate)
}

/// Formats parsed messages for one locale: plural and ordinal cases by CLDR, numbers and dates the
/// locale's way. A missing argument is shown as `{name}` so that the gap is visible, not silent.
public struct MessageFormatter: Sendable {
    public let locale: String
    private let language: String
    private let formatter: LocaleFormatter

    public init(locale: String) {
        self.locale = locale
        language = String(locale.prefix { $0 != "-" && $0 != "_" }).lowercased()
        formatter = LocaleFormatter(locale: locale)
    }

    public func format(_ message: Message, _ arguments: [String: MessageArgument] = [:]) -> String {
        format(message) { arguments[$0] }
    }

    /// Formats with the arguments `argument` looks up by name, for callers that hold their
    /// arguments in another form and would otherwise build a dictionary for each message.
    public func format(_ message: Message, argument: (String) -> MessageArgument?) -> String {
        // Gathered as bytes: appending to a `String` piece by piece costs several times more.
        var out: [UInt8] = []
        out.reserveCapacity(128)
        append(message.parts, argument, pound: nil, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends what `format` returns, as UTF-8, to `out`: for a caller that writes bytes anyway
    /// (a report), without making a string of each message first.
    public func write(_ message: Message, argument: (String) -> MessageArgument?, to out: inout [UInt8]) {
        append(message.parts, argument, pound: nil, to: &out)
    }

    private func text(of argument: MessageArgument) -> String {
        switch argument {
        case .string(let s): s
        case .int(let n): formatter.number(n)
        case .date(let d): formatter.date(d, style: "medium")
        }
    }

    /// What an argument says, for the grammar that depends on its sound: a number as plain digits
    /// (grouping separators differ by locale), anything else as shown.
    private func spoken(_ argument: MessageArgument?) -> String {
        switch argument {
        case .int(let n)?: String(n)
        case let other?: text(of: other)
        case nil: ""
        }
    }

    private func append(
        _ parts: [Message.Part], _ argument: (String) -> MessageArgument?, pound: Int?, to out: inout [UInt8]
    ) {
        for part in parts {
            switch part {
            case .text(let t): out += t.utf8
            case .pound: out += (pound.map(formatter.number) ?? "#").utf8
            case .argument(let name):
                out += (argument(name).map(text(of:)) ?? "{\(name)}").utf8
            case .number(let name):
                if case .int(let n)? = argument(name) {
                    out += formatter.number(n).utf8
                } else {
                    out += (argument(name).map(text(of:)) ?? "{\(name)}").utf8
                }
            case .date(let name, let style):
                if case .date(let d)? = argument(name) {
                    out += formatter.date(d, style: style).utf8
                } else {
                    out += (argument(name).map(text(of:)) ?? "{\(name)}").utf8
                }
            case .plural(let name, let ordinal, let offset, let cases):
                guard case .int(let n)? = argument(name) else {
                    out += "{\(name)}".utf8
                    continue
                }
                let rules = PluralRules(language: language, kind: ordinal ? .ordinal : .cardinal)
                let shown = n - offset
                let chosen =
                    cases.first { $0.exact == n }
                    ?? cases.first { $0.category == rules.category(shown) }
                    ?? cases.first { $0.category == .other }
                if let chosen { append(chosen.parts, argument, pound: shown, to: &out) }
            case .article(let name, let capital):
                out += SpokenForm.hungarianArticle(before: spoken(argument(name)), capital: capital).utf8
            case .suffix(let name, let grammaticalCase):
                out += SpokenForm.turkishSuffix(grammaticalCase, after: spoken(argument(name))).utf8
            case .select(let name, let cases):
                let key: String? = if case .string(let s)? = argument(name) { s } else { nil }
                let chosen = cases.first { $0.key == key } ?? cases.first { $0.key == "other" }
                if let chosen { append(chosen.parts, argument, pound: pound, to: &out) }
            }
        }
    }
}
