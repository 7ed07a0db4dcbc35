/// A JSON value whose objects keep their keys in insertion order.
///
/// Waymark's machine-readable outputs (inspect, and later SARIF and validation reports) are written
/// with this type so that key order is stable and documents diff cleanly.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .int(let i): hasher.combine(i)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o):
            for (k, v) in o {
                hasher.combine(k)
                hasher.combine(v)
            }
        }
    }

    /// Serializes the value; `pretty` indents with two spaces.
    public func serialized(pretty: Bool = true) -> String {
        var out: [UInt8] = []
        write(to: &out, indent: pretty ? 0 : nil)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value's UTF-8 to `out`; `indent` is the depth in spaces of the line the value
    /// starts on (`nil`: compact). Lets callers build one document from parts made on other threads.
    public func write(to out: inout [UInt8], indent: Int?) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): JSONValue.writeInt(i, to: &out)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, value) in items.enumerated() {
                JSONValue.separate(index, indent, to: &out)
                value.write(to: &out, indent: indent.map { $0 + 2 })
            }
            JSONValue.close(UInt8(ascii: "]"), empty: items.isEmpty, indent, to: &out)
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                JSONValue.separate(index, indent, to: &out)
                JSONValue.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                value.write(to: &out, indent: indent.map { $0 + 2 })
            }
            JSONValue.close(UInt8(ascii: "}"), empty: pairs.isEmpty, indent, to: &out)
        }
    }

    /// The comma before every member but the first, and the new line of a pretty container.
    private static func separate(_ index: Int, _ indent: Int?, to out: inout [UInt8]) {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        if let indent { newLine(indent + 2, to: &out) }
    }

    private static func close(_ bracket: UInt8, empty: Bool, _ indent: Int?, to out: inout [UInt8]) {
        if !empty, let indent { newLine(indent, to: &out) }
        out.append(bracket)
    }

    /// A line break followed by `indent` spaces.
    public static func newLine(_ indent: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        var left = indent
        while left > 0 {
            let n = min(left, spaces.count)
            spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            left -= n
        }
    }

    /// Spaces copied whole into a line's indent.
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// `n` in decimal.
    public static func writeInt(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = n.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// `s` as a JSON string literal.
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { writeString(utf8: $0, to: &out) }
    }

    /// The string whose UTF-8 is `bytes` (valid UTF-8) as a JSON string literal.
    public static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        defer { out.append(UInt8(ascii: "\"")) }
        guard let base = bytes.baseAddress else { return }
        // Runs of bytes that need no escape are copied whole; the scan for the next byte that
        // does looks at eight bytes at a time.
        var run = 0
        var i = 0
        while i < bytes.count {
            if bytes.count - i >= 8,
                !needsEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            {
                i += 8
                continue
            }
            let b = base[i]
            if b >= 0x7F {
                // DEL, C1 controls and the invisible direction and line characters are written
                // as \u escapes: the same string, but nothing a terminal acts on.
                let length = JSONValue.terminalControlLength(bytes, at: i)
                guard length > 0 else {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<i + length]), as: UTF8.self)
                    .unicodeScalars.first!.value
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
                for shift in [12, 8, 4, 0] { out.append(digits[Int((scalar >> UInt32(shift)) & 15)]) }
                i += length
                run = i
                continue
            }
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            out.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
            default:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, digits[Int(b >> 4)], digits[Int(b & 15)]])
            }
            i += 1
            run = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
    }

    /// Whether any of the eight bytes in `word` is a control character, `"` or `\\`. A byte below
    /// 0x20 is found by the borrow of subtracting 0x20 from it; `"` and `\\` by XOR turning them into
    /// a zero byte, then the same test against 1 (each test is exact when its byte's high bit is clear).
    /// DEL and the lead bytes of C1 controls (C2), U+061C (D8) and the direction and line
    /// characters (E2) are found the same way, each as a zero byte after XOR; a lead byte that
    /// starts no such character costs one look at it in the slow path.
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let below = (word &- ones &* 0x20) | (quote &- ones) | (backslash &- ones)
        if below & ~word & highs != 0 { return true }
        func hasByte(_ value: UInt64) -> Bool {
            let x = word ^ (ones &* value)
            return (x &- ones) & ~x & highs != 0
        }
        if hasByte(0x7F) { return true }
        guard word & highs != 0 else { return false }
        return hasByte(0xC2) || hasByte(0xE2) || hasByte(0xD8)
    }

    /// The length in bytes of the terminal control (DEL, a C1 control, or one of
    /// `TerminalText`'s invisible layout characters) starting at `i`, or 0.
    static func terminalControlLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = bytes[i]
        if b == 0x7F { return 1 }
        if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { return 2 }
        if b == 0xD8, i + 1 < bytes.count, bytes[i + 1] == 0x9C { return 2 }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 {
            let scalar = 0x2000 + (UInt32(bytes[i + 1] & 0x3F) << 6) + UInt32(bytes[i + 2] & 0x3F)
            if TerminalText.isInvisibleLayout(scalar) { return 3 }
        }
        return 0
    }
}

extension JSONValue {
    /// A member of an object, or `nil`.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
}
