import WaymarkCore

/// A binding uses an action, guard or collection the walkthrough does not know.
struct BindingUnknownName: CorpusRule {
    static let category = RuleCategory.bindings
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary":
            "A procedure binding uses an action, guard or collection the walkthrough does not know, or cannot be read.",
        "explanation":
            "The walkthrough refuses to start a procedure whose binding names something it cannot do, so the mistake is caught here, in CI, instead of in front of a customer. The message lists the names the walkthrough knows. YAML errors in binding files are reported under this rule too.",
        "message":
            "unknown {kind, select, action {action} guard {guard} other {collection}} \"{name}\"; known: {known}",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        for d in context.bindingDiagnostics {
            findings.report(d, path: d.path ?? "")
        }
        for (binding, path) in context.bindings {
            for step in [binding.prerequisites].compactMap({ $0 }) + binding.steps {
                if let action = step.action, !BindingVocabulary.actions.contains(action) {
                    findings.report(
                        Self.self, path: path, at: step.range,
                        ["kind": "action", "name": action, "known": BindingVocabulary.actions.joined(separator: ", ")])
                }
                for name in step.requires where !BindingVocabulary.guards.contains(name) {
                    findings.report(
                        Self.self, path: path, at: step.range,
                        ["kind": "guard", "name": name, "known": BindingVocabulary.guards.joined(separator: ", ")])
                }
                if let collection = step.forEach, !BindingVocabulary.collections.contains(collection) {
                    findings.report(
                        Self.self, path: path, at: step.range,
                        [
                            "kind": "collection", "name": collection,
                            "known": BindingVocabulary.collections.joined(separator: ", "),
                        ])
                }
            }
        }
    }
}
