import Foundation
import Testing
import WaymarkContent
import WaymarkCore

/// The DocFX constructs of `DocFXCorpus/` (see its README): each article's step graph against the
/// one written beside it, and the same step ids in every locale of the repeated-headings article.
@Suite struct DocFXCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("DocFXCorpus").path

    /// Every article of the corpus with an expected step graph (`X.steps` beside `X.md`).
    static var articles: [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: corpus)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".md"),
                FileManager.default.fileExists(atPath: corpus + "/" + relative.dropLast(3) + ".steps")
            else { continue }
            found.append(relative)
        }
        return found.sorted()
    }

    /// One line per procedure and step: `id kind "text" [alerts]`, children indented.
    static func dump(_ graph: StepGraph) -> String {
        var lines: [String] = []
        func add(_ step: Step, depth: Int) {
            let alerts =
                step.alerts.isEmpty ? "" : " [" + step.alerts.map(\.kind.rawValue).joined(separator: ", ") + "]"
            lines.append(
                String(repeating: "  ", count: depth) + "\(step.id) \(step.kind.rawValue) \"\(step.text)\"" + alerts)
            for child in step.children { add(child, depth: depth + 1) }
        }
        for procedure in graph.procedures {
            lines.append("procedure \(procedure.id) \"\(procedure.title)\"")
            for step in procedure.steps { add(step, depth: 1) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ relative: String) throws -> Article {
        let locale = String(relative.prefix { $0 != "/" })
        return try ArticleParser(options: ArticleParser.Options(root: corpus + "/" + locale)).parse(
            fileAt: corpus + "/" + relative)
    }

    @Test func everyArticleHasItsExpectedStepGraph() throws {
        #expect(Self.articles.count >= 8)
        for relative in Self.articles {
            let article = try Self.parse(relative)
            let expected = try String(
                contentsOfFile: Self.corpus + "/" + relative.dropLast(3) + ".steps", encoding: .utf8)
            #expect(Self.dump(article.stepGraph) == expected, "\(relative)")
            #expect(article.diagnostics.isEmpty, "\(relative): \(article.diagnostics)")
        }
    }

    @Test func repeatedHeadingsHaveTheSameStepIDsInEveryLocale() throws {
        let ids = try ["en-us", "tr-tr", "hu-hu"].map { try Self.parse("\($0)/repeated.md").stepGraph.stepIDs }
        #expect(ids[0].count == 9)
        #expect(ids[1] == ids[0])
        #expect(ids[2] == ids[0])
        // DocFX's numbering: the second "Admin" is admin-1, "Admin 1" then admin-1-1, the last admin-2.
        let procedures = try Self.parse("tr-tr/repeated.md").stepGraph.procedures.map(\.id)
        #expect(procedures == ["admin", "admin-1", "process", "process~2", "process-1", "admin-1-1", "admin-2"])
    }

    @Test func stepIDsOfEarlierVersionsStillFindTheirSteps() throws {
        let graph = try Self.parse("tr-tr/repeated.md").stepGraph
        // Before DocFX's numbering the translation's second `<a name="admin">` was admin~2.
        #expect(graph.aliases["admin~2"] == "admin-1")
        #expect(graph.aliases["admin~3"] == "admin-2")
        #expect(graph.aliases["process~3"] == "process-1")
        #expect(graph.step(StepID("admin~2/2")!)?.text == "Gruplar'ı seçin.")
        #expect(graph.procedure("admin~3")?.id == "admin-2")
        // An id that names a procedure today is never taken for an old one.
        #expect(graph.aliases["process~2"] == nil)
        #expect(graph.current(StepID("process~2/1")!) == StepID("process~2/1")!)
        // English headings without anchors were already numbered like DocFX's.
        let english = try Self.parse("en-us/repeated.md").stepGraph
        #expect(english.aliases.isEmpty)
    }
}
