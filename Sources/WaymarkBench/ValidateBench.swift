import Foundation
import WaymarkValidation

/// `waymark validate` on the whole three-locale tree beside the `cmark-gfm` program parsing the
/// same Markdown files, both as a user runs them (separate processes, wall time), in the same run.
enum ValidateBench {
    static func run(corpus: URL, rounds: Int) {
        let tree = corpus.appendingPathComponent("partner-center")
        let config = URL(fileURLWithPath: "Examples/partner-center.waymark.yml")
        let waymark = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("waymark")
        guard FileManager.default.fileExists(atPath: tree.path), FileManager.default.fileExists(atPath: config.path),
            FileManager.default.fileExists(atPath: waymark.path)
        else {
            print("validation: skipped (needs \(tree.path), Examples/partner-center.waymark.yml and a release waymark)")
            return
        }
        guard let cmark = which("cmark-gfm") else {
            print("validation: skipped (cmark-gfm is not installed; `make deps` installs it)")
            return
        }
        var files: [String] = []
        if let walker = FileManager.default.enumerator(atPath: tree.path) {
            while let next = walker.nextObject() as? String {
                if next.hasSuffix(".md") { files.append(tree.path + "/" + next) }
            }
        }
        files.sort()
        let bytes = files.reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0)
        }

        let validateArguments = [
            "validate", "--config", config.path, tree.path, "--format", "json", "--output", "/dev/null",
        ]
        let cmarkArguments = ["-e", "table", "-t", "xml"] + files
        // Warm the page cache and both programs once. The children's peak RSS is a maximum over
        // every child so far, so Waymark's is read before cmark-gfm (which holds all files as one
        // document) has run.
        let peak = spawn(waymark.path, validateArguments).peakMegabytes
        _ = spawn(cmark, cmarkArguments)
        var validateTimes: [Double] = []
        var cmarkTimes: [Double] = []
        for _ in 0..<rounds {
            validateTimes.append(spawn(waymark.path, validateArguments).seconds)
            cmarkTimes.append(spawn(cmark, cmarkArguments).seconds)
        }
        let validate = median(validateTimes)
        let parse = median(cmarkTimes)
        print("")
        print(
            String(
                format: "validation: %d Markdown files (%.1f MB) under %@, %d processors, wall time, median of %d",
                files.count, Double(bytes) / 1_048_576, tree.path, ProcessInfo.processInfo.activeProcessorCount,
                rounds))
        print(String(format: "  cmark-gfm -e table (parse, XML to /dev/null)   %8.1f ms", parse * 1000))
        print(String(format: "  waymark validate (all rules, report)           %8.1f ms", validate * 1000))
        print(String(format: "  ratio validate / cmark-gfm: %.2fx (goal <= 1.00x)", validate / parse))
        print(String(format: "  waymark validate peak RSS: %.1f MB", peak))
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program with its output discarded; wall time and the child's peak RSS.
    static func spawn(_ path: String, _ arguments: [String]) -> (seconds: Double, peakMegabytes: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = now()
        do { try process.run() } catch { return (0, 0) }
        process.waitUntilExit()
        let seconds = now() - start
        var usage = rusage()
        getrusage(Int32(RUSAGE_CHILDREN.rawValue), &usage)
        return (seconds, Double(usage.ru_maxrss) / 1024)
    }
}
