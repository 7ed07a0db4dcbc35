internal import CLibXML2
import WaymarkCore

/// Why an XML document was refused.
public struct XMLReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The document has a document type declaration, which Waymark never accepts.
        case doctype
        /// Not well-formed XML.
        case malformed
        /// Larger than the reader accepts.
        case tooLarge
    }

    public var kind: Kind
    public var message: String
    public var line: Int
    public var column: Int

    public var description: String { "\(line):\(column): \(message)" }
}

/// Reads XML with libxml2 in its safe configuration.
///
/// No network (`XML_PARSE_NONET`), no entity substitution, no DTD loading or validation, no
/// XInclude, no `XML_PARSE_HUGE`; an entity loader that loads nothing; and any document with a
/// `<!DOCTYPE` is refused before libxml2 sees it, so entity expansion attacks (billion laughs,
/// quadratic blow-up, external and parameter entities) cannot start. Errors carry line and column.
public enum SafeXMLReader {
    public static let maximumBytes = 8 * 1024 * 1024

    private static let setUp: Void = {
        xmlInitParser()
        waymark_install_refusing_entity_loader()
        waymark_silence_errors()
    }()

    /// Parses `bytes` and returns the root element.
    public static func parse(_ bytes: [UInt8]) throws(XMLReadError) -> XMLElement {
        let document = try read(bytes)
        defer { xmlFreeDoc(document) }
        return convert(try root(of: document))
    }

    /// Parses `bytes` and hands `body` the root element as libxml2 holds it, freed when `body`
    /// returns: for a reader that keeps a few of its texts, with no tree of its own to build and
    /// free (a catalog is read before every command's first output).
    static func withRoot<T>(_ bytes: [UInt8], _ body: (XMLElementView) -> T) throws(XMLReadError) -> T {
        let document = try read(bytes)
        defer { xmlFreeDoc(document) }
        return body(XMLElementView(try root(of: document)))
    }

    private static func root(of document: xmlDocPtr) throws(XMLReadError) -> xmlNodePtr {
        guard document.pointee.intSubset == nil, document.pointee.extSubset == nil else {
            throw XMLReadError(
                kind: .doctype, message: "document type declarations (<!DOCTYPE>) are not accepted", line: 1, column: 1)
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw XMLReadError(kind: .malformed, message: "document has no root element", line: 1, column: 1)
        }
        return root
    }

    /// The parsed document, which the caller frees.
    private static func read(_ bytes: [UInt8]) throws(XMLReadError) -> xmlDocPtr {
        if bytes.count > maximumBytes {
            throw XMLReadError(
                kind: .tooLarge, message: "document is \(bytes.count) bytes, more than the \(maximumBytes)-byte limit",
                line: 1, column: 1)
        }
        if let (line, column) = doctypeLocation(in: bytes) {
            throw XMLReadError(
                kind: .doctype, message: "document type declarations (<!DOCTYPE>) are not accepted", line: line,
                column: column)
        }
        _ = setUp
        guard let context = xmlNewParserCtxt() else {
            throw XMLReadError(kind: .malformed, message: "libxml2 could not allocate a parser", line: 1, column: 1)
        }
        defer { xmlFreeParserCtxt(context) }
        // Keep the first error: libxml2 goes on after a fatal error and its last one is often a
        // consequence ("premature end of data") rather than the cause.
        let firstError = FirstError()
        context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let box = context.pointee._private else { return }
            let first = Unmanaged<FirstError>.fromOpaque(box).takeUnretainedValue()
            if first.error == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
                first.error = SafeXMLReader.readError(error.pointee)
            }
        }
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_COMPACT.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), nil, nil, options)
            }
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            throw withExtendedLifetime(firstError) { firstError.error ?? lastError(context) }
        }
        return document
    }

    private final class FirstError {
        var error: XMLReadError?
    }

    private static func lastError(_ context: xmlParserCtxtPtr) -> XMLReadError {
        guard let error = xmlCtxtGetLastError(UnsafeMutableRawPointer(context)) else {
            return XMLReadError(kind: .malformed, message: "not well-formed XML", line: 1, column: 1)
        }
        return readError(error.pointee)
    }

    fileprivate static func readError(_ error: xmlError) -> XMLReadError {
        let message = error.message.map { String(cString: $0).trimmingSpaces } ?? "not well-formed XML"
        return XMLReadError(
            kind: .malformed, message: message, line: Int(max(error.line, 1)), column: Int(max(error.int2, 1)))
    }

    fileprivate static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// Converts a libxml2 element; depth is bounded by libxml2's own limit (256 without HUGE).
    private static func convert(_ node: xmlNodePtr) -> XMLElement {
        var attributes: [XMLAttribute] = []
        var attribute = node.pointee.properties
        while let a = attribute {
            let value = xmlNodeGetContent(UnsafeMutablePointer<xmlNode>(OpaquePointer(a)))
            attributes.append(
                XMLAttribute(
                    name: string(a.pointee.name), namespace: a.pointee.ns.map { string($0.pointee.href) },
                    value: string(value)))
            if let value { waymark_xml_free(value) }
            attribute = a.pointee.next
        }
        var children: [XMLNode] = []
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE: children.append(.element(convert(c)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = string(c.pointee.content)
                if case .text(let previous)? = children.last {
                    children[children.count - 1] = .text(previous + text)
                } else {
                    children.append(.text(text))
                }
            default: break
            }
            child = c.pointee.next
        }
        return XMLElement(
            name: string(node.pointee.name), namespace: node.pointee.ns.map { string($0.pointee.href) },
            attributes: attributes, children: children, line: Int(xmlGetLineNo(node)))
    }

    /// Where a `<!DOCTYPE` stands in the prolog (after the XML declaration, comments and
    /// processing instructions), or `nil`.
    static func doctypeLocation(in bytes: [UInt8]) -> (Int, Int)? {
        var i = 0
        var line = 1
        var lineStart = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        func starts(with text: String, at index: Int) -> Bool {
            let t = Array(text.utf8)
            return index + t.count <= n && Array(bytes[index..<(index + t.count)]) == t
        }
        func skip(past terminator: String) {
            let t = Array(terminator.utf8)
            while i < n, !(i + t.count <= n && Array(bytes[i..<(i + t.count)]) == t) {
                if bytes[i] == 0x0A {
                    line += 1
                    lineStart = i + 1
                }
                i += 1
            }
            i = min(n, i + t.count)
        }
        while i < n {
            switch bytes[i] {
            case 0x0A:
                line += 1
                lineStart = i + 1
                i += 1
            case 0x20, 0x09, 0x0D: i += 1
            case UInt8(ascii: "<"):
                if starts(with: "<?", at: i) {
                    skip(past: "?>")
                } else if starts(with: "<!--", at: i) {
                    skip(past: "-->")
                } else if starts(with: "<!DOCTYPE", at: i) || starts(with: "<!doctype", at: i) {
                    return (line, i - lineStart + 1)
                } else {
                    return nil  // the root element: the prolog is over
                }
            default: return nil
            }
        }
        return nil
    }
}

/// An element of a document `SafeXMLReader.withRoot` holds, read in place: valid only inside the
/// closure it was handed to. Answers as `XMLElement` does.
struct XMLElementView {
    private let node: xmlNodePtr

    fileprivate init(_ node: xmlNodePtr) { self.node = node }

    /// The local name, without prefix.
    var name: String { SafeXMLReader.string(node.pointee.name) }

    var namespace: String? { node.pointee.ns.map { SafeXMLReader.string($0.pointee.href) } }

    /// Whether the element is in the namespace `uri` (compared where it lies, no string made).
    func isIn(namespace uri: String) -> Bool {
        guard let href = node.pointee.ns?.pointee.href else { return false }
        return XMLElementView.equal(href, uri)
    }

    private static func equal(_ text: UnsafePointer<xmlChar>?, _ name: String) -> Bool {
        guard let text else { return false }
        return name.withCString { xmlStrEqual(text, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) != 0 }
    }

    /// The line of the start tag.
    var line: Int { Int(xmlGetLineNo(node)) }

    /// The value of the attribute `name` that has no namespace.
    func attribute(_ name: String) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if a.pointee.ns == nil, XMLElementView.equal(a.pointee.name, name) {
                let value = xmlNodeGetContent(UnsafeMutablePointer<xmlNode>(OpaquePointer(a)))
                defer { if let value { waymark_xml_free(value) } }
                return SafeXMLReader.string(value)
            }
            attribute = a.pointee.next
        }
        return nil
    }

    /// The child elements, optionally only those called `name`.
    func elements(_ name: String? = nil) -> [XMLElementView] {
        var found: [XMLElementView] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, name.map({ XMLElementView.equal(c.pointee.name, $0) }) ?? true {
                found.append(XMLElementView(c))
            }
            child = c.pointee.next
        }
        return found
    }

    /// All text inside the element (text and CDATA), in document order.
    var text: String {
        var bytes: [UInt8] = []
        func gather(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let c = child {
                switch c.pointee.type {
                case XML_ELEMENT_NODE: gather(c)
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = c.pointee.content {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                    }
                default: break
                }
                child = c.pointee.next
            }
        }
        gather(node)
        return String(decoding: bytes, as: UTF8.self)
    }
}
