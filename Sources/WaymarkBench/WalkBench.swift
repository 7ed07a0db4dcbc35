import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkRelationships
import WaymarkStoreSQLite
import WaymarkWalkthrough

/// Walkthrough timings: cold start of the release `waymark walk` to its first screen, and the
/// time from a keypress to the redrawn screen (store read, engine, screen, ANSI).
enum WalkBench {
    struct Strings: MessageProvider {
        func text(_ key: String, _ arguments: [String: MessageValue], locale: String) -> String { key }
    }

    static func run(rounds: Int, results: inout [String: Any]) {
        // The waymark built beside this program.
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("waymark")
        guard FileManager.default.isExecutableFile(atPath: binary.path),
            let demoData = FileManager.default.contents(atPath: "Resources/Demo/demo.json"),
            let demo = try? JSONDecoder().decode(ModelData.self, from: demoData)
        else {
            print("walkthrough: skipped (run from the repository root after swift build -c release)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-bench-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        // Cold start: a new process each time, a fresh session each time (the store already exists).
        // Started with posix_spawn and waited for with wait4, as the peers are: Foundation's
        // Process adds tens of milliseconds of its own on Linux, more than the start it would time.
        let quit = dir.appendingPathComponent("quit.txt").path
        _ = FileManager.default.createFile(atPath: quit, contents: Data("quit\n".utf8))
        var cold: [Double] = []
        for i in 0..<max(rounds, 10) {
            let db = dir.appendingPathComponent("cold.sqlite").path
            if i == 0 { _ = try? RelationshipStore(path: db) }
            let run = PeerBench.spawn(
                binary.path,
                ["walk", "partner-center/remove-a-relationship.md", "--customer", "northwind", "--db", db],
                input: quit, measuresMemory: false)
            cold.append(run.seconds)
            if let store = try? RelationshipStore(path: db), let open = try? store.openSession(customerID: "northwind")
            {
                try? store.abandonSession(open.id, by: Operator(name: "bench", role: .globalAdmin))
            }
        }

        // Keypress to redraw, in process.
        guard let store = try? RelationshipStore(path: dir.appendingPathComponent("keys.sqlite").path),
            (try? store.replaceAll(with: demo, by: Operator(name: "bench", role: .globalAdmin))) != nil,
            let article = try? ArticleParser().parse(
                fileAt: "Resources/Articles/tr-TR/partner-center/remove-a-relationship.md"),
            let (binding, _) = try? BindingLoader.load(
                path: "Resources/Procedures/partner-center/remove-a-relationship.yml"), let binding,
            let account = try? store.account("wingtip"),
            var engine = try? WalkEngine.start(
                procedure: article.stepGraph.procedures[0], prerequisitesText: true, binding: binding, account: account,
                actor: Operator(name: "bench", role: .globalAdmin), locale: "tr-TR", locales: ["tr-TR"])
        else {
            print("walkthrough keypress: skipped (could not set up)")
            return
        }
        let screen = WalkScreen(
            articles: ["tr-TR": article], source: article, customer: "Wingtip Toys", strings: Strings())
        var keys: [Double] = []
        for i in 0..<2000 {
            let t = now()
            guard let current = try? store.account("wingtip") else { break }
            if i % 2 == 0 { engine.cycleLocale() } else { engine.toggleSource() }
            let lines = screen.lines(engine: engine, account: current, message: nil, width: 100)
            let text = lines.map { ANSI.render($0, colors: true) }.joined(separator: "\r\n")
            if text.isEmpty { break }
            keys.append(now() - t)
        }
        results["walk"] = [
            "cold_start_ms": PeerBench.rounded(median(cold) * 1000, places: 1),
            "keypress_to_redraw_ms": PeerBench.rounded(median(keys) * 1000, places: 3),
        ]
        print(
            String(
                format: "walkthrough: cold start to first screen (release, new process): %.1f ms median of %d",
                median(cold) * 1000, cold.count))
        print(
            String(
                format: "walkthrough: keypress to redraw (store read + engine + screen + ANSI): %.3f ms median of %d",
                median(keys) * 1000, keys.count))
    }
}
