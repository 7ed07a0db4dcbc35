/// The texts every command shares (error and note prefixes, the help page, usage errors, files,
/// locales), by stable key with their English source text.
///
/// As with gettext, the English text lives in code and is what `waymark` prints when no catalog
/// is found; `Localizations/en-US.xlf` repeats it (`waymark strings check` and its test check
/// that) and `tr-TR.xlf` / `hu-HU.xlf` translate it. Each family of commands has its own set:
/// ``DocsText``, ``AccountText``, `LibraryText`, `StoreText`, `SafetyText`, `ServeText`; the
/// walkthrough's texts are its own `WalkText`.
enum UIString: String, CaseIterable {
    case errorPrefix = "cli.error-prefix"
    case notePrefix = "cli.note-prefix"
    case articleFallback = "article.fallback"
    case articleMachineTranslated = "article.machine-translated"
    case fileNotFound = "cli.file-not-found"
    case fileIsDirectory = "cli.file-is-directory"
    case fileUnreadable = "cli.file-unreadable"
    case fileUnwritable = "cli.file-unwritable"
    case unknownLocale = "cli.unknown-locale"
    case unsupportedLocale = "cli.unsupported-locale"
    case catalogUnreadable = "cli.catalog-unreadable"
    case helpAbstract = "cli.help.abstract"
    case helpLocale = "cli.help.locale"
    case helpOverview = "cli.help-page.overview"
    case helpUsage = "cli.help-page.usage"
    case helpArguments = "cli.help-page.arguments"
    case helpOptions = "cli.help-page.options"
    case helpSubcommands = "cli.help-page.subcommands"
    case helpSubcommandValue = "cli.help-page.subcommand-value"
    case helpDefault = "cli.help-page.default"
    case helpShowHelp = "cli.help-page.show-help"
    case helpSeeSubcommand = "cli.help-page.see-subcommand"
    case helpShowVersion = "cli.help-page.show-version"
    case usageUnknownOption = "cli.usage.unknown-option"
    case usageUnknownOptionSuggestion = "cli.usage.unknown-option-suggestion"
    case usageMissingArgument = "cli.usage.missing-argument"
    case usageMissingValue = "cli.usage.missing-value"
    case usageUnexpectedArgument = "cli.usage.unexpected-argument"
    case usageInvalidValue = "cli.usage.invalid-value"
    case usageInvalidValueChoices = "cli.usage.invalid-value-choices"
    case inspectDocfxHeader = "inspect.docfx-header"
    case inspectDocfxEntry = "inspect.docfx-entry"
    case inspectDocfxOverridden = "inspect.docfx-overridden"
    case inspectDocfxNotArticle = "inspect.docfx-not-article"
    case yes = "common.yes"
    case no = "common.no"

    var english: String {
        switch self {
        case .errorPrefix: "waymark: error: {message}"
        case .notePrefix: "waymark: note: {message}"
        case .articleFallback: "{path} is not available in {requested}; showing the {locale} version"
        case .articleMachineTranslated:
            "this article was machine translated ({locale}); where a sentence is unclear, compare it with the English original"
        case .fileNotFound: "{path}: no such file"
        case .fileIsDirectory: "{path}: is a directory, not a Markdown file"
        case .fileUnreadable: "{path}: cannot be read: {reason}"
        case .fileUnwritable: "{path}: cannot be written: {reason}"
        case .unknownLocale: "\"{locale}\" is not a locale; write it as a language tag such as tr-TR"
        case .unsupportedLocale: "no catalog for {locale}; available: {available}"
        case .catalogUnreadable: "string catalog {detail}"
        case .helpAbstract: "Turn localized how-to articles into guided, validated procedures."
        case .helpLocale: "Language of messages and help: tr-TR, hu-HU or en-US (default: LC_ALL, LC_MESSAGES, LANG)."
        case .helpOverview: "OVERVIEW:"
        case .helpUsage: "USAGE:"
        case .helpArguments: "ARGUMENTS:"
        case .helpOptions: "OPTIONS:"
        case .helpSubcommands: "SUBCOMMANDS:"
        case .helpSubcommandValue: "subcommand"
        case .helpDefault: "(default: {value})"
        case .helpShowHelp: "Show help information."
        case .helpSeeSubcommand: "See {command} for detailed help."
        case .helpShowVersion: "Show the version."
        case .usageUnknownOption: "unknown option {option}"
        case .usageUnknownOptionSuggestion: "unknown option {option}; did you mean {suggestion}?"
        case .usageMissingArgument: "missing argument {argument}"
        case .usageMissingValue: "{option} needs a value"
        case .usageUnexpectedArgument: "unexpected argument: {argument}"
        case .usageInvalidValue: "{value} is not a valid value for {option}"
        case .usageInvalidValueChoices: "{value} is not a valid value for {option}; choose one of {choices}"
        case .inspectDocfxHeader: "Metadata from docfx.json (a key the article writes itself wins):"
        case .inspectDocfxEntry: "{key}: {value}  (from {origin})"
        case .inspectDocfxOverridden: "{key}: {value}  (from {origin}; the article's own value is used)"
        case .inspectDocfxNotArticle:
            "DocFX does not publish {path} as an article: no build.content of the docfx.json files around it lists it"
        case .yes: "yes"
        case .no: "no"
        }
    }
}
