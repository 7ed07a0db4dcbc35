/// A small, immutable XML tree: what Waymark keeps of a document after the safe reader checked it.
public struct XMLElement: Sendable, Hashable {
    /// The local name (`unit`), without prefix.
    public var name: String
    /// The namespace URI, if any.
    public var namespace: String?
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]
    /// The line of the start tag.
    public var line: Int

    public init(name: String, namespace: String?, attributes: [XMLAttribute], children: [XMLNode], line: Int) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The value of the attribute `name` with no namespace (or, with `namespace`, in it).
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }

    /// The child elements, optionally only those called `name`.
    public func elements(_ name: String? = nil) -> [XMLElement] {
        children.compactMap { node in
            if case .element(let e) = node, name == nil || e.name == name { return e }
            return nil
        }
    }

    /// All text inside the element, in document order.
    public var text: String {
        children.map { node in
            switch node {
            case .text(let t): t
            case .element(let e): e.text
            }
        }.joined()
    }
}

public struct XMLAttribute: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var value: String

    public init(name: String, namespace: String?, value: String) {
        self.name = name
        self.namespace = namespace
        self.value = value
    }
}

public enum XMLNode: Sendable, Hashable {
    case element(XMLElement)
    case text(String)
}
