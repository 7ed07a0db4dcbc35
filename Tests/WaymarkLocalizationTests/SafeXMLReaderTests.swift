import Foundation
import Testing
import WaymarkLocalization
import WaymarkTestSupport

/// Hostile XML is refused with a clear, located error and touches neither files nor the network.
@Suite struct SafeXMLReaderTests {
    func read(_ xml: String) -> Result<XMLElement, XMLReadError> {
        do {
            return .success(try SafeXMLReader.parse(Array(xml.utf8)))
        } catch {
            return .failure(error)
        }
    }

    func error(_ xml: String) throws -> XMLReadError {
        guard case .failure(let e) = read(xml) else {
            Issue.record("expected the document to be refused")
            throw CancellationError()
        }
        return e
    }

    @Test func readsElementsAttributesNamespacesAndText() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment -->
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0">
              <unit id="a &amp; b"><source>Müşteriler <![CDATA[<b>]]></source></unit>
            </xliff>
            """
        let root = try read(xml).get()
        #expect(root.name == "xliff")
        #expect(root.namespace == "urn:oasis:names:tc:xliff:document:2.0")
        #expect(root.attribute("version") == "2.0")
        let unit = try #require(root.elements("unit").first)
        #expect(unit.attribute("id") == "a & b")
        #expect(unit.line == 4)
        #expect(unit.elements("source").first?.text == "Müşteriler <b>")
    }

    @Test func refusesExternalEntityToAFile() throws {
        let secret = try RepositoryPaths.temporaryDirectory().appendingPathComponent("secret.txt")
        try "TOP SECRET".write(to: secret, atomically: true, encoding: .utf8)
        let e = try error(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file://\(secret.path)\">]>\n<x>&e;</x>")
        #expect(e.kind == .doctype)
        #expect(e.line == 2)
        #expect(e.column == 1)
        #expect(!e.message.contains("TOP SECRET"))
    }

    @Test func refusesExternalEntityToALoopbackURL() throws {
        let e = try error("<!DOCTYPE x [<!ENTITY e SYSTEM \"http://127.0.0.1:9/evil\">]><x>&e;</x>")
        #expect(e.kind == .doctype)
    }

    @Test func refusesParameterEntities() throws {
        let e = try error("<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\"> %p;]><x/>")
        #expect(e.kind == .doctype)
    }

    @Test func refusesBillionLaughs() throws {
        var entities = "<!ENTITY l0 \"lol\">"
        for i in 1...9 { entities += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        let e = try error("<?xml version=\"1.0\"?><!DOCTYPE x [\(entities)]><x>&l9;</x>")
        #expect(e.kind == .doctype)
    }

    @Test func refusesQuadraticBlowUp() throws {
        let big = String(repeating: "a", count: 100_000)
        let e = try error("<!DOCTYPE x [<!ENTITY a \"\(big)\">]><x>" + String(repeating: "&a;", count: 10_000) + "</x>")
        #expect(e.kind == .doctype)
    }

    @Test func refusesAnyDoctypeEvenAfterCommentsAndInLowerCase() throws {
        #expect(try error("<?xml version=\"1.0\"?>\n<!-- c -->\n<?pi x?>\n  <!DOCTYPE x>\n<x/>").line == 4)
        #expect(try error("<!doctype x><x/>").kind != .tooLarge)
    }

    @Test func aDoctypeInsideACommentIsJustText() throws {
        #expect(try read("<!-- <!DOCTYPE x> --><x/>").get().name == "x")
    }

    @Test func undeclaredEntitiesAreMalformed() throws {
        let e = try error("<x>&undeclared;</x>")
        #expect(e.kind == .malformed)
        #expect(e.line == 1)
    }

    @Test func malformedXMLIsLocated() throws {
        let e = try error("<a>\n  <b>\n</a>\n")
        #expect(e.kind == .malformed)
        #expect(e.line == 3)
        #expect(e.column > 1)
        #expect(!e.message.isEmpty)
    }

    @Test func xincludeIsNotProcessed() throws {
        let root = try read(
            "<x xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"/etc/passwd\" parse=\"text\"/></x>"
        ).get()
        #expect(root.elements("include").count == 1)
        #expect(root.text.isEmpty)
    }

    @Test func refusesOversizedDocuments() throws {
        let e = try error("<x>" + String(repeating: "a", count: SafeXMLReader.maximumBytes) + "</x>")
        #expect(e.kind == .tooLarge)
    }
}
