import WaymarkContent
import WaymarkCore

/// Every rule Waymark has, in the order `--list-rules` shows them.
public enum RuleCatalog {
    static let documentRules: [any DocumentRule.Type] = [
        FrontMatterRequiredKey.self, FrontMatterInvalidDate.self, FrontMatterLocaleMismatch.self,
        FrontMatterDuplicateKey.self, FrontMatterDeprecatedKey.self, FrontMatterKeyTypo.self,
        FrontMatterTitleLength.self, FrontMatterDescriptionLength.self,
        IncludeMissing.self, LinkMissingTarget.self, LinkCaseMismatch.self, LinkBackslash.self, LinkRedirected.self,
        ImageMissing.self,
        ParseProblem.self, AlertUnknownKind.self, AlertEmpty.self, AnchorDuplicate.self, ImageAltTextMissing.self,
        DocfxSyntaxInvalid.self,
        ProcedureWithoutSteps.self, RepeatWithoutTarget.self,
        TurkishDetachedSuffix.self, UntranslatedEnglish.self, BoldLabelNotInGlossary.self,
    ]

    static let corpusRules: [any CorpusRule.Type] = [
        LinkMissingAnchor.self,
        TranslationMissing.self, TranslationOrphan.self, TranslationStepsDiffer.self, TranslationAlertsDiffer.self,
        TranslationLinksDiffer.self, TranslationLabelsDiffer.self, TranslationStale.self,
        TranslationStructureBehind.self, AccidentalOrderedList.self,
        TurkishDotlessCapitalI.self, LabelTranslatedInconsistently.self,
        BindingStepMissing.self, BindingUnknownName.self,
    ]

    /// Rule ids by type, derived once from the type names (hot: every report looks one up).
    ///
    /// The name comes from `_typeName`, not `String(describing:)`: the latter first asks whether the
    /// metatype has a custom description, and each such miss scans every conformance in the binary.
    static let ids: [ObjectIdentifier: String] = {
        var ids: [ObjectIdentifier: String] = [:]
        let rules: [any Rule.Type] = documentRules.map { $0 } + corpusRules.map { $0 }
        for rule in rules { ids[ObjectIdentifier(rule)] = RuleID.kebab(_typeName(rule, qualified: false)) }
        return ids
    }()

    /// `rule.<id>.<name>` for every text of every rule, by rule and name.
    static let messageKeys: [ObjectIdentifier: [String: String]] = {
        var keys: [ObjectIdentifier: [String: String]] = [:]
        let rules: [any Rule.Type] = documentRules.map { $0 } + corpusRules.map { $0 }
        for rule in rules {
            var byName: [String: String] = [:]
            for (name, _) in rule.texts { byName[name] = "rule.\(rule.id).\(name)" }
            keys[ObjectIdentifier(rule)] = byName
        }
        return keys
    }()

    /// All rules, grouped by category, then by id.
    public static let all: [any Rule.Type] = {
        let rules: [any Rule.Type] = documentRules.map { $0 } + corpusRules.map { $0 }
        let order = RuleCategory.allCases
        return rules.sorted { a, b in
            let ca = order.firstIndex(of: a.category) ?? 0
            let cb = order.firstIndex(of: b.category) ?? 0
            return ca != cb ? ca < cb : a.id < b.id
        }
    }()

    public static func rule(_ id: String) -> (any Rule.Type)? { all.first { $0.id == id } }

    /// English source texts of every rule, keyed `rule.<id>.<name>`.
    public static var sourceTexts: [String: String] {
        var texts: [String: String] = [:]
        for rule in all {
            for (name, text) in rule.texts { texts["rule.\(rule.id).\(name)"] = text }
        }
        return texts
    }
}

/// A rule's public description, as `--list-rules`, `--explain` and SARIF show it.
public struct RuleInfo: Sendable, Hashable {
    public var id: String
    public var category: String
    public var defaultSeverity: Severity
    public var enabledByDefault: Bool
    public var summaryKey: String
    public var explanationKey: String
    /// Message keys of the rule.
    public var messageKeys: [String]

    public init(_ rule: any Rule.Type) {
        id = rule.id
        category = rule.category.rawValue
        defaultSeverity = rule.defaultSeverity
        enabledByDefault = rule.enabledByDefault
        summaryKey = "rule.\(rule.id).summary"
        explanationKey = "rule.\(rule.id).explanation"
        // The rule's own messages, then those the parser reports under the rule's id.
        messageKeys =
            rule.texts.map(\.key).filter { $0 != "summary" && $0 != "explanation" }.map { "rule.\(rule.id).\($0)" }
            + ContentMessages.keys(reportedAs: rule.id)
    }

    public static var all: [RuleInfo] { RuleCatalog.all.map(RuleInfo.init) }
    public static func named(_ id: String) -> RuleInfo? { RuleCatalog.rule(id).map(RuleInfo.init) }
}
