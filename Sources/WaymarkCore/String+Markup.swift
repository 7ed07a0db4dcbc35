extension String {
    /// The text escaped for XML or HTML content and attribute values: `&`, `<`, `>`, `"`, and with
    /// `apostrophes` also `'`.
    public func markupEscaped(apostrophes: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'" where apostrophes: out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
