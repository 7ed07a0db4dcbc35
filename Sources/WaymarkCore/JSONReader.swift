/// A JSON document read into a compact tree that keeps what a strict reader needs: each value's
/// kind exactly as written (a whole number, another number, a string, `true`…), members in their
/// order, and each value's byte offset, so an error can say `line:column`.
///
/// ```swift
/// let root = try JSONReader.read(Array(#"{"quantity": "25"}"#.utf8))
/// root["quantity"]?.value  // .string("25"), at line 1, column 13
/// ```
///
/// RFC 8259 with no extensions; nesting deeper than `maximumDepth` and invalid UTF-8 are errors,
/// never a crash.
public struct JSONNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        /// A number without fraction or exponent that fits an `Int`.
        case int(Int)
        /// Any other number, as written.
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    public var value: Value
    /// Where the value starts, in bytes from the start of the document.
    public var offset: Int

    /// The member `key` of an object (the first, should a key repeat), or `nil`.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }
}

public enum JSONReader {
    public static let maximumDepth = 512

    /// Why a document is not JSON, and where.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var offset: Int
        public var line: Int
        public var column: Int
        public var reason: String
        public var description: String { "line \(line), column \(column): \(reason)" }
    }

    public static func read(_ bytes: [UInt8]) throws(Failure) -> JSONNode {
        var reader = Reader(bytes: bytes)
        reader.skipSpace()
        let root = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.index < bytes.count { throw reader.failure("more text after the JSON value") }
        return root
    }

    /// The line and column (1-based; columns count characters) of a byte offset in `bytes`.
    public static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for b in bytes[..<min(offset, bytes.count)] {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0

        func failure(_ reason: String, at offset: Int? = nil) -> Failure {
            let at = offset ?? index
            let (line, column) = JSONReader.position(of: at, in: bytes)
            return Failure(offset: at, line: line, column: column, reason: reason)
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(Failure) -> JSONNode {
            guard depth < JSONReader.maximumDepth else {
                throw failure("nested deeper than \(JSONReader.maximumDepth) arrays and objects")
            }
            guard index < bytes.count else { throw failure("the document ends where a value should be") }
            let start = index
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: JSONNode)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return JSONNode(value: .object(members), offset: start)
                }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                        throw failure("expected a member name in quotes")
                    }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                        throw failure("expected ':' after a member name")
                    }
                    index += 1
                    skipSpace()
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard index < bytes.count else { throw failure("the document ends inside an object") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected ',' or '}' in an object") }
                    index += 1
                    return JSONNode(value: .object(members), offset: start)
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [JSONNode] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return JSONNode(value: .array(items), offset: start)
                }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw failure("the document ends inside an array") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "]") else { throw failure("expected ',' or ']' in an array") }
                    index += 1
                    return JSONNode(value: .array(items), offset: start)
                }
            case UInt8(ascii: "\""):
                return JSONNode(value: .string(try string()), offset: start)
            case UInt8(ascii: "t"):
                try word("true")
                return JSONNode(value: .bool(true), offset: start)
            case UInt8(ascii: "f"):
                try word("false")
                return JSONNode(value: .bool(false), offset: start)
            case UInt8(ascii: "n"):
                try word("null")
                return JSONNode(value: .null, offset: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return JSONNode(value: try number(), offset: start)
            default:
                throw failure("expected a value")
            }
        }

        mutating func word(_ text: StaticString) throws(Failure) {
            let count = text.utf8CodeUnitCount
            let matches =
                index + count <= bytes.count
                && text.withUTF8Buffer { expected in (0..<count).allSatisfy { bytes[index + $0] == expected[$0] } }
            guard matches else { throw failure("expected a value") }
            index += count
        }

        mutating func number() throws(Failure) -> JSONNode.Value {
            let start = index
            func digits() -> Int {
                let from = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - from
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let intStart = index
            let whole = digits()
            guard whole > 0 else { throw failure("expected a digit", at: index) }
            if whole > 1, bytes[intStart] == UInt8(ascii: "0") {
                throw failure("a number may not start with 0", at: intStart)
            }
            var integral = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                integral = false
                guard digits() > 0 else { throw failure("expected a digit after '.'") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                integral = false
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard digits() > 0 else { throw failure("expected a digit in the exponent") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if integral, let n = Int(text) { return .int(n) }
            return .number(text)
        }

        /// A string literal; `index` is at its opening quote.
        mutating func string() throws(Failure) -> String {
            index += 1
            let start = index
            // The common case: no escapes, valid UTF-8.
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"),
                bytes[index] >= 0x20
            {
                index += 1
            }
            guard index < bytes.count else { throw failure("the document ends inside a string", at: start - 1) }
            if bytes[index] == UInt8(ascii: "\"") {
                let text = try utf8(bytes[start..<index], at: start)
                index += 1
                return text
            }
            var out: [UInt8] = Array(bytes[start..<index])
            while true {
                guard index < bytes.count else { throw failure("the document ends inside a string", at: start - 1) }
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    index += 1
                    return try utf8(out[...], at: start)
                }
                if b < 0x20 { throw failure("a control character must be escaped in a string") }
                guard b == UInt8(ascii: "\\") else {
                    out.append(b)
                    index += 1
                    continue
                }
                index += 1
                guard index < bytes.count else { throw failure("the document ends inside a string", at: start - 1) }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        else { throw failure("a lone UTF-16 surrogate in a \\u escape") }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw failure("a lone UTF-16 surrogate in a \\u escape")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw failure("a lone UTF-16 surrogate in a \\u escape")
                    }
                    out.append(contentsOf: String(Unicode.Scalar(scalar)!).utf8)
                default: throw failure("an unknown escape in a string", at: index - 2)
                }
            }
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure("expected four hex digits after \\u") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                let digit: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
                default: throw failure("expected four hex digits after \\u")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        func utf8(_ slice: ArraySlice<UInt8>, at offset: Int) throws(Failure) -> String {
            guard let text = String(validating: slice, as: UTF8.self) else {
                throw failure("a string that is not valid UTF-8", at: offset)
            }
            return text
        }
    }
}
