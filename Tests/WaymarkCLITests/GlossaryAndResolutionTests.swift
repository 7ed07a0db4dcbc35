import Foundation
import Testing
import WaymarkTestSupport

@Suite struct GlossaryAndResolutionTests {
    @Test(arguments: [
        ("tr-TR", "**Hesabı**", "account (inflected)"), ("tr-TR", "**müşteriler** ' e", "customers (exact)"),
        ("hu-HU", "**fiókot**", "account (inflected)"),
        ("en-US", "Remove reseller relationship", "remove-reseller-relationship (exact)"),
    ])
    func looksUpLabelsAsArticlesWriteThem(_ locale: String, _ label: String, _ expected: String) throws {
        let result = try CommandRunner.run(["--locale", locale, "glossary", "lookup", label])
        #expect(result.status == 0)
        #expect(result.stdout.contains("→ \(expected): en: "), "\(result.stdout)")
    }

    @Test func anUnknownLabelFails() throws {
        let result = try CommandRunner.run(["--locale", "tr-TR", "glossary", "lookup", "Araba"])
        #expect(result.status == 1)
        #expect(result.stderr == "waymark: hata: sözlükte \"Araba\" ile eşleşen terim yok (tr)\n")
    }

    @Test func listsEveryConcept() throws {
        let result = try CommandRunner.run(["glossary", "list"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("account: en: Account · tr: Hesap · hu: Fiók"))
    }

    @Test func inspectResolvesADocsPathInTheUsersLocaleAndFlagsMachineTranslation() throws {
        let result = try CommandRunner.run(
            ["inspect", "partner-center/remove-a-relationship.md"], environment: ["LANG": "tr_TR.UTF-8"])
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix("Article tr-TR Resources/Articles/tr-TR/partner-center/remove-a-relationship.md"))
        #expect(
            result.stderr
                == "waymark: not: bu makale makine çevirisidir (tr-TR); anlaşılmayan bir cümleyi İngilizce aslıyla karşılaştırın\n"
        )
    }

    @Test func inspectSaysWhenItFellBackToTheSource() throws {
        let resources = try RepositoryPaths.temporaryDirectory()
        let article = resources.appendingPathComponent("Articles/en-US/docs/only-english.md")
        try FileManager.default.createDirectory(
            at: article.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "---\ntitle: T\n---\n# T\n".write(to: article, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["--locale", "hu-HU", "inspect", "docs/only-english.md"], environment: ["WAYMARK_RESOURCES": resources.path]
        )
        #expect(result.status == 0)
        #expect(
            result.stderr
                == "waymark: megjegyzés: docs/only-english.md nem érhető el hu-HU nyelven; helyette ez a változat látható: en-US\n"
        )
    }
}

@Suite struct FallbackReportTests {
    @Test func aDraftTranslationFallsBackToTheSourceAndSaysSo() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        let shipped = RepositoryPaths.file("Localizations")
        for name in ["en-US.xlf", "tr-TR.xlf"] {
            var text = try String(contentsOf: shipped.appendingPathComponent(name), encoding: .utf8)
            if name == "tr-TR.xlf" {
                text = text.replacingOccurrences(
                    of: "<unit id=\"content.file-empty\">\n      <segment state=\"reviewed\">",
                    with: "<unit id=\"content.file-empty\">\n      <segment state=\"initial\">")
            }
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let env = ["WAYMARK_LOCALIZATIONS": dir.path]
        let draft = try CommandRunner.run(
            ["--locale", "tr-TR", "strings", "show", "content.file-empty"], environment: env)
        #expect(draft.stdout == "file is empty\ntr-TR için en-US yanıt verdi (geri dönüş)\n")
        let translated = try CommandRunner.run(
            ["--locale", "tr-CY", "strings", "show", "content.file-not-there"], environment: env)
        #expect(translated.status == 1)
        let cyprus = try CommandRunner.run(
            ["--locale", "tr-CY", "strings", "show", "content.file-too-large"], environment: env)
        #expect(cyprus.stdout.hasSuffix("tr-CY için tr-TR yanıt verdi\n"))
    }
}
