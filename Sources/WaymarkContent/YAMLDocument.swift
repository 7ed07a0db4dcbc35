import WaymarkCore
internal import Yams

/// A YAML file that is not an article (a tool configuration), read into `MetadataValue`s whose
/// mapping entries carry their positions in the file.
///
/// ```swift
/// let root = try YAMLDocument.read(bytes, path: ".waymark.yml")
/// // .mapping([MetadataEntry(key: "sourceLocale", value: .scalar("en-US"), range: 1:1-1:1), …])
/// ```
///
/// The same limits as front matter apply: alias bombs and deep nesting are refused before the
/// recursive reader runs.
public enum YAMLDocument {
    /// Why a YAML file could not be read, with the position when there is one.
    public struct Problem: Error, Sendable, Hashable {
        public var range: SourceRange?
        public var description: String
    }

    /// The largest document read, as for front matter.
    public static var maximumBytes: Int { FrontMatterParser.maximumBytes }

    /// The document's root value; an empty file is an empty mapping.
    public static func read(_ bytes: [UInt8], path: String) throws(Problem) -> MetadataValue {
        if bytes.count > maximumBytes { throw Problem(range: nil, description: "more than \(maximumBytes) bytes") }
        let source = SourceText(bytes: bytes)
        if let bad = source.diagnostics.first(where: { $0.severity == .error }) {
            throw Problem(range: bad.range, description: bad.message ?? bad.messageKey)
        }
        if let reason = FrontMatterParser.complexityProblem(source.text) {
            throw Problem(range: nil, description: reason)
        }
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
        var converter = NodeConverter(lines: lines, lineOffset: 0)
        let root: Node?
        do {
            root = try LocatedYAML.compose(source.text, converter)
        } catch {
            throw Problem(range: error.range, description: error.problem)
        }
        guard let root else { return .mapping([]) }
        do {
            return try converter.value(root)
        } catch {
            throw Problem(range: nil, description: error.reason)
        }
    }
}
