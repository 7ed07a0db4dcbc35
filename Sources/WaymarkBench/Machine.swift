import Foundation

/// What the numbers were measured on, for bench/results.json and the README.
enum Machine {
    static func describe() -> [String: Any] {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
            ?? "unknown"
        let os = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("PRETTY_NAME=") }
            .map { String($0.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        return [
            "cpu": model, "processors": ProcessInfo.processInfo.activeProcessorCount,
            "memory_gb": PeerBench.rounded(Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824),
            "os": os ?? "unknown",
        ]
    }
}
