/// I/O failures reading an article. Problems in the content itself are diagnostics, never errors.
public enum ContentError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String, reason: String)

    /// What went wrong, without the path.
    public var reason: String {
        switch self {
        case .notFound: "no such file"
        case .isDirectory: "is a directory, not a Markdown file"
        case .unreadable(_, let reason): reason
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such file"
        case .isDirectory(let path): "\(path): is a directory, not a Markdown file"
        case .unreadable(let path, let reason): "\(path): cannot be read: \(reason)"
        }
    }
}
