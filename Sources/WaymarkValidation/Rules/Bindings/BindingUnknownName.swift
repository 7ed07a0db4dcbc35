import WaymarkCore
import WaymarkWalkthrough

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
            findings.report(Self.self, diagnostic: d, path: d.file ?? "")
        }
        for (binding, path) in context.bindings {
            for step in [binding.prerequisites].compactMap({ $0 }) + binding.steps {
                if let action = step.action, !WalkVocabulary.actions.contains(action) {
                    findings.report(
                        Self.self, path: path, at: step.range,
                        ["kind": "action", "name": action, "known": WalkVocabulary.actions.joined(separator: ", ")])
                }
                for name in step.requires where !WalkVocabulary.guards.contains(name) {
                    findings.report(
                        Self.self, path: path, at: step.range,
                        ["kind": "guard", "name": name, "known": WalkVocabulary.guards.joined(separator: ", ")])
                }
                if let collection = step.forEach, !WalkVocabulary.collections.contains(collection) {
                    findings.report(
                        Self.self, path: path, at: step.range,
                        [
                            "kind": "collection", "name": collection,
                            "known": WalkVocabulary.collections.joined(separator: ", "),
                        ])
                }
            }
        }
    }
}
