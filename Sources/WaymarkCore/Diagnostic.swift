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

/// A located finding about author content.
///
/// `id` is stable public API and doubles as the message key; `arguments` fill the message's
/// `{name}` placeholders so the message can be rendered in any locale. `message` is the English
/// (source-locale) rendering, kept so that every diagnostic can be shown without a catalog.
public struct Diagnostic: Sendable, Hashable {
    public var id: String
    public var severity: Severity
    /// The file the range points into, when it is not the article itself (an include).
    public var file: String?
    public var range: SourceRange?
    public var arguments: [String: String]
    public var message: String

    public init(
        id: String, severity: Severity, file: String? = nil, range: SourceRange?,
        arguments: [String: String] = [:], template: String
    ) {
        self.id = id
        self.severity = severity
        self.file = file
        self.range = range
        self.arguments = arguments
        self.message = MessageTemplate.render(template, arguments)
    }

    /// `path:line:col: severity: message [id]`, the conventional compiler form.
    public func formatted(path: String) -> String {
        let place = file ?? path
        if let range {
            return "\(place):\(range.start.line):\(range.start.column): \(severity.rawValue): \(message) [\(id)]"
        }
        return "\(place): \(severity.rawValue): \(message) [\(id)]"
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
