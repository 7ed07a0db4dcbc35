/// The validation module's own texts (not rule messages): configuration errors and report
/// wording. English here; the catalogs translate them under the same keys.
public enum ValidationText: String, Sendable, CaseIterable {
    case configUnreadable = "validate.config-unreadable"
    case configSyntax = "validate.config-syntax"
    case configNotMapping = "validate.config-not-mapping"
    case configWrongType = "validate.config-wrong-type"
    case configUnknownKey = "validate.config-unknown-key"
    case configUnknownRule = "validate.config-unknown-rule"
    case configBadSeverity = "validate.config-bad-severity"
    case configUnknownProfile = "validate.config-unknown-profile"
    case configBadLocale = "validate.config-bad-locale"
    case configNoLocales = "validate.config-no-locales"
    case configSourceNotListed = "validate.config-source-not-listed"
    case configRootOutside = "validate.config-root-outside"
    case rootMissing = "validate.root-missing"
    case glossaryUnreadable = "validate.glossary-unreadable"
    case baselineUnreadable = "validate.baseline-unreadable"
    case summary = "validate.summary"
    case summaryBaseline = "validate.summary-baseline"
    case progress = "validate.progress"
    case junitSuite = "validate.junit-suite"
    case rulesHeading = "validate.rules-heading"
    case ruleOff = "validate.rule-off"
    case explainSeverity = "validate.explain-severity"
    case explainMessages = "validate.explain-messages"
    case includedHere = "validate.included-here"
    case includedByMore = "validate.included-by-more"
    case comparedWith = "validate.compared-with"
    case changedSinceNoGit = "validate.changed-since-no-git"
    case changedSinceUnknown = "validate.changed-since-unknown"

    public var english: String {
        switch self {
        case .configUnreadable: "configuration file could not be read"
        case .configSyntax: "YAML syntax error in configuration: {problem}"
        case .configNotMapping:
            "a configuration is a mapping of keys such as sourceLocale, locales, profile, rules, ignore"
        case .configWrongType: "\"{key}\" must be {expected}"
        case .configUnknownKey: "unknown key \"{key}\""
        case .configUnknownRule: "unknown rule \"{rule}\"; `waymark validate --list-rules` lists them"
        case .configBadSeverity: "\"{value}\" is not a severity; use error, warning, note or off"
        case .configUnknownProfile: "unknown profile \"{value}\"; use learn or minimal"
        case .configBadLocale: "\"{value}\" is not a locale; write it as a language tag such as tr-TR"
        case .configNoLocales:
            "\"locales\" lists no locale; list the source locale and its translations, or leave the key out"
        case .configSourceNotListed: "the source locale {value} is not among the locales ({locales})"
        case .configRootOutside:
            "\"{value}\" is not a folder inside the tree; write it relative to the tree, without .."
        case .rootMissing: "\"{path}\" does not exist"
        case .glossaryUnreadable: "glossary \"{path}\" could not be read: {reason}"
        case .baselineUnreadable: "baseline \"{path}\" could not be read: {reason}"
        case .summary:
            "{articles, plural, one {# file} other {# files}} checked: {errors, plural, =0 {no errors} one {# error} other {# errors}}, {warnings, plural, =0 {no warnings} one {# warning} other {# warnings}}, {notes, plural, =0 {no notes} one {# note} other {# notes}}"
        case .summaryBaseline:
            "{count, plural, one {# known finding} other {# known findings}} hidden by the baseline"
        case .progress: "validating {done} of {total} files"
        case .junitSuite: "Waymark rule {rule}"
        case .rulesHeading: "{count, plural, one {# rule} other {# rules}}"
        case .ruleOff: "off by default"
        case .explainSeverity: "Default severity: {severity}. Category: {category}."
        case .explainMessages: "Messages:"
        case .includedHere: "included here"
        case .includedByMore: "{count, plural, one {# more file includes it} other {# more files include it}}"
        case .comparedWith: "compared with the {source} source at revision {revision}"
        case .changedSinceNoGit: "\"{path}\" is not in a git work tree; --changed-since compares with a git revision"
        case .changedSinceUnknown: "\"{revision}\" is not a commit of the git repository at \"{path}\""
        }
    }
}

/// Every English source text of the validation module, keyed as in the catalogs.
public enum ValidationMessages {
    public static var sourceTexts: [String: String] {
        var texts = RuleCatalog.sourceTexts
        for text in ValidationText.allCases { texts[text.rawValue] = text.english }
        return texts
    }
}
