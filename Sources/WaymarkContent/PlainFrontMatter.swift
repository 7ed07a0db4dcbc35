import WaymarkCore

/// The front matter nearly every article has, read without building a YAML tree: one
/// `key: value` a line at column 1, the value plain or quoted on that line or a list of such
/// values, one `- item` a line under a key with nothing after its colon; comment and blank lines
/// between keys. Anything else (nesting, flow lists, block scalars, escapes, anchors, tags, a
/// repeated key, a character YAML does not allow) returns `nil` and goes to Yams, so the result is
/// always what Yams would give.
enum PlainFrontMatter {
    static let maximumKeys = 64
    /// A longer list goes to Yams, which counts it against the front matter's budget of values.
    static let maximumItems = 64

    static func entries(_ lines: [Substring], lineOffset: Int) -> [MetadataEntry]? {
        var entries: [MetadataEntry] = []
        var index = 0
        while index < lines.count {
            var line = lines[index]
            let number = index
            index += 1
            switch line.withUTF8({ self.line($0) }) {
            case .skip: continue
            case .yams: return nil
            case .entry(let key, let value, let bare):
                // Real front matter has a few dozen keys at most, and more than `maximumKeys` go to
                // Yams, so the search for a repeated key stays cheap.
                guard entries.count < maximumKeys, !entries.contains(where: { $0.key == key }) else { return nil }
                var metadata = MetadataValue.scalar(value)
                if bare {
                    guard let (items, next) = sequence(lines, from: index) else { return nil }
                    if !items.isEmpty {
                        metadata = .sequence(items.map(MetadataValue.scalar))
                        index = next
                    }
                }
                entries.append(
                    MetadataEntry(
                        key: key, value: metadata, range: SourceRange(line: lineOffset + number + 1, column: 1)))
            }
        }
        return entries
    }

    private enum Line {
        /// Blank or a comment.
        case skip
        /// Something only Yams reads right.
        case yams
        /// `bare`: nothing after the colon, so a list may follow.
        case entry(key: String, value: String, bare: Bool)
    }

    /// The items of the list that starts at line `start` (none when the line there starts none),
    /// and the line after its last item; nil when something there is for Yams: an item that is
    /// not a plain or quoted scalar on its line, items not in one column, an indented line that
    /// is not an item (a continued item, a comment).
    private static func sequence(_ lines: [Substring], from start: Int) -> (items: [String], next: Int)? {
        var items: [String] = []
        var column: Int?
        var next = start
        for index in start..<lines.count {
            var line = lines[index]
            switch line.withUTF8({ item($0) }) {
            case .blank: continue
            case .other: return (items, next)
            case .yams: return nil
            case .item(let indent, let text):
                guard column == nil || column == indent, items.count < maximumItems else { return nil }
                column = indent
                items.append(text)
                next = index + 1
            }
        }
        return (items, next)
    }

    private enum ListLine {
        case blank
        /// At column 1 and not an item: the list, if any, ended before it.
        case other
        case yams
        case item(indent: Int, text: String)
    }

    /// One line as `- scalar` after `indent` spaces.
    private static func item(_ bytes: UnsafeBufferPointer<UInt8>) -> ListLine {
        guard !bytes.isEmpty else { return .blank }
        var indent = 0
        while indent < bytes.count, bytes[indent] == UInt8(ascii: " ") { indent += 1 }
        guard indent < bytes.count, bytes[indent] == UInt8(ascii: "-") else { return indent == 0 ? .other : .yams }
        // `- ` and a value; `-` alone (an empty item) and `-x` (a scalar) are Yams's.
        guard indent + 1 < bytes.count, bytes[indent + 1] == UInt8(ascii: " ") else { return .yams }
        var start = indent + 1
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        var end = bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        guard end > start, let text = scalar(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return .yams }
        return .item(indent: indent, text: text)
    }

    /// One line as `key: scalar`, read from its bytes.
    private static func line(_ bytes: UnsafeBufferPointer<UInt8>) -> Line {
        guard let first = bytes.first else { return .skip }
        if first == UInt8(ascii: "#") { return .skip }
        guard isKeyStart(first), let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return .yams }
        let key = UnsafeBufferPointer(rebasing: bytes[..<colon])
        guard key.count <= 1000, key.allSatisfy(isKeyByte) else { return .yams }
        var start = colon + 1
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        if colon + 1 < bytes.count, start == colon + 1 { return .yams }  // `key:value`
        var end = bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        guard let value = scalar(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return .yams }
        return .entry(key: String(decoding: key, as: UTF8.self), value: value, bare: start == end)
    }

    /// The value of a plain, `"double"` (no escapes) or `'single'` quoted scalar; `nil` when
    /// Yams could read it otherwise.
    private static func scalar(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard let first = text.first else { return "" }
        guard
            text.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
                || String(decoding: text, as: UTF8.self).unicodeScalars.allSatisfy(isPrintable)
        else { return nil }
        switch first {
        case UInt8(ascii: "\""):
            guard text.count >= 2, text[text.count - 1] == UInt8(ascii: "\"") else { return nil }
            let content = UnsafeBufferPointer(rebasing: text[1..<text.count - 1])
            guard !content.contains(UInt8(ascii: "\"")), !content.contains(UInt8(ascii: "\\")) else { return nil }
            return String(decoding: content, as: UTF8.self)
        case UInt8(ascii: "'"):
            guard text.count >= 2, text[text.count - 1] == UInt8(ascii: "'") else { return nil }
            var out: [UInt8] = []
            var quote = false
            for b in text[1..<text.count - 1] {
                if quote {
                    guard b == UInt8(ascii: "'") else { return nil }
                    quote = false
                } else if b == UInt8(ascii: "'") {
                    quote = true
                    continue
                }
                out.append(b)
            }
            return quote ? nil : String(decoding: out, as: UTF8.self)
        default:
            // A plain scalar: no indicator first, no `: ` or ` #` inside, no `:` last.
            guard !isIndicator(first), text[text.count - 1] != UInt8(ascii: ":") else { return nil }
            var previous: UInt8 = 0
            for b in text {
                if previous == UInt8(ascii: ":") && b == UInt8(ascii: " ") { return nil }
                if previous == UInt8(ascii: " ") && b == UInt8(ascii: "#") { return nil }
                previous = b
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    private static func isKeyStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        isKeyStart(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
            || b == UInt8(ascii: "/")
    }

    /// A byte that starts something other than a plain scalar in YAML: `-?:,[]{}#&*!|>%@` and the backtick.
    private static func isIndicator(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"),
            UInt8(ascii: "@"), UInt8(ascii: "`"):
            true
        default: false
        }
    }

    /// YAML's printable set (1.1 §5.1), without tab.
    private static func isPrintable(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
