import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkLibrary

/// `waymark articles list`: every article of the library, titled in the user's language.
struct ArticlesCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "articles", abstract: Localizer.current.text(LibraryText.helpArticlesAbstract),
            subcommands: [List.self])
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list", abstract: Localizer.current.text(LibraryText.helpArticlesList))
        }
        @Option(help: ArgumentHelp(Localizer.current.text(.helpOutputFormat))) var format: OutputFormat = .text
        @OptionGroup var docs: DocsOptions

        func run() throws {
            let l = Localizer.current
            let (index, _) = try docs.index(try docs.library(), progress: format == .text)
            let articles: [LibraryArticle]
            do {
                articles = try index.articles(for: l.locale)
            } catch {
                Present.error("\(error)", l)
                throw ExitStatus.findings
            }
            switch format {
            case .json:
                print(
                    JSONValue.array(
                        articles.map { a in
                            .object([
                                ("path", .string(a.path)), ("title", .string(a.title)), ("locale", .string(a.locale)),
                                ("locales", .array(a.locales.map(JSONValue.string))),
                                ("procedures", .int(a.procedures)),
                                ("binding", .bool(WalkSetup.bindingPath(a.path) != nil)),
                            ])
                        }
                    ).serialized())
            case .text:
                var out = ""
                for a in articles {
                    out +=
                        l.text(
                            LibraryText.articlesLine,
                            [
                                "path": .string(a.path), "title": .string(a.title),
                                "locales": .string(a.locales.joined(separator: ", ")), "procedures": .int(a.procedures),
                                "binding": .string(
                                    WalkSetup.bindingPath(a.path) != nil ? l.text(LibraryText.articlesBound) : ""),
                            ]) + "\n"
                }
                print(out, terminator: "")
            }
        }
    }
}
