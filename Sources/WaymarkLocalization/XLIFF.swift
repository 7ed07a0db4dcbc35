import WaymarkCore

/// Why a catalog could not be read, with where.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

/// Reads and writes XLIFF 2.0 catalogs (one `<file>`, one `<segment>` per `<unit>`).
public enum XLIFF {
    public static let namespace = "urn:oasis:names:tc:xliff:document:2.0"

    public static func read(_ bytes: [UInt8], path: String) throws(CatalogError) -> Catalog {
        let read: Result<Catalog, CatalogError>
        do {
            read = try SafeXMLReader.withRoot(bytes) { root in
                Result { () throws(CatalogError) -> Catalog in try catalog(root, path: path) }
            }
        } catch {
            throw CatalogError(path: path, line: error.line, column: error.column, message: error.message)
        }
        return try read.get()
    }

    /// The catalog of a document's root element, read in place.
    private static func catalog(_ root: XMLElementView, path: String) throws(CatalogError) -> Catalog {
        func fail(_ element: XMLElementView, _ message: String) -> CatalogError {
            CatalogError(path: path, line: element.line, column: 1, message: message)
        }
        guard root.name == "xliff", root.namespace == namespace else {
            throw fail(
                root,
                "root element must be <xliff> in the namespace \(namespace), found <\(root.name)> in \(root.namespace ?? "no namespace")"
            )
        }
        guard root.attribute("version") == "2.0" else { throw fail(root, "version must be \"2.0\"") }
        guard let sourceLocale = root.attribute("srcLang") else {
            throw fail(root, "<xliff> needs a srcLang attribute")
        }
        let files = root.elements("file")
        guard files.count == 1, let file = files.first else {
            throw fail(root, "a Waymark catalog has exactly one <file>")
        }
        let elements = file.elements("unit").filter { $0.isIn(namespace: namespace) }
        var units: [CatalogUnit] = []
        var positions: [String: Int] = [:]
        units.reserveCapacity(elements.count)
        positions.reserveCapacity(elements.count)
        for element in elements {
            guard let id = element.attribute("id"), !id.isEmpty else { throw fail(element, "<unit> needs an id") }
            if let first = positions.updateValue(units.count, forKey: id) {
                throw fail(element, "unit id '\(id)' is already used on line \(units[first].line)")
            }
            let segments = element.elements("segment")
            guard segments.count == 1, let segment = segments.first else {
                throw fail(element, "unit '\(id)' must have exactly one <segment>")
            }
            guard let source = segment.elements("source").first else {
                throw fail(segment, "segment of '\(id)' has no <source>")
            }
            let stateText = segment.attribute("state") ?? "initial"
            guard let state = SegmentState(rawValue: stateText) else {
                throw fail(segment, "unknown state '\(stateText)'; use initial, translated, reviewed or final")
            }
            let target = segment.elements("target").first?.text
            if state != .initial, target == nil {
                throw fail(segment, "unit '\(id)' is '\(stateText)' but has no <target>")
            }
            let notes = element.elements("notes").first?.elements("note").map(\.text) ?? []
            units.append(
                CatalogUnit(id: id, notes: notes, source: source.text, target: target, state: state, line: element.line)
            )
        }
        return Catalog(
            sourceLocale: sourceLocale, targetLocale: root.attribute("trgLang"),
            fileID: file.attribute("id") ?? "waymark",
            units: units, positions: positions, path: path)
    }

    /// The catalog as an XLIFF 2.0 document; `read(write(c))` gives `c` back (ids, states, notes).
    public static func write(_ catalog: Catalog) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<xliff xmlns=\"\(namespace)\" version=\"2.0\" srcLang=\"\(escape(catalog.sourceLocale))\""
        if let target = catalog.targetLocale { out += " trgLang=\"\(escape(target))\"" }
        out += ">\n  <file id=\"\(escape(catalog.fileID))\">\n"
        for unit in catalog.units {
            out += "    <unit id=\"\(escape(unit.id))\">\n"
            if !unit.notes.isEmpty {
                out += "      <notes>\n"
                for note in unit.notes { out += "        <note>\(escape(note))</note>\n" }
                out += "      </notes>\n"
            }
            out += unit.state == .initial ? "      <segment>\n" : "      <segment state=\"\(unit.state.rawValue)\">\n"
            out += "        <source>\(escape(unit.source))</source>\n"
            if let target = unit.target { out += "        <target>\(escape(target))</target>\n" }
            out += "      </segment>\n    </unit>\n"
        }
        out += "  </file>\n</xliff>\n"
        return out
    }

    static func escape(_ text: String) -> String { text.markupEscaped() }
}
