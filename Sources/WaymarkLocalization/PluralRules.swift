/// A CLDR plural category.
public enum PluralCategory: String, Sendable, Hashable, CaseIterable {
    case zero, one, two, few, many, other
}

/// CLDR plural rules (cardinal and ordinal) for the languages Waymark ships: English, Turkish and
/// Hungarian. Rules from CLDR's `plurals.xml` and `ordinals.xml`:
///
/// | language | cardinal | ordinal |
/// |---|---|---|
/// | en | one: i = 1 and v = 0 | one: n % 10 = 1 and n % 100 != 11; two: … = 2, != 12; few: … = 3, != 13 |
/// | tr | one: n = 1 | other only |
/// | hu | one: n = 1 | one: n = 1, 5 |
///
/// A language without rules uses `other` for everything.
public struct PluralRules: Sendable {
    public enum Kind: Sendable {
        case cardinal, ordinal
    }

    public let language: String
    public let kind: Kind

    public init(language: String, kind: Kind = .cardinal) {
        self.language = language.lowercased()
        self.kind = kind
    }

    /// The categories a translation into this language must provide.
    public var categories: [PluralCategory] {
        switch (language, kind) {
        case ("en", .cardinal), ("tr", .cardinal), ("hu", .cardinal), ("hu", .ordinal): [.one, .other]
        case ("en", .ordinal): [.one, .two, .few, .other]
        default: [.other]
        }
    }

    /// The category of an integer.
    public func category(_ n: Int) -> PluralCategory {
        category(integer: n.magnitude, visibleFractionDigits: 0)
    }

    /// The category of a decimal number written with `fractionDigits` digits after the point
    /// (CLDR's operand `v`): in English, "1" is `one` but "1.0" is `other`.
    public func category(integer: UInt, visibleFractionDigits: Int) -> PluralCategory {
        let n = integer
        switch (language, kind) {
        case ("en", .cardinal):
            return n == 1 && visibleFractionDigits == 0 ? .one : .other
        case ("tr", .cardinal), ("hu", .cardinal):
            return n == 1 && visibleFractionDigits == 0 ? .one : .other
        case ("en", .ordinal):
            if n % 10 == 1 && n % 100 != 11 { return .one }
            if n % 10 == 2 && n % 100 != 12 { return .two }
            if n % 10 == 3 && n % 100 != 13 { return .few }
            return .other
        case ("hu", .ordinal):
            return n == 1 || n == 5 ? .one : .other
        default:
            return .other
        }
    }
}
