import Foundation
import Testing
import WaymarkTestSupport

/// `waymark validate` over the real three-locale corpus with the shipped example configuration:
/// the known defects listed in the corpus README are found, by category and locale.
@Suite struct ValidateCorpusTests {
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func findsTheKnownDefectsOfTheCorpus() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("findsTheKnownDefectsOfTheCorpus") else { return }
        let tree = corpus.appendingPathComponent("partner-center").path
        let result = try CommandRunner.run(
            [
                "validate", "--config", "Examples/partner-center.waymark.yml", tree, "--format", "json",
                "--today", "2026-11-21",
            ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        func locale(_ f: [String: Any]) -> String {
            let path = f["path"] as? String ?? ""
            return ["en-us", "tr-tr", "hu-hu"].first { path.contains("/partner-center/\($0)/") } ?? "?"
        }
        func count(_ rule: String, _ loc: String? = nil) -> Int {
            findings.filter { $0["rule"] as? String == rule && (loc == nil || locale($0) == loc) }.count
        }
        var perRule: [String: Int] = [:]
        for f in findings { perRule[f["rule"] as? String ?? "", default: 0] += 1 }
        print(
            "validate corpus: \(perRule.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
        )

        // Broken relative links by category: tr-tr 7, hu-hu 14, en-us 72 missing targets plus case mismatches.
        for (loc, expected) in [("tr-tr", 7), ("hu-hu", 14)] {
            let broken = ["link-missing-target", "link-case-mismatch", "link-backslash", "link-redirected"]
                .map { count($0, loc) }.reduce(0, +)
            #expect(broken == expected, "\(loc)")
        }
        #expect(count("link-case-mismatch", "tr-tr") == 5)
        #expect(count("link-backslash", "tr-tr") == 1)
        #expect(count("link-redirected", "tr-tr") == 1)
        #expect(count("link-redirected", "hu-hu") == 8)
        #expect(count("link-missing-target", "en-us") == 72)
        #expect(count("link-case-mismatch", "en-us") == 6)

        // The `uthor:` typo, located.
        let typo = findings.first {
            $0["rule"] as? String == "front-matter-key-typo"
                && ($0["arguments"] as? [String: String])?["key"] == "uthor"
        }
        #expect(
            (typo?["path"] as? String)?.hasSuffix("developer/cancel-an-order-from-the-integration-sandbox.md") == true)

        // Files without a title: 33 with a front matter that lacks it (the README's 34th has its
        // keys indented by one space, which is valid YAML and does have a title).
        let untitled = findings.filter {
            $0["rule"] as? String == "front-matter-required-key"
                && ($0["arguments"] as? [String: String])?["key"] == "title"
        }
        #expect(untitled.count == 33)

        // Dotted capital İ written as I in Turkish, about 1,277 times for "Iş" alone.
        let dotless = findings.filter { $0["rule"] as? String == "turkish-dotless-capital-i" }
        let isWord = dotless.filter { ($0["arguments"] as? [String: String])?["word"] == "Iş" }
        #expect(isWord.count >= 1_200)
        #expect(dotless.allSatisfy { locale($0) == "tr-tr" })
    }

    /// HoloLens and Customer Insights with their configurations in `Examples/`: DocFX's docfx.json
    /// decides the articles (nothing beside the docsets is checked) and supplies front-matter keys
    /// (no required key is reported missing on those products, where hundreds were before).
    @Test(
        .enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"),
        arguments: ["hololens", "customer-insights"])
    func docfxDecidesArticlesAndMetadataOnTheUnseenProducts(_ product: String) throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("docfxDecidesArticles \(product)") else { return }
        let result = try CommandRunner.run([
            "validate", "--config", "Examples/\(product).waymark.yml", corpus.appendingPathComponent(product).path,
            "--format", "json", "--today", "2026-11-21",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        var perRule: [String: Int] = [:]
        for f in findings { perRule[f["rule"] as? String ?? "", default: 0] += 1 }
        print(
            "validate \(product): \(perRule.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
        )
        #expect(perRule["front-matter-required-key", default: 0] == 0)
        let paths = Set(findings.compactMap { $0["path"] as? String })
        let beside = paths.filter { path in
            ["README.md", "CODE_OF_CONDUCT.md", "SECURITY.md", "ThirdPartyNotices.md"].contains {
                path.hasSuffix("/" + $0)
            }
        }
        #expect(beside.isEmpty, "\(beside.sorted())")
        #expect(!findings.isEmpty)
    }
}
