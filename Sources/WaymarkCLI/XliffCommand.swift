import ArgumentParser
import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLocalization
import WaymarkTranslation
import WaymarkValidation

/// `waymark xliff extract|merge`: an article out to translators as XLIFF 2.0, and back.
struct XliffCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "xliff", abstract: Localizer.current.text(TranslationText.helpXliffAbstract),
            subcommands: [Extract.self, Merge.self])
    }

    struct Extract: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "extract", abstract: Localizer.current.text(TranslationText.helpExtractAbstract))
        }

        @Argument(help: ArgumentHelp(Localizer.current.text(TranslationText.helpExtractSource)))
        var source: String

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpTargetLocale)))
        var targetLocale: String

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpTranslation)))
        var translation: String?

        @Flag(help: ArgumentHelp(Localizer.current.text(TranslationText.helpOnlyChanged)))
        var onlyChanged = false

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpPreviousSource)))
        var previousSource: String?

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpOutput)))
        var output: String?

        func validate() throws {
            if onlyChanged, translation == nil {
                throw ValidationError(Localizer.current.text(TranslationText.onlyChangedNeedsTranslation))
            }
        }

        func run() throws {
            let l = Localizer.current
            guard let locale = LocaleTag(targetLocale) else {
                throw ValidationError(l.text(.unknownLocale, ["locale": .string(targetLocale)]))
            }
            let (article, text) = try XliffCommand.read(source)
            let translated = try translation.map { try XliffCommand.read($0) }
            // The source as it was when the translation was made: a file named, else the commit the
            // translation records (`ms.sourcegitcommit`) when the source is in a git work tree.
            var before = try previousSource.map { try XliffCommand.read($0) }
            if before == nil, let commit = translated?.article.frontMatter.sourceGitCommit {
                let absolute = ArticleParser.absolute(source)
                if let git = GitTree.open(at: (absolute as NSString).deletingLastPathComponent),
                    let bytes = git.contents(of: absolute, at: commit)
                {
                    let old = ArticleParser().parseKeepingText(bytes: bytes, path: absolute)
                    before = (old.article, old.text)
                }
            }
            let previous =
                translated.map {
                    ArticleXLIFF.previousSource(translation: $0.article, sourceText: text, previous: before)
                } ?? .unknown
            let glossary = try? GlossaryCommand.load()
            let language = locale.language
            let xliff = ArticleXLIFF.extract(
                source: article, text: text, translation: translated.map { ($0.article, $0.text) },
                previous: previous,
                options: ArticleXLIFF.Options(
                    sourceLocale: article.locale ?? "en-US", targetLocale: locale.description,
                    original: (source as NSString).lastPathComponent, onlyChanged: onlyChanged,
                    glossary: { label in
                        guard let match = glossary?.lookup(label, language: "en"), match.kind != .partial else {
                            return []
                        }
                        return match.concept.terms[language] ?? []
                    }))
            try XliffCommand.write(xliff, to: output)
        }
    }

    struct Merge: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "merge", abstract: Localizer.current.text(TranslationText.helpMergeAbstract))
        }

        @Argument(help: ArgumentHelp(Localizer.current.text(TranslationText.helpMergeFile)))
        var file: String

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpMergeLocale)))
        var locale: String?

        @Option(help: ArgumentHelp(Localizer.current.text(TranslationText.helpOutput)))
        var output: String?

        func run() throws {
            let l = Localizer.current
            let bytes: [UInt8]
            do {
                bytes = try FileReader.read(file, limit: 8 * 1024 * 1024)
            } catch {
                Present.error(l.text(.fileUnreadable, ["path": .string(file), "reason": .string("\(error)")]), l)
                throw ExitStatus.findings
            }
            do {
                let merged = try ArticleXLIFF.merge(bytes, expectedLocale: locale)
                try XliffCommand.write(merged.markdown, to: output)
            } catch let error as ArticleXLIFF.MergeError {
                StandardError.write(
                    "\(file):\(error.line):\(error.column): "
                        + l.text(
                            key: "cli.xliff.error-line",
                            ["message": .string(l.text(key: error.problem.rawValue, strings: error.arguments))]))
                throw ExitStatus.findings
            }
        }
    }

    /// An article and its text, or a located error and exit status 1.
    static func read(_ path: String) throws -> (article: Article, text: String) {
        let l = Localizer.current
        do {
            let bytes: [UInt8]
            do {
                bytes = try FileReader.read(path, limit: ArticleParser.Options().maximumFileSize)
            } catch {
                if case .notFound = error { throw ContentError.notFound(path: path) }
                throw ContentError.unreadable(path: path, reason: "\(error)")
            }
            let (article, text) = ArticleParser().parseKeepingText(bytes: bytes, path: path)
            for d in article.diagnostics where d.severity == .error {
                var d = d
                d.message = l.message(of: d)
                StandardError.write(d.formatted(path: path))
            }
            if article.hasErrors { throw ExitStatus.findings }
            return (article, text)
        } catch let error as ContentError {
            Present.error(l.describe(error), l)
            throw ExitStatus.findings
        }
    }

    /// `text` to `path` (a new file renamed over the old one, `FileWriter`), or to standard output.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let l = Localizer.current
        do {
            try FileWriter.replace(path, with: Array(text.utf8))
        } catch {
            Present.error(l.text(.fileUnwritable, ["path": .string(path), "reason": .string("\(error)")]), l)
            throw ExitStatus.findings
        }
    }
}

/// Texts of the translation commands, by stable key with their English source text.
enum TranslationText: String, CaseIterable {
    case helpXliffAbstract = "cli.help.xliff.abstract"
    case helpExtractAbstract = "cli.help.xliff.extract.abstract"
    case helpExtractSource = "cli.help.xliff.extract.source"
    case helpTargetLocale = "cli.help.xliff.extract.target-locale"
    case helpTranslation = "cli.help.xliff.extract.translation"
    case helpOutput = "cli.help.xliff.output"
    case helpMergeAbstract = "cli.help.xliff.merge.abstract"
    case helpMergeFile = "cli.help.xliff.merge.file"
    case helpMergeLocale = "cli.help.xliff.merge.locale"
    case errorLine = "cli.xliff.error-line"
    case helpOnlyChanged = "cli.help.xliff.extract.only-changed"
    case helpImportAbstract = "cli.help.import.abstract"
    case helpBilingualAbstract = "cli.help.import.bilingual.abstract"
    case helpBilingualFile = "cli.help.import.bilingual.file"
    case helpBilingualSource = "cli.help.import.bilingual.source"
    case helpBilingualXliff = "cli.help.import.bilingual.xliff"
    case bilingualUnaligned = "cli.import.bilingual.unaligned"
    case bilingualSummary = "cli.import.bilingual.summary"
    case helpTmAbstract = "cli.help.tm.abstract"
    case helpTmExportAbstract = "cli.help.tm.export.abstract"
    case helpTmRoot = "cli.help.tm.export.root"
    case helpPreviousSource = "cli.help.xliff.extract.previous-source"
    case onlyChangedNeedsTranslation = "cli.xliff.only-changed-needs-translation"

    var english: String {
        switch self {
        case .helpXliffAbstract: "Hand an article to translators as XLIFF 2.0, and merge their work back."
        case .helpExtractAbstract:
            "Write an article's translatable text as XLIFF 2.0: steps by StepID, Markdown as inline codes."
        case .helpExtractSource: "The source article (English Markdown)."
        case .helpTargetLocale: "The language to translate into, such as tr-TR."
        case .helpTranslation: "An existing translation of the article: its aligned text becomes each unit's target."
        case .helpOutput: "Write to this file instead of standard output."
        case .helpMergeAbstract:
            "Write the translated article from an XLIFF file made by extract: the source's structure, the targets' text."
        case .helpMergeFile: "The translated XLIFF file."
        case .helpMergeLocale: "Refuse the file unless it translates into this language."
        case .errorLine: "error: {message}"
        case .helpTmAbstract: "Translation memories for CAT tools."
        case .helpTmExportAbstract:
            "Write a docs tree's aligned units (steps by StepID, other blocks by position) as a TMX 1.4b translation memory."
        case .helpTmRoot: "The docs tree: one folder per locale (en-us, tr-tr, …)."
        case .helpImportAbstract: "Bring translations made elsewhere into the docs tree."
        case .helpBilingualAbstract:
            "Read a rendered bilingual page (each translated sentence followed by its English original) into a translated article."
        case .helpBilingualFile: "The bilingual page, as text."
        case .helpBilingualSource: "The English article the page was translated from."
        case .helpBilingualXliff: "Also write the aligned pairs as XLIFF 2.0 to this file."
        case .bilingualUnaligned: "note: no sentence of the English article ends this line; it is not imported: {text}"
        case .bilingualSummary:
            "{aligned, plural, one {# line aligned} other {# lines aligned}}, {unaligned} not; {missing, plural, one {# unit of the English article stays} other {# units of the English article stay}} in English"
        case .helpOnlyChanged:
            "Leave out the units whose translation is up to date; the rest go as they are in the translation."
        case .helpPreviousSource:
            "The source as it was when the translation was made, to tell which units changed (default: the commit the translation records, from git)."
        case .onlyChangedNeedsTranslation: "--only-changed needs --translation"
        }
    }
}

extension Localizer {
    func text(_ key: TranslationText, _ arguments: [String: MessageArgument] = [:]) -> String {
        text(key: key.rawValue, arguments)
    }
}
