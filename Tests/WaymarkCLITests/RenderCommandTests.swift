import Foundation
import Testing
import WaymarkTestSupport

/// `waymark render`: the printable checklist, golden-tested in every locale and format.
@Suite struct RenderCommandTests {
    static let article = "partner-center/remove-a-relationship.md"

    @Test(arguments: ["tr-TR", "hu-HU", "en-US"], ["text", "markdown", "html", "json"])
    func matchesGoldenOutput(_ locale: String, _ format: String) throws {
        let result = try CommandRunner.run(["--locale", locale, "render", Self.article, "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        let difference = Snapshot.compare(result.stdout, named: "render.\(locale).\(format)")
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test func htmlIsEscapedAndSelfContained() throws {
        let dir = try RepositoryPaths.temporaryDirectory()
        let file = dir.appendingPathComponent("x.md")
        try "---\ntitle: <script>alert(1)</script> & co\n---\n## P\n\n1. Select **<b>Bold</b>** & \"quotes\"\n".write(
            to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["render", file.path, "--format", "html"])
        #expect(!result.stdout.contains("<script>"))
        #expect(result.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        #expect(!result.stdout.contains("src=") && !result.stdout.contains("href="))
    }

    func htmlFile(_ locale: String) throws -> URL {
        let html = try CommandRunner.run(["--locale", locale, "render", Self.article, "--format", "html"]).stdout
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("checklist-\(locale).html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test(arguments: ["tr-TR", "hu-HU", "en-US"])
    func htmlParsesWithoutErrors(_ locale: String) throws {
        let (status, errors) = try run("/usr/bin/xmllint", ["--html", "--noout", try htmlFile(locale).path])
        #expect(status == 0)
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func htmlOpensInHeadlessChromium() throws {
        guard
            let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(
                where: FileManager.default.isExecutableFile)
        else {
            print(
                "SKIPPED RenderCommandTests.htmlOpensInHeadlessChromium: chromium is not installed (apt-get install chromium)"
            )
            return
        }
        let (status, errors) = try run(
            chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", try htmlFile("tr-TR").path])
        #expect(status == 0, "\(errors)")
    }
}
