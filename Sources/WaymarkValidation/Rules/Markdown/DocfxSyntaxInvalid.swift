import WaymarkCore

/// A DocFX extension written in a form DocFX does not accept, which it publishes as literal text.
struct DocfxSyntaxInvalid: DocumentRule {
    static let category = RuleCategory.markdown
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A DocFX extension (:::image) is written in a form DocFX does not accept.",
        "explanation":
            "DocFX reads `:::image type=\"content\" source=\"path\" alt-text=\"text\":::` on one line: the type is content (the default), icon or complex, the source is required, the line ends with :::, and a complex image's long description ends with a :::image-end::: line. Anything else is published as the literal text of the line, with no image.",
        "no-source": ":::image has no source",
        "type": ":::image type \"{type}\" is not content, icon or complex",
        "unclosed": ":::image is not closed with ::: on its line",
        "no-end": "the complex :::image has no :::image-end::: after its long description",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for image in DocFXImages.of(document) {
            let range = SourceRange(start: image.range.start, end: image.range.start)
            let type = image.attributes["type"] ?? "content"
            if (image.attributes["source"] ?? "").isBlank { findings.report(Self.self, "no-source", at: range) }
            if !["content", "icon", "complex"].contains(type) {
                findings.report(Self.self, "type", at: range, ["type": type])
            }
            guard let line = document.line(image.range.start.line) else { continue }
            if !isClosed(line) { findings.report(Self.self, "unclosed", at: range) }
            if type == "complex", !hasEnd(document, after: image.range.start.line) {
                findings.report(Self.self, "no-end", at: range)
            }
        }
    }

    /// Whether the `:::image` line closes its tag with `:::` after the attributes (a `<br>` may
    /// follow, which is the page's, not the tag's).
    static func isClosed(_ line: String) -> Bool {
        var bytes = line
        // By bytes where they give the answer Foundation's search gives (see `containsCharacters`):
        // nearly every line.
        if let closed = bytes.withUTF8({ utf8 -> Bool? in
            guard String.comparesByBytes(utf8) else { return nil }
            func find(_ tag: [UInt8], from start: Int) -> Int? {
                tag.withUnsafeBufferPointer { ByteSearch.first($0, in: utf8, from: start, before: utf8.count) }
            }
            guard let open = find(openTag, from: 0) else { return false }
            var rest = open + openTag.count
            // Past the last quoted value, as below.
            if let quote = utf8[rest...].lastIndex(of: UInt8(ascii: "\"")) { rest = quote + 1 }
            return find(closeTag, from: rest) != nil
        }) {
            return closed
        }
        return isClosedByCharacters(line)
    }

    /// `isClosed` of any line, by Foundation's search of characters.
    static func isClosedByCharacters(_ line: String) -> Bool {
        guard let open = line.range(of: ":::image") else { return false }
        var rest = line[open.upperBound...]
        // Past the last quoted value, so a `:::` inside alt-text does not count.
        if let quote = rest.lastIndex(of: "\"") { rest = rest[rest.index(after: quote)...] }
        return rest.contains(":::")
    }

    private static let openTag = Array(":::image".utf8)
    private static let closeTag = Array(":::".utf8)

    /// Whether a `:::image-end:::` line follows `line`.
    static func hasEnd(_ document: ValidationDocument, after line: Int) -> Bool {
        var n = line + 1
        while let text = document.line(n) {
            if text.trimmingSpaces.hasPrefix(":::image-end:::") { return true }
            if text.trimmingSpaces.hasPrefix(":::image ") { return false }
            n += 1
        }
        return false
    }
}
