import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkLocalization
import WaymarkValidation

/// The `waymark` command: guided, validated procedures from localized how-to articles.
public struct WaymarkCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "waymark",
            abstract: Localizer.current.text(.helpAbstract),
            discussion: "--locale LOCALE: " + Localizer.current.text(.helpLocale),
            version: WaymarkCommand.version,
            subcommands: [
                WalkCommand.self, SessionsCommand.self, SearchCommand.self, ArticlesCommand.self, IndexCommand.self,
                RenderCommand.self,
                InspectCommand.self, ValidateCommand.self,
                CustomersCommand.self,
                AuditCommand.self, StoreCommand.self, ServeCommand.self, OperatorsCommand.self,
                StringsCommand.self, GlossaryCommand.self, XliffCommand.self, TmCommand.self, ImportCommand.self,
            ]
        )
    }

    /// The version reported in SARIF output.
    static let version = "0.6.0"

    /// The process's environment, read once: Foundation makes a new dictionary of it at each
    /// `ProcessInfo.environment`, and a command asks for it several times (the walkthrough's start
    /// eight). Nothing in the command line tool changes its own environment.
    static let environment = ProcessInfo.processInfo.environment

    public init() {}

    /// Entry point: takes `--locale` from anywhere in the arguments (except after `import
    /// bilingual` and `xliff merge`, whose own `--locale` is the translation's language), sets up
    /// the localizer (so that even `--help` speaks the user's language), then runs the command.
    public static func start(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        holdStandardDescriptors()
        var rest: [String] = []
        var option: String?
        var i = 0
        // Commands whose own `--locale` names the language of what they write (a translation):
        // after them, `--locale` is theirs.
        let ownLocale: [(String, String)] = [("import", "bilingual"), ("xliff", "merge")]
        func localeIsTheCommands() -> Bool {
            ownLocale.contains { command, sub in
                zip(rest, rest.dropFirst()).contains { $0 == command && $1 == sub }
            }
        }
        while i < arguments.count {
            let a = arguments[i]
            if a == "--locale" || a.hasPrefix("--locale="), localeIsTheCommands() {
                rest.append(a)
                i += 1
                continue
            }
            if a == "--locale", i + 1 < arguments.count {
                option = arguments[i + 1]
                i += 2
                continue
            }
            if a.hasPrefix("--locale=") {
                option = String(a.dropFirst("--locale=".count))
                i += 1
                continue
            }
            rest.append(a)
            i += 1
        }
        guard let choice = LocaleNegotiation.choose(option: option, environment: WaymarkCommand.environment)
        else {
            let english = Localizer(locale: .source, catalogs: loadCatalogs(serving: .source))
            Present.error(english.text(.unknownLocale, ["locale": .string(option ?? "")]), english)
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        // The walkthrough's usual arguments are read before the catalogs, so that its store opens
        // on another thread while they are read.
        var walk: (arguments: WalkCommand.QuickArguments, opening: StoreOpening?)?
        if rest.first == "walk", let arguments = WalkCommand.QuickArguments(Array(rest.dropFirst())) {
            walk = (arguments, StoreOpening(arguments.location))
        }
        // The command CI runs most, when its arguments are plain: read without ArgumentParser,
        // and run while another thread reads the catalogs (its run waits for them before it
        // writes anything but its cache).
        if rest.first == "validate", choice.source != "--locale", HelpFormatter.request(rest) == nil,
            let request = ValidateCommand.quick(rest.dropFirst())
        {
            Localizer.current = Localizer(
                locale: choice.tag, pending: PendingCatalogs(serving: choice.tag))
            // And the parser's tables, which the first article waits for, while the configuration
            // and the tree are read.
            DispatchQueue.global().async { Validator.prepare() }
            perform(arguments: rest) { try request.run() }
        }
        // Only the chosen locale's languages are read before the command starts.
        let catalogs = loadCatalogs(serving: choice.tag)
        if choice.source == "--locale", let catalogs,
            !choice.tag.fallbackChain.dropLast().contains(where: { catalogs.catalog(serving: $0) != nil }),
            choice.tag != .source
        {
            let english = Localizer(locale: .source, catalogs: catalogs)
            let available = catalogs.locales.map(\.description).joined(separator: ", ")
            Present.error(
                english.text(
                    .unsupportedLocale, ["locale": .string(choice.tag.description), "available": .string(available)]),
                english)
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        Localizer.current = Localizer(locale: choice.tag, catalogs: catalogs)
        // Help in the user's language, headings too (ArgumentParser's own are English).
        if let path = HelpFormatter.request(rest),
            let help = HelpFormatter.render(
                path, width: WaymarkCommand.environment["COLUMNS"].flatMap(Int.init).map { max(40, $0) } ?? 80)
        {
            print(help)
            Foundation.exit(0)
        }
        perform(arguments: rest) {
            // The walkthrough is parsed as itself, not through the whole command tree: reading
            // every command's declared options costs the walkthrough's first screen milliseconds.
            if let walk {
                try walk.arguments.command().run(opening: walk.opening)
                return
            }
            if rest.first == "walk" {
                try WalkCommand.parse(Array(rest.dropFirst())).run()
                return
            }
            if rest.first == "validate", let request = ValidateCommand.quick(rest.dropFirst()) {
                try request.run()
                return
            }
            var command = try quickParse(rest) ?? parseAsRoot(rest)
            try command.run()
        }
    }

    /// Runs a command and exits: with 0 when it returns, else with its error's status, a usage
    /// error (in `arguments`) told in the user's language.
    static func perform(arguments rest: [String], _ body: () throws -> Void) -> Never {
        do {
            try body()
        } catch {
            // A usage error (ArgumentParser's, or a command's own validation) in the user's
            // language; anything else as ArgumentParser reports it.
            // (An `ExitCode` was thrown by a command that has already said why.)
            if !(error is ExitCode), exitCode(for: error) == ExitStatus.usage {
                StandardError.write(HelpFormatter.usageError(error, arguments: rest))
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            // A status, which has nothing to print: ArgumentParser would make the command's help
            // (through reflection) to find that out, milliseconds at the end of every run that
            // exits with findings.
            if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
            exit(withError: error)
        }
        Foundation.exit(0)
    }
}

extension WaymarkCommand {
    /// The command `arguments` name, parsed as itself rather than through the whole command tree:
    /// ArgumentParser reads every command's declared options (through reflection) before it
    /// parses, which is half of a short command's start. `nil` when they do not name a command,
    /// ask for something only the whole tree answers (its version, a completion script, help),
    /// or do not parse: the whole tree then parses them again, so that what the user is told
    /// is what it says.
    static func quickParse(_ arguments: [String]) -> (any ParsableCommand)? {
        guard let name = arguments.first,
            let type = configuration.subcommands.first(where: { $0._commandName == name }),
            !arguments.contains(where: { $0.hasPrefix("--generate-completion") || $0.hasPrefix("--experimental") })
        else { return nil }
        return try? type.parseAsRoot(Array(arguments.dropFirst()))
    }

    /// The shipped catalogs, those of `locale`'s languages read now; on a problem, says so and exits.
    static func loadCatalogs(serving locale: LocaleTag) -> MessageCatalogs? {
        do throws(CatalogError) {
            return try readCatalogs(serving: locale)
        } catch {
            catalogsUnreadable(error)
        }
    }

    /// The shipped catalogs, those of `locale`'s languages read now; `nil` when there are none.
    static func readCatalogs(serving locale: LocaleTag) throws(CatalogError) -> MessageCatalogs? {
        guard let directory = MessageCatalogs.defaultDirectory(environment: environment) else { return nil }
        return try MessageCatalogs.load(from: directory, serving: locale)
    }

    /// Says what is wrong with the catalogs, in English (there are none to say it in), and exits.
    static func catalogsUnreadable(_ error: CatalogError) -> Never {
        let english = Localizer(locale: .source, catalogs: nil)
        Present.error(english.text(.catalogUnreadable, ["detail": .string("\(error)")]), english)
        Foundation.exit(1)
    }

    /// Started with standard input, output or error closed, the first file opened would take its
    /// number, and a report meant for standard output would be written into it. Each closed one is
    /// held by `/dev/null` opened for reading: reading it gives nothing, writing to it fails and
    /// the command says so.
    static func holdStandardDescriptors() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let held = open("/dev/null", O_RDONLY)
            if held >= 0, held != fd {
                dup2(held, fd)
                close(held)
            }
        }
    }
}

/// Process exit codes shared by every command.
enum ExitStatus {
    static let findings = ExitCode(1)
    static let usage = ExitCode(64)
}

/// Writes to standard error, with terminal controls in the text made visible (only line breaks
/// and tabs stay): an error that quotes a file name or an article cannot drive the terminal.
enum StandardError {
    static func write(_ text: String) {
        let safe = TerminalText.visible(text, keeping: .lineBreaks)
        FileHandle.standardError.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
    }
}

/// Every line the command line prints to standard output comes through here (it stands in for
/// Swift's `print` in this module): terminal controls that came with the data are made visible,
/// and only line breaks and tabs that the program laid out stay. JSON output is unchanged by it,
/// since its writer already escapes every such character.
func print(_ text: String, terminator: String = "\n") {
    Swift.print(TerminalText.visible(text, keeping: .lineBreaks), terminator: terminator)
}
