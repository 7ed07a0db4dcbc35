import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkLibrary
import WaymarkLocalization

/// `--docs DIR`, shared by the commands that read the help library.
struct DocsOptions: ParsableArguments {
    @Option(name: .customLong("docs"), help: ArgumentHelp(Localizer.current.text(LibraryText.helpDocs)))
    var docs: [String] = []

    @Option(help: ArgumentHelp(Localizer.current.text(LibraryText.helpDocsConfig)))
    var config: String?

    /// The library, after saying which named folders are not docs trees (a usage error).
    func library() throws -> DocsLibrary {
        let (library, invalid) = DocsLibrary.sources(
            explicit: docs, configuration: config, environment: WaymarkCommand.environment)
        let l = Localizer.current
        for path in invalid {
            Present.error(l.text(LibraryText.searchNotATree, ["path": .string(path)]), l)
        }
        if !invalid.isEmpty { throw ExitStatus.usage }
        return library
    }

    /// The file of docs path `docsPath` for the user's locale, along the fallback chain, from the
    /// first source that has it; `nil` when none has.
    func resolve(_ docsPath: String) throws -> (path: String, locale: LocaleTag)? {
        try library().resolve(docsPath, locale: Localizer.current.locale)
    }

    /// The library's index, up to date; `progress` shows a line on a terminal.
    func index(_ library: DocsLibrary, progress: Bool) throws -> (SearchIndex, SearchIndex.UpdateSummary) {
        let l = Localizer.current
        let path = SearchIndex.defaultPath(for: library, environment: WaymarkCommand.environment)
        do {
            let index = try SearchIndex(path: path)
            let line = ProgressLine(
                enabled: progress && isatty(2) == 1, localizer: l, key: LibraryText.indexProgress.rawValue)
            let summary = try index.update(library.files()) { done, total in line.update(done, total) }
            line.clear()
            return (index, summary)
        } catch {
            Present.error(l.text(LibraryText.indexUnusable, ["path": .string(path), "reason": .string("\(error)")]), l)
            throw ExitStatus.findings
        }
    }
}

/// `waymark search QUERY`: the articles that answer a question, in the user's language first.
struct SearchCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "search", abstract: Localizer.current.text(LibraryText.helpSearchAbstract))
    }

    @Argument(help: ArgumentHelp(Localizer.current.text(LibraryText.helpSearchQuery))) var query: String
    @Option(help: ArgumentHelp(Localizer.current.text(LibraryText.helpSearchLimit))) var limit: Int = 10
    @Option(help: ArgumentHelp(Localizer.current.text(.helpOutputFormat))) var format: OutputFormat = .text
    @OptionGroup var docs: DocsOptions

    func validate() throws {
        if limit < 1 { throw ValidationError(Localizer.current.text(SafetyText.negativePaging)) }
    }

    func run() throws {
        let l = Localizer.current
        let (index, _) = try docs.index(try docs.library(), progress: format == .text)
        let results: [SearchResult]
        do {
            results = try index.search(query, locale: l.locale, limit: limit)
        } catch {
            Present.error("\(error)", l)
            throw ExitStatus.findings
        }
        switch format {
        case .json:
            print(JSONValue.array(results.map(\.json)).serialized())
        case .text:
            if results.isEmpty { print(l.text(LibraryText.searchNone, ["query": .string(query)])) }
            for (rank, r) in results.enumerated() {
                print(l.text(LibraryText.searchResult, ["rank": .int(rank + 1), "title": .string(r.title)]))
                print(
                    "   "
                        + l.text(
                            LibraryText.searchResultDetail,
                            ["path": .string(r.path), "locale": .string(r.locale), "procedures": .int(r.procedures)]))
                if r.fallback {
                    print(
                        "   "
                            + l.text(
                                LibraryText.searchFallback,
                                ["requested": .string(l.locale.description), "locale": .string(r.locale)]))
                }
                if !r.snippet.isEmpty { print("   " + TerminalText.visible(r.snippet)) }
            }
        }
    }
}

/// `waymark index`: builds the search index, or brings it up to date, and says what it did.
struct IndexCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "index", abstract: Localizer.current.text(LibraryText.helpIndexAbstract))
    }

    @OptionGroup var docs: DocsOptions

    func run() throws {
        let l = Localizer.current
        let library = try docs.library()
        let (index, summary) = try docs.index(library, progress: true)
        print(
            l.text(
                LibraryText.indexSummary,
                [
                    "count": .int((try? index.count()) ?? 0), "indexed": .int(summary.indexed),
                    "removed": .int(summary.removed), "unchanged": .int(summary.unchanged), "path": .string(index.path),
                ]))
    }
}

extension SearchResult {
    var json: JSONValue {
        .object([
            ("path", .string(path)), ("locale", .string(locale)), ("title", .string(title)),
            ("procedures", .int(procedures)), ("snippet", .string(snippet)), ("fallback", .bool(fallback)),
        ])
    }
}
