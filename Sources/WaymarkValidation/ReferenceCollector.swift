import Foundation
import WaymarkCore

/// Every link and image of an article with the file it is written in: the article itself, or an
/// include (whose relative links start from the include's folder).
struct ReferenceCollector {
    struct Reference: Sendable, Hashable {
        enum Kind: Sendable, Hashable { case link, image }
        var kind: Kind
        var target: String
        var range: SourceRange?
        /// Path of the include holding it (as the parser resolved it), `nil` for the article.
        var file: String?
        /// How `target` reads, worked out once for every rule that asks.
        var parsed: LinkTarget

        init(kind: Kind, target: String, range: SourceRange?, file: String?) {
            self.kind = kind
            self.target = target
            self.range = range
            self.file = file
            parsed = LinkTarget(target)
        }
    }

    private(set) var references: [Reference] = []
    /// The slug of every heading's text (`Heading.textAnchor`), includes' headings too, gathered
    /// on the same walk.
    private(set) var headingTextAnchors: [String] = []

    static func collect(_ blocks: [Block]) -> (references: [Reference], headingTextAnchors: [String]) {
        var c = ReferenceCollector()
        c.walk(blocks, file: nil, depth: 0)
        return (c.references, c.headingTextAnchors)
    }

    private mutating func walk(_ blocks: [Block], file: String?, depth: Int) {
        guard depth < 128 else { return }
        for block in blocks {
            switch block {
            case .include(let include):
                walk(include.blocks, file: include.resolvedPath ?? file, depth: depth + 1)
            case .docfxImage(let image):
                if let source = image.attributes["source"] {
                    references.append(Reference(kind: .image, target: source, range: image.range, file: file))
                }
            case .heading(let heading):
                headingTextAnchors.append(heading.textAnchor)
                collect(heading.content, file: file)
            default:
                block.forEachInlineRun { collect($0, file: file) }
                block.forEachChildRun { walk($0, file: file, depth: depth + 1) }
            }
        }
    }

    private mutating func collect(_ inlines: [Inline], file: String?) {
        for inline in inlines {
            switch inline {
            case .link(let target, _, let children, let range):
                references.append(Reference(kind: .link, target: target, range: range, file: file))
                collect(children, file: file)
            case .image(let source, _, _, let range):
                references.append(Reference(kind: .image, target: source, range: range, file: file))
            case .strong(let c, _), .emphasis(let c, _), .strikethrough(let c, _):
                collect(c, file: file)
            default:
                break
            }
        }
    }
}

/// How a link target reads: external, an anchor in the same file, or a relative path.
enum LinkTarget: Sendable, Hashable {
    case external
    case fragment(String)
    /// A relative path (percent-decoded) and its fragment.
    case relative(path: String, fragment: String?)

    init(_ raw: String) {
        var target = raw.trimmingSpaces
        // ASCII targets (nearly all) are read over their bytes, where a character is a byte.
        self = target.withUTF8(LinkTarget.ascii) ?? LinkTarget.reading(target)
    }

    /// The reading of a trimmed target, over its characters.
    static func reading(_ target: String) -> LinkTarget {
        if target.isEmpty { return .external }
        if target.hasPrefix("#") { return .fragment(String(target.dropFirst())) }
        // A scheme (`https:`, `mailto:`) or a site-absolute path is not checked against the tree.
        if target.hasPrefix("/") || target.hasPrefix("~") { return .external }
        // Bytes from here on: the characters looked for are ASCII.
        let bytes = target.utf8
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), LinkTarget.isScheme(target[..<colon]) {
            return .external
        }
        var path = Substring(target)
        var fragment: String?
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(Substring(bytes[bytes.index(after: hash)...]))
            path = Substring(bytes[..<hash])
        }
        if let query = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = Substring(path.utf8[..<query]) }
        let decoded = path.percentDecoded ?? String(path)
        return .relative(path: decoded, fragment: fragment)
    }

    /// The reading of an ASCII target, by the same steps as `reading` takes over characters;
    /// `nil` for a target with any other byte.
    static func ascii(_ b: UnsafeBufferPointer<UInt8>) -> LinkTarget? {
        var colon = -1
        var hash = -1
        for (i, byte) in b.enumerated() {
            guard byte < 0x80 else { return nil }
            if byte == UInt8(ascii: ":"), colon < 0 { colon = i }
            if byte == UInt8(ascii: "#"), hash < 0 { hash = i }
        }
        guard let first = b.first else { return .external }
        if first == UInt8(ascii: "#") { return .fragment(text(b, 1, b.count)) }
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "~") { return .external }
        if colon >= 0, b[..<colon].allSatisfy(isSchemeByte) { return .external }
        var end = hash >= 0 ? hash : b.count
        let fragment = hash >= 0 ? text(b, hash + 1, b.count) : nil
        if let query = b[..<end].firstIndex(of: UInt8(ascii: "?")) { end = query }
        let path = text(b, 0, end)
        return .relative(
            path: b[..<end].contains(UInt8(ascii: "%")) ? path.percentDecoded ?? path : path, fragment: fragment)
    }

    private static func text(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }

    private static func isSchemeByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    /// Letters, digits, `+`, `-` and `.` only: what comes before the colon of a URL scheme.
    private static func isScheme(_ text: Substring) -> Bool {
        text.utf8.allSatisfy(isSchemeByte)
            || text.utf8.contains { $0 >= 0x80 } && text.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }
}
