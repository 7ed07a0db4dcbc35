import WaymarkCore
internal import Yams

/// Turns Yams nodes into `MetadataValue`s and Yams marks into file positions.
struct NodeConverter {
    struct TooComplex: Error { var reason: String }

    let lines: [Substring]
    let lineOffset: Int
    private var budget = FrontMatterParser.maximumNodes

    init(lines: [Substring], lineOffset: Int) {
        self.lines = lines
        self.lineOffset = lineOffset
    }

    mutating func value(_ node: Node) throws(TooComplex) -> MetadataValue {
        budget -= 1
        if budget < 0 { throw TooComplex(reason: "more than \(FrontMatterParser.maximumNodes) values") }
        switch node {
        case .scalar(let s): return .scalar(s.string)
        case .sequence(let seq):
            var items: [MetadataValue] = []
            for item in seq { items.append(try value(item)) }
            return .sequence(items)
        case .mapping(let map):
            var entries: [MetadataEntry] = []
            for (key, item) in map {
                entries.append(MetadataEntry(key: key.string ?? "", value: try value(item), range: range(of: key.mark)))
            }
            return .mapping(entries)
        case .alias: return .scalar("")
        }
    }

    /// The file range of a Yams mark; Yams counts columns in Unicode scalars, Waymark in bytes.
    func range(of mark: Mark?) -> SourceRange? {
        guard let mark else { return nil }
        var column = mark.column
        if mark.line >= 1, mark.line <= lines.count {
            let line = lines[mark.line - 1]
            let scalars = line.unicodeScalars
            let index =
                scalars.index(scalars.startIndex, offsetBy: mark.column - 1, limitedBy: scalars.endIndex)
                ?? scalars.endIndex
            column = line.utf8.distance(from: line.utf8.startIndex, to: index) + 1
        }
        return SourceRange(line: mark.line + lineOffset, column: column)
    }
}

/// A YAML error located in the file: the one place where Yams's errors and marks (line, column
/// in Unicode scalars) become a message and a file range (line, UTF-8 byte column). Front matter,
/// `.waymark.yml` and procedure bindings are all read through ``LocatedYAML/compose(_:_:)``.
struct YAMLError: Error {
    var range: SourceRange?
    /// What is wrong, as Yams says it.
    var problem: String
    /// What Yams was reading when it found the problem (`while scanning a simple key`).
    var context: String?
    /// The keys written twice in one mapping, when that is the problem.
    var duplicateKeys: [String]?

    /// The problem with its context, as the front matter's message gives it.
    var problemInContext: String { context.map { "\(problem) \($0)" } ?? problem }
}

enum LocatedYAML {
    /// Yams's node tree of `yaml`, whose lines `converter` knows; `nil` for an empty document.
    static func compose(_ yaml: String, _ converter: NodeConverter) throws(YAMLError) -> Node? {
        do {
            return try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                throw YAMLError(range: converter.range(of: mark), problem: problem, context: context?.text)
            case .reader(let problem, _, _, _):
                throw YAMLError(range: nil, problem: problem)
            case .duplicatedKeysInMapping(let keys, let context):
                throw YAMLError(
                    range: converter.range(of: context.mark),
                    problem: "duplicate keys: " + keys.joined(separator: ", "), duplicateKeys: keys)
            default:
                throw YAMLError(range: nil, problem: "\(error)")
            }
        } catch {
            throw YAMLError(range: nil, problem: "\(error)")
        }
    }
}
