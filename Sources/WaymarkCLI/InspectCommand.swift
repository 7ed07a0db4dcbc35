import ArgumentParser
import Foundation
import WaymarkContent
import WaymarkCore

/// `waymark inspect FILE`: the article's step graph as a tree or as JSON.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how Waymark reads an article: front matter, blocks and step graph.",
        discussion: """
            Diagnostics are printed to standard error as 'path:line:col: severity: message [id]'.
            The exit status is 1 when the article has errors, 0 otherwise.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case tree, json
    }

    @Argument(help: "The Markdown article to read.")
    var file: String

    @Option(help: "Output format: tree or json.")
    var format: Format = .tree

    @Option(help: "Docs root: includes may not reach outside it (default: found from the file's path).")
    var root: String?

    func run() throws {
        let parser = ArticleParser(options: ArticleParser.Options(root: root))
        let article: Article
        do {
            article = try parser.parse(fileAt: file)
        } catch let error as ContentError {
            StandardError.write("waymark: error: \(error)")
            throw ExitStatus.findings
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
