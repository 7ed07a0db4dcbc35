import WaymarkValidation

/// The texts of `waymark validate --list-rules` and `--explain RULE`, in the user's language.
enum RuleListing {
    /// One line per rule: id, default severity (or "off by default"), summary; grouped by category.
    static func list(_ localizer: Localizer) -> String {
        let rules = RuleInfo.all
        let width = rules.map(\.id.count).max() ?? 0
        var out = ""
        var category = ""
        for rule in rules {
            if rule.category != category {
                category = rule.category
                out += (out.isEmpty ? "" : "\n") + category + "\n"
            }
            let severity = rule.enabledByDefault ? rule.defaultSeverity.rawValue : "off"
            let pad = String(repeating: " ", count: width - rule.id.count)
            let sev = severity + String(repeating: " ", count: max(0, 8 - severity.count))
            out += "  \(rule.id)\(pad)  \(sev) \(localizer.text(key: rule.summaryKey, [:]))\n"
        }
        out += "\n" + localizer.text(key: ValidationText.rulesHeading.rawValue, ["count": .int(rules.count)]) + "\n"
        return out
    }

    static func explain(_ id: String, _ localizer: Localizer) -> String? {
        guard let rule = RuleInfo.named(id) else { return nil }
        var out = "\(rule.id)\n\n"
        out += localizer.text(key: rule.summaryKey, [:]) + "\n\n"
        out += localizer.text(key: rule.explanationKey, [:]) + "\n\n"
        out +=
            localizer.text(
                key: ValidationText.explainSeverity.rawValue,
                ["severity": .string(rule.defaultSeverity.rawValue), "category": .string(rule.category)])
        if !rule.enabledByDefault { out += " " + localizer.text(key: ValidationText.ruleOff.rawValue, [:]) + "." }
        out += "\n\n" + localizer.text(key: ValidationText.explainMessages.rawValue, [:]) + "\n"
        for key in rule.messageKeys {
            // The message as written, placeholders and all: it is filled in per finding.
            out += "  " + localizer.template(key) + "\n"
        }
        return out
    }
}
