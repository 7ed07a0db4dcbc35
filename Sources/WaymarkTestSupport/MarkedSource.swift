/// An inline fixture whose emoji markers (1️⃣, 2️⃣, …) show where diagnostics must point.
///
/// ```swift
/// let source = MarkedSource("---\n1️⃣title: A\n---\n")
/// source.text             // "---\ntitle: A\n---\n"
/// source.locations["1️⃣"] // (line: 2, column: 1)
/// ```
/// Columns are 1-based UTF-8 byte columns, as Waymark reports them.
public struct MarkedSource: Sendable {
    public static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣"]

    public let text: String
    public let locations: [String: (line: Int, column: Int)]

    public init(_ marked: String) {
        var text = ""
        var locations: [String: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        var rest = Substring(marked)
        outer: while let ch = rest.first {
            for marker in MarkedSource.markers where rest.hasPrefix(marker) {
                locations[marker] = (line, column)
                rest = rest.dropFirst(marker.count)
                continue outer
            }
            text.append(ch)
            if ch == "\n" {
                line += 1
                column = 1
            } else {
                column += String(ch).utf8.count
            }
            rest = rest.dropFirst()
        }
        self.text = text
        self.locations = locations
    }

    public var bytes: [UInt8] { Array(text.utf8) }

    public func line(_ marker: String) -> Int? { locations[marker]?.line }
    public func column(_ marker: String) -> Int? { locations[marker]?.column }
}
