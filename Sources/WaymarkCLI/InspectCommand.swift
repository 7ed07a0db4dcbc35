import ArgumentParser
import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLocalization

/// `waymark inspect FILE`: the article's step graph as a tree or as JSON.
struct InspectCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "inspect",
            abstract: Localizer.current.text(.helpInspectAbstract),
            discussion: Localizer.current.text(.helpInspectDiscussion)
        )
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case tree, json
    }

    @Argument(help: ArgumentHelp(Localizer.current.text(.helpInspectFile)))
    var file: String

    @Option(help: ArgumentHelp(Localizer.current.text(.helpInspectFormat)))
    var format: Format = .tree

    @Option(help: ArgumentHelp(Localizer.current.text(.helpInspectRoot)))
    var root: String?

    @OptionGroup var docs: DocsOptions

    func run() throws {
        let localizer = Localizer.current
        let parser = ArticleParser(options: ArticleParser.Options(root: root))
        var article: Article
        var path = file
        var resolution: (path: String, locale: LocaleTag)?
        // A file path as it is; otherwise a docs path, resolved through the library's sources.
        if !FileManager.default.fileExists(atPath: file), let resolved = try docs.resolve(file) {
            resolution = resolved
            let cwd = FileManager.default.currentDirectoryPath + "/"
            path = resolved.path.hasPrefix(cwd) ? String(resolved.path.dropFirst(cwd.count)) : resolved.path
        }
        do {
            article = try parser.parse(fileAt: path)
        } catch let error as ContentError {
            Present.error(localizer.describe(error), localizer)
            throw ExitStatus.findings
        }
        if let resolution {
            if resolution.locale.language != localizer.locale.language {
                let arguments: [String: MessageArgument] = [
                    "path": .string(file), "requested": .string(localizer.locale.description),
                    "locale": .string(resolution.locale.description),
                ]
                Present.note(localizer.text(.articleFallback, arguments), localizer)
            }
            if article.frontMatter.translationType == .machine {
                let notice = localizer.text(
                    .articleMachineTranslated, ["locale": .string(resolution.locale.description)])
                Present.note(notice, localizer)
            }
        }
        for index in article.diagnostics.indices {
            article.diagnostics[index].message = localizer.message(of: article.diagnostics[index])
        }
        switch format {
        case .tree: print(ArticleTreeDumper.dump(article), terminator: "")
        case .json: print(article.json.serialized())
        }
        for diagnostic in article.diagnostics {
            StandardError.write(diagnostic.formatted(path: article.path))
        }
        if article.hasErrors { throw ExitStatus.findings }
    }
}

extension Localizer {
    /// An I/O failure reading an article, in the user's language.
    func describe(_ error: ContentError) -> String {
        switch error {
        case .notFound(let path): text(.fileNotFound, ["path": .string(path)])
        case .isDirectory(let path): text(.fileIsDirectory, ["path": .string(path)])
        case .unreadable(let path, let reason):
            text(.fileUnreadable, ["path": .string(path), "reason": .string(reason)])
        }
    }
}
