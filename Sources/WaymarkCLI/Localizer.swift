import Foundation
import Synchronization
import WaymarkContent
import WaymarkCore
import WaymarkLocalization
import WaymarkServer
import WaymarkTranslation
import WaymarkValidation
import WaymarkWalkthrough

/// Turns message keys into text in the user's locale, through the XLIFF catalogs when they are
/// found and the English source texts otherwise.
struct Localizer: Sendable {
    let locale: LocaleTag
    private let given: MessageCatalogs?
    private let pending: PendingCatalogs?
    private let formatter: MessageFormatter
    /// Parsed messages by key: reports render the same few messages thousands of times.
    private let cache = MessageCache()

    init(locale: LocaleTag, catalogs: MessageCatalogs?) {
        self.locale = locale
        given = catalogs
        pending = nil
        formatter = MessageFormatter(locale: locale.description)
    }

    /// A localizer whose catalogs are still being read: the first look-up waits for them.
    init(locale: LocaleTag, pending: PendingCatalogs) {
        self.locale = locale
        given = nil
        self.pending = pending
        formatter = MessageFormatter(locale: locale.description)
    }

    /// The catalogs, once they are read.
    var catalogs: MessageCatalogs? { pending.map { $0.catalogs } ?? given }

    /// The localizer the process uses; set once in `WaymarkCommand.start` before arguments are parsed.
    nonisolated(unsafe) static var current = Localizer(locale: .source, catalogs: nil)

    /// English source texts of every key: the CLI's own and the content module's diagnostics.
    static let sourceTexts: [String: String] = {
        var texts: [String: String] = [:]
        for s in UIString.allCases { texts[s.rawValue] = s.english }
        for s in DocsText.allCases { texts[s.rawValue] = s.english }
        for s in AccountText.allCases { texts[s.rawValue] = s.english }
        for s in SafetyText.allCases { texts[s.rawValue] = s.english }
        for s in LibraryText.allCases { texts[s.rawValue] = s.english }
        for s in StoreText.allCases { texts[s.rawValue] = s.english }
        for s in ServeText.allCases { texts[s.rawValue] = s.english }
        for s in TranslationText.allCases { texts[s.rawValue] = s.english }
        for (id, text) in TranslationMessages.sourceTexts { texts[id] = text }
        for (id, text) in ContentMessages.sourceTexts { texts[id] = text }
        for (id, text) in ValidationMessages.sourceTexts { texts[id] = text }
        for (id, text) in WebText.sourceTexts { texts[id] = text }
        for (id, text) in WalkText.sourceTexts { texts[id] = text }
        return texts
    }()

    func text(_ key: UIString, _ arguments: [String: MessageArgument] = [:]) -> String {
        text(key: key.rawValue, arguments)
    }

    func text(_ key: WalkText, _ arguments: [String: MessageArgument] = [:]) -> String {
        text(key: key.rawValue, arguments)
    }

    func text(key: String, _ arguments: [String: MessageArgument]) -> String {
        text(key: key) { arguments[$0] }
    }

    /// The message of `key` with string arguments, as findings carry them: a number is read as
    /// one (for plural choices) only when the message uses it.
    func text(key: String, strings arguments: [String: String]) -> String {
        text(key: key) { name in arguments[name].map { Int($0).map(MessageArgument.int) ?? .string($0) } }
    }

    /// The message of `key` as `write` makes it.
    private func text(key: String, argument unescaped: (String) -> MessageArgument?) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        write(key: key, argument: unescaped, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the message of `key` as UTF-8. Every string argument is one value from outside
    /// the catalog (a name, a path, a quoted text): its terminal controls, line feeds included,
    /// are made visible, so it can neither drive the terminal nor start a line of its own.
    private func write(key: String, argument unescaped: (String) -> MessageArgument?, to out: inout [UInt8]) {
        withoutActuallyEscaping(unescaped) { unescaped in
            let argument = { (name: String) -> MessageArgument? in
                guard case .string(let s)? = unescaped(name) else { return unescaped(name) }
                return .string(TerminalText.visible(s))
            }
            let (template, message) = parsed(key)
            if let message {
                formatter.write(message, argument: argument, to: &out)
            } else {
                out += template.utf8
            }
        }
    }

    /// The catalog's text of `key` and its parse (`nil` when it does not parse), once a process.
    private func parsed(_ key: String) -> (template: String, message: Message?) {
        if let cached = cache.message(key) { return cached }
        let template = template(key)
        let message = try? MessageParser.parse(template)
        cache.store(key, template: template, message: message)
        return (template, message)
    }

    /// The message pattern of `key` as the catalog writes it, placeholders unfilled.
    func template(_ key: String) -> String {
        catalogs?.lookup(key, locale: locale).text ?? Localizer.sourceTexts[key] ?? key
    }

    /// A diagnostic's message in the user's locale (numbers in its arguments become numbers). Its
    /// arguments are converted only as the message asks for them, not copied into a new dictionary
    /// first: a report puts tens of thousands of findings into words.
    func message(of diagnostic: Diagnostic) -> String {
        text(key: diagnostic.messageKey) { name in
            diagnostic.argument(name).map { Int($0).map(MessageArgument.int) ?? .string($0) }
        }
    }

    /// A note's message, its arguments read in place as a diagnostic's are.
    func message(of note: Diagnostic.Note) -> String {
        text(key: note.messageKey) { name in
            note.argument(name).map { Int($0).map(MessageArgument.int) ?? .string($0) }
        }
    }

    /// Appends `message(of:)` of a diagnostic as UTF-8.
    func write(messageOf diagnostic: Diagnostic, to out: inout [UInt8]) {
        write(
            key: diagnostic.messageKey,
            argument: { name in
                diagnostic.argument(name).map { Int($0).map(MessageArgument.int) ?? .string($0) }
            }, to: &out)
    }

    /// Appends `message(of:)` of a note as UTF-8.
    func write(messageOf note: Diagnostic.Note, to out: inout [UInt8]) {
        write(
            key: note.messageKey,
            argument: { name in
                note.argument(name).map { Int($0).map(MessageArgument.int) ?? .string($0) }
            }, to: &out)
    }

    /// `path:line:col: severity: message [id]`, with the message localized. The severity word and
    /// the id stay as they are: tools read them.
    func formatted(_ diagnostic: Diagnostic, path: String) -> String {
        diagnostic.formatted(path: path, message: message(of: diagnostic))
    }
}

/// Parsed messages by key, shared by the threads that render a report.
///
/// Read without a lock: a report's threads look a message up for every finding and note, and
/// a lock they all take for it was a contended one. A message seen for the first time is added
/// to a copy of the table, which then takes the old one's place; the old tables are kept until
/// the cache goes (a report uses a few dozen messages, each added once).
final class MessageCache: Sendable {
    typealias Entry = (template: String, message: Message?)

    private final class Table: Sendable {
        let entries: [String: Entry]
        init(_ entries: [String: Entry]) { self.entries = entries }
    }

    /// The newest table, kept alive by `tables`.
    private let current: Atomic<Unmanaged<Table>>
    /// Every table made, and the lock that adding one takes.
    private let tables: Mutex<[Table]>

    init() {
        let first = Table([:])
        current = Atomic(Unmanaged.passUnretained(first))
        tables = Mutex([first])
    }

    func message(_ key: String) -> Entry? {
        current.load(ordering: .acquiring)._withUnsafeGuaranteedRef { $0.entries[key] }
    }

    func store(_ key: String, template: String, message: Message?) {
        tables.withLock { tables in
            var entries = current.load(ordering: .acquiring)._withUnsafeGuaranteedRef { $0.entries }
            guard entries[key] == nil else { return }
            entries[key] = (template, message)
            let table = Table(entries)
            tables.append(table)
            current.store(Unmanaged.passUnretained(table), ordering: .releasing)
        }
    }
}

/// The catalogs of a locale, read on another thread while a command starts (`waymark validate`
/// reads its arguments, its configuration and the tree meanwhile). A problem with them is told,
/// and the process ends, where they are first waited for: as before the command, if they had
/// been read first.
final class PendingCatalogs: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Set on the reading thread before `done` is left; read after it is waited for.
    private var read: Result<MessageCatalogs?, CatalogError> = .success(nil)

    init(serving locale: LocaleTag) {
        done.enter()
        Thread.detachNewThread { [self] in
            read = Result { () throws(CatalogError) in try WaymarkCommand.readCatalogs(serving: locale) }
            done.leave()
        }
    }

    var catalogs: MessageCatalogs? {
        done.wait()
        switch read {
        case .success(let catalogs): return catalogs
        case .failure(let error): Self.fail(error)
        }
    }

    /// The first thread to find the catalogs unreadable says so and exits; the others wait for
    /// the exit.
    private static let failing = NSLock()
    private static func fail(_ error: CatalogError) -> Never {
        failing.lock()
        WaymarkCommand.catalogsUnreadable(error)
    }
}
