import Testing
import WaymarkTestSupport
import WaymarkWebInput

/// The byte-wise HTML escaping and cookie reading give what the character-wise ways they replaced
/// gave, on ordinary and hostile text.
@Suite struct WebInputTextTests {
    /// The former escaping, scalar by scalar.
    static func escapedByScalars(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static let pieces = [
        "a", " ", "\t", "<script>", "&amp;", "\"", "'", "\r\n", "\n", "\u{0}", "\u{7}", "\u{B}", "\u{1B}", "\u{7F}",
        "\u{85}", "İş Ortağı", "e\u{301}", " \u{301}", "👍🏽", "=", ";", "\u{FFFD}", "\u{A0}",
    ]

    @Test func escapingByBytesMatchesEscapingByScalars() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        for scalar in (0..<0x80).compactMap(Unicode.Scalar.init) {
            let text = "x" + String(scalar) + "y"
            #expect(WebInput.escapeHTML(text) == Self.escapedByScalars(text), "\(scalar.value)")
        }
        for _ in 0..<500 {
            let text = (0..<numbers.next(12)).map { _ in Self.pieces[numbers.next(Self.pieces.count)] }.joined()
            #expect(WebInput.escapeHTML(text) == Self.escapedByScalars(text), "seed \(seed): \(text.debugDescription)")
        }
        #expect(WebInput.escapeHTML("plain text, nothing to escape") == "plain text, nothing to escape")
    }

    /// The former trimming of a cookie's name and value, character by character.
    static func cookiesByCharacters(_ header: String) -> [String: String] {
        func trim(_ s: Substring) -> String {
            String(s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        }
        var cookies: [String: String] = [:]
        for part in header.split(separator: ";").prefix(WebInput.maximumFields) {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = trim(part[..<equals])
            var value = Substring(trim(part[part.index(after: equals)...]))
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
            if !name.isEmpty, cookies[name] == nil { cookies[name] = String(value) }
        }
        return cookies
    }

    @Test func cookiesTrimmedByBytesMatchTrimmingByCharacters() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        for _ in 0..<500 {
            let header = (0..<numbers.next(16)).map { _ in Self.pieces[numbers.next(Self.pieces.count)] }.joined()
            #expect(
                WebInput.cookies(header) == Self.cookiesByCharacters(header), "seed \(seed): \(header.debugDescription)"
            )
        }
        #expect(WebInput.cookies(" a = 1 ;\tb=\" 2 \"; =x; c") == ["a": "1", "b": " 2 "])
    }
}
