import Foundation
import Testing
import WaymarkTestSupport

/// `waymark validate` in each report format against golden files, on a small tree whose findings
/// cover the shapes a report has: a finding with a quoted line, one with a note in another file,
/// one with a fix-it, a parse problem, a cross-locale finding, and a file-level one.
/// After an intended change: `WAYMARK_RECORD_SNAPSHOTS=1 swift test --filter ValidateGoldenTests`.
@Suite struct ValidateGoldenTests {
    static let english = ValidateCommandTests.article + "\nSee [the agreements](..\\en-us\\agreements.md).\n"

    static let turkish = """
        ---
        title: Satıcı ilişkisini kaldırma
        description: Doğrudan iş ortağının bir müşterisiyle satıcı ilişkisini nasıl kaldırdığı.
        ms.date: 31/31/2020
        ms.topic: how-to
        author: someone
        ms.author: someone
        ms.service: partner-dashboard
        ---
        # İlişkiyi kaldırma

        ## <a name="remove"></a>İlişkiyi kaldırın

        1. **Müşteriler**'e gidin ve müşteriyi seçin. Iş ortağı seçer.

        > [!NOTICE]
        > Bir abonelik etkin olduğu sürece bağlantı devre dışıdır.

        """

    static func tree() throws -> URL {
        try RepositoryPaths.temporaryTree([
            "en-us/x.md": english, "en-us/agreements.md": english.replacingOccurrences(of: "..\\en-us\\", with: ""),
            "tr-tr/x.md": turkish,
        ])
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "github"])
    func matchesGoldenReport(_ format: String) throws {
        let dir = try Self.tree()
        let result = try CommandRunner.run(
            ["validate", ".", "--format", format, "--today", "2026-11-21"], directory: dir)
        #expect(result.status == 1, "\(result.stderr)")
        // The one place a report names the machine: SARIF's base folder.
        let stable = result.stdout.replacingOccurrences(of: dir.standardizedFileURL.path, with: "$TREE")
            .replacingOccurrences(of: dir.resolvingSymlinksInPath().path, with: "$TREE")
        let difference = Snapshot.compare(stable, named: "validate.\(format)")
        #expect(difference == nil, "\(difference ?? "")")
    }
}
