import WaymarkCore

/// The readers of what a browser or script sends: forms and query strings, cookies,
/// `Accept-Language`, and the API's JSON bodies. Each takes untrusted bytes, never traps, and
/// answers `nil` (or nothing) for what it cannot read; `make fuzz` runs them on random input.
public enum WebInput {
    /// Most fields a form or query may have: more is a malformed request.
    public static let maximumFields = 64

    /// An `application/x-www-form-urlencoded` body or a query string: `+` is a space, `%XX` a byte.
    /// `nil` when a field is not UTF-8 after decoding, a `%` escape is broken, or there are too
    /// many fields. A repeated name keeps its first value.
    public static func form(_ bytes: some Collection<UInt8>) -> [String: String]? {
        var fields: [String: String] = [:]
        var count = 0
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            count += 1
            if count > maximumFields { return nil }
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { pair[pair.startIndex..<$0] } ?? pair[...]
            let rawValue = equals.map { pair[pair.index(after: $0)...] } ?? pair[pair.endIndex...]
            guard let name = decode(rawName), let value = decode(rawValue) else { return nil }
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    static func decode(_ bytes: some Collection<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): out.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hex), let low = iterator.next().flatMap(hex) else {
                    return nil
                }
                out.append(high << 4 | low)
            default: out.append(byte)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    public static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The cookies of a `Cookie` header (`a=1; b=2`); the first of a repeated name wins.
    public static func cookies(_ header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        for part in header.split(separator: ";").prefix(maximumFields) {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = part[..<equals].trimmingSpaces
            var value = Substring(part[part.index(after: equals)...].trimmingSpaces)
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
            if !name.isEmpty, cookies[name] == nil { cookies[name] = String(value) }
        }
        return cookies
    }

    /// The first of `offered` that `header` (`tr-TR,tr;q=0.9,en;q=0.5`) accepts, by quality then
    /// order: an exact tag, else a language match (`tr` or `tr-CY` take `tr-TR`). `nil` when none.
    public static func preferredLocale(_ header: String, offered: [String]) -> String? {
        var wanted: [(tag: String, quality: Double, order: Int)] = []
        for (order, part) in header.split(separator: ",").prefix(maximumFields).enumerated() {
            let pieces = part.split(separator: ";")
            guard let first = pieces.first else { continue }
            let tag = first.trimmingSpaces.lowercased()
            guard !tag.isEmpty, tag.count <= 35 else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let p = parameter.trimmingSpaces
                if p.hasPrefix("q="), let q = Double(p.dropFirst(2)), q >= 0, q <= 1 { quality = q }
            }
            if quality > 0 { wanted.append((tag, quality, order)) }
        }
        wanted.sort { $0.quality != $1.quality ? $0.quality > $1.quality : $0.order < $1.order }
        for entry in wanted {
            if entry.tag == "*" { return offered.first }
            if let exact = offered.first(where: { $0.lowercased() == entry.tag }) { return exact }
            let language = entry.tag.split(separator: "-").first.map(String.init) ?? entry.tag
            if let match = offered.first(where: {
                $0.lowercased().split(separator: "-").first.map(String.init) == language
            }) {
                return match
            }
        }
        return nil
    }

    /// The string members of a JSON object body (`{"operator": "ada", "password": "…"}`); `nil`
    /// when the body is not a JSON object. Members of other types are left out.
    public static func jsonStrings(_ bytes: [UInt8]) -> [String: String]? {
        guard let node = try? JSONReader.read(bytes), case .object(let members) = node.value else { return nil }
        var fields: [String: String] = [:]
        for member in members {
            if case .string(let s) = member.value.value, fields[member.key] == nil { fields[member.key] = s }
        }
        return fields
    }
}

extension Substring {
    /// Without the spaces and tabs at its ends. By bytes when it is ASCII (where every character
    /// but CR LF is one byte); by characters otherwise, where a space can begin a character.
    var trimmingSpaces: String {
        let bytes = utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            let isBlank = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
            guard let first = bytes.firstIndex(where: { !isBlank($0) }),
                let last = bytes.lastIndex(where: { !isBlank($0) })
            else { return "" }
            return String(self[first...last])
        }
        return String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

extension WebInput {
    /// HTML text escaped for element content and quoted attribute values: every text the web app
    /// shows passes through here, so a company name `<script>` is shown, never run.
    public static func escapeHTML(_ text: String) -> String {
        // By bytes: every character it changes is one byte of UTF-8, and most texts have none.
        func replacement(_ byte: UInt8) -> StaticString? {
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            // Controls other than tab and newline have no business in a page.
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: "\u{FFFD}"
            default: nil
            }
        }
        guard text.utf8.contains(where: { replacement($0) != nil }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if let replaced = replacement(byte) {
                replaced.withUTF8Buffer { out.append(contentsOf: $0) }
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` percent-encoded for a path segment, a form field or a query value.
    public static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(digits[Int(byte >> 4)])
                out.unicodeScalars.append(digits[Int(byte & 0xF)])
            }
        }
        return out
    }
}
