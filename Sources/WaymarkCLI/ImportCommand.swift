import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkLocalization
import WaymarkTranslation

/// `waymark import bilingual FILE --source EN --locale L --output ARTICLE [--xliff FILE]`.
struct ImportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "import", abstract: Localizer.current.text(TranslationText.helpImportAbstract),
            subcommands: [Bilingual.self])
    }

    struct Bilingual: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "bilingual", abstract: Localizer.current.text(TranslationText.helpBilingualAbstract))
        }

        @Argument(help: ArgumentHelp(Localizer.current.text(TranslationText.helpBilingualFile)))
        var file: String

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpBilingualSource)))
        var source: String

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpTargetLocale)))
        var locale: String

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpOutput)))
        var output: String?

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpBilingualXliff)))
        var xliff: String?

        func run() throws {
            let l = Localizer.current
            guard let tag = LocaleTag(locale) else {
                throw ValidationError(l.text(.unknownLocale, ["locale": .string(locale)]))
            }
            let bytes: [UInt8]
            do {
                bytes = try FileReader.read(file, limit: 8 * 1024 * 1024)
            } catch {
                if case .notFound = error {
                    Present.error(l.text(.fileNotFound, ["path": .string(file)]), l)
                } else {
                    Present.error(l.text(.fileUnreadable, ["path": .string(file), "reason": .string("\(error)")]), l)
                }
                throw ExitStatus.findings
            }
            guard let page = String(validating: bytes, as: UTF8.self) else {
                Present.error(
                    l.text(.fileUnreadable, ["path": .string(file), "reason": .string("not UTF-8 text")]), l)
                throw ExitStatus.findings
            }
            let (article, text) = try XliffCommand.read(source)
            let result = BilingualImport.align(page: page, source: article, text: text)
            // Nothing is dropped silently: every line that found no English sentence is named.
            for line in result.unaligned {
                StandardError.write(
                    "\(file):\(line.line): "
                        + l.text(TranslationText.bilingualUnaligned, ["text": .string(String(line.text.prefix(80)))]))
            }
            StandardError.write(
                l.text(
                    TranslationText.bilingualSummary,
                    [
                        "aligned": .int(result.pairs.count), "unaligned": .int(result.unaligned.count),
                        "missing": .int(result.missing.count),
                    ]))
            let markdown = BilingualImport.article(
                source: article, text: text, pairs: result.pairs, locale: tag.description)
            try XliffCommand.write(markdown, to: output)
            if let xliff {
                let document = ArticleXLIFF.extract(
                    source: article, text: text,
                    plainTargets: Dictionary(
                        result.pairs.map { ($0.key, $0.translation) }, uniquingKeysWith: { a, _ in a }),
                    options: .init(
                        sourceLocale: article.locale ?? "en-US", targetLocale: tag.description,
                        original: (source as NSString).lastPathComponent))
                try XliffCommand.write(document, to: xliff)
            }
        }
    }
}
