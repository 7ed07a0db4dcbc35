/// Every text the command line shows, by stable key, with its English source text.
///
/// As with gettext, the English text lives here and is what `waymark` prints when no catalog is
/// found; `Localizations/en-US.xlf` repeats it (a test checks that) and `tr-TR.xlf` / `hu-HU.xlf`
/// translate it.
enum UIString: String, CaseIterable {
    case errorPrefix = "cli.error-prefix"
    case notePrefix = "cli.note-prefix"
    case articleFallback = "article.fallback"
    case articleMachineTranslated = "article.machine-translated"
    case helpGlossaryAbstract = "cli.help.glossary.abstract"
    case helpGlossaryLookupAbstract = "cli.help.glossary.lookup.abstract"
    case helpGlossaryListAbstract = "cli.help.glossary.list.abstract"
    case helpGlossaryLabel = "cli.help.glossary.label"
    case glossaryMatch = "glossary.match"
    case glossaryNoMatch = "glossary.no-match"
    case glossaryMissing = "glossary.missing"
    case fileNotFound = "cli.file-not-found"
    case fileIsDirectory = "cli.file-is-directory"
    case fileUnreadable = "cli.file-unreadable"
    case unknownLocale = "cli.unknown-locale"
    case unsupportedLocale = "cli.unsupported-locale"
    case catalogUnreadable = "cli.catalog-unreadable"
    case helpAbstract = "cli.help.abstract"
    case helpLocale = "cli.help.locale"
    case helpInspectAbstract = "cli.help.inspect.abstract"
    case helpInspectDiscussion = "cli.help.inspect.discussion"
    case helpInspectFile = "cli.help.inspect.file"
    case helpInspectFormat = "cli.help.inspect.format"
    case helpInspectRoot = "cli.help.inspect.root"
    case helpStringsAbstract = "cli.help.strings.abstract"
    case helpStringsCheckAbstract = "cli.help.strings.check.abstract"
    case helpStringsCheckPaths = "cli.help.strings.check.paths"
    case helpStringsStatsAbstract = "cli.help.strings.stats.abstract"
    case stringsMissingKey = "strings.missing-key"
    case stringsExtraKey = "strings.extra-key"
    case stringsSourceChanged = "strings.source-changed"
    case stringsPlaceholders = "strings.placeholder-mismatch"
    case stringsPluralCategories = "strings.plural-categories"
    case stringsSyntax = "strings.syntax"
    case stringsNoSource = "strings.no-source-catalog"
    case stringsNoCatalogs = "strings.no-catalogs"
    case helpStringsExportAbstract = "cli.help.strings.export-source.abstract"
    case stringsSummary = "strings.summary"
    case stringsStatsLine = "strings.stats-line"

    var english: String {
        switch self {
        case .errorPrefix: "waymark: error: {message}"
        case .notePrefix: "waymark: note: {message}"
        case .articleFallback: "{path} is not available in {requested}; showing the {locale} version"
        case .articleMachineTranslated:
            "this article was machine translated ({locale}); where a sentence is unclear, compare it with the English original"
        case .helpGlossaryAbstract: "Look up Partner Center UI labels in the glossary."
        case .helpGlossaryLookupAbstract: "Find the glossary concept a label names, however it is inflected."
        case .helpGlossaryListAbstract: "List every glossary concept with its terms."
        case .helpGlossaryLabel: "A UI label as an article writes it, for example \"**Hesabı**\"."
        case .glossaryMatch: "{label} → {concept} ({kind}): {terms}"
        case .glossaryNoMatch: "no glossary term matches \"{label}\" in {language}"
        case .glossaryMissing: "no glossary found (Resources/Glossary/*.tbx)"
        case .fileNotFound: "{path}: no such file"
        case .fileIsDirectory: "{path}: is a directory, not a Markdown file"
        case .fileUnreadable: "{path}: cannot be read: {reason}"
        case .unknownLocale: "\"{locale}\" is not a locale; write it as a language tag such as tr-TR"
        case .unsupportedLocale: "no catalog for {locale}; available: {available}"
        case .catalogUnreadable: "string catalog {detail}"
        case .helpAbstract: "Turn localized how-to articles into guided, validated procedures."
        case .helpLocale: "Language of messages and help: tr-TR, hu-HU or en-US (default: LC_ALL, LC_MESSAGES, LANG)."
        case .helpInspectAbstract: "Show how Waymark reads an article: front matter, blocks and step graph."
        case .helpInspectDiscussion:
            "Diagnostics are printed to standard error as \"path:line:col: severity: message [id]\". The exit status is 1 when the article has errors, 0 otherwise."
        case .helpInspectFile:
            "The Markdown article to read: a file, or a docs path such as partner-center/remove-a-relationship.md, found in the user's locale."
        case .helpInspectFormat: "Output format: tree or json."
        case .helpInspectRoot: "Docs root: includes may not reach outside it (default: found from the file's path)."
        case .helpStringsAbstract: "Check and summarise the XLIFF string catalogs."
        case .helpStringsCheckAbstract:
            "Check catalogs against the source catalog: keys, placeholders, plural categories, syntax."
        case .helpStringsCheckPaths: "Catalog files or folders of them (default: the shipped Localizations folder)."
        case .helpStringsStatsAbstract: "Show how much of each catalog is translated."
        case .stringsMissingKey: "key \"{key}\" of the source catalog is missing"
        case .stringsExtraKey: "key \"{key}\" is not in the source catalog"
        case .stringsSourceChanged: "source text of \"{key}\" differs from the source catalog's"
        case .stringsPlaceholders:
            "placeholders of \"{key}\" differ from the source: expected {expected}, found {found}"
        case .stringsPluralCategories: "\"{key}\": plural {name} lacks the {locale} categories {missing}"
        case .stringsSyntax: "\"{key}\": message syntax error at column {column}: {problem}"
        case .stringsNoSource: "no source catalog (en-US) among the catalogs checked"
        case .stringsNoCatalogs: "no .xlf catalogs found"
        case .helpStringsExportAbstract: "Write the source catalog (en-US.xlf) from the program's own texts."
        case .stringsSummary:
            "{catalogs, plural, one {# catalog} other {# catalogs}} checked: {errors, plural, =0 {no problems} one {# problem} other {# problems}}"
        case .stringsStatsLine:
            "{locale}: {translated} of {total} translated ({percent}%), {reviewed} reviewed or final"
        }
    }
}
