import WaymarkCore
import WaymarkLocalization

/// A bold UI label in a translated step that matches no glossary term of its language.
struct BoldLabelNotInGlossary: DocumentRule {
    static let category = RuleCategory.language
    static let defaultSeverity = Severity.note
    static let enabledByDefault = false
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A bold UI label in a translated step is not a term of the glossary.",
        "explanation":
            "UI labels must be written as the product shows them, which the glossary records per language. A label the glossary does not know is either a mistranslation or a term the glossary lacks. Off by default, since it is only useful once the glossary covers the product's UI; turn it on in .waymark.yml.",
        "message": "UI label \"{label}\" is not in the {language} glossary",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        guard !document.isSource, let glossary = context.glossary else { return }
        let language = document.language
        guard context.glossaryWords[language] != nil else { return }
        for step in document.article.stepGraph.allSteps {
            for run in step.runs where run.kind == .uiLabel {
                let label = run.text.trimmingSpaces
                guard !label.isEmpty, glossary.lookup(label, language: language) == nil else { continue }
                findings.report(Self.self, at: run.range ?? step.range, ["label": label, "language": document.locale])
            }
        }
    }
}
