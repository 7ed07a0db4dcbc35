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
        if path.contains("\\") { return .backslash }
        if path.isEmpty { return .fine }
        guard let resolved = document.resolve(path, in: file) else { return .outsideTree }
        if files.contains(resolved) { return .fine }
        // A folder link (`../marketplace/`) is fine when the folder has files.
        if path.hasSuffix("/") || !resolved.contains(".") {
            let prefix = resolved + "/"
            if files.files.contains(where: { $0.hasPrefix(prefix) }) { return .fine }
        }
        if let onDisk = files.caseVariant(of: resolved) { return .caseMismatch(onDisk: onDisk) }
        if let target = files.redirection(of: resolved) { return .redirected(to: target) }
        return .missing
    }

    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico"]

    static func isImagePath(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return imageExtensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// Each relative link of `document` with its classification.
    static func links(
        of document: ValidationDocument, _ context: ValidationContext, kind: ReferenceCollector.Reference.Kind
    ) -> [(ReferenceCollector.Reference, String, LinkCheck)] {
        var out: [(ReferenceCollector.Reference, String, LinkCheck)] = []
        for reference in document.references {
            guard case .relative(let path, _) = LinkTarget(reference.target) else { continue }
            // A link to an image file (`[![…](a.png)](a.png#lightbox)`) is checked as an image.
            let effective: ReferenceCollector.Reference.Kind = isImagePath(path) ? .image : reference.kind
            guard effective == kind else { continue }
            out.append((reference, path, classify(path, in: reference.file, document: document, files: context.files)))
        }
        return out
    }
}
