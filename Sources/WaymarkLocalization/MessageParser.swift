/// Parses ICU MessageFormat text into a `Message`.
///
/// Apostrophes quote as ICU does: `''` is one apostrophe; an apostrophe before `{`, `}`, `#` (in a
/// plural case) or `|` starts a quoted literal that runs to the next single apostrophe; any
/// other apostrophe is itself. Nesting is limited to keep hostile input cheap.
public struct MessageParser {
    static let maximumDepth = 32

    private let characters: [Character]
    private var index = 0

    public static func parse(_ text: String) throws(MessageSyntaxError) -> Message {
        var parser = MessageParser(characters: Array(text))
        let parts = try parser.parseMessage(depth: 0, inPlural: false)
        if parser.index < parser.characters.count {
            throw parser.error("unexpected '}' with no matching '{'")
        }
        return Message(parts: parts)
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private func error(_ problem: String, at position: Int? = nil) -> MessageSyntaxError {
        MessageSyntaxError(column: (position ?? index) + 1, problem: problem)
    }

    private var current: Character? { index < characters.count ? characters[index] : nil }

    /// Text and placeholders up to an unmatched `}` or the end.
    private mutating func parseMessage(depth: Int, inPlural: Bool) throws(MessageSyntaxError) -> [Message.Part] {
        if depth > MessageParser.maximumDepth {
            throw error("messages nested more than \(MessageParser.maximumDepth) deep")
        }
        var parts: [Message.Part] = []
        var text = ""
        func flush() {
            if !text.isEmpty { parts.append(.text(text)) }
            text = ""
        }
        while let c = current {
            switch c {
            case "'":
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if next == "'" {
                    text.append("'")
                    index += 2
                } else if let next, next == "{" || next == "}" || next == "|" || (inPlural && next == "#") {
                    let start = index
                    index += 1
                    var closed = false
                    while let q = current {
                        if q == "'" {
                            if index + 1 < characters.count, characters[index + 1] == "'" {
                                text.append("'")
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        text.append(q)
                        index += 1
                    }
                    if !closed { throw error("quoted literal is never closed", at: start) }
                } else {
                    text.append("'")
                    index += 1
                }
            case "{":
                flush()
                parts.append(try parsePlaceholder(depth: depth))
            case "}":
                flush()
                return parts
            case "#" where inPlural:
                flush()
                parts.append(.pound)
                index += 1
            default:
                text.append(c)
                index += 1
            }
        }
        flush()
        return parts
    }

    private mutating func skipSpaces() {
        while let c = current, c.isWhitespace { index += 1 }
    }

    private mutating func word() -> String {
        var w = ""
        while let c = current, c.isLetter || c.isNumber || c == "_" || c == "-" || c == "=" || c == ":" || c == "." {
            w.append(c)
            index += 1
        }
        return w
    }

    private mutating func expect(_ c: Character, _ problem: String) throws(MessageSyntaxError) {
        skipSpaces()
        guard current == c else { throw error(problem) }
        index += 1
    }

    private mutating func parsePlaceholder(depth: Int) throws(MessageSyntaxError) -> Message.Part {
        let open = index
        index += 1
        skipSpaces()
        let name = word()
        if name.isEmpty { throw error("expected an argument name after '{'") }
        skipSpaces()
        if current == "}" {
            index += 1
            return .argument(name)
        }
        guard current == "," else {
            throw current == nil
                ? error("placeholder opened here is never closed", at: open) : error("expected ',' or '}'")
        }
        index += 1
        skipSpaces()
        let typeStart = index
        let type = word()
        skipSpaces()
        switch type {
        case "number":
            if current == "," {
                index += 1
                skipSpaces()
                _ = word()
            }
            try expect("}", "expected '}' to close the number placeholder")
            return .number(name)
        case "date":
            var style = "medium"
            if current == "," {
                index += 1
                skipSpaces()
                style = word()
                guard ["short", "medium", "long", "full"].contains(style) else {
                    throw error("unknown date style '\(style)'; use short, medium, long or full")
                }
            }
            try expect("}", "expected '}' to close the date placeholder")
            return .date(name, style: style)
        case "plural", "selectordinal":
            try expect(",", "expected ',' before the plural cases")
            return try parsePluralCases(name, ordinal: type == "selectordinal", depth: depth, open: open)
        case "select":
            try expect(",", "expected ',' before the select cases")
            var cases: [Message.SelectCase] = []
            while true {
                skipSpaces()
                if current == "}" {
                    index += 1
                    break
                }
                guard current != nil else { throw error("placeholder opened here is never closed", at: open) }
                let key = word()
                if key.isEmpty { throw error("expected a select key") }
                try expect("{", "expected '{' after the select key '\(key)'")
                let parts = try parseMessage(depth: depth + 1, inPlural: false)
                try expect("}", "case '\(key)' is never closed")
                cases.append(Message.SelectCase(key: key, parts: parts))
            }
            guard cases.contains(where: { $0.key == "other" }) else {
                throw error("select needs an 'other' case", at: open)
            }
            return .select(name, cases: cases)
        case "article":
            var capital = false
            if current == "," {
                index += 1
                skipSpaces()
                let style = word()
                guard style == "capital" else { throw error("unknown article style '\(style)'; use capital") }
                capital = true
            }
            try expect("}", "expected '}' to close the article placeholder")
            return .article(name, capital: capital)
        case "suffix":
            try expect(",", "expected ',' and a case after 'suffix'")
            skipSpaces()
            let caseName = word()
            guard let grammaticalCase = SpokenForm.TurkishCase(rawValue: caseName) else {
                throw error(
                    "unknown case '\(caseName)'; use "
                        + SpokenForm.TurkishCase.allCases.map(\.rawValue).joined(separator: ", "))
            }
            try expect("}", "expected '}' to close the suffix placeholder")
            return .suffix(name, grammaticalCase)
        default:
            throw error(
                "unknown placeholder type '\(type)'; use number, date, plural, selectordinal, select, article or suffix",
                at: typeStart)
        }
    }

    private mutating func parsePluralCases(
        _ name: String, ordinal: Bool, depth: Int, open: Int
    ) throws(MessageSyntaxError) -> Message.Part {
        var offset = 0
        var cases: [Message.PluralCase] = []
        while true {
            skipSpaces()
            if current == "}" {
                index += 1
                break
            }
            guard current != nil else { throw error("placeholder opened here is never closed", at: open) }
            let selectorStart = index
            let selector = word()
            if selector.hasPrefix("offset:") {
                guard let n = Int(selector.dropFirst(7)) else {
                    throw error("offset needs a whole number", at: selectorStart)
                }
                offset = n
                continue
            }
            var exact: Int?
            var category: PluralCategory?
            if selector.hasPrefix("=") {
                guard let n = Int(selector.dropFirst()) else {
                    throw error("'\(selector)' is not '=' and a number", at: selectorStart)
                }
                exact = n
            } else if let c = PluralCategory(rawValue: selector) {
                category = c
            } else {
                throw error(
                    selector.isEmpty
                        ? "expected a plural case"
                        : "unknown plural category '\(selector)'; use zero, one, two, few, many, other or =N",
                    at: selectorStart)
            }
            try expect("{", "expected '{' after '\(selector)'")
            let parts = try parseMessage(depth: depth + 1, inPlural: true)
            try expect("}", "case '\(selector)' is never closed")
            cases.append(Message.PluralCase(exact: exact, category: category, parts: parts))
        }
        guard cases.contains(where: { $0.category == .other }) else {
            throw error("plural needs an 'other' case", at: open)
        }
        return .plural(name, ordinal: ordinal, offset: offset, cases: cases)
    }
}
