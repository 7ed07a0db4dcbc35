import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

/// `waymark tm export`: the shipped articles as a TMX translation memory, read back by a TMX
/// reader CAT tools share (translate-toolkit, installed by `make test` into .build/tm-venv).
@Suite struct TmExportTests {
    static let python = RepositoryPaths.file(".build/tm-venv/bin/python").path
    static var hasTranslateToolkit: Bool { FileManager.default.isExecutableFile(atPath: python) }

    func export() throws -> URL {
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("articles.tmx")
        let result = try CommandRunner.run(["tm", "export", "Resources/Articles", "--output", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        return file
    }

    @Test func theSeedsStepsAreThereInAllThreeLanguages() throws {
        let text = try String(contentsOf: try export(), encoding: .utf8)
        let steps = text.components(separatedBy: "<tu tuid=\"").dropFirst().filter {
            $0.hasPrefix("partner-center/remove-a-relationship.md#how-to-remove-a-relationship/")
        }
        #expect(steps.count == 9)
        for step in steps {
            for locale in ["en-US", "tr-TR", "hu-HU"] { #expect(step.contains("<tuv xml:lang=\"\(locale)\">")) }
            // The source language first.
            #expect(step.range(of: "en-US")!.lowerBound < step.range(of: "tr-TR")!.lowerBound)
        }
        #expect(ChildProcess.output("/usr/bin/xmllint", ["--noout", "--nonet", try export().path]) != nil)
    }

    @Test(
        .enabled(
            if: TmExportTests.hasTranslateToolkit, "needs translate-toolkit in .build/tm-venv (make test installs it)"))
    func translateToolkitReadsIt() throws {
        let file = try export()
        let script = """
            import sys
            from translate.storage import tmx
            store = tmx.tmxfile.parsefile(sys.argv[1])
            step = [u for u in store.units if u.getid().endswith('/2.c')][0]
            print(len(store.units))
            print(step.source)
            print(step.gettarget('tr-TR'))
            """
        let out = ChildProcess.output(Self.python, ["-c", script, file.path]).map {
            String(decoding: $0, as: UTF8.self)
        }
        let lines = try #require(out).split(separator: "\n").map(String.init)
        #expect(Int(lines[0]) ?? 0 >= 9)
        #expect(lines[1] == "Select **Remove reseller relationship**.")
        #expect(lines[2].contains("Satıcı"))
    }
}
