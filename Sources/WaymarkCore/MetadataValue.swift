/// A front-matter value: YAML scalars are kept as their text, collections keep their order.
public indirect enum MetadataValue: Sendable, Hashable {
    case scalar(String)
    case sequence([MetadataValue])
    case mapping([MetadataEntry])

    public var string: String? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    public var json: JSONValue {
        switch self {
        case .scalar(let s): .string(s)
        case .sequence(let items): .array(items.map(\.json))
        case .mapping(let entries): .object(entries.map { ($0.key, $0.value.json) })
        }
    }
}

/// One `key: value` of the front matter, with where the key stands in the `.md` file.
public struct MetadataEntry: Sendable, Hashable {
    public var key: String
    public var value: MetadataValue
    public var range: SourceRange?

    public init(key: String, value: MetadataValue, range: SourceRange?) {
        self.key = key
        self.value = value
        self.range = range
    }
}
