/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A located problem in author content, from any stage: the parser, a validation rule, a binding.
///
/// `id` is stable public API and the same wherever the problem is reported (`waymark inspect`,
/// `waymark validate`, the web app): it names the validation rule that owns the problem, so one
/// id turns it off, overrides its severity or matches it in a baseline. `messageKey` names the
/// message in the XLIFF catalogs and `arguments` fill its placeholders, so the problem can be put
/// into words in any locale; `message` is the English rendering when the producer had its text
/// at hand (the parser does; validation leaves the wording to the reporter).
///
/// ```text
/// docs/a.md:3:10: error: "ms.date" is "13/45/2020", not a date … [front-matter-invalid-date]
/// ```
public struct Diagnostic: Sendable, Hashable {
    /// A secondary location that explains the problem, such as the source locale's step that a
    /// translation lacks.
    public struct Note: Sendable, Hashable {
        public var path: String?
        public var range: SourceRange?
        public var messageKey: String
        /// Kept as `Diagnostic` keeps its own: names and values in one list, in name order.
        private var argumentList: [String]

        public var arguments: [String: String] {
            get { ArgumentList.dictionary(argumentList) }
            set { argumentList = ArgumentList.flattened(newValue) }
        }

        public init(path: String?, range: SourceRange?, messageKey: String, arguments: [String: String] = [:]) {
            self.path = path
            self.range = range
            self.messageKey = messageKey
            self.argumentList = ArgumentList.flattened(arguments)
        }

        /// A note read back as it was kept: its arguments already names and values in name order.
        package init(path: String?, range: SourceRange?, messageKey: String, argumentList: [String]) {
            self.path = path
            self.range = range
            self.messageKey = messageKey
            self.argumentList = argumentList
        }

        /// The arguments as kept: each name followed by its value, in name order.
        package var argumentPairs: [String] { argumentList }

        /// The value of the argument `name`, read in place.
        public func argument(_ name: String) -> String? { ArgumentList.value(of: name, in: argumentList) }
    }

    /// A text edit that would fix the problem, described by a message.
    public struct FixIt: Sendable, Hashable {
        public var messageKey: String
        public var arguments: [String: String]
        public var edits: [TextEdit]

        public init(messageKey: String, arguments: [String: String] = [:], edits: [TextEdit]) {
            self.messageKey = messageKey
            self.arguments = arguments
            self.edits = edits
        }
    }

    /// Replaces the text from `range.start` up to, not including, `range.end` (line and UTF-8 byte
    /// column, as every range) with `replacement`; an empty range inserts.
    public struct TextEdit: Sendable, Hashable {
        /// The file, when not the one the diagnostic points into.
        public var path: String?
        public var range: SourceRange
        public var replacement: String

        public init(path: String? = nil, range: SourceRange, replacement: String) {
            self.path = path
            self.range = range
            self.replacement = replacement
        }
    }

    // What the fingerprint is made of can only be set through `init` and `located`.
    public private(set) var id: String
    /// The file the range points into. `nil` from the parser means the article itself; validation
    /// always sets it, relative to the directory it ran from (`/` separators).
    public private(set) var path: String?
    public var range: SourceRange?
    // After `range`, in the byte its optional leaves before the next word: a finding is 128
    // bytes, not 136, in the lists a large run sorts and merges.
    public var severity: Severity
    public private(set) var messageKey: String
    /// The arguments, each name followed by its value, in name order: one list where a dictionary
    /// was a hash table of its own for each of a large report's findings (the largest part of
    /// their memory).
    private var argumentList: [String]

    /// The values of the message's placeholders, by name. Made on each call: a reader that goes
    /// through them all uses `forEachArgument`.
    public var arguments: [String: String] { ArgumentList.dictionary(argumentList) }

    /// Whether the message has any arguments.
    public var hasArguments: Bool { !argumentList.isEmpty }

    /// How many arguments the message has.
    public var argumentCount: Int { argumentList.count / 2 }

    /// The value of the argument `name`, read in place: a report puts every finding into words
    /// and needs no dictionary for it.
    public func argument(_ name: String) -> String? { ArgumentList.value(of: name, in: argumentList) }

    /// Calls `body` with each argument's name and value, in name order.
    public func forEachArgument<E: Error>(_ body: (_ name: String, _ value: String) throws(E) -> Void) throws(E) {
        var index = 0
        while index + 1 < argumentList.count {
            try body(argumentList[index], argumentList[index + 1])
            index += 2
        }
    }
    /// The source line the range starts on, as written, for a caret display.
    public private(set) var sourceLine: String?
    /// Notes, fix-its and the English message, which most diagnostics of a run have none of: one
    /// reference, `nil` for those, so that sorting a large report copies no more than it needs.
    private var details: Details?

    public var notes: [Note] {
        get { details?.notes ?? [] }
        set { details = Details.make(notes: newValue, fixIts: fixIts, message: message) }
    }

    public var fixIts: [FixIt] {
        get { details?.fixIts ?? [] }
        set { details = Details.make(notes: notes, fixIts: newValue, message: message) }
    }

    /// The English message, when the producer rendered one.
    public var message: String? {
        get { details?.message }
        set { details = Details.make(notes: notes, fixIts: fixIts, message: newValue) }
    }
    /// Identifies the problem across edits that move it to another line: a hash of the id, the
    /// path, the message key, the trimmed source line and the arguments, never of line numbers,
    /// so that baselines and SARIF consumers can follow it.
    public var fingerprint: String { FNV1a.hex(fingerprintValue) }
    /// The fingerprint's number: kept as one, not as its sixteen digits, which were a string of
    /// their own for each of a large report's findings. Ordered as the digits are.
    package private(set) var fingerprintValue: UInt64

    public init(
        id: String, severity: Severity, path: String? = nil, range: SourceRange?, messageKey: String,
        arguments: [String: String] = [:], notes: [Note] = [], fixIts: [FixIt] = [], sourceLine: String? = nil,
        message: String? = nil
    ) {
        self.id = id
        self.severity = severity
        self.path = path
        self.range = range
        self.messageKey = messageKey
        let list = ArgumentList.flattened(arguments)
        self.argumentList = list
        self.sourceLine = sourceLine
        self.details = Details.make(notes: notes, fixIts: fixIts, message: message)
        self.fingerprintValue = Diagnostic.fingerprint(
            id: id, path: path ?? "", line: sourceLine, messageKey: messageKey, argumentList: list)
    }

    /// A finding read back as it was kept: its arguments already a list of names and values in
    /// name order, and its fingerprint as worked out when it was made.
    package init(
        id: String, severity: Severity, path: String?, range: SourceRange?, messageKey: String,
        argumentList: [String], notes: [Note], fixIts: [FixIt], sourceLine: String?, message: String?,
        fingerprintValue: UInt64
    ) {
        self.id = id
        self.severity = severity
        self.path = path
        self.range = range
        self.messageKey = messageKey
        self.argumentList = argumentList
        self.sourceLine = sourceLine
        self.details = Details.make(notes: notes, fixIts: fixIts, message: message)
        self.fingerprintValue = fingerprintValue
    }

    /// The same problem with another file, line and severity; the arguments are kept as they are.
    private init(_ other: Diagnostic, path: String?, sourceLine: String?, severity: Severity) {
        self = other
        self.path = path
        self.sourceLine = sourceLine
        self.severity = severity
        self.fingerprintValue = Diagnostic.fingerprint(
            id: id, path: path ?? "", line: sourceLine, messageKey: messageKey, argumentList: argumentList)
    }

    /// Immutable, compared by value; replaced as a whole when one of its parts is set.
    private final class Details: Sendable, Hashable {
        let notes: [Note]
        let fixIts: [FixIt]
        let message: String?

        private init(notes: [Note], fixIts: [FixIt], message: String?) {
            self.notes = notes
            self.fixIts = fixIts
            self.message = message
        }

        /// `nil` when there is nothing to keep; decided before anything is allocated.
        static func make(notes: [Note], fixIts: [FixIt], message: String?) -> Details? {
            notes.isEmpty && fixIts.isEmpty && message == nil
                ? nil : Details(notes: notes, fixIts: fixIts, message: message)
        }

        static func == (a: Details, b: Details) -> Bool {
            a.notes == b.notes && a.fixIts == b.fixIts && a.message == b.message
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(notes)
            hasher.combine(fixIts)
            hasher.combine(message)
        }
    }

    /// The same problem seen from a report: its file as the report names it and the line it
    /// quotes (which the fingerprint depends on), with `severity`.
    public func located(path: String?, sourceLine: String?, severity: Severity) -> Diagnostic {
        Diagnostic(self, path: path, sourceLine: sourceLine, severity: severity)
    }

    /// The diagnostic with `path` when it has none of its own (a problem of an included file).
    public func inFile(_ file: String) -> Diagnostic {
        path == nil ? located(path: file, sourceLine: sourceLine, severity: severity) : self
    }

    /// A 64-bit FNV-1a hash of the id, path, trimmed source line and arguments.
    static func fingerprint(
        id: String, path: String, line: String?, messageKey: String, argumentList: [String]
    ) -> UInt64 {
        var hash = FNV1a()
        func mix(_ text: String) {
            hash.mix(text.utf8)
            hash.mix(0xff)
        }
        mix(id)
        mix(path)
        mix(messageKey)
        mix((line ?? "").trimmingSpaces)
        // Name, value, name, value…, in name order.
        for text in argumentList { mix(text) }
        return hash.value
    }

    /// Sort order of a report: path, then position, then id. (Validation's merge compares in
    /// place by the same order; its tests check it against this.)
    package static func precedes(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        let pa = a.path ?? ""
        let pb = b.path ?? ""
        if pa != pb { return pa < pb }
        let la = a.range?.start ?? SourceLocation(line: 0, column: 0)
        let lb = b.range?.start ?? SourceLocation(line: 0, column: 0)
        if la != lb { return la < lb }
        if a.id != b.id { return a.id < b.id }
        if a.messageKey != b.messageKey { return a.messageKey < b.messageKey }
        return a.fingerprintValue < b.fingerprintValue
    }

    /// `path:line:col: severity: message [id]`, the conventional compiler form; `path` when the
    /// diagnostic has none of its own, `message` in place of the English one.
    public func formatted(path fallback: String, message localized: String? = nil) -> String {
        let place = path ?? fallback
        let text = localized ?? message ?? messageKey
        if let range {
            return "\(place):\(range.start.line):\(range.start.column): \(severity.rawValue): \(text) [\(id)]"
        }
        return "\(place): \(severity.rawValue): \(text) [\(id)]"
    }
}

/// A message's arguments as one list, each name followed by its value, in name order.
enum ArgumentList {
    static func flattened(_ arguments: [String: String]) -> [String] {
        guard !arguments.isEmpty else { return [] }
        var list: [String] = []
        list.reserveCapacity(arguments.count * 2)
        for (name, value) in arguments {
            list.append(name)
            list.append(value)
            // Moved back into name order among the pairs before it: a message has a handful.
            var at = list.count - 2
            while at > 0, name < list[at - 2] {
                list.swapAt(at, at - 2)
                list.swapAt(at + 1, at - 1)
                at -= 2
            }
        }
        return list
    }

    /// The value after `name` in a list of names and values.
    @inline(__always)
    static func value(of name: String, in list: [String]) -> String? {
        var index = 0
        while index + 1 < list.count {
            if list[index] == name { return list[index + 1] }
            index += 2
        }
        return nil
    }

    static func dictionary(_ list: [String]) -> [String: String] {
        var out: [String: String] = [:]
        out.reserveCapacity(list.count / 2)
        var index = 0
        while index + 1 < list.count {
            out[list[index]] = list[index + 1]
            index += 2
        }
        return out
    }
}

/// Fills `{name}` placeholders of a message template. Unknown names are left as written.
public enum MessageTemplate {
    public static func render(_ template: String, _ arguments: [String: String]) -> String {
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            out += arguments[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }
}

/// Problem ids that more than one module produces, and the ids they replaced.
public enum ProblemID {
    public static let parseProblem = "parse-problem"
    public static let frontMatterInvalidDate = "front-matter-invalid-date"
    public static let frontMatterDuplicateKey = "front-matter-duplicate-key"
    public static let alertUnknownKind = "alert-unknown-kind"
    public static let includeMissing = "include-missing"
    public static let bindingUnknownName = "binding-unknown-name"

    /// What an id written before problems had one id everywhere means now: the id, and for a
    /// former parser id that is now one message of a broader rule, that message's key (so that
    /// turning off `content.invalid-utf8` turns off only that kind of parse problem).
    public static func resolve(_ written: String) -> (id: String, messageKey: String?) {
        if let whole = renamed[written] { return (whole, nil) }
        if written.hasPrefix("content.") { return (parseProblem, written) }
        if written.hasPrefix("binding.") { return (bindingUnknownName, written) }
        return (written, nil)
    }

    /// Former ids whose problem kept a rule of its own.
    public static let renamed: [String: String] = [
        "content.invalid-date": frontMatterInvalidDate, "content.duplicate-key": frontMatterDuplicateKey,
        "content.unknown-alert-kind": alertUnknownKind, "content.include-missing": includeMissing,
    ]
}
