import WaymarkCore

/// The prose of an article's body, line by line: the byte ranges that are running text, leaving
/// out fenced code, inline code, HTML tags and comments, link destinations, URLs and DocFX `:::`
/// and `[!INCLUDE]` syntax. Language rules read these ranges and report exact columns.
struct ProseScanner {
    struct Segment {
        var line: Int
        /// 0-based byte offsets into the line.
        var start: Int
        var end: Int
    }

    /// The values of the front matter's `title` and `description` lines, which readers see.
    static func frontMatterProse(of document: ValidationDocument) -> [Segment] {
        var out: [Segment] = []
        for key in ["title", "description"] {
            guard let range = document.article.frontMatter.entry(key)?.range,
                let line = document.lines.indices.contains(range.start.line - 1)
                    ? document.lines[range.start.line - 1] : nil
            else { continue }
            let bytes = line.utf8Bytes
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { continue }
            out.append(Segment(line: range.start.line, start: colon + 1, end: bytes.count))
        }
        return out
    }

    /// The prose segments of `lines`, from `firstLine` (1-based) on.
    static func segments(of lines: LineTable, from firstLine: Int) -> [Segment] {
        var text = lines.text
        return text.withUTF8 { all in segments(of: lines, in: all, from: firstLine) }
    }

    /// `segments(of:from:)` over the text's bytes, each line read in place.
    private static func segments(of lines: LineTable, in all: UnsafeBufferPointer<UInt8>, from firstLine: Int)
        -> [Segment]
    {
        var out: [Segment] = []
        var fence: (marker: UInt8, count: Int)?
        var inComment = false
        for index in max(0, firstLine - 1)..<lines.count {
            let bytes = UnsafeBufferPointer(rebasing: all[lines.byteRange(of: index)])
            var i = 0
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == UInt8(ascii: ">") { i += 1 }
            // Fenced code opens and closes with three or more backticks or tildes.
            if i < bytes.count, bytes[i] == UInt8(ascii: "`") || bytes[i] == UInt8(ascii: "~") {
                var n = 0
                while i + n < bytes.count, bytes[i + n] == bytes[i] { n += 1 }
                if n >= 3 {
                    if let open = fence {
                        if open.marker == bytes[i], n >= open.count { fence = nil }
                    } else {
                        fence = (bytes[i], n)
                    }
                    continue
                }
            }
            if fence != nil { continue }
            if i + 2 < bytes.count, bytes[i] == UInt8(ascii: ":"), bytes[i + 1] == UInt8(ascii: ":"),
                bytes[i + 2] == UInt8(ascii: ":")
            {
                continue
            }
            scanLine(bytes, line: index + 1, from: i, inComment: &inComment, into: &out)
        }
        return out
    }

    private static func scanLine(
        _ b: UnsafeBufferPointer<UInt8>, line: Int, from first: Int, inComment: inout Bool, into out: inout [Segment]
    ) {
        var start = first
        var i = first
        func cut(_ end: Int) {
            if end > start { out.append(Segment(line: line, start: start, end: end)) }
        }
        func skip(to end: Int) {
            i = end
            start = end
        }
        if inComment {
            guard let close = firstOffset(of: commentClose, in: b, from: i) else { return }
            skip(to: close + 3)
            inComment = false
        }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "`") {
                cut(i)
                var n = 0
                while i + n < b.count, b[i + n] == UInt8(ascii: "`") { n += 1 }
                let closing = [UInt8](repeating: UInt8(ascii: "`"), count: n)
                if let close = firstOffset(of: closing, in: b, from: i + n) {
                    skip(to: close + n)
                } else {
                    skip(to: b.count)
                }
            } else if c == UInt8(ascii: "<") {
                cut(i)
                if i + 3 < b.count, b[i + 1] == UInt8(ascii: "!"), b[i + 2] == UInt8(ascii: "-"),
                    b[i + 3] == UInt8(ascii: "-")
                {
                    if let close = firstOffset(of: commentClose, in: b, from: i + 4) {
                        skip(to: close + 3)
                    } else {
                        inComment = true
                        return
                    }
                } else if let close = b[i...].firstIndex(of: UInt8(ascii: ">")) {
                    skip(to: close + 1)
                } else {
                    i += 1
                }
            } else if c == UInt8(ascii: "]"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "(") {
                cut(i + 1)
                if let close = b[(i + 2)...].firstIndex(of: UInt8(ascii: ")")) {
                    skip(to: close + 1)
                } else {
                    skip(to: b.count)
                }
            } else if c == UInt8(ascii: "["), i + 2 < b.count, b[i + 1] == UInt8(ascii: "!"),
                b[i + 2] == UInt8(ascii: "I") || b[i + 2] == UInt8(ascii: "i") || b[i + 2] == UInt8(ascii: "N")
                    || b[i + 2] == UInt8(ascii: "T") || b[i + 2] == UInt8(ascii: "W") || b[i + 2] == UInt8(ascii: "C")
            {
                // `[!INCLUDE …]`, `[!NOTE]` and the like are syntax, not prose.
                cut(i)
                if let close = b[i...].firstIndex(of: UInt8(ascii: "]")) {
                    skip(to: close + 1)
                } else {
                    skip(to: b.count)
                }
            } else if c == UInt8(ascii: "h"), starts(b, "http", at: i), i == 0 || !isWordByte(b[i - 1]) {
                cut(i)
                var j = i
                while j < b.count, b[j] != 0x20, b[j] != UInt8(ascii: ")"), b[j] != UInt8(ascii: ">") { j += 1 }
                skip(to: j)
            } else {
                i += 1
            }
        }
        cut(b.count)
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b >= 0x80
    }

    private static func starts(_ b: UnsafeBufferPointer<UInt8>, _ text: StaticString, at i: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        return text.withUTF8Buffer { t in
            for k in 0..<count where b[i + k] != t[k] { return false }
            return true
        }
    }

    private static let commentClose = Array("-->".utf8)

    /// Where `needle` first occurs in `b` from `from` on.
    private static func firstOffset(of needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        needle.withUnsafeBufferPointer { ByteSearch.first($0, in: b, from: min(from, b.count), before: b.count) }
    }
}
