import CCmarkGFM
import Foundation
// waymark-bench: Waymark's article pipeline (front matter, Markdown, step graph) beside cmark-gfm
// parsing the same bytes, in one process, one run, medians over repeated rounds.
//
//   swift build -c release --product waymark-bench && .build/release/waymark-bench [CORPUS] [--rounds N]
//     [--base-rounds N] (peers at 1x; default 15) [--scales 1,4,16] [--pymarkdown PATH] [--rumdl PATH]
//     [--output FILE] [--only store|library|team|peers]
@preconcurrency import Glibc
import WaymarkContent
import WaymarkCore
import WaymarkLocalization

struct Input {
    var path: String
    var root: String
    var bytes: [UInt8]
}

func loadCorpus(_ corpus: URL) -> [Input] {
    var inputs: [Input] = []
    let enumerator = FileManager.default.enumerator(atPath: corpus.path)
    while let relative = enumerator?.nextObject() as? String {
        guard relative.hasSuffix(".md"), relative.contains("/"), !relative.contains("/includes/") else { continue }
        let parts = relative.split(separator: "/")
        let root = corpus.appendingPathComponent(
            parts.prefix(parts.first == "seed-article" ? 1 : 2).joined(separator: "/"))
        let url = corpus.appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else { continue }
        inputs.append(Input(path: url.path, root: root.path, bytes: Array(data)))
    }
    return inputs.sorted { $0.path < $1.path }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// cmark-gfm alone: parse each file (GFM tables on) and free the tree.
func runCmark(_ inputs: [Input]) -> Int {
    cmark_gfm_core_extensions_ensure_registered()
    var nodes = 0
    for input in inputs {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE) else { continue }
        if let table = cmark_find_syntax_extension("table") { cmark_parser_attach_syntax_extension(parser, table) }
        input.bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        if let document = cmark_parser_finish(parser) {
            if cmark_node_first_child(document) != nil { nodes += 1 }
            cmark_node_free(document)
        }
        cmark_parser_free(parser)
    }
    return nodes
}

/// Waymark's whole pipeline: decoding, front matter, Markdown, DocFX extensions, includes, step graph.
func runWaymark(_ inputs: [Input]) -> (steps: Int, diagnostics: Int) {
    var steps = 0
    var diagnostics = 0
    for input in inputs {
        let article = ArticleParser().parse(bytes: input.bytes, path: input.path, root: input.root)
        steps += article.stepGraph.allSteps.count
        diagnostics += article.diagnostics.count
    }
    return (steps, diagnostics)
}

var arguments = Array(CommandLine.arguments.dropFirst())
/// Removes `--name VALUE` from the arguments and returns VALUE.
@MainActor func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(i...(i + 1)) }
    return arguments[i + 1]
}
let rounds = max(1, option("--rounds").flatMap(Int.init) ?? 5)
var peerOptions = PeerBench.Options(rounds: rounds, pymarkdown: option("--pymarkdown"))
peerOptions.rumdl = option("--rumdl")
peerOptions.pymarkdownRounds = max(1, option("--pymarkdown-rounds").flatMap(Int.init) ?? 1)
if let base = option("--base-rounds").flatMap(Int.init) { peerOptions.baseRounds = max(1, base) }
if let scales = option("--scales") { peerOptions.scales = scales.split(separator: ",").compactMap { Int($0) } }
let output = option("--output")
let onlySection = option("--only")
let postgresAdmin = option("--postgres") ?? ProcessInfo.processInfo.environment["WAYMARK_BENCH_POSTGRES"]
let corpusPath = arguments.first ?? FileManager.default.currentDirectoryPath + "/../shared/corpus"
let corpus = URL(fileURLWithPath: corpusPath).standardizedFileURL

/// With `--output`, `section`'s results replace their part of an existing results file, the rest
/// kept as the last whole run wrote it.
func mergeSection(_ section: [String: Any]) {
    guard let output, let data = FileManager.default.contents(atPath: output),
        var existing = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else { return }
    for (key, value) in section { existing[key] = value }
    if let merged = try? JSONSerialization.data(withJSONObject: existing, options: [.prettyPrinted, .sortedKeys]) {
        if FileManager.default.createFile(atPath: output, contents: merged + Data("\n".utf8)) {
            print("section written into \(output)")
        } else {
            print("cannot write \(output)")
        }
    }
}

// `--only store`, `--only library`, `--only team`, `--only peers` or `--only walk`: that section
// alone, for working on it; with `--output`, merged into an existing results file.
switch onlySection {
case "store"?:
    var only: [String: Any] = [:]
    StoreBench.run(rounds: rounds, results: &only)
    mergeSection(only)
    exit(0)
case "library"?:
    var only: [String: Any] = [:]
    LibraryBench.run(corpus: corpus, rounds: rounds, results: &only)
    mergeSection(only)
    exit(0)
case "peers"?, "walk"?:
    // The peers and the walkthrough's start (or the walkthrough alone), merged with the goals into
    // the results file.
    var only: [String: Any] = [:]
    if onlySection == "peers" { PeerBench.run(corpus: corpus, options: peerOptions, results: &only) }
    WalkBench.run(rounds: rounds, results: &only)
    var merged =
        (output.flatMap { FileManager.default.contents(atPath: $0) }
            .flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]) ?? [:]
    for (key, value) in only { merged[key] = value }
    for (key, value) in PeerBench.goals(merged) { only[key] = value }
    mergeSection(only)
    exit(0)
case "team"?:
    var only: [String: Any] = [:]
    TeamBench.run(postgres: postgresAdmin, results: &only)
    mergeSection(only)
    exit(0)
default: break
}
let inputs = loadCorpus(corpus)
guard !inputs.isEmpty else {
    FileHandle.standardError.write(Data("waymark-bench: no .md files under \(corpus.path)\n".utf8))
    exit(1)
}
let megabytes = Double(inputs.reduce(0) { $0 + $1.bytes.count }) / 1_048_576

// One warm-up round of each (page cache, lazy initialisation), then alternate rounds.
_ = runCmark(inputs)
let warm = runWaymark(inputs)
var cmarkTimes: [Double] = []
var waymarkTimes: [Double] = []
for _ in 0..<rounds {
    var t = now()
    _ = runCmark(inputs)
    cmarkTimes.append(now() - t)
    t = now()
    _ = runWaymark(inputs)
    waymarkTimes.append(now() - t)
}
let cmark = median(cmarkTimes)
let waymark = median(waymarkTimes)

func row(_ name: String, _ seconds: Double) -> String {
    let ms = String(format: "%9.1f ms", seconds * 1000)
    let mbs = String(format: "%8.1f MB/s", megabytes / seconds)
    let aps = String(format: "%9.0f articles/s", Double(inputs.count) / seconds)
    return name.padding(toLength: 44, withPad: " ", startingAt: 0) + ms + mbs + aps
}

print("corpus: \(corpus.path)")
print(
    "files: \(inputs.count) articles, \(String(format: "%.1f", megabytes)) MB; \(warm.steps) steps, \(warm.diagnostics) diagnostics"
)
print("rounds: \(rounds) (median shown), release build, single thread")
print(row("cmark-gfm parse (tables on)", cmark))
print(row("waymark pipeline (front matter+md+steps)", waymark))
print(String(format: "ratio waymark / cmark-gfm: %.2fx", waymark / cmark))
print(String(format: "peak RSS: %.1f MB", peakRSSMegabytes()))
var results: [String: Any] = [
    "pipeline": [
        "articles": inputs.count, "megabytes": PeerBench.rounded(megabytes),
        "waymark_parse_ms": PeerBench.rounded(waymark * 1000), "cmark_gfm_library_ms": PeerBench.rounded(cmark * 1000),
        "peak_rss_mb": PeerBench.rounded(peakRSSMegabytes()),
    ]
]

// Localization: read every catalog, parse every message, read the glossary and look a label up.
let localizations = URL(fileURLWithPath: "Localizations")
let glossaryFile = URL(fileURLWithPath: "Resources/Glossary/partner-center.tbx")
if FileManager.default.fileExists(atPath: localizations.path),
    let glossaryData = FileManager.default.contents(atPath: glossaryFile.path)
{
    var times: [Double] = []
    var messages = 0
    for _ in 0..<max(rounds, 20) {
        let t = now()
        guard let catalogs = try? MessageCatalogs.load(from: localizations),
            let glossary = try? Glossary.read(Array(glossaryData), path: glossaryFile.path)
        else { break }
        messages = 0
        for catalog in catalogs.catalogs.values {
            for unit in catalog.units {
                if (try? MessageParser.parse(unit.usableTarget ?? unit.source)) != nil { messages += 1 }
            }
        }
        _ = glossary.lookup("**Hesabı**", language: "tr")
        times.append(now() - t)
    }
    if !times.isEmpty {
        print(
            String(
                format: "localization: load 3 catalogs (%d messages parsed) + glossary: %.2f ms (median of %d)",
                messages, median(times) * 1000, times.count))
    }
} else {
    print("localization: skipped (run from the repository root to find Localizations/ and Resources/Glossary/)")
}

PeerBench.run(corpus: corpus, options: peerOptions, results: &results)

WalkBench.run(rounds: rounds, results: &results)

StoreBench.run(rounds: rounds, results: &results)

LibraryBench.run(corpus: corpus, rounds: rounds, results: &results)

TeamBench.run(postgres: postgresAdmin, results: &results)

for (key, value) in PeerBench.goals(results) { results[key] = value }
results["machine"] = Machine.describe()
results["rounds"] = rounds
if let output {
    do {
        let data = try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
        try (String(decoding: data, as: UTF8.self) + "\n").write(toFile: output, atomically: true, encoding: .utf8)
        print("results written to \(output)")
    } catch {
        FileHandle.standardError.write(Data("waymark-bench: cannot write \(output): \(error)\n".utf8))
        exit(1)
    }
}
