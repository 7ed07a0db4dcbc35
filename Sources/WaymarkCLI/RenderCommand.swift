import ArgumentParser
import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLocalization
import WaymarkWalkthrough

extension ChecklistRenderer.Format: ExpressibleByArgument {}

/// `waymark render ARTICLE --format text|markdown|html|json`: a printable checklist in the user's locale.
struct RenderCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "render", abstract: Localizer.current.text(.helpRenderAbstract))
    }

    @Argument(help: ArgumentHelp(Localizer.current.text(.helpWalkArticle))) var article: String
    @Option(help: ArgumentHelp(Localizer.current.text(.helpRenderFormat))) var format: ChecklistRenderer.Format = .text
    @OptionGroup var docs: DocsOptions

    func run() throws {
        let l = Localizer.current
        var path = article
        var locale = l.locale.description
        // A file path as it is; otherwise a docs path, resolved through the library's sources.
        if !FileManager.default.fileExists(atPath: article), let resolved = try docs.resolve(article) {
            path = resolved.path
            locale = resolved.locale.description
        }
        let parsed: Article
        do {
            parsed = try ArticleParser().parse(fileAt: path)
        } catch let error as ContentError {
            Present.error(l.describe(error), l)
            throw ExitStatus.findings
        }
        let renderer = ChecklistRenderer(
            article: parsed, locale: parsed.locale ?? locale, strings: CatalogStrings(catalogs: l.catalogs))
        print(renderer.render(format), terminator: "")
    }
}
