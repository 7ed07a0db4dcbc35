import WaymarkCore

/// What a rule looks at; used to group `--list-rules` and SARIF rule metadata.
public enum RuleCategory: String, Sendable, CaseIterable {
    case frontMatter = "front-matter"
    case links
    case markdown
    case steps
    case crossLocale = "cross-locale"
    case language
    case bindings
}

/// A validation rule. One rule per file under `Rules/`, its English texts beside it.
///
/// The id is public API, derived from the type name (`LinkCaseMismatch` → `link-case-mismatch`),
/// and never reused once retired. Texts are keyed `rule.<id>.<name>` in the catalogs:
/// `summary` (one line), `explanation` (why it matters and how to fix it), and one or more
/// messages (`message` unless the rule has several).
public protocol Rule: Sendable {
    static var category: RuleCategory { get }
    static var defaultSeverity: Severity { get }
    /// Rules that are off unless a configuration turns them on.
    static var enabledByDefault: Bool { get }
    /// English source texts by name: `summary`, `explanation` and the messages.
    static var texts: KeyValuePairs<String, String> { get }
}

extension Rule {
    public static var id: String {
        RuleCatalog.ids[ObjectIdentifier(Self.self)] ?? RuleID.kebab(_typeName(Self.self, qualified: false))
    }
    public static var enabledByDefault: Bool { true }
    /// The message key of the text `name`, `rule.<id>.<name>`: made once for every text a rule
    /// declares (each finding needs one), and on the spot for any other name.
    static func key(_ name: String) -> String {
        RuleCatalog.messageKeys[ObjectIdentifier(Self.self)]?[name] ?? "rule.\(id).\(name)"
    }
}

/// A rule that checks one article on its own; runs in parallel over the corpus.
protocol DocumentRule: Rule {
    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink)
}

/// A rule that compares articles: across locales, or against facts gathered from the whole tree.
protocol CorpusRule: Rule {
    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink)
    /// The rule as a `PairRule`, when it is one. (Asked of the type instead of cast: each cast
    /// of a new type looks through every conformance in the program, a tenth of a millisecond.)
    static var asPairRule: (any PairRule.Type)? { get }
}

extension CorpusRule {
    static var asPairRule: (any PairRule.Type)? { nil }
}

/// A corpus rule that compares a source article with each of its translations, step by step.
/// A run checks every such rule over one source article and its translations at a time, their
/// steps decoded and aligned once for all of them; `check(_:_:_:)` over a whole corpus goes
/// through the pairs in the same order.
protocol PairRule: CorpusRule {
    static func check(
        _ pair: AlignedPair, _ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink)
}

extension PairRule {
    static var asPairRule: (any PairRule.Type)? { self }

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        corpus.forEachAlignedPair(keys: corpus.keys.indices) { check($0, corpus, context, &findings) }
    }
}

/// Rule-id spelling.
public enum RuleID {
    /// `LinkCaseMismatch` → `link-case-mismatch`.
    public static func kebab(_ typeName: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(typeName.utf8.count + 8)
        for byte in typeName.utf8 {
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
                if !out.isEmpty { out.append(UInt8(ascii: "-")) }
                out.append(byte | 0x20)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
