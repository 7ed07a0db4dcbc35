import Foundation
@preconcurrency import Glibc

/// The parts of the peer comparison that are about what a docs team runs every day: the two
/// smaller products of the corpus (where fixed costs weigh more), rumdl beside Waymark, and
/// runs after a one-file edit with each tool's cache.
extension PeerBench {
    /// The release `waymark` built beside this program (wherever RELEASE_FLAGS put them).
    static var siblingWaymark: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("waymark")
            .path
    }

    /// `rumdl check` over a tree as a user runs it: its default rules, JSON out, with its cache
    /// in `cache` or without one.
    static func rumdlArguments(_ root: URL, cache: URL?) -> [String] {
        ["check", "--no-config", "--output-format", "json", "--color", "never"]
            + (cache.map { ["--cache-dir", $0.path] } ?? ["--no-cache"]) + [root.path]
    }

    /// Waymark with `--cache` and rumdl with its cache, each filled once, then each run after one
    /// file of the tree is edited (another file each round).
    static func incremental(
        root: URL, config: String, waymark: String, rumdl: String?, rounds: Int, scratch: URL
    ) -> (waymark: [Run], rumdl: [Run]) {
        let files = markdownFiles(under: root)
        guard !files.isEmpty else { return ([], []) }
        let waymarkCache = scratch.appendingPathComponent("waymark")
        let rumdlCache = scratch.appendingPathComponent("rumdl")
        let validate = [
            "validate", "--config", config, root.path, "--format", "json", "--output", "/dev/null", "--cache",
            waymarkCache.path,
        ]
        _ = spawn(waymark, validate)
        if let rumdl { _ = spawn(rumdl, rumdlArguments(root, cache: rumdlCache)) }
        var waymarkRuns: [Run] = []
        var rumdlRuns: [Run] = []
        for round in 0..<rounds {
            let file = files[(round * 7919 + files.count / 3) % files.count]
            if let handle = FileHandle(forWritingAtPath: file) {
                handle.seekToEndOfFile()
                handle.write(Data("\n<!-- edited for the benchmark, round \(round) -->\n".utf8))
                handle.closeFile()
            }
            waymarkRuns.append(spawn(waymark, validate))
            if let rumdl { rumdlRuns.append(spawn(rumdl, rumdlArguments(root, cache: rumdlCache))) }
        }
        try? FileManager.default.removeItem(at: scratch)
        return (waymarkRuns, rumdlRuns)
    }

    /// The tree as a docs repository holds it, in a git work tree: a whole run there (where the
    /// source revisions are commits and the translations' recorded commits are looked up in
    /// git), and `--changed-since HEAD` after a one-file edit, as a pull request's check runs.
    static func gitWorkTree(root: URL, config: String, waymark: String, rounds: Int) -> [String: Any]? {
        let git = "/usr/bin/git"
        guard FileManager.default.isExecutableFile(atPath: git) else { return nil }
        let setup = [
            ["init", "-q", "."], ["add", "."],
            ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "tree"],
            // The index refreshed, as any `git status` in a work tree leaves it: files written in
            // the second the index was would otherwise be hashed again by git at every run (the
            // runs then measured git, 40 to 70 ms more at 1x, in some benches and not others).
            // A second after the files were written: an index written in their second leaves
            // them as they were.
            ["status", "--porcelain"],
        ]
        for arguments in setup {
            if arguments.first == "status" { Thread.sleep(forTimeInterval: 1.1) }
            guard spawn(git, ["-C", root.path] + arguments, measuresMemory: false).status == 0 else { return nil }
        }
        let validate = [
            "validate", "--config", config, root.path, "--format", "json", "--output", "/dev/null",
        ]
        _ = spawn(waymark, validate)
        let whole = (0..<rounds).map { _ in spawn(waymark, validate) }
        let files = markdownFiles(under: root)
        guard !files.isEmpty, let handle = FileHandle(forWritingAtPath: files[files.count / 2]) else { return nil }
        handle.seekToEndOfFile()
        handle.write(Data("\n<!-- edited for the benchmark -->\n".utf8))
        handle.closeFile()
        let changed = (0..<rounds).map { _ in spawn(waymark, validate + ["--changed-since", "HEAD"]) }
        try? FileManager.default.removeItem(at: root.appendingPathComponent(".git"))
        let (wholeSeconds, changedSeconds) = (median(whole.map(\.seconds)), median(changed.map(\.seconds)))
        print(
            String(
                format:
                    "         in a git work tree: %.1f ms; --changed-since HEAD after a one-file edit: %.1f ms, RSS %.1f MB",
                wholeSeconds * 1000, changedSeconds * 1000, changed.map(\.peakMegabytes).max() ?? 0))
        return [
            "validate_ms": rounded(wholeSeconds * 1000), "changed_since_ms": rounded(changedSeconds * 1000),
            "changed_since_peak_rss_mb": rounded(changed.map(\.peakMegabytes).max() ?? 0), "rounds": rounds,
        ]
    }

    /// HoloLens and Customer Insights at 1×: `waymark validate` beside the `cmark-gfm` program
    /// on the same files, and rumdl without its cache.
    static func products(corpus: URL, waymark: String, cmark: String, rumdl: String?, rounds: Int) -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for product in ["hololens", "customer-insights"] {
            let root = corpus.appendingPathComponent(product)
            let config = "Examples/\(product).waymark.yml"
            guard FileManager.default.fileExists(atPath: root.path), FileManager.default.fileExists(atPath: config)
            else {
                print("  \(product): skipped (needs \(root.path) and \(config))")
                continue
            }
            let files = markdownFiles(under: root)
            let validateArguments = [
                "validate", "--config", config, root.path, "--format", "json", "--output", "/dev/null",
            ]
            let cmarkBatches = batches(files).map { ["-e", "table", "-t", "xml"] + $0 }
            _ = spawn(waymark, validateArguments)
            _ = spawnAll(cmark, cmarkBatches)
            var validateRuns: [Run] = []
            var cmarkRuns: [Run] = []
            var rumdlRuns: [Run] = []
            for _ in 0..<rounds {
                validateRuns.append(spawn(waymark, validateArguments))
                cmarkRuns.append(spawnAll(cmark, cmarkBatches))
                if let rumdl { rumdlRuns.append(spawn(rumdl, rumdlArguments(root, cache: nil))) }
            }
            let validate = median(validateRuns.map(\.seconds))
            let parsed = median(cmarkRuns.map(\.seconds))
            var row: [String: Any] = [
                "product": product, "files": files.count, "rounds": rounds,
                "validate_ms": rounded(validate * 1000), "cmark_gfm_ms": rounded(parsed * 1000),
                "validate_vs_cmark": rounded(validate / parsed, places: 3),
                "validate_peak_rss_mb": rounded(validateRuns.map(\.peakMegabytes).max() ?? 0),
            ]
            var line = String(
                format:
                    "  %@: %d files, waymark validate %.1f ms, cmark-gfm %.1f ms, validate/cmark %.2fx (goal <= 1.00x)",
                product, files.count, validate * 1000, parsed * 1000, validate / parsed)
            if !rumdlRuns.isEmpty {
                let lint = median(rumdlRuns.map(\.seconds))
                row["rumdl_ms"] = rounded(lint * 1000)
                row["rumdl_peak_rss_mb"] = rounded(rumdlRuns.map(\.peakMegabytes).max() ?? 0)
                line += String(format: ", rumdl %.1f ms", lint * 1000)
            }
            print(line)
            rows.append(row)
        }
        return rows
    }

    /// The figures the performance goals are stated in, from the sections that measured them.
    static func goals(_ results: [String: Any]) -> [String: Any] {
        var goals: [String: Any] = [:]
        let rows = results["validation"] as? [[String: Any]] ?? []
        func row(_ scale: Int) -> [String: Any]? { rows.first { ($0["scale"] as? Int) == scale } }
        func number(_ row: [String: Any]?, _ key: String) -> Double? { row?[key] as? Double }
        if let base = row(1) {
            if let v = number(base, "validate_ms"), let c = number(base, "cmark_gfm_ms") {
                goals["validate_vs_cmark"] = rounded(v / c, places: 3)
            }
            if let v = number(base, "validate_ms"), let r = number(base, "rumdl_ms") {
                goals["rumdl_vs_validate"] = rounded(r / v, places: 2)
            }
            if let v = number(base, "cached_after_edit_ms"), let r = number(base, "rumdl_cached_after_edit_ms") {
                goals["rumdl_cached_vs_validate_cached"] = rounded(r / v, places: 2)
            }
            if let one = number(base, "validate_peak_rss_mb"), let four = number(row(4), "validate_peak_rss_mb") {
                goals["rss_4x_vs_1x"] = rounded(four / one, places: 2)
            }
        }
        if let big = row(16) {
            goals["peak_rss_mb_16x"] = number(big, "validate_peak_rss_mb")
            // The largest of every report format's (JSON's above and the others' at that scale).
            let formats = (big["formats"] as? [String: Any] ?? [:]).values.compactMap {
                ($0 as? [String: Any])?["peak_rss_mb"] as? Double
            }
            if let json = number(big, "validate_peak_rss_mb"), !formats.isEmpty {
                goals["peak_rss_mb_16x_any_format"] = max(json, formats.max() ?? 0)
            }
            if let warm = number(big, "cached_after_edit_ms"), let cold = number(big, "validate_ms") {
                // Four places: at three, 0.0502 read as 0.050 and as the goal met.
                goals["warm_one_file_vs_cold_16x"] = rounded(warm / cold, places: 4)
            }
        }
        for product in results["products"] as? [[String: Any]] ?? [] {
            guard let name = product["product"] as? String, let ratio = product["validate_vs_cmark"] as? Double else {
                continue
            }
            goals["validate_vs_cmark_" + name.replacingOccurrences(of: "-", with: "_")] = ratio
        }
        if let walk = results["walk"] as? [String: Any], let cold = walk["cold_start_ms"] as? Double {
            goals["walk_cold_start_ms"] = cold
        }
        return goals
    }
}
