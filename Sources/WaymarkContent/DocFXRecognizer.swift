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
        guard content.contains(where: { if case .text(let s, _) = $0 { s.containsText("[!INCLUDE") } else { false } })
        else {
            blocks.append(.paragraph(Paragraph(content: content, range: range)))
            return false
        }
        var included = false

        // Split around each `[!INCLUDE` text, link, `]` text triple.
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
                let offset = before.byteOffset(of: "[!INCLUDE", backwards: true),
                before.utf8.dropFirst(offset + 9).allSatisfy({ $0 == UInt8(ascii: " ") }),
                i + 2 < content.count,
                case .link(let target, _, let title, _) = content[i + 1],
                case .text(let after, let r2) = content[i + 2], after.hasPrefix("]")
            {
                let lead = String(decoding: before.utf8.prefix(offset), as: UTF8.self)
                if !lead.isEmpty { pending.append(.text(lead, r)) }
                flush()
                included = true
                blocks.append(
                    .include(
                        Include(title: title.plainText, target: target, resolvedPath: nil, blocks: [], range: range)))
                let trail = String(after.dropFirst())
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

    /// A block quote, an alert, or a video embed.
    static func blockQuote(_ blocks: [Block], range: SourceRange, diagnostics: inout [Diagnostic]) -> Block {
        guard case .paragraph(var first)? = blocks.first, case .text(let text, let textRange)? = first.content.first
        else { return .blockQuote(BlockQuote(blocks: blocks, range: range)) }
        let trimmed = text.drop { $0 == " " }
        guard trimmed.hasPrefix("[!"), let close = trimmed.firstIndex(of: "]") else {
            return .blockQuote(BlockQuote(blocks: blocks, range: range))
        }
        let inner = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
        let word = inner.prefix { $0.isLetter }
        if inner.uppercased().hasPrefix("VIDEO ") {
            return .video(Video(url: String(inner.dropFirst(6)).trimmingSpaces, range: range))
        }
        guard let kind = AlertKind(rawValue: word.lowercased()), word.count == inner.count else {
            if !word.isEmpty, word.count == inner.count, word.lowercased() != "div", word.uppercased() != "INCLUDE" {
                diagnostics.append(ContentDiagnostic.unknownAlertKind.make(textRange ?? range, ["kind": String(word)]))
            }
            return .blockQuote(BlockQuote(blocks: blocks, range: range))
        }
        // Drop the marker (and the line break after it) from the first paragraph.
        let after = String(trimmed[trimmed.index(after: close)...])
        var content = Array(first.content.dropFirst())
        if after.isBlank {
            while let head = content.first, head.isBreak { content.removeFirst() }
        } else {
            content.insert(.text(String(after.drop { $0 == " " }), textRange), at: 0)
        }
        var body = Array(blocks.dropFirst())
        if !content.isEmpty {
            first.content = content
            body.insert(.paragraph(first), at: 0)
        }
        return .alert(Alert(kind: kind, blocks: body, range: range))
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
/// before gets `-1`, `-2`, … appended.
package struct SlugRegistry {
    private var used: [String: Int] = [:]

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
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                let c = foldsASCII ? b.asciiLowercased : b
                if c &- UInt8(ascii: "a") < 26 || c &- UInt8(ascii: "0") < 10 || c == UInt8(ascii: "_")
                    || c == UInt8(ascii: "-")
                {
                    out.append(c)
                } else if c == 0x20 || c == 0x09 {
                    out.append(UInt8(ascii: "-"))
                }
                i += 1
            } else if b >= 0xC2, b <= 0xCB, i + 1 < bytes.count {
                // Two bytes: U+0080 to U+02FF.
                let value = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                if isWordScalar(Unicode.Scalar(value)!) {
                    out.append(b)
                    out.append(bytes[i + 1])
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
        return UTF8Text.decoded(out)
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

    mutating func register(explicit: String?, text: String) -> String {
        if let explicit {
            used[explicit, default: 0] += 1
            return explicit
        }
        let base = SlugRegistry.slug(text)
        let count = used[base, default: 0]
        used[base] = count + 1
        return count == 0 ? base : "\(base)-\(count)"
    }
}
