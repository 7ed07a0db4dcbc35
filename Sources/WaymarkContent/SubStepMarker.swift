import WaymarkCore

/// The `a.`/`b.` and `i.`/`ii.` sub-step markers CommonMark does not know.
///
/// They arrive in two shapes: each marker line its own paragraph, or marker lines joined to the
/// parent's paragraph by soft breaks. `split` handles both: it cuts a paragraph's inlines at
/// every line that starts with a marker.
enum SubStepMarker {
    static let romanNumerals: Set<String> = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]

    struct Segment {
        var marker: String
        var content: [Inline]
        var range: SourceRange
    }

    /// The marker a text starts with and the text after it (`"b. Select"` → `("b", "Select")`).
    static func parse(_ text: String) -> (marker: String, rest: Substring)? {
        let trimmed = text.drop { $0 == " " }
        let letters = trimmed.prefix { $0 >= "a" && $0 <= "z" }
        guard !letters.isEmpty, letters.count <= 4 else { return nil }
        let marker = String(letters)
        guard marker.count == 1 || romanNumerals.contains(marker) else { return nil }
        var rest = trimmed.dropFirst(letters.count)
        guard let punct = rest.first, punct == "." || punct == ")" else { return nil }
        rest = rest.dropFirst()
        guard let space = rest.first, space == " " || space == "\t" else { return nil }
        return (marker, rest.drop { $0 == " " || $0 == "\t" })
    }

    /// Splits a paragraph into the text before the first marker line and one segment per marker.
    static func split(_ content: [Inline], range: SourceRange) -> (lead: [Inline], segments: [Segment]) {
        // Most paragraphs have no marker line: then the lead is the paragraph without trailing breaks.
        if !hasMarkerLine(content) {
            var lead = content
            while let last = lead.last, last.isBreak { lead.removeLast() }
            return (lead, [])
        }
        var lead: [Inline] = []
        var segments: [Segment] = []
        var lineIndex = 0
        var atLineStart = true
        for inline in content {
            if inline.isBreak {
                lineIndex += 1
                atLineStart = true
                if segments.isEmpty { lead.append(inline) } else { segments[segments.count - 1].content.append(inline) }
                continue
            }
            if atLineStart, case .text(let text, let r) = inline, let (marker, rest) = parse(text) {
                let line = r?.start.line ?? (range.start.line + lineIndex)
                let place = r ?? SourceRange(line: line, column: range.start.column)
                segments.append(
                    Segment(marker: marker, content: rest.isEmpty ? [] : [.text(String(rest), r)], range: place))
                atLineStart = false
                continue
            }
            atLineStart = false
            if segments.isEmpty {
                lead.append(inline)
            } else {
                segments[segments.count - 1].content.append(inline)
                if let end = inline.range?.end, end > segments[segments.count - 1].range.end {
                    segments[segments.count - 1].range.end = end
                }
            }
        }
        // A trailing break belongs to nothing.
        while let last = lead.last, last.isBreak { lead.removeLast() }
        for i in segments.indices {
            while let last = segments[i].content.last, last.isBreak {
                segments[i].content.removeLast()
            }
        }
        return (lead, segments)
    }

    /// True when a line of the inlines starts with a marker.
    private static func hasMarkerLine(_ content: [Inline]) -> Bool {
        var atLineStart = true
        for inline in content {
            switch inline {
            case .softBreak, .lineBreak: atLineStart = true
            case .text(let text, _) where atLineStart:
                if mayStartWithMarker(text), parse(text) != nil { return true }
                atLineStart = false
            default: atLineStart = false
            }
        }
        return false
    }

    /// A cheap test `parse` can only pass: the first byte after spaces is a lower-case ASCII letter.
    private static func mayStartWithMarker(_ text: String) -> Bool {
        guard let first = text.utf8.first(where: { $0 != UInt8(ascii: " ") }) else { return false }
        return first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")
    }

    /// True when `marker` is a Roman numeral that does not simply continue the letters (after `h.`,
    /// `i.` is a letter).
    static func isRoman(_ marker: String, afterLetter previous: String?) -> Bool {
        guard romanNumerals.contains(marker) else { return false }
        guard let previous, previous.count == 1, let scalar = previous.unicodeScalars.first,
            let next = Unicode.Scalar(scalar.value + 1)
        else { return true }
        return String(Character(next)) != marker
    }
}
