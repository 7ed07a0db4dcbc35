/// A message in ICU MessageFormat syntax, parsed.
///
/// ```
/// {count, plural, =0 {no subscriptions} one {# active subscription} other {# active subscriptions}}
/// ```
public struct Message: Sendable, Hashable {
    public indirect enum Part: Sendable, Hashable {
        case text(String)
        /// `{name}`
        case argument(String)
        /// `{name, number}`
        case number(String)
        /// `{name, date, short|medium|long|full}`
        case date(String, style: String)
        /// `{name, plural, …}` and `{name, selectordinal, …}`
        case plural(String, ordinal: Bool, offset: Int, cases: [PluralCase])
        /// `{name, select, …}`
        case select(String, cases: [SelectCase])
        /// `{name, article}` or `{name, article, capital}`: the Hungarian definite article (`a`,
        /// `az`) that goes before the value, by its sound (`SpokenForm`).
        case article(String, capital: Bool)
        /// `{name, suffix, dative}` and the other `SpokenForm.TurkishCase`s: the Turkish case
        /// suffix, apostrophe included, that goes after the value, by vowel harmony.
        case suffix(String, SpokenForm.TurkishCase)
        /// `#` inside a plural case: the number.
        case pound
    }

    public struct PluralCase: Sendable, Hashable {
        /// `=0` matches exactly; otherwise a CLDR category keyword.
        public var exact: Int?
        public var category: PluralCategory?
        public var parts: [Part]
    }

    public struct SelectCase: Sendable, Hashable {
        public var key: String
        public var parts: [Part]
    }

    public var parts: [Part]

    /// Every argument name the message uses, with the kind of use (`argument`, `number`, `date`,
    /// `plural`, `selectordinal`, `select`; an article or a suffix counts as `argument`), in order
    /// of first use.
    public var placeholders: [String: String] {
        var result: [String: String] = [:]
        func visit(_ parts: [Part]) {
            for part in parts {
                switch part {
                case .text, .pound: break
                case .argument(let n): result[n] = result[n] ?? "argument"
                case .number(let n): result[n] = "number"
                case .date(let n, _): result[n] = "date"
                case .plural(let n, let ordinal, _, let cases):
                    result[n] = ordinal ? "selectordinal" : "plural"
                    for c in cases { visit(c.parts) }
                case .select(let n, let cases):
                    result[n] = "select"
                    for c in cases { visit(c.parts) }
                case .article(let n, _), .suffix(let n, _): result[n] = result[n] ?? "argument"
                }
            }
        }
        visit(parts)
        return result
    }
}

/// A syntax error in a message: what is wrong and at which column (1-based, in characters).
public struct MessageSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var column: Int
    public var problem: String

    public var description: String { "column \(column): \(problem)" }
}
