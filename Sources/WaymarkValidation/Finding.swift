import WaymarkCore

/// One problem a rule found, located in a file and ready to be rendered in any locale.
///
/// `messageKey` names a message in the XLIFF catalogs (`rule.link-case-mismatch.message`);
/// `arguments` fill its placeholders. `fingerprint` identifies the finding across edits that move
/// it to another line: it is made from the rule, the file and the text it points at, never from
/// line numbers, so baselines and SARIF consumers can follow it.
public struct Finding: Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    /// The file, relative to the directory validation ran from (`/` separators).
    public var path: String
    public var range: SourceRange?
    public var messageKey: String
    public var arguments: [String: String]
    /// The source line the range starts on, as written, for a caret display.
    public var sourceLine: String?
    public var fingerprint: String

    public init(
        rule: String, severity: Severity, path: String, range: SourceRange?, messageKey: String,
        arguments: [String: String], sourceLine: String?
    ) {
        self.rule = rule
        self.severity = severity
        self.path = path
        self.range = range
        self.messageKey = messageKey
        self.arguments = arguments
        self.sourceLine = sourceLine
        self.fingerprint = Finding.fingerprint(
            rule: rule, path: path, line: sourceLine, messageKey: messageKey, arguments: arguments)
    }

    /// A 64-bit FNV-1a hash, in hex, of the rule, path, trimmed source line and arguments.
    static func fingerprint(
        rule: String, path: String, line: String?, messageKey: String, arguments: [String: String]
    ) -> String {
        var hash = FNV1a()
        func mix(_ text: String) {
            hash.mix(text.utf8)
            hash.mix(0xff)
        }
        mix(rule)
        mix(path)
        mix(messageKey)
        mix((line ?? "").trimmingSpaces)
        for key in arguments.keys.sorted() {
            mix(key)
            mix(arguments[key] ?? "")
        }
        return hash.hex
    }

    /// Sort order of a report: path, then position, then rule.
    static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path < b.path }
        let la = a.range?.start ?? SourceLocation(line: 0, column: 0)
        let lb = b.range?.start ?? SourceLocation(line: 0, column: 0)
        if la != lb { return la < lb }
        if a.rule != b.rule { return a.rule < b.rule }
        if a.messageKey != b.messageKey { return a.messageKey < b.messageKey }
        return a.fingerprint < b.fingerprint
    }
}
