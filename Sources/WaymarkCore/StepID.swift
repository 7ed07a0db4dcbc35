/// A language-independent step identifier: `<procedure anchor>/<path>`, e.g.
/// `how-to-remove-a-relationship/2.c`.
///
/// The anchor is the heading's `<a name>` (translations keep the English slug) or its DocFX slug;
/// the path joins list numbers and sub-step markers with dots. The same step has the same id in
/// every locale.
public struct StepID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var procedure: String
    public var path: [String]

    public init(procedure: String, path: [String]) {
        self.procedure = procedure
        self.path = path
    }

    /// Parses `anchor/1.2.a`; `nil` when there is no `/` or the path is empty.
    public init?(_ text: String) {
        guard let slash = text.lastIndex(of: "/") else { return nil }
        let anchor = String(text[..<slash])
        let path = text[text.index(after: slash)...].split(separator: ".").map(String.init)
        guard !anchor.isEmpty, !path.isEmpty else { return nil }
        self.init(procedure: anchor, path: path)
    }

    public var description: String {
        // Made at its length: ids are kept for a whole run, one for each step of a large tree.
        var length = procedure.utf8.count + path.count
        for marker in path { length += marker.utf8.count }
        var text = ""
        text.reserveCapacity(length)
        text += procedure
        text += "/"
        for (index, marker) in path.enumerated() {
            if index > 0 { text += "." }
            text += marker
        }
        return text
    }

    /// The id of a child step with the given marker.
    public func appending(_ marker: String) -> StepID {
        StepID(procedure: procedure, path: path + [marker])
    }

    public static func < (lhs: StepID, rhs: StepID) -> Bool { lhs.description < rhs.description }
}
