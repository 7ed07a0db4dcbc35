import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkLocalization
import WaymarkTranslation
import WaymarkValidation

/// `waymark tm export ROOT --output FILE.tmx`: a docs tree's aligned units as a TMX translation memory.
struct TmCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "tm", abstract: Localizer.current.text(TranslationText.helpTmAbstract),
            subcommands: [Export.self])
    }

    struct Export: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "export", abstract: Localizer.current.text(TranslationText.helpTmExportAbstract))
        }

        @Argument(help: ArgumentHelp(Localizer.current.text(TranslationText.helpTmRoot)))
        var root: String

        @Option(help: ArgumentHelp(Localizer.current.text(DocsText.helpValidateConfig)))
        var config: String?

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpOutput)))
        var output: String?

        func run() throws {
            let l = Localizer.current
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                Present.error(l.text(.fileNotFound, ["path": .string(root)]), l)
                throw ExitStatus.findings
            }
            var configuration = ValidationConfiguration()
            let path =
                config
                ?? {
                    let candidate = (root as NSString).appendingPathComponent(ValidationConfiguration.fileName)
                    return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
                }()
            if let path {
                do throws(ConfigurationError) {
                    configuration = try ValidationConfiguration.load(path: path)
                } catch {
                    var place = error.path
                    if let range = error.range { place += ":\(range.start.line):\(range.start.column)" }
                    Present.error(place + ": " + l.text(key: error.text.rawValue, strings: error.arguments), l)
                    throw ExitStatus.findings
                }
            }
            let groups = LocalizedTree.files(under: root, configuration: configuration)
            let articles = groups.map { key, files in
                (
                    key: key,
                    versions: files.map {
                        TranslationMemory.Version(locale: $0.locale, article: $0.article, text: $0.text)
                    }
                )
            }
            let tmx = TranslationMemory.tmx(articles, sourceLocale: configuration.sourceLocale)
            try XliffCommand.write(tmx, to: output)
        }
    }
}
