import WaymarkCore

/// What makes an operator name, an id or a display name unfit for a record.
public enum RecordValueProblem: String, Sendable, Hashable, Codable {
    case empty
    /// A NUL, another control character, or an invisible direction or line character.
    case controlCharacter = "control"
    case tooLong = "too-long"
    /// Spaces before or after it: two values that look the same would differ.
    case surroundingSpace = "spaces"
}

/// Which value of a record was refused.
public enum RecordField: String, Sendable, Hashable, Codable {
    case operatorName = "operator"
    case customerID = "customer"
    case itemID = "item"
    case name
}

/// The rules every stored name and id follows, checked before anything is written or looked up:
/// not empty, at most 256 bytes of UTF-8, no control characters (so an id that differs only after
/// a NUL is refused, never cut there), and no spaces around it.
public enum RecordValue {
    public static let maxBytes = 256

    public static func problem(_ value: String) -> RecordValueProblem? {
        if value.isEmpty { return .empty }
        if value.utf8.count > maxBytes { return .tooLong }
        if TerminalText.needsEscaping(value) { return .controlCharacter }
        if value.first?.isWhitespace == true || value.last?.isWhitespace == true { return .surroundingSpace }
        return nil
    }

    /// Throws `.invalidValue` when `value` breaks a rule.
    public static func check(_ value: String, _ field: RecordField) throws(StoreError) {
        if let problem = problem(value) { throw .invalidValue(field: field, value: value, problem: problem) }
    }
}
