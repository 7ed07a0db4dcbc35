import WaymarkLocalization

/// Texts of the documentation commands (`validate`, `inspect`, `render`, `glossary`, `strings`),
/// by stable key with their English source text, like ``UIString``.
enum DocsText: String, CaseIterable {
    case helpValidateAbstract = "cli.help.validate.abstract"
    case helpValidateDiscussion = "cli.help.validate.discussion"
    case helpValidateRoot = "cli.help.validate.root"
    case helpValidateConfig = "cli.help.validate.config"
    case helpValidateFormat = "cli.help.validate.format"
    case helpValidateOutput = "cli.help.validate.output"
    case helpValidateWarningsAsErrors = "cli.help.validate.warnings-as-errors"
    case helpValidateBaseline = "cli.help.validate.baseline"
    case helpValidateWriteBaseline = "cli.help.validate.write-baseline"
    case helpValidateListRules = "cli.help.validate.list-rules"
    case helpValidateExplain = "cli.help.validate.explain"
    case helpValidateJobs = "cli.help.validate.jobs"
    case helpValidateToday = "cli.help.validate.today"
    case validateUnknownRule = "cli.validate.unknown-rule"
    case validateBadDate = "cli.validate.bad-date"
    case validateBaselineWritten = "cli.validate.baseline-written"
    case helpValidateFix = "cli.help.validate.fix"
    case helpValidateDryRun = "cli.help.validate.dry-run"
    case validateFixed = "cli.validate.fixed"
    case validateWouldFix = "cli.validate.would-fix"
    case validateFixSkipped = "cli.validate.fix-skipped"
    case validateFixChanged = "cli.validate.fix-changed"
    case validateDryRunAlone = "cli.validate.dry-run-alone"
    case helpValidateCache = "cli.help.validate.cache"
    case helpValidateChangedSince = "cli.help.validate.changed-since"
    case validateCacheUsed = "cli.validate.cache-used"
    case validateCacheDistrusted = "cli.validate.cache-distrusted"
    case validateCacheCrossLocale = "cli.validate.cache-cross-locale"
    case validateCacheReport = "cli.validate.cache-report"
    case validateCacheOverLimit = "cli.validate.cache-over-limit"
    case validateChangedSince = "cli.validate.changed-since"
    case helpValidateTimings = "cli.help.validate.timings"
    case validateTiming = "cli.validate.timing"
    case validateTimingShort = "cli.validate.timing-short"
    case validateTimingTotal = "cli.validate.timing-total"
    case validatePhaseConfiguration = "cli.validate.phase.configuration"
    case validatePhaseListing = "cli.validate.phase.listing"
    case validatePhaseChecking = "cli.validate.phase.checking"
    case validatePhaseGathering = "cli.validate.phase.gathering"
    case validatePhaseCorpusRules = "cli.validate.phase.corpus-rules"
    case validatePhaseMerging = "cli.validate.phase.merging"
    case validatePhaseFixing = "cli.validate.phase.fixing"
    case validatePhaseReport = "cli.validate.phase.report"
    case helpGlossaryAbstract = "cli.help.glossary.abstract"
    case helpGlossaryLookupAbstract = "cli.help.glossary.lookup.abstract"
    case helpGlossaryListAbstract = "cli.help.glossary.list.abstract"
    case helpGlossaryLabel = "cli.help.glossary.label"
    case glossaryMatch = "glossary.match"
    case glossaryNoMatch = "glossary.no-match"
    case glossaryMissing = "glossary.missing"
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
    case stringsGrammarForm = "strings.grammar-form"
    case stringsSourceChanged = "strings.source-changed"
    case stringsPlaceholders = "strings.placeholder-mismatch"
    case stringsPluralCategories = "strings.plural-categories"
    case stringsSyntax = "strings.syntax"
    case stringsNoSource = "strings.no-source-catalog"
    case stringsNoCatalogs = "strings.no-catalogs"
    case helpStringsShowAbstract = "cli.help.strings.show.abstract"
    case stringsAnsweredBy = "strings.answered-by"
    case stringsUnknownKey = "strings.unknown-key"
    case helpStringsExportAbstract = "cli.help.strings.export-source.abstract"
    case stringsSummary = "strings.summary"
    case stringsStatsLine = "strings.stats-line"
    case renderRoles = "render.roles"
    case renderConsequences = "render.consequences"
    case helpRenderAbstract = "cli.help.render.abstract"
    case helpRenderFormat = "cli.help.render.format"

    var english: String {
        switch self {
        case .helpValidateAbstract: "Check a documentation tree: front matter, links, steps, translations, language."
        case .helpValidateDiscussion:
            "ROOT is a folder of articles, usually with one folder per locale (en-us, tr-tr, hu-hu), or one article. Settings come from --config, else .waymark.yml in ROOT or in the working directory. Exit status: 1 when errors remain (after the baseline), else 0."
        case .helpValidateRoot: "The documentation tree, or one article (default: the working directory)."
        case .helpValidateConfig: "Configuration file (default: .waymark.yml in ROOT, then in the working directory)."
        case .helpValidateFormat: "Report format: text, json, sarif, junit or github."
        case .helpValidateOutput: "Write the report to this file instead of standard output."
        case .helpValidateWarningsAsErrors: "Fail (exit 1) on warnings too."
        case .helpValidateBaseline: "Hide the findings recorded in this baseline file; fail only on new ones."
        case .helpValidateWriteBaseline: "Record every current finding in this baseline file."
        case .helpValidateListRules: "List every rule with its id, default severity and summary."
        case .helpValidateExplain: "Explain one rule: what it checks, why, and its messages."
        case .helpValidateJobs: "Number of worker threads (default: one per processor)."
        case .helpValidateToday: "The date ms.date may not be after, as YYYY-MM-DD (default: today)."
        case .validateUnknownRule: "unknown rule \"{rule}\"; `waymark validate --list-rules` lists them"
        case .validateBadDate: "\"{value}\" is not a date in YYYY-MM-DD form"
        case .validateBaselineWritten: "{count, plural, one {# finding} other {# findings}} recorded in {path}"
        case .helpValidateFix:
            "Apply every safe fix (dotted İ, detached Turkish suffixes, link paths, escaped list numbers) to the files of the tree, then report what is left."
        case .helpValidateDryRun: "With --fix: print the fixes as a unified diff and change nothing."
        case .validateFixed:
            "fixed {count, plural, one {# finding} other {# findings}} in {files, plural, one {# file} other {# files}}"
        case .validateWouldFix:
            "--fix would fix {count, plural, one {# finding} other {# findings}} in {files, plural, one {# file} other {# files}}"
        case .validateFixSkipped:
            "{count, plural, one {# fix was} other {# fixes were}} left out (outside the tree, or overlapping another fix); run --fix again after reviewing"
        case .validateFixChanged: "{path} changed while it was being fixed; left as it is"
        case .validateDryRunAlone: "--dry-run shows what --fix would change; use them together"
        case .helpValidateCache:
            "Keep each file's checked facts in this folder and reuse them while the file and what it depends on are unchanged (the report is the same as without it)."
        case .helpValidateChangedSince:
            "Report only findings in files changed since this git revision and in the files that depend on them; the whole tree is still checked."
        case .validateCacheUsed:
            "fact cache: {reused, plural, one {# file} other {# files}} reused, {checked, plural, one {# file} other {# files}} checked"
        case .validateCacheDistrusted:
            "fact cache: the steps, details or links of {files, plural, one {# file} other {# files}} no longer matched their checksums where a rule read them; the run started again and checked {files, plural, one {it} other {them}} anew"
        case .validateCacheCrossLocale:
            "cross-locale findings: made again for {reached, plural, one {# file} other {# files}}, kept from the previous run for {kept, plural, one {# file} other {# files}}"
        case .validateCacheReport:
            "report: {made, plural, one {# file} other {# files}} written again, {copied, plural, one {# file} other {# files}} copied from the previous report"
        case .validateCacheOverLimit:
            "the fact cache was not written: it would pass its limit of {megabytes} MB (cacheLimit in the configuration)"
        case .validateChangedSince:
            "{changed, plural, one {# file} other {# files}} changed since {revision}; findings reported in {reported, plural, one {# file} other {# files}} (those and the files that depend on them)"
        case .helpValidateTimings:
            "After the report, print how long each phase of the run took: wall time, processor time of every thread, and that as a share of one processor."
        case .validateTiming: "time for {phase}: {wall} ms (processor time {processor} ms, {busy}% of one processor)"
        case .validateTimingShort: "time for {phase}: {wall} ms"
        case .validateTimingTotal: "time in all: {wall} ms (processor time {processor} ms, {busy}% of one processor)"
        case .validatePhaseConfiguration: "reading the configuration"
        case .validatePhaseListing: "listing the tree and reading the caches' indexes"
        case .validatePhaseChecking: "checking the articles, or taking their checks from the cache"
        case .validatePhaseGathering: "gathering what the cross-locale rules read"
        case .validatePhaseCorpusRules: "the cross-locale rules"
        case .validatePhaseMerging: "merging the findings"
        case .validatePhaseFixing: "applying the fixes"
        case .validatePhaseReport: "writing the report"
        case .helpGlossaryAbstract: "Look up Partner Center UI labels in the glossary."
        case .helpGlossaryLookupAbstract: "Find the glossary concept a label names, however it is inflected."
        case .helpGlossaryListAbstract: "List every glossary concept with its terms."
        case .helpGlossaryLabel: "A UI label as an article writes it, for example \"**Hesabı**\"."
        case .glossaryMatch: "{label} → {concept} ({kind}): {terms}"
        case .glossaryNoMatch: "no glossary term matches \"{label}\" in {language}"
        case .glossaryMissing: "no glossary found (Resources/Glossary/*.tbx)"
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
        case .stringsGrammarForm:
            "\"{key}\": \"{form}\" leaves the grammar to the reader; let the value choose it ({hint})"
        case .stringsSourceChanged: "source text of \"{key}\" differs from the source catalog's"
        case .stringsPlaceholders:
            "placeholders of \"{key}\" differ from the source: expected {expected}, found {found}"
        case .stringsPluralCategories: "\"{key}\": plural {name} lacks the {locale} categories {missing}"
        case .stringsSyntax: "\"{key}\": message syntax error at column {column}: {problem}"
        case .stringsNoSource: "no source catalog (en-US) among the catalogs checked"
        case .stringsNoCatalogs: "no .xlf catalogs found"
        case .helpStringsShowAbstract: "Show a message's text in the user's locale and which catalog answered."
        case .stringsAnsweredBy: "answered by {answered} for {requested}{fallback, select, yes { (fallback)} other {}}"
        case .stringsUnknownKey: "no catalog has the key \"{key}\""
        case .helpStringsExportAbstract: "Write the source catalog (en-US.xlf) from the program's own texts."
        case .stringsSummary:
            "{catalogs, plural, one {# catalog} other {# catalogs}} checked: {errors, plural, =0 {no problems} one {# problem} other {# problems}}"
        case .stringsStatsLine:
            "{locale}: {translated} of {total} translated ({percent}%), {reviewed} reviewed or final"
        case .renderRoles: "Roles: {roles}"
        case .renderConsequences: "Consequences"
        case .helpRenderAbstract: "Render an article's procedures as a printable checklist in your language."
        case .helpRenderFormat: "Output format: text, markdown, html or json."
        }
    }
}

extension Localizer {
    func text(_ key: DocsText, _ arguments: [String: MessageArgument] = [:]) -> String {
        text(key: key.rawValue, arguments)
    }
}
