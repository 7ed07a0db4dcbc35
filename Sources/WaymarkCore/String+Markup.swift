extension String {
    /// The text escaped for XML or HTML content and attribute values: `&`, `<`, `>`, `"`, and with
    /// `apostrophes` also `'`. Over the UTF-8 bytes (the characters escaped are ASCII, and no byte
    /// of a longer character is one of them); a text with none of them is returned as it is.
    public func markupEscaped(apostrophes: Bool = false) -> String {
        func escapes(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || (apostrophes && byte == UInt8(ascii: "'"))
        }
        guard utf8.contains(where: escapes) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'") where apostrophes: out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
