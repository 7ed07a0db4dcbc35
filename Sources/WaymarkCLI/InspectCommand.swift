import ArgumentParser
import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLocalization
import WaymarkValidation

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
        // What the docset's docfx.json adds: the published page's front matter has it too.
        let top = root.map { ArticleParser.absolute($0) } ?? "/"
        let (docfx, treePath) = DocFXMetadata.around(ArticleParser.absolute(path), root: top)
        let supplied = docfx.supplied(for: treePath)
        let published = docfx.isArticle(treePath)
        switch format {
        case .tree:
            print(ArticleTreeDumper.dump(article), terminator: "")
            if !supplied.isEmpty {
                print(localizer.text(.inspectDocfxHeader))
                for s in supplied {
                    let arguments: [String: MessageArgument] = [
                        "key": .string(s.key), "value": .string(InspectCommand.shown(s.value)),
                        "origin": .string(InspectCommand.shown(s.origin, root: top)),
                    ]
                    let own = article.frontMatter.entry(s.key) != nil
                    print("  " + localizer.text(own ? .inspectDocfxOverridden : .inspectDocfxEntry, arguments))
                }
            }
        case .json:
            var json = article.json
            if case .object(var fields) = json {
                fields.append(
                    (
                        "docfxMetadata",
                        .array(
                            supplied.map { s in
                                .object([
                                    ("key", .string(s.key)), ("value", s.value.json),
                                    ("origin", .string(InspectCommand.shown(s.origin, root: top))),
                                    ("overridden", .bool(article.frontMatter.entry(s.key) != nil)),
                                ])
                            })
                    ))
                fields.append(("effectiveMetadata", article.frontMatter.merging(supplied).json))
                fields.append(("publishedAsArticle", published.map(JSONValue.bool) ?? .null))
                json = .object(fields)
            }
            print(json.serialized())
        }
        if published == false {
            Present.note(localizer.text(.inspectDocfxNotArticle, ["path": .string(path)]), localizer)
        }
        for diagnostic in article.diagnostics {
            StandardError.write(diagnostic.formatted(path: article.path))
        }
        if article.hasErrors { throw ExitStatus.findings }
    }
}

extension InspectCommand {
    /// A metadata value on one line: text as it is, lists in brackets.
    static func shown(_ value: MetadataValue) -> String {
        switch value {
        case .scalar(let s): s
        case .sequence(let items): "[" + items.map(shown).joined(separator: ", ") + "]"
        case .mapping(let entries): "{" + entries.map { "\($0.key): \(shown($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// An origin as the user can find it: a path under the filesystem's root shown absolute.
    static func shown(_ origin: String, root: String) -> String {
        root == "/" ? "/" + origin : origin
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
