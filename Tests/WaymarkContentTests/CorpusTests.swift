import Foundation
import Testing
import WaymarkContent
import WaymarkCore
import WaymarkTestSupport

/// Every Markdown file of the real three-locale corpus (../shared/corpus): nothing crashes and the
/// figures are sane. Skips, saying why, when the corpus is absent.
@Suite struct CorpusTests {
    struct Figures {
        var articles = 0
        var withProcedure = 0
        var procedures = 0
        var steps = 0
        var diagnostics: [String: Int] = [:]
    }

    /// Docs root for a corpus file: the locale folder (`partner-center/tr-tr`, `partner-center-sxs/hu-hu`), or
    /// the file's first folder.
    static func root(of relative: String, in corpus: URL) -> String {
        let parts = relative.split(separator: "/")
        let depth = parts.first == "seed-article" ? 1 : 2
        return corpus.appendingPathComponent(parts.prefix(depth).joined(separator: "/")).path
    }

    static func markdownFiles(in corpus: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: corpus.path)
        var files: [String] = []
        while let next = enumerator?.nextObject() as? String {
            if next.hasSuffix(".md") { files.append(next) }
        }
        return files.sorted()
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func parsesTheWholeCorpus() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("CorpusTests.parsesTheWholeCorpus") else { return }
        var byLocale: [String: Figures] = [:]
        var hashes: [String: [String: Set<StepID>]] = [:]  // openlocfilehash -> folder -> ids
        for relative in Self.markdownFiles(in: corpus) where relative.contains("/") && !relative.contains("/includes/")
        {
            let parser = ArticleParser(options: .init(root: Self.root(of: relative, in: corpus)))
            let article = try parser.parse(fileAt: corpus.appendingPathComponent(relative).path)
            let group = relative.split(separator: "/").prefix(2).joined(separator: "/")
            var f = byLocale[group, default: Figures()]
            f.articles += 1
            f.procedures += article.stepGraph.procedures.count
            f.steps += article.stepGraph.allSteps.count
            if !article.stepGraph.procedures.isEmpty { f.withProcedure += 1 }
            for d in article.diagnostics { f.diagnostics[d.id, default: 0] += 1 }
            byLocale[group] = f
            if group == "partner-center/tr-tr" || group == "partner-center/hu-hu",
                let hash = article.frontMatter.openLocFileHash
            {
                let key = hash + "|" + relative.split(separator: "/").dropFirst(2).joined(separator: "/")
                hashes[key, default: [:]][group] = Set(article.stepGraph.stepIDs)
            }
        }
        for (group, f) in byLocale.sorted(by: { $0.key < $1.key }) {
            let diags = f.diagnostics.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            print(
                "corpus \(group): \(f.articles) articles, \(f.withProcedure) with a procedure, \(f.procedures) procedures, \(f.steps) steps; diagnostics: \(diags.isEmpty ? "none" : diags)"
            )
        }
        let tr = try #require(byLocale["partner-center/tr-tr"])
        let hu = try #require(byLocale["partner-center/hu-hu"])
        let en = try #require(byLocale["partner-center/en-us"])
        #expect(tr.articles >= 300)
        #expect(tr.withProcedure >= 150)
        #expect(hu.withProcedure >= 150)
        #expect(en.withProcedure >= 400)
        #expect(tr.steps > 2 * tr.withProcedure)

        // tr-tr / hu-hu translations of the same source revision have the same steps.
        let pairs = hashes.values.filter { $0.count == 2 }
        let mismatched = hashes.filter { $0.value.count == 2 && Set($0.value.values.map { $0.sorted() }).count > 1 }
        print(
            "corpus: \(pairs.count) tr-tr/hu-hu pairs share ms.openlocfilehash; \(mismatched.count) differ in StepIDs")
        for (key, value) in mismatched.prefix(5) {
            let a = value["partner-center/tr-tr"] ?? []
            let b = value["partner-center/hu-hu"] ?? []
            print(
                "  \(key): only tr \(a.subtracting(b).sorted().prefix(3)), only hu \(b.subtracting(a).sorted().prefix(3))"
            )
        }
        #expect(pairs.count >= 15)
        #expect(mismatched.isEmpty)
    }
}
