import WaymarkCore

/// Splits a file into YAML front matter and Markdown body and reads the YAML: plain `key: value`
/// lines on the fast path (``PlainFrontMatter``), anything else with Yams
/// (`FrontMatterParser+YAML.swift`).
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
        return readWithYams(yaml: yaml, lines: lines, lineOffset: lineOffset, diagnostics: &diagnostics)
    }

    static func checkDates(_ fm: FrontMatter, _ diagnostics: inout [Diagnostic]) {
        for key in ["ms.date", "ms.lasthandoff"] {
            guard let entry = fm.entry(key), let value = entry.value.string else { continue }
            if CalendarDate(metadata: value) == nil {
                diagnostics.append(ContentDiagnostic.invalidDate.make(entry.range, ["key": key, "value": value]))
            }
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
