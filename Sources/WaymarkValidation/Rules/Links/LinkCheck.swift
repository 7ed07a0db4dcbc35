import WaymarkCore

/// How a relative link or image resolves in the tree; shared by the link rules so that each
/// broken link is reported by exactly one of them.
enum LinkCheck: Equatable {
    case fine
    case backslash
    case outsideTree
    case caseMismatch(onDisk: String)
    case redirected(to: String)
    case missing

    static func classify(_ path: String, in file: String?, document: ValidationDocument, files: FileIndex) -> LinkCheck
    {
        if path.containsUTF8Byte(UInt8(ascii: "\\")) { return .backslash }
        if path.isEmpty { return .fine }
        guard let resolved = document.resolve(path, in: file) else { return .outsideTree }
        if files.contains(resolved) { return .fine }
        // A link without an extension names the published page (`hololens2-setup`), which its
        // Markdown file becomes.
        if namesPage(resolved), files.contains(resolved + ".md") { return .fine }
        // A folder link (`../marketplace/`) is fine when the folder has files.
        if files.folders.contains(resolved) { return .fine }
        if let onDisk = files.caseVariant(of: resolved) { return .caseMismatch(onDisk: onDisk) }
        if let target = files.redirection(of: resolved) { return .redirected(to: target) }
        return .missing
    }

    /// Whether the last part of `path` between slashes (trailing slashes left out) has no dot,
    /// as a page's name has none; false for a path of slashes only. Over the bytes: a link that
    /// resolves to no file is most of the links a tree checks twice.
    static func namesPage(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var end = bytes.count
            while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
            guard end > 0 else { return false }
            var start = end
            while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
            return !bytes[start..<end].contains(UInt8(ascii: "."))
        }
    }

    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico"]

    /// Whether the text after the last `.` is an image extension, in any case. Every extension
    /// is ASCII, so the bytes after the dot are folded as ASCII, and a name with any other byte
    /// there is no image.
    static func isImagePath(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var dot = bytes.count
            while dot > 0, bytes[dot - 1] != UInt8(ascii: ".") { dot -= 1 }
            let length = bytes.count - dot
            guard dot > 0, length >= 3, length <= 4 else { return false }
            let tail = UnsafeBufferPointer(rebasing: bytes[dot...])
            guard tail.allSatisfy({ $0 < 0x80 }) else { return false }
            return imageExtensions.contains(String(asciiLowercasing: tail))
        }
    }

    /// A relative link or image, how it is checked (as a link or an image) and how it resolves.
    typealias Checked = (
        reference: ReferenceCollector.Reference, kind: ReferenceCollector.Reference.Kind, check: LinkCheck
    )

    /// Classifies every relative link and image of `document` (done once per article).
    static func classifyAll(_ document: ValidationDocument, files: FileIndex) -> [Checked] {
        // Of the type returned: an array of tuples without labels would be converted element by element.
        var out: [Checked] = []
        for reference in document.references {
            guard case .relative(let path, _) = reference.parsed else { continue }
            // A link to an image file (`[![…](a.png)](a.png#lightbox)`) is checked as an image.
            let kind: ReferenceCollector.Reference.Kind = isImagePath(path) ? .image : reference.kind
            out.append((reference, kind, classify(path, in: reference.file, document: document, files: files)))
        }
        return out
    }

    /// The relative links (or images) of `document` with their classification, read in place as
    /// they are iterated (every link rule asks, so none is copied into a list of its own).
    static func links(
        of document: ValidationDocument, _ context: ValidationContext, kind: ReferenceCollector.Reference.Kind
    ) -> some Sequence<(ReferenceCollector.Reference, LinkCheck)> {
        document.checkedLinks.lazy.filter { $0.kind == kind }.map { ($0.reference, $0.check) }
    }
}
