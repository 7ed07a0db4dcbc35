import WaymarkLocalization

/// Texts of the help library (`search`, `index`, `articles`, walking any article), by stable key
/// with their English source text, like `UIString`.
enum LibraryText: String, CaseIterable {
    case helpSearchAbstract = "cli.help.search.abstract"
    case helpSearchQuery = "cli.help.search.query"
    case helpSearchLimit = "cli.help.search.limit"
    case helpDocs = "cli.help.docs"
    case helpIndexAbstract = "cli.help.index.abstract"
    case searchResult = "search.result"
    case searchResultDetail = "search.result-detail"
    case searchFallback = "search.fallback"
    case searchNone = "search.none"
    case searchNotATree = "search.not-a-tree"
    case indexProgress = "index.progress"
    case indexSummary = "index.summary"
    case indexUnusable = "index.unusable"
    case helpWalkProcedure = "cli.help.walk.procedure"
    case helpArticlesAbstract = "cli.help.articles.abstract"
    case helpArticlesList = "cli.help.articles.list"
    case articlesLine = "articles.line"
    case articlesBound = "articles.bound"
    case helpDocsConfig = "cli.help.docs.config"

    var english: String {
        switch self {
        case .helpSearchAbstract: "Search the articles of the docs trees in your language."
        case .helpSearchQuery: "What to look for, as you would type it."
        case .helpSearchLimit: "Show at most this many results (default 10)."
        case .helpDocs:
            "A docs tree: one folder per locale (en-us, tr-tr, …). Repeatable; WAYMARK_DOCS and the config file add more."
        case .helpIndexAbstract: "Build or bring up to date the search index of the docs trees."
        case .searchResult: "{rank}. {title}"
        case .searchResultDetail: "{path} ({locale}, {procedures, plural, one {# procedure} other {# procedures}})"
        case .searchFallback: "not translated into {requested}; shown in {locale}"
        case .searchNone: "No article matches \"{query}\"."
        case .searchNotATree: "{path} is not a docs tree: it has no locale folder such as en-us or tr-tr"
        case .indexProgress: "indexing {done} of {total} articles"
        case .indexSummary:
            "{count, plural, one {# article} other {# articles}} in the index ({indexed} indexed, {removed} removed, {unchanged} unchanged): {path}"
        case .indexUnusable: "the search index {path} cannot be used: {reason}"
        case .helpWalkProcedure: "The procedure to walk, by its id (inspect lists them), when the article has several."
        case .helpArticlesAbstract: "The articles of the docs trees."
        case .helpArticlesList: "List every article with its title in your language, its locales and procedures."
        case .articlesLine:
            "{path}  {title}  [{locales}]  {procedures, plural, one {# procedure} other {# procedures}}{binding}"
        case .articlesBound: "  (bound to the customer model)"
        case .helpDocsConfig:
            "A validation configuration (.waymark.yml) that describes the --docs trees: their locale folders and path maps."
        }
    }
}

extension Localizer {
    func text(_ key: LibraryText, _ arguments: [String: MessageArgument] = [:]) -> String {
        text(key: key.rawValue, arguments)
    }
}
