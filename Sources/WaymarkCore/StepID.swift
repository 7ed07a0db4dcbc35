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
        // Made at its length, its bytes copied in: ids are kept for a whole run, one for each
        // step of a large tree, and appending the parts to a string cost several times as much.
        // The anchor, a slash, the markers and a dot between each two.
        var length = procedure.utf8.count + 1 + max(path.count - 1, 0)
        for marker in path { length += marker.utf8.count }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var at = 0
            func put(_ part: String) {
                var part = part
                part.withUTF8 { bytes in
                    guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
                    (target + at).initialize(from: source, count: bytes.count)
                    at += bytes.count
                }
            }
            func put(_ byte: UInt8) {
                buffer[at] = byte
                at += 1
            }
            put(procedure)
            put(UInt8(ascii: "/"))
            for (index, marker) in path.enumerated() {
                if index > 0 { put(UInt8(ascii: ".")) }
                put(marker)
            }
            return at
        }
    }

    /// The id of a child step with the given marker.
    public func appending(_ marker: String) -> StepID {
        StepID(procedure: procedure, path: path + [marker])
    }

    public static func < (lhs: StepID, rhs: StepID) -> Bool { lhs.description < rhs.description }
}
