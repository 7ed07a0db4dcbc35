import Foundation
@preconcurrency import Glibc
import WaymarkContent
import WaymarkCore

/// `waymark validate` beside its peers on the same Markdown files, each run as a user runs it (a
/// new process, wall time, median of the rounds): the `cmark-gfm` program parsing the files, and
/// `pymarkdownlnt scan` linting them. Then the same for Waymark and cmark-gfm on synthetic trees of
/// 4× and 16× the files, to show how the cost grows.
enum PeerBench {
    struct Options {
        var rounds: Int
        /// Rounds at 1×, where the runs are short and the goal is a ratio of two medians: more of
        /// them keep one slow spell of a shared machine from deciding it.
        var baseRounds = 15
        var pymarkdown: String?
        var pymarkdownRounds = 1
        /// rumdl, the Rust Markdown linter, with and without its cache.
        var rumdl: String?
        var scales = [1, 4, 16]
    }

    /// One program run: wall time and the child's own peak RSS.
    struct Run {
        var seconds: Double
        var peakMegabytes: Double
        var status: Int32
    }

    static func run(corpus: URL, options: Options, results: inout [String: Any]) {
        let tree = corpus.appendingPathComponent("partner-center")
        let config = URL(fileURLWithPath: "Examples/partner-center.waymark.yml")
        let waymark = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("waymark")
        guard FileManager.default.fileExists(atPath: tree.path), FileManager.default.fileExists(atPath: config.path),
            FileManager.default.isExecutableFile(atPath: waymark.path)
        else {
            print("peers: skipped (needs \(tree.path), Examples/partner-center.waymark.yml and a release waymark)")
            return
        }
        guard let cmark = which("cmark-gfm") else {
            print("peers: skipped (cmark-gfm is not installed; `make deps` installs it)")
            return
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }

        var scales: [[String: Any]] = []
        var base: (validate: Double, cmark: Double, parse: Double)?
        print("")
        print(
            "peers: wall time of a new process, median of \(max(options.rounds, options.baseRounds)) at 1x and "
                + "\(options.rounds) above, alternating (waymark validate uses all "
                + "\(ProcessInfo.processInfo.activeProcessorCount) processors; cmark-gfm and the in-process parse use one)"
        )
        print(
            "  scale  files      MB   waymark validate   waymark parse   cmark-gfm   validate/cmark   validate RSS")
        for scale in options.scales {
            let root: URL
            let configPath: String
            if scale == 1 {
                (root, configPath) = (tree, config.path)
            } else {
                guard let made = synthetic(from: tree, copies: scale, config: config, in: scratch) else {
                    print("  \(scale)x: skipped (could not copy the tree under \(scratch.path))")
                    continue
                }
                (root, configPath) = made
            }
            let files = markdownFiles(under: root)
            let bytes = files.reduce(0) { $0 + ((try? FileReader.read($1))?.count ?? 0) }
            let validateArguments = [
                "validate", "--config", configPath, root.path, "--format", "json", "--output", "/dev/null",
            ]
            // As many files per cmark-gfm process as the argument list allows (one process at 1x).
            let cmarkBatches = batches(files).map { ["-e", "table", "-t", "xml"] + $0 }
            // Warm the page cache and both programs once.
            _ = spawn(waymark.path, validateArguments)
            _ = spawnAll(cmark, cmarkBatches)
            var validateRuns: [Run] = []
            var cmarkRuns: [Run] = []
            var parseTimes: [Double] = []
            let rounds = scale == 1 ? max(options.rounds, options.baseRounds) : options.rounds
            for _ in 0..<rounds {
                validateRuns.append(spawn(waymark.path, validateArguments))
                cmarkRuns.append(spawnAll(cmark, cmarkBatches))
                parseTimes.append(parseAlone(files, root: root.path))
            }
            let validate = median(validateRuns.map(\.seconds))
            let parse = median(parseTimes)
            let parsed = median(cmarkRuns.map(\.seconds))
            let rss = validateRuns.map(\.peakMegabytes).max() ?? 0
            if scale == 1 { base = (validate, parsed, parse) }
            print(
                String(
                    format: "  %4dx %6d %7.1f %15.1f ms %12.1f ms %8.1f ms %14.2fx %11.1f MB", scale, files.count,
                    Double(bytes) / 1_048_576, validate * 1000, parse * 1000, parsed * 1000, validate / parsed, rss))
            var row: [String: Any] = [
                "scale": scale, "files": files.count, "bytes": bytes,
                "validate_ms": rounded(validate * 1000), "parse_ms": rounded(parse * 1000),
                "cmark_gfm_ms": rounded(parsed * 1000), "validate_peak_rss_mb": rounded(rss),
                "validate_exit_status": Int(validateRuns.last?.status ?? -1), "rounds": rounds,
            ]
            if let rumdl = options.rumdl {
                let runs = (0..<rounds).map { _ in spawn(rumdl, rumdlArguments(root, cache: nil)) }
                row["rumdl_ms"] = rounded(median(runs.map(\.seconds)) * 1000)
                row["rumdl_peak_rss_mb"] = rounded(runs.map(\.peakMegabytes).max() ?? 0)
                print(
                    String(
                        format: "         rumdl check, same tree, no cache: %.1f ms, RSS %.1f MB",
                        median(runs.map(\.seconds)) * 1000, runs.map(\.peakMegabytes).max() ?? 0))
            }
            if scale == options.scales.max() {
                // The other report formats, written as they are made like JSON: one run each, for
                // their peak (a format held whole would grow with the findings).
                var formats: [String: Any] = [:]
                for format in ["text", "sarif", "junit", "github"] {
                    var arguments = validateArguments
                    if let at = arguments.firstIndex(of: "json") { arguments[at] = format }
                    let run = spawn(waymark.path, arguments)
                    formats[format] = ["ms": rounded(run.seconds * 1000), "peak_rss_mb": rounded(run.peakMegabytes)]
                    print(
                        String(
                            format: "         --format %@: %.1f ms, RSS %.1f MB", format, run.seconds * 1000,
                            run.peakMegabytes))
                }
                row["formats"] = formats
            }
            if scale == 1 || scale == options.scales.max() {
                // Edited in a copy: the shared corpus is never written to.
                let copy =
                    scale == 1 ? synthetic(from: tree, copies: 1, config: config, in: scratch) : (root, configPath)
                if scale == 1, let (editable, editableConfig) = copy,
                    let git = gitWorkTree(
                        root: editable, config: editableConfig, waymark: waymark.path, rounds: min(rounds, 5))
                {
                    row["git_work_tree"] = git
                }
                if let (editable, editableConfig) = copy {
                    let warm = incremental(
                        root: editable, config: editableConfig, waymark: waymark.path, rumdl: options.rumdl,
                        rounds: rounds, scratch: scratch.appendingPathComponent("cache-\(scale)"))
                    row["cached_after_edit_ms"] = rounded(median(warm.waymark.map(\.seconds)) * 1000)
                    row["cached_peak_rss_mb"] = rounded(warm.waymark.map(\.peakMegabytes).max() ?? 0)
                    print(
                        String(
                            format:
                                "         waymark validate --cache after a one-file edit: %.1f ms (%.1f%% of a run without it), RSS %.1f MB",
                            median(warm.waymark.map(\.seconds)) * 1000,
                            100 * median(warm.waymark.map(\.seconds)) / validate,
                            warm.waymark.map(\.peakMegabytes).max() ?? 0))
                    if !warm.rumdl.isEmpty {
                        row["rumdl_cached_after_edit_ms"] = rounded(median(warm.rumdl.map(\.seconds)) * 1000)
                        print(
                            String(
                                format: "         rumdl check with its cache after the same edit: %.1f ms",
                                median(warm.rumdl.map(\.seconds)) * 1000))
                    }
                }
            }
            if scale == 1, let pymarkdown = options.pymarkdown {
                let runs = (0..<options.pymarkdownRounds).map { _ in parallel(pymarkdown, files: files) }
                let lint = median(runs)
                row["pymarkdownlnt_ms"] = rounded(lint * 1000)
                row["pymarkdownlnt_rounds"] = options.pymarkdownRounds
                print(
                    String(
                        format: "         pymarkdownlnt scan, same files, %d processes in parallel: %.1f ms (%@)",
                        ProcessInfo.processInfo.activeProcessorCount, lint * 1000,
                        options.pymarkdownRounds == 1 ? "one run" : "median of \(options.pymarkdownRounds)"))
            }
            scales.append(row)
        }
        results["validation"] = scales
        results["products"] = products(
            corpus: corpus, waymark: waymark.path, cmark: cmark, rumdl: options.rumdl, rounds: options.baseRounds)

        var ratios = results["ratios"] as? [String: Any] ?? [:]
        if let base {
            ratios["validate_vs_cmark"] = rounded(base.validate / base.cmark, places: 3)
            ratios["parse_vs_cmark"] = rounded(base.parse / base.cmark, places: 3)
            if let lint = scales.first?["pymarkdownlnt_ms"] as? Double {
                ratios["pymarkdownlnt_vs_validate"] = rounded(lint / (base.validate * 1000), places: 1)
            }
            for row in scales {
                guard let scale = row["scale"] as? Int, scale > 1, let ms = row["validate_ms"] as? Double else {
                    continue
                }
                ratios["scale_\(scale)x"] = rounded(ms / (base.validate * 1000), places: 2)
            }
            ratios["peak_rss_mb"] = scales.compactMap { $0["validate_peak_rss_mb"] as? Double }.max()
        }
        results["ratios"] = ratios
        if let r = ratios["validate_vs_cmark"] as? Double {
            print(String(format: "  validate / cmark-gfm at 1x: %.2fx (goal <= 0.80x)", r))
        }
        if let r = ratios["pymarkdownlnt_vs_validate"] as? Double {
            print(String(format: "  pymarkdownlnt / validate: %.1fx (goal >= 50x)", r))
        }
        if let r = ratios["scale_16x"] as? Double {
            print(String(format: "  validate at 16x / at 1x: %.2fx (goal <= 18x)", r))
        }
    }

    /// `copies` copies of the tree's locale folders, each copy one folder level down
    /// (`en-us/c03/partner-center/…`), and the configuration with its path maps repeated per copy.
    static func synthetic(from tree: URL, copies: Int, config: URL, in scratch: URL) -> (URL, String)? {
        let root = scratch.appendingPathComponent("x\(copies)")
        let fm = FileManager.default
        do {
            try? fm.removeItem(at: root)
            let locales = try fm.contentsOfDirectory(atPath: tree.path).filter { !$0.hasPrefix(".") }
            for locale in locales {
                for k in 0..<copies {
                    let target = root.appendingPathComponent(locale).appendingPathComponent(String(format: "c%02d", k))
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try fm.copyItem(at: tree.appendingPathComponent(locale), to: target)
                }
            }
            var text = try String(contentsOf: config, encoding: .utf8)
            let maps = (0..<copies).map {
                String(format: "\"c%02d/marketplace/\": \"c%02d/partner-center/marketplace/\"", $0, $0)
            }
            text = text.replacingOccurrences(
                of: "{ \"marketplace/\": \"partner-center/marketplace/\" }",
                with: "{ " + maps.joined(separator: ", ") + " }")
            let configPath = root.appendingPathComponent(".waymark.yml").path
            try text.write(toFile: configPath, atomically: true, encoding: .utf8)
            return (root, configPath)
        } catch {
            return nil
        }
    }

    static func markdownFiles(under root: URL) -> [String] {
        var files: [String] = []
        if let walker = FileManager.default.enumerator(atPath: root.path) {
            while let next = walker.nextObject() as? String {
                if next.hasSuffix(".md") { files.append(root.path + "/" + next) }
            }
        }
        return files.sorted()
    }

    /// Waymark's parser alone (decoding, front matter, Markdown, DocFX, includes, step graph), one thread.
    static func parseAlone(_ files: [String], root: String) -> Double {
        let parser = ArticleParser(options: ArticleParser.Options(root: root))
        let start = now()
        var steps = 0
        for file in files {
            guard let bytes = try? FileReader.read(file) else { continue }
            steps += parser.parse(bytes: bytes, path: file).stepGraph.allSteps.count
        }
        let seconds = now() - start
        // Uses the result, so that the optimizer cannot drop the parse.
        if steps < 0 { print(steps) }
        return seconds
    }

    /// The files split between one process per processor, all started at once; wall time to the last.
    static func parallel(_ program: String, files: [String]) -> Double {
        let n = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = (0..<n).map { i in stride(from: i, to: files.count, by: n).map { files[$0] } }
        let began = now()
        let pids = chunks.filter { !$0.isEmpty }.compactMap { start(program, ["scan"] + $0) }
        for pid in pids { _ = wait(pid) }
        return now() - began
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Files in groups whose paths fit well inside the kernel's limit on argument size.
    static func batches(_ files: [String], limit: Int = 1 << 20) -> [[String]] {
        var out: [[String]] = [[]]
        var size = 0
        for file in files {
            if size + file.utf8.count + 1 > limit, !(out.last?.isEmpty ?? true) {
                out.append([])
                size = 0
            }
            out[out.count - 1].append(file)
            size += file.utf8.count + 1
        }
        return out
    }

    /// Runs the program once per argument list, one after another: total wall time. (The peers'
    /// memory is not compared with cmark-gfm's, and a process more per batch would add to its time.)
    static func spawnAll(_ path: String, _ argumentLists: [[String]]) -> Run {
        var total = Run(seconds: 0, peakMegabytes: 0, status: 0)
        for arguments in argumentLists {
            let run = spawn(path, arguments, measuresMemory: false)
            total.seconds += run.seconds
            total.peakMegabytes = max(total.peakMegabytes, run.peakMegabytes)
            if run.status != 0 { total.status = run.status }
        }
        return total
    }

    /// GNU time, through which a program's peak RSS is measured: a child started by
    /// `posix_spawn` shares this process's memory until it executes, and Linux counts this
    /// process's peak into the child's own (`ru_maxrss` of a validate at 1x read 81 MB, the peak of
    /// this program after its in-process parse, where the validate itself peaks at 65 MB). GNU time
    /// is a small process, and it reads its own child's peak.
    static let memoryProgram: String? =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        ? "/usr/bin/time" : nil

    /// Runs a program to its end with its output discarded (and standard input read from the
    /// file `input`, when given). Its peak RSS is measured through GNU time unless
    /// `measuresMemory` is false (for a start measured in milliseconds, which the extra process
    /// would add to).
    static func spawn(_ path: String, _ arguments: [String], input: String? = nil, measuresMemory: Bool = true)
        -> Run
    {
        let report =
            measuresMemory && memoryProgram != nil
            ? FileManager.default.temporaryDirectory.appendingPathComponent("waymark-bench-rss-\(getpid())").path
            : nil
        let (program, argv) =
            report.map { ("/usr/bin/time", ["-f", "%M", "-o", $0, path] + arguments) } ?? (path, arguments)
        // What the runs before this one wrote (a cache filled, rumdl's cache after each of its
        // runs: hundreds of megabytes) is on disk before the clock starts: the kernel writes it
        // back about thirty seconds later, and on a two-processor machine a run that meets that
        // writeback pays for another program's writes.
        sync()
        let started = now()
        guard let pid = start(program, argv, input: input) else {
            print("  could not start \(path) (\(arguments.count) arguments)")
            return Run(seconds: .nan, peakMegabytes: 0, status: -1)
        }
        let (status, rss) = wait(pid)
        let seconds = now() - started
        guard let report else { return Run(seconds: seconds, peakMegabytes: rss, status: status) }
        // The last line is the figure, in KiB (a line before it tells of a signal).
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        unlink(report)
        let kibibytes = text.split(whereSeparator: \.isNewline).last.flatMap { Double($0) } ?? 0
        return Run(seconds: seconds, peakMegabytes: kibibytes / 1024, status: status)
    }

    /// Starts a program with standard output and error sent to /dev/null, and standard input
    /// read from the file `input` when given.
    static func start(_ path: String, _ arguments: [String], input: String? = nil) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input { posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
        return pid
    }

    /// Waits for one child: its exit status and the peak RSS wait4 gives (the child's own, or this
    /// process's if that was higher: see `memoryProgram`).
    static func wait(_ pid: pid_t) -> (Int32, Double) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -(status & 0x7F)
        return (code, Double(usage.ru_maxrss) / 1024)
    }

    static func rounded(_ value: Double, places: Int = 1) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
