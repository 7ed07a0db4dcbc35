import WaymarkCore

/// The diagnostics the content module can emit, with their default severities and English message
/// templates. The raw values were their public ids before problems had one id everywhere; they stay
/// valid as aliases (``ProblemID/resolve(_:)``) and are the message keys of the problems that
/// validation reports as parse problems.
enum ContentDiagnostic: String, CaseIterable {
    case fileTooLarge = "content.file-too-large"
    case fileEmpty = "content.file-empty"
    case invalidUTF8 = "content.invalid-utf8"
    case nulByte = "content.nul-byte"
    case byteOrderMark = "content.byte-order-mark"
    case frontMatterMissing = "content.front-matter-missing"
    case frontMatterUnterminated = "content.front-matter-unterminated"
    case frontMatterSyntax = "content.front-matter-syntax"
    case frontMatterNotMapping = "content.front-matter-not-mapping"
    case frontMatterTooComplex = "content.front-matter-too-complex"
    case duplicateKey = "content.duplicate-key"
    case invalidDate = "content.invalid-date"
    case nestingTooDeep = "content.nesting-too-deep"
    case unknownAlertKind = "content.unknown-alert-kind"
    case includeMissing = "content.include-missing"
    case includeOutsideRoot = "content.include-outside-root"
    case includeCycle = "content.include-cycle"
    case includeTooDeep = "content.include-too-deep"
    case includeUnreadable = "content.include-unreadable"

    var severity: Severity {
        switch self {
        case .byteOrderMark: .note
        case .fileEmpty, .nulByte, .frontMatterMissing, .unknownAlertKind, .includeMissing, .nestingTooDeep: .warning
        default: .error
        }
    }

    /// The English (source-locale) message; `{name}` marks an argument.
    var template: String {
        switch self {
        case .fileTooLarge: "file is {size} bytes, larger than the {limit}-byte limit for an article; it was not parsed"
        case .fileEmpty: "file is empty"
        case .invalidUTF8: "invalid UTF-8 byte sequence; it was replaced with U+FFFD"
        case .nulByte: "NUL byte (U+0000); Markdown shows it as U+FFFD"
        case .byteOrderMark: "file starts with a UTF-8 byte-order mark, which was ignored"
        case .frontMatterMissing: "no YAML front matter: an article starts with a \"---\" line"
        case .frontMatterUnterminated: "front matter opened here is never closed by a \"---\" line"
        case .frontMatterSyntax: "YAML syntax error in front matter: {problem}"
        case .frontMatterNotMapping: "front matter must be a mapping of \"key: value\" lines"
        case .frontMatterTooComplex: "front matter is too large or too deeply nested to read ({reason})"
        case .duplicateKey: "key \"{key}\" is already set on line {firstLine}; the first value is used"
        case .invalidDate: "\"{key}\" is \"{value}\", not a date in MM/DD/YYYY or YYYY-MM-DD form"
        case .nestingTooDeep: "content nested more than {limit} levels deep was left out"
        case .unknownAlertKind: "unknown alert kind \"[!{kind}]\"; expected NOTE, TIP, IMPORTANT, CAUTION or WARNING"
        case .includeMissing: "included file \"{target}\" does not exist"
        case .includeOutsideRoot: "included file \"{target}\" is outside the docs root {root}; pass --root to widen it"
        case .includeCycle: "include cycle: {chain}"
        case .includeTooDeep: "includes nested more than {limit} levels deep; \"{target}\" was not read"
        case .includeUnreadable: "included file \"{target}\" could not be read: {reason}"
        }
    }

    /// The problem's id: the validation rule that reports it.
    var id: String {
        switch self {
        case .duplicateKey: ProblemID.frontMatterDuplicateKey
        case .invalidDate: ProblemID.frontMatterInvalidDate
        case .unknownAlertKind: ProblemID.alertUnknownKind
        case .includeMissing: ProblemID.includeMissing
        default: ProblemID.parseProblem
        }
    }

    /// The message key: the rule's own message for a problem a rule of its own reports (one text,
    /// translated once), the parser's otherwise.
    var messageKey: String { id == ProblemID.parseProblem ? rawValue : "rule.\(id).message" }

    func make(_ range: SourceRange?, file: String? = nil, _ arguments: [String: String] = [:]) -> Diagnostic {
        Diagnostic(
            id: id, severity: severity, path: file, range: range, messageKey: messageKey, arguments: arguments,
            message: MessageTemplate.render(template, arguments))
    }
}

/// The content module's diagnostic messages: stable ids with their English source texts, which
/// `Localizations/en-US.xlf` must repeat exactly (a test checks it).
public enum ContentMessages {
    /// The message keys of the problems the parser reports under the problem id `id`.
    public static func keys(reportedAs id: String) -> [String] {
        ContentDiagnostic.allCases.filter { $0.id == id }.map(\.messageKey)
            + (id == ProblemID.bindingUnknownName ? BindingDiagnostic.allCases.map(\.rawValue) : [])
    }

    public static var sourceTexts: [(id: String, text: String)] {
        ContentDiagnostic.allCases.map { ($0.messageKey, $0.template) }
            + BindingDiagnostic.allCases.map { ($0.rawValue, $0.template) }
    }
}
