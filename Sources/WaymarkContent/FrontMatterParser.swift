import WaymarkCore
internal import Yams

/// Splits a file into YAML front matter and Markdown body and reads the YAML with Yams.
///
/// Every key is kept in file order with its position in the `.md` file. A duplicate key or a YAML
/// error does not lose the other keys: the front matter is then read key by key.
struct FrontMatterParser {
    /// Upper bounds that keep hostile YAML (alias bombs, deep nesting) cheap to refuse.
    static let maximumBytes = 64 * 1024
    static let maximumNesting = 64
    static let maximumNodes = 10_000

    struct Result {
        var frontMatter: FrontMatter
        /// The Markdown after the front matter.
        var body: Substring
        /// How many lines of the file precede `body`.
        var bodyLineOffset: Int
        var diagnostics: [Diagnostic]
    }

    static func split(_ text: String, requireFrontMatter: Bool) -> Result {
        var diagnostics: [Diagnostic] = []
        var copy = text
        // Byte offsets, found on the text's bytes: where the YAML starts, and the closing line.
        let found = copy.withUTF8 { bytes -> (yamlStart: Int, closing: (start: Int, end: Int, number: Int)?)? in
            let newline = UInt8(ascii: "\n")
            let firstEnd = bytes.firstIndex(of: newline) ?? bytes.count
            guard isDelimiterLine(bytes, 0, firstEnd, marker: UInt8(ascii: "-")) else { return nil }
            var lineNumber = 1
            var cursor = min(firstEnd + 1, bytes.count)
            let yamlStart = cursor
            while cursor < bytes.count {
                lineNumber += 1
                let lineEnd = bytes[cursor...].firstIndex(of: newline) ?? bytes.count
                if isDelimiterLine(bytes, cursor, lineEnd, marker: UInt8(ascii: "-"))
                    || isDelimiterLine(bytes, cursor, lineEnd, marker: UInt8(ascii: "."))
                {
                    return (yamlStart, (cursor, lineEnd, lineNumber))
                }
                cursor = min(lineEnd + 1, bytes.count)
            }
            return (yamlStart, nil)
        }
        guard let found else {
            if requireFrontMatter {
                diagnostics.append(ContentDiagnostic.frontMatterMissing.make(SourceRange(line: 1, column: 1)))
            }
            return Result(
                frontMatter: FrontMatter(), body: Substring(text), bodyLineOffset: 0, diagnostics: diagnostics)
        }
        let utf8 = text.utf8
        let yamlStart = utf8.index(utf8.startIndex, offsetBy: found.yamlStart)
        guard let closing = found.closing else {
            diagnostics.append(
                ContentDiagnostic.frontMatterUnterminated.make(SourceRange(line: 1, column: 1, endColumn: 3)))
            return Result(
                frontMatter: FrontMatter(), body: text[yamlStart...], bodyLineOffset: 1, diagnostics: diagnostics)
        }
        let yaml = String(text[yamlStart..<utf8.index(utf8.startIndex, offsetBy: closing.start)])
        let body = text[utf8.index(utf8.startIndex, offsetBy: min(closing.end + 1, utf8.count))...]
        var fm = read(yaml: yaml, lineOffset: 1, diagnostics: &diagnostics)
        fm.range = SourceRange(line: 1, column: 1, endLine: closing.number, endColumn: closing.end - closing.start)
        return Result(frontMatter: fm, body: body, bodyLineOffset: closing.number, diagnostics: diagnostics)
    }

    /// Whether bytes `start..<end` are `---` (or `...`) followed only by spaces or tabs.
    private static func isDelimiterLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, marker: UInt8)
        -> Bool
    {
        guard end - start >= 3, bytes[start] == marker, bytes[start + 1] == marker, bytes[start + 2] == marker else {
            return false
        }
        return bytes[(start + 3)..<end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// Reads the YAML text; `lineOffset` is the number of file lines before its first line.
    /// `plainLines: false` always goes through Yams (tests compare the two ways).
    static func read(
        yaml: String, lineOffset: Int, diagnostics: inout [Diagnostic], plainLines: Bool = true
    ) -> FrontMatter {
        if let reason = complexityProblem(yaml) {
            diagnostics.append(
                ContentDiagnostic.frontMatterTooComplex.make(
                    SourceRange(line: lineOffset + 1, column: 1), ["reason": reason]))
            return FrontMatter()
        }
        let lines = yaml.lineSlices
        if plainLines, let entries = PlainFrontMatter.entries(lines, lineOffset: lineOffset) {
            guard !entries.isEmpty else { return FrontMatter() }
            let fm = FrontMatter(entries: entries)
            checkDates(fm, &diagnostics)
            return fm
        }
        var converter = NodeConverter(lines: lines, lineOffset: lineOffset)
        do {
            guard let root = try Yams.compose(yaml: yaml, .basic, .default, .utf8) else { return FrontMatter() }
            guard let mapping = root.mapping else {
                diagnostics.append(
                    ContentDiagnostic.frontMatterNotMapping.make(
                        converter.range(of: root.mark) ?? SourceRange(line: lineOffset + 1, column: 1)))
                return FrontMatter()
            }
            var entries: [MetadataEntry] = []
            for (key, value) in mapping {
                entries.append(
                    MetadataEntry(
                        key: key.string ?? "", value: try converter.value(value), range: converter.range(of: key.mark)))
            }
            let fm = FrontMatter(entries: entries)
            checkDates(fm, &diagnostics)
            return fm
        } catch let error as NodeConverter.TooComplex {
            diagnostics.append(
                ContentDiagnostic.frontMatterTooComplex.make(
                    SourceRange(line: lineOffset + 1, column: 1), ["reason": error.reason]))
            return FrontMatter()
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping = error {
                // Reported key by key below, with both positions.
            } else {
                let (problem, mark) = describe(error)
                diagnostics.append(
                    ContentDiagnostic.frontMatterSyntax.make(
                        converter.range(of: mark) ?? SourceRange(line: lineOffset + 1, column: 1), ["problem": problem])
                )
            }
            let fm = FrontMatter(entries: readKeyByKey(lines: lines, converter: &converter, diagnostics: &diagnostics))
            checkDates(fm, &diagnostics)
            return fm
        } catch {
            diagnostics.append(
                ContentDiagnostic.frontMatterSyntax.make(
                    SourceRange(line: lineOffset + 1, column: 1), ["problem": "\(error)"]))
            return FrontMatter()
        }
    }

    /// Reads each top-level `key:` line and its continuation lines on their own, so that one bad
    /// or repeated key does not hide the others.
    private static func readKeyByKey(
        lines: [Substring], converter: inout NodeConverter, diagnostics: inout [Diagnostic]
    ) -> [MetadataEntry] {
        var starts: [Int] = []
        for (i, line) in lines.enumerated() {
            guard let first = line.first, first != " ", first != "\t", first != "#", first != "-", line.contains(":")
            else { continue }
            starts.append(i)
        }
        var entries: [MetadataEntry] = []
        var firstLine: [String: Int] = [:]
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : lines.count
            let chunk = lines[start..<end].joined(separator: "\n")
            var chunkConverter = NodeConverter(
                lines: Array(lines[start..<end]), lineOffset: converter.lineOffset + start)
            guard let node = try? Yams.compose(yaml: chunk, .basic, .default, .utf8), let mapping = node.mapping else {
                continue
            }
            for (key, value) in mapping {
                guard let converted = try? chunkConverter.value(value) else { continue }
                let name = key.string ?? ""
                let range = chunkConverter.range(of: key.mark)
                if let first = firstLine[name] {
                    diagnostics.append(
                        ContentDiagnostic.duplicateKey.make(range, ["key": name, "firstLine": String(first)]))
                } else {
                    firstLine[name] = range?.start.line ?? 0
                }
                entries.append(MetadataEntry(key: name, value: converted, range: range))
            }
        }
        return entries
    }

    private static func checkDates(_ fm: FrontMatter, _ diagnostics: inout [Diagnostic]) {
        for key in ["ms.date", "ms.lasthandoff"] {
            guard let entry = fm.entry(key), let value = entry.value.string else { continue }
            if CalendarDate(metadata: value) == nil {
                diagnostics.append(ContentDiagnostic.invalidDate.make(entry.range, ["key": key, "value": value]))
            }
        }
    }

    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let text = context.map { "\(problem) \($0.text)" } ?? problem
            return (text, mark)
        case .reader(let problem, _, _, _): return (problem, nil)
        default: return ("\(error)", nil)
        }
    }

    /// A reason to refuse the YAML before handing it to a recursive reader, or `nil`.
    static func complexityProblem(_ yaml: String) -> String? {
        if yaml.utf8.count > maximumBytes { return "more than \(maximumBytes) bytes" }
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            let deepest = nesting(bytes)
            return deepest > maximumNesting ? "nested more than \(maximumNesting) levels" : nil
        }
    }

    /// The deepest flow nesting (`[`, `{`) or run of block indicators (`- ? -`) at a line's start.
    private static func nesting(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var depth = 0
        var deepest = 0
        var lineIndicators = 0
        var atLineStart = true
        for b in bytes {
            switch b {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            case UInt8(ascii: "\n"):
                atLineStart = true
                lineIndicators = 0
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "?"):
                if atLineStart {
                    lineIndicators += 1
                    deepest = max(deepest, lineIndicators)
                }
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"): continue
            default: break
            }
            atLineStart = false
        }
        return deepest
    }
}

/// Turns Yams nodes into `MetadataValue`s and Yams marks into file positions.
struct NodeConverter {
    struct TooComplex: Error { var reason: String }

    let lines: [Substring]
    let lineOffset: Int
    private var budget = FrontMatterParser.maximumNodes

    init(lines: [Substring], lineOffset: Int) {
        self.lines = lines
        self.lineOffset = lineOffset
    }

    mutating func value(_ node: Node) throws -> MetadataValue {
        budget -= 1
        if budget < 0 { throw TooComplex(reason: "more than \(FrontMatterParser.maximumNodes) values") }
        switch node {
        case .scalar(let s): return .scalar(s.string)
        case .sequence(let seq): return .sequence(try seq.map { try value($0) })
        case .mapping(let map):
            return .mapping(
                try map.map {
                    MetadataEntry(key: $0.key.string ?? "", value: try value($0.value), range: range(of: $0.key.mark))
                })
        case .alias: return .scalar("")
        }
    }

    /// The file range of a Yams mark; Yams counts columns in Unicode scalars, Waymark in bytes.
    func range(of mark: Mark?) -> SourceRange? {
        guard let mark else { return nil }
        var column = mark.column
        if mark.line >= 1, mark.line <= lines.count {
            let line = lines[mark.line - 1]
            let scalars = line.unicodeScalars
            let index =
                scalars.index(scalars.startIndex, offsetBy: mark.column - 1, limitedBy: scalars.endIndex)
                ?? scalars.endIndex
            column = line.utf8.distance(from: line.utf8.startIndex, to: index) + 1
        }
        return SourceRange(line: mark.line + lineOffset, column: column)
    }
}

/// The front matter nearly every article has, read without building a YAML tree: one
/// `key: value` a line at column 1, the value plain or quoted on that line, comment and blank
/// lines between. Anything else (nesting, lists, block scalars, escapes, anchors, tags, a repeated
/// key, a character YAML does not allow) returns `nil` and goes to Yams, so the result is always
/// what Yams would give.
enum PlainFrontMatter {
    static let maximumKeys = 64

    static func entries(_ lines: [Substring], lineOffset: Int) -> [MetadataEntry]? {
        var entries: [MetadataEntry] = []
        for (index, line) in lines.enumerated() {
            var line = line
            switch line.withUTF8({ self.line($0) }) {
            case .skip: continue
            case .yams: return nil
            case .entry(let key, let value):
                // Real front matter has a few dozen keys at most, and more than `maximumKeys` go to
                // Yams, so the search for a repeated key stays cheap.
                guard entries.count < maximumKeys, !entries.contains(where: { $0.key == key }) else { return nil }
                entries.append(
                    MetadataEntry(
                        key: key, value: .scalar(value), range: SourceRange(line: lineOffset + index + 1, column: 1)))
            }
        }
        return entries
    }

    private enum Line {
        /// Blank or a comment.
        case skip
        /// Something only Yams reads right.
        case yams
        case entry(key: String, value: String)
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
        return .entry(key: String(decoding: key, as: UTF8.self), value: value)
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
