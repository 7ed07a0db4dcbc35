import Foundation
import WaymarkCore

/// Recognises the DocFX extensions that CommonMark parses as ordinary paragraphs and block
/// quotes: `[!INCLUDE[title](path)]`, `:::image …:::`, and `> [!NOTE]`-style alerts and
/// `> [!VIDEO url]` embeds.
enum DocFXRecognizer {
    /// A paragraph, or the blocks it stands for when it holds includes or a `:::image`, appended
    /// to `blocks`. True when an include was among them.
    static func paragraph(
        _ content: [Inline], range: SourceRange, into blocks: inout [Block], diagnostics: inout [Diagnostic]
    ) -> Bool {
        if case .text(let first, _)? = content.first, first.hasBytePrefix(":::image") {
            blocks.append(.docfxImage(DocFXImage(attributes: attributes(in: content.plainText), range: range)))
            return false
        }
        if let cut = imageLine(in: content, from: 0) {
            // A `:::image` line right under text (no blank line between) is still DocFX's image
            // block, and a complex image's description lines up to `:::image-end:::` are its own.
            var rest = content[...]
            var at = cut
            var included = false
            while true {
                included =
                    paragraph(Array(rest[..<at]), range: range, into: &blocks, diagnostics: &diagnostics)
                    || included
                var end = rest[(at + 1)...].firstIndex { $0.isBreak } ?? rest.endIndex
                let line = Array(rest[(at + 1)..<end])
                let attributes = attributes(in: line.plainText)
                blocks.append(.docfxImage(DocFXImage(attributes: attributes, range: line.first?.range ?? range)))
                if attributes["type"] == "complex" {
                    // Up to and including the `:::image-end:::` line.
                    var i = end
                    while i < rest.endIndex {
                        if case .text(let t, _) = rest[i], t.hasBytePrefix(":::image-end") {
                            end = rest[i...].firstIndex { $0.isBreak } ?? rest.endIndex
                            break
                        }
                        i += 1
                    }
                    if i == rest.endIndex { end = rest.endIndex }
                }
                rest = rest[end...].drop { $0.isBreak }
                guard let next = imageLine(in: Array(rest), from: 0) else { break }
                at = rest.startIndex + next
            }
            if !rest.isEmpty {
                included = paragraph(Array(rest), range: range, into: &blocks, diagnostics: &diagnostics) || included
            }
            return included
        }
        guard content.contains(where: { if case .text(let s, _) = $0 { includeMarker(in: s) != nil } else { false } })
        else {
            blocks.append(.paragraph(Paragraph(content: content, range: range)))
            return false
        }
        var included = false

        // Split around each `[!INCLUDE` text, link, `]` text triple (`INCLUDE` in any letter case,
        // spaces before the `[` allowed).
        var pending: [Inline] = []
        func flush() {
            if !pending.plainText.isBlank || pending.contains(where: isMedia) {
                blocks.append(.paragraph(Paragraph(content: pending, range: range)))
            }
            pending = []
        }
        var i = 0
        while i < content.count {
            if case .text(let before, let r) = content[i],
                let offset = includeMarker(in: before),
                before.utf8.dropFirst(offset + 9).allSatisfy({ $0 == UInt8(ascii: " ") }),
                i + 2 < content.count,
                case .link(let target, _, let title, _) = content[i + 1],
                case .text(let after, let r2) = content[i + 2], after.hasPrefix("]")
            {
                let lead = String(decoding: before.utf8.prefix(offset), as: UTF8.self)
                if !lead.isEmpty { pending.append(.text(lead, r)) }
                let trail = String(after.dropFirst())
                // Inline when the include shares its line with other text: DocFX reads a block
                // include only on a line of its own.
                let leadOnLine = pending.reversed().prefix { !$0.isBreak }
                let trailOnLine = trail.isBlank ? content[(i + 3)...].prefix { !$0.isBreak } : [.text(trail, r2)]
                let isInline = !Array(leadOnLine).plainText.isBlank || !Array(trailOnLine).plainText.isBlank
                flush()
                included = true
                blocks.append(
                    .include(
                        Include(
                            title: title.plainText, target: target, resolvedPath: nil, blocks: [], range: range,
                            isInline: isInline)))
                i += 3
                if !trail.isEmpty { pending.append(.text(trail, r2)) }
                continue
            }
            pending.append(content[i])
            i += 1
        }
        flush()
        return included
    }

    /// The byte offset of the last `[!INCLUDE` in `text`, in any letter case.
    static func includeMarker(in text: String) -> Int? {
        var text = text
        return text.withUTF8 { b -> Int? in
            guard b.count >= 9, let base = b.baseAddress else { return nil }
            // Each `[` found by `memchr` (most texts have none), the last that starts the marker kept.
            var last: Int?
            var from = 0
            while from <= b.count - 9, let hit = memchr(base + from, Int32(UInt8(ascii: "[")), b.count - 8 - from) {
                let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if b[i + 1] == UInt8(ascii: "!"), b[i + 2] & 0xDF == UInt8(ascii: "I"),
                    b[i + 3] & 0xDF == UInt8(ascii: "N"), b[i + 4] & 0xDF == UInt8(ascii: "C"),
                    b[i + 5] & 0xDF == UInt8(ascii: "L"), b[i + 6] & 0xDF == UInt8(ascii: "U"),
                    b[i + 7] & 0xDF == UInt8(ascii: "D"), b[i + 8] & 0xDF == UInt8(ascii: "E")
                {
                    last = i
                }
                from = i + 1
            }
            return last
        }
    }

    /// The index of the first line break in `content` whose next line is a `:::image` (not its end).
    private static func imageLine(in content: [Inline], from: Int) -> Int? {
        var i = from
        while i + 1 < content.count {
            if content[i].isBreak, case .text(let t, _) = content[i + 1], t.hasBytePrefix(":::image"),
                !t.hasBytePrefix(":::image-end")
            {
                return i
            }
            i += 1
        }
        return nil
    }

    /// Inlines worth a paragraph even without text: images, and HTML such as the `<a name>`
    /// anchor written on the line before an include.
    private static func isMedia(_ inline: Inline) -> Bool {
        switch inline {
        case .image, .html: true
        default: false
        }
    }

    /// `key="value"` pairs of a `:::image` line.
    static func attributes(in text: String) -> [String: String] {
        var result: [String: String] = [:]
        let bytes = Array(text.utf8)
        let quote = UInt8(ascii: "\"")
        var restStart = 0
        var i = 0
        while i + 1 < bytes.count {
            // `key="value"`, spaces allowed around the `=` (`alt-text= "…"`).
            var open = i + 1
            while open < bytes.count, bytes[open] == UInt8(ascii: " ") { open += 1 }
            guard bytes[i] == UInt8(ascii: "="), open < bytes.count, bytes[open] == quote else {
                i += 1
                continue
            }
            // The key runs back to the last space or colon (or to where the previous value ended);
            // spaces before the `=` (`source ="a.png"`) are not part of it.
            var keyEnd = i
            while keyEnd > restStart, bytes[keyEnd - 1] == UInt8(ascii: " ") { keyEnd -= 1 }
            var keyStart = keyEnd
            while keyStart > restStart, bytes[keyStart - 1] != UInt8(ascii: " "),
                bytes[keyStart - 1] != UInt8(ascii: ":")
            {
                keyStart -= 1
            }
            guard open + 1 <= bytes.count, let close = bytes[(open + 1)...].firstIndex(of: quote) else { break }
            result[String(decoding: bytes[keyStart..<keyEnd], as: UTF8.self)] = String(
                decoding: bytes[(open + 1)..<close], as: UTF8.self)
            restStart = close + 1
            i = restStart
        }
        return result
    }

    /// What a line that starts with `[!…]` in a block quote opens, the way DocFX reads it.
    enum QuoteMarker: Equatable {
        case alert(AlertKind)
        case video(String)
        /// `[!div class="…"]`: the rest of the section is a plain block.
        case div
    }

    /// The blocks a block quote stands for. DocFX starts a new section at every line of a quote
    /// that begins with a marker, in any letter case: `[!NOTE]` (and the other alert kinds) an
    /// alert, `[!VIDEO url]` a video, `[!div …]` a plain block; what comes before the first marker
    /// is an ordinary quote. Most quotes hold one marker and come back as one block with the
    /// quote's range.
    static func blockQuote(_ blocks: [Block], range: SourceRange, diagnostics: inout [Diagnostic]) -> [Block] {
        var out: [Block] = []
        var marker: QuoteMarker?
        var body: [Block] = []
        var start = range.start
        var sections = 0
        func close(last: Bool) {
            guard marker != nil || !body.isEmpty else { return }
            sections += 1
            var r = SourceRange(start: start, end: body.last?.range.end ?? start)
            if last, sections == 1 { r = range } else if last { r.end = range.end }
            switch marker {
            case .alert(let kind)?: out.append(.alert(Alert(kind: kind, blocks: body, range: r)))
            case .video?, .div?, nil: if !body.isEmpty { out.append(.blockQuote(BlockQuote(blocks: body, range: r))) }
            }
        }
        for block in splitAtMarkers(blocks) {
            guard case .paragraph(let p) = block, let (found, rest) = quoteMarker(p, diagnostics: &diagnostics) else {
                body.append(block)
                continue
            }
            close(last: false)
            // A section starts at the `>` of its marker's line.
            start = SourceLocation(line: p.range.start.line, column: range.start.column)
            body = rest.map { [.paragraph($0)] } ?? []
            if case .video(let url) = found {
                // The video is the whole of its line; what follows it is plain quote.
                out.append(.video(Video(url: url, range: body.isEmpty && blocks.count == 1 ? range : p.range)))
                sections += 1
                marker = nil
                start = p.range.start
            } else {
                marker = found
            }
        }
        close(last: true)
        return out
    }

    /// The quote's blocks with each paragraph cut where one of its lines begins with a marker
    /// (`> [!NOTE]` … `> [!IMPORTANT]` with no blank line between is one CommonMark paragraph).
    private static func splitAtMarkers(_ blocks: [Block]) -> [Block] {
        guard
            blocks.contains(where: {
                if case .paragraph(let p) = $0 { breakBeforeMarker(in: p.content, from: 0) != nil } else { false }
            })
        else { return blocks }
        var out: [Block] = []
        for block in blocks {
            guard case .paragraph(let p) = block else {
                out.append(block)
                continue
            }
            var rest = p.content[...]
            var restStart = p.range.start
            while let cut = breakBeforeMarker(in: Array(rest), from: 0) {
                let head = Array(rest.prefix(cut))
                let tail = rest.dropFirst(cut + 1)
                let tailStart = tail.first?.range?.start ?? restStart
                let headEnd = head.last(where: { $0.range != nil })?.range?.end ?? restStart
                out.append(.paragraph(Paragraph(content: head, range: SourceRange(start: restStart, end: headEnd))))
                rest = tail
                restStart = tailStart
            }
            out.append(
                .paragraph(Paragraph(content: Array(rest), range: SourceRange(start: restStart, end: p.range.end))))
        }
        return out
    }

    /// The index of the first line break in `content` whose next line begins with a marker.
    private static func breakBeforeMarker(in content: [Inline], from: Int) -> Int? {
        var i = from
        while i + 1 < content.count {
            if content[i].isBreak, case .text(let text, _) = content[i + 1], markerText(text)?.marker != nil {
                return i
            }
            i += 1
        }
        return nil
    }

    /// The marker `text` begins with, the text inside its brackets and what follows the `]`.
    static func markerText(_ text: String) -> (marker: QuoteMarker?, inner: Substring, after: Substring)? {
        asciiMarkerText(text) ?? markerTextByCharacters(text)
    }

    /// `markerText` read over the bytes, for a text whose bytes up to the one after its `]` are
    /// ASCII but a carriage return (each of them a character); `nil` for any other text, whose
    /// characters are walked. The markers of a quote's paragraphs (`[!NOTE]`) are nearly all so.
    static func asciiMarkerText(_ text: String) -> (marker: QuoteMarker?, inner: Substring, after: Substring)?? {
        var text = text
        // The offsets of `[`, of `]` (or `nil` when there is none) and where the text ends.
        let found = text.withUTF8 { b -> (open: Int, close: Int?, end: Int)? in
            var i = 0
            while i < b.count, b[i] == 0x20 { i += 1 }
            var k = i
            while k < b.count, b[k] != 0x5D {
                guard b[k] < 0x80, b[k] != 0x0D else { return nil }
                k += 1
            }
            if k + 1 < b.count, b[k + 1] >= 0x80 || b[k + 1] == 0x0D { return nil }
            return (i, k < b.count ? k : nil, b.count)
        }
        guard let found else { return nil }
        let utf8 = text.utf8
        let at = { (offset: Int) in utf8.index(utf8.startIndex, offsetBy: offset) }
        guard found.end - found.open >= 2, text[at(found.open)..<at(found.open + 2)] == "[!", let close = found.close
        else { return .some(nil) }
        let inner = text[at(found.open + 2)..<at(close)]
        let after = text[at(close + 1)...]
        let innerBytes = Array(inner.utf8)
        let video = Array("VIDEO ".utf8)
        if innerBytes.count >= video.count,
            zip(innerBytes, video).allSatisfy({ byte, letter in
                (byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte) == letter
            })
        {
            return (.video(String(inner.dropFirst(6)).trimmingSpaces), inner, after)
        }
        let letters = innerBytes.prefix { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
        let word = String(decoding: letters.map { $0 | 0x20 }, as: UTF8.self)
        if let kind = AlertKind(rawValue: word), letters.count == innerBytes.count {
            return (.alert(kind), inner, after)
        }
        if word == "div", letters.count == innerBytes.count || innerBytes.dropFirst(3).first == 0x20 {
            return (.div, inner, after)
        }
        return .some((nil, inner, after))
    }

    /// `markerText` over the characters.
    static func markerTextByCharacters(_ text: String) -> (
        marker: QuoteMarker?, inner: Substring, after: Substring
    )? {
        let trimmed = text.drop { $0 == " " }
        guard trimmed.hasPrefix("[!"), let close = trimmed.firstIndex(of: "]") else { return nil }
        let inner = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
        let after = trimmed[trimmed.index(after: close)...]
        if inner.uppercased().hasPrefix("VIDEO ") {
            return (.video(String(inner.dropFirst(6)).trimmingSpaces), inner, after)
        }
        let word = inner.prefix { $0.isLetter }
        if let kind = AlertKind(rawValue: word.lowercased()), word.count == inner.count {
            return (.alert(kind), inner, after)
        }
        if word.lowercased() == "div", word.count == inner.count || inner.dropFirst(3).first == " " {
            return (.div, inner, after)
        }
        return (nil, inner, after)
    }

    /// The marker a quote's paragraph begins with, and the paragraph without it (`nil` when nothing
    /// is left). An unknown `[!WORD]` is reported and read as text.
    private static func quoteMarker(
        _ paragraph: Paragraph, diagnostics: inout [Diagnostic]
    ) -> (QuoteMarker, Paragraph?)? {
        guard case .text(let text, let textRange)? = paragraph.content.first, let found = markerText(text) else {
            return nil
        }
        guard let marker = found.marker else {
            let word = found.inner.prefix { $0.isLetter }
            if !word.isEmpty, word.count == found.inner.count, word.uppercased() != "INCLUDE" {
                diagnostics.append(
                    ContentDiagnostic.unknownAlertKind.make(textRange ?? paragraph.range, ["kind": String(word)]))
            }
            return nil
        }
        // Drop the marker (and the line break after it) from the paragraph.
        var content = Array(paragraph.content.dropFirst())
        if String(found.after).isBlank {
            while let head = content.first, head.isBreak { content.removeFirst() }
        } else {
            content.insert(.text(String(found.after.drop { $0 == " " }), textRange), at: 0)
        }
        guard !content.isEmpty else { return (marker, nil) }
        var rest = paragraph
        rest.content = content
        return (marker, rest)
    }
}

/// `<a name="…">` and `<a id="…">` anchors in HTML.
package enum HTMLAnchor {
    /// The first anchor name among `inlines`' HTML.
    static func name(in inlines: [Inline]) -> String? {
        for inline in inlines {
            if case .html(let html, _) = inline, let name = names(in: html).first { return name }
        }
        return nil
    }

    /// Every anchor name in an HTML fragment. Read over the fragment's bytes in place.
    package static func names(in html: String) -> [String] {
        guard html.containsText("<a ") else { return [] }
        var html = html
        return html.withUTF8 { b in
            var result: [String] = []
            var i = 0
            while let open = find("<a ", in: b, from: i, before: b.count) {
                let tagStart = open + 3
                var tagEnd = tagStart
                while tagEnd < b.count, b[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
                i = tagEnd
                for attribute: StaticString in ["name=", "id="] {
                    guard let at = find(attribute, in: b, from: tagStart, before: tagEnd),
                        at == tagStart || b[at - 1] == UInt8(ascii: " ")
                    else { continue }
                    var start = at + attribute.utf8CodeUnitCount
                    // Quoted: up to the same quote; bare: up to a space or `/`.
                    var quote: UInt8?
                    if start < tagEnd, b[start] == UInt8(ascii: "\"") || b[start] == UInt8(ascii: "'") {
                        quote = b[start]
                        start += 1
                    }
                    var end = start
                    while end < tagEnd {
                        let c = b[end]
                        if let quote {
                            if c == quote { break }
                        } else if c == UInt8(ascii: " ") || c == UInt8(ascii: "/") {
                            break
                        }
                        end += 1
                    }
                    result.append(UTF8Text.decoded(UnsafeBufferPointer(rebasing: b[start..<end])))
                    break
                }
            }
            return result
        }
    }

    private static func find(
        _ pattern: StaticString, in b: UnsafeBufferPointer<UInt8>, from: Int, before end: Int
    ) -> Int? {
        ByteSearch.first(
            UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount), in: b, from: from,
            before: end)
    }
}

/// Side-by-side (bilingual) pages wrap the English original of each sentence in
/// `<span class="sxs-lookup">…</span>`; the step text keeps only the translation.
enum SideBySide {
    static func strip(_ inlines: [Inline]) -> [Inline] {
        guard inlines.contains(where: { if case .html(let h, _) = $0 { h.containsText("sxs-lookup") } else { false } })
        else { return inlines }
        var out: [Inline] = []
        var depth = 0
        for inline in inlines {
            if case .html(let html, _) = inline {
                if depth > 0 {
                    if html.hasPrefix("<span") { depth += 1 }
                    if html.hasPrefix("</span") { depth -= 1 }
                    continue
                }
                if html.containsText("sxs-lookup") {
                    depth = 1
                    continue
                }
            } else if depth > 0 {
                continue
            }
            out.append(inline)
        }
        return out
    }
}

/// Heading anchors the way DocFX makes them: the explicit `<a name>` where there is one, else the
/// lower-cased text with letters, digits, `-` and `_` kept and spaces turned into `-`; a slug used
/// before gets `-1`, `-2`, … appended (the first of those not taken).
package struct SlugRegistry {
    private var used = TakenNames()

    package static func slug(_ text: String) -> String {
        var source = text
        // ASCII headings (every English and most anchor texts) are folded on the fly; the rest are
        // lower-cased first.
        if let slug = source.withUTF8({ bytes in
            bytes.allSatisfy { $0 < 0x80 } ? slug(utf8: bytes, foldsASCII: true) : nil
        }) {
            return slug
        }
        var lower = text.latinLowercased
        if let slug = lower.withUTF8({ slug(utf8: $0, foldsASCII: false) }) { return slug }
        var out = ""
        for ch in lower {
            if ch.isLetter || ch.isNumber || ch == "_" || ch == "-" {
                out.append(ch)
            } else if ch == " " || ch == "\t" {
                out.append("-")
            }
        }
        return out
    }

    /// The slug made scalar by scalar over UTF-8, or `nil` when a scalar could join its neighbour
    /// in one character, so that characters must be judged instead.
    ///
    /// Below U+0300 (Latin, Turkish and Hungarian letters included) every scalar is a character
    /// of its own, and so is general punctuation from U+2010 (dashes, quotes, narrow spaces), which
    /// a slug drops; a scalar above that, such as a combining mark or a joiner, might not be.
    private static func slug(utf8 bytes: UnsafeBufferPointer<UInt8>, foldsASCII: Bool) -> String? {
        // Never longer than the text: each scalar kept is copied whole (ASCII folded), a space
        // becomes one `-`, anything else is dropped. What is written is UTF-8 by construction.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { out -> String? in
            var n = 0
            var ascii = true
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    let c = foldsASCII ? b.asciiLowercased : b
                    if c &- UInt8(ascii: "a") < 26 || c &- UInt8(ascii: "0") < 10 || c == UInt8(ascii: "_")
                        || c == UInt8(ascii: "-")
                    {
                        out[n] = c
                        n += 1
                    } else if c == 0x20 || c == 0x09 {
                        out[n] = UInt8(ascii: "-")
                        n += 1
                    }
                    i += 1
                } else if b >= 0xC2, b <= 0xCB, i + 1 < bytes.count {
                    // Two bytes: U+0080 to U+02FF.
                    let value = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    if isWordScalar(Unicode.Scalar(value)!) {
                        out[n] = b
                        out[n + 1] = bytes[i + 1]
                        n += 2
                        ascii = false
                    }
                    i += 2
                } else if b == 0xE2, i + 2 < bytes.count {
                    // Three bytes from E2: U+2000 to U+2FFF; only U+2010 to U+205F is taken here.
                    let value = 0x2000 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    guard value >= 0x2010, value <= 0x205F else { return nil }
                    i += 3
                } else {
                    return nil
                }
            }
            let written = UnsafeBufferPointer(rebasing: out[..<n])
            return unsafe String(copying: UTF8Span(unchecked: written.span, isKnownASCII: ascii))
        }
    }

    /// A letter, a digit, `_` or `-`: what a heading slug keeps (`Character.isLetter` and
    /// `isNumber` judge a character by its first scalar the same way).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2D: true
        case 0..<0x80: false
        // Latin-1 letters (less × and ÷) and all of Latin Extended-A.
        case 0xC0...0x17F: scalar.value != 0xD7 && scalar.value != 0xF7
        default: scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }

    /// The heading's anchor and the id DocFX makes from its text. The text's id is numbered
    /// against the ids made before it (DocFX numbers every heading's, explicit anchor or not);
    /// an explicit anchor is the heading's anchor as written.
    mutating func register(explicit: String?, text: String) -> (anchor: String, textAnchor: String) {
        let id = used.numbered(SlugRegistry.slug(text))
        return (explicit ?? id, id)
    }
}

/// The names taken in one article (heading slugs, section keys): a dozen or so, compared in turn
/// until there are many, and hashed only then. A set of them hashed each name (normalizing it
/// first) and grew by hashing them all again: 2.4% of a validation run's instructions.
struct TakenNames {
    private var few: [String] = []
    private var many: Set<String>?
    /// For a name `numbered` found taken, the number its next `-n` form is tried from: every
    /// smaller one is taken, and names are never given back. (Trying from 1 each time made an
    /// article's 35 headings of one text 600 tries.)
    private var next: [String: Int] = [:]

    /// Takes `name`; false when it was taken already.
    mutating func insert(_ name: String) -> Bool {
        if many != nil { return many!.insert(name).inserted }
        if few.contains(name) { return false }
        few.append(name)
        if few.count > 16 {
            many = Set(few)
            few = []
        }
        return true
    }

    /// Takes `base`, or else the first of `base-1`, `base-2`, … not taken, and returns it.
    mutating func numbered(_ base: String) -> String {
        if insert(base) { return base }
        var n = next[base] ?? 1
        var name = base + "-" + String(n)
        while !insert(name) {
            n += 1
            name = base + "-" + String(n)
        }
        next[base] = n + 1
        return name
    }
}
