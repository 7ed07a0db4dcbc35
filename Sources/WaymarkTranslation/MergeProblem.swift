/// Why `waymark xliff merge` refuses a document, by message key with its English text (the CLI
/// shows it in the user's language from the catalogs).
public enum MergeProblem: String, CaseIterable, Sendable {
    case unreadable = "xliff.merge.unreadable"
    case notXLIFF = "xliff.merge.not-xliff"
    case noTargetLanguage = "xliff.merge.no-target-language"
    case wrongLanguage = "xliff.merge.wrong-language"
    case fileCount = "xliff.merge.file-count"
    case noSkeleton = "xliff.merge.no-skeleton"
    case unitWithoutID = "xliff.merge.unit-without-id"
    case unitTwice = "xliff.merge.unit-twice"
    case missingUnit = "xliff.merge.missing-unit"
    case segmentWithoutSource = "xliff.merge.segment-without-source"
    case codeWithoutID = "xliff.merge.code-without-id"
    case codeTwiceInSource = "xliff.merge.code-twice-in-source"
    case codeWithoutData = "xliff.merge.code-without-data"
    case unknownElement = "xliff.merge.unknown-element"
    case codeNotInSource = "xliff.merge.code-not-in-source"
    case codeUsedTwice = "xliff.merge.code-used-twice"
    case codeChangedForm = "xliff.merge.code-changed-form"
    case codeDropped = "xliff.merge.code-dropped"

    public var template: String {
        switch self {
        case .unreadable: "the XLIFF cannot be read: {reason}"
        case .notXLIFF: "this is not an XLIFF 2.0 document"
        case .noTargetLanguage: "the document names no target language (trgLang) as a language tag"
        case .wrongLanguage: "the document translates into {locale}, not {expected}"
        case .fileCount: "expected one <file> element, found {count}"
        case .noSkeleton: "the <file> has no <skeleton>: it was not made by waymark xliff extract"
        case .unitWithoutID: "a <unit> has no id"
        case .unitTwice: "unit {unit} appears twice"
        case .missingUnit: "the article needs unit {unit}, which the document does not have"
        case .segmentWithoutSource: "unit {unit}: a segment has no <source>"
        case .codeWithoutID: "unit {unit}: an inline code has no id"
        case .codeTwiceInSource: "unit {unit}: inline code {code} appears twice in the source"
        case .codeWithoutData: "unit {unit}: inline code {code} has no original data"
        case .unknownElement: "unit {unit}: <{element}> is not an inline code Waymark writes"
        case .codeNotInSource: "unit {unit}: inline code {code} of the target is not in the source"
        case .codeUsedTwice: "unit {unit}: inline code {code} is used twice in the target"
        case .codeChangedForm:
            "unit {unit}: inline code {code} is a {form} in the source; the target must keep that form"
        case .codeDropped: "unit {unit}: the target dropped inline code {code} ({kind}), which must stay"
        }
    }
}

public enum TranslationMessages {
    public static var sourceTexts: [(id: String, text: String)] {
        MergeProblem.allCases.map { ($0.rawValue, $0.template) }
    }
}
