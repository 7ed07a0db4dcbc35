import Foundation

/// The store at scale: `waymark customers import` of 100,000 customers (each with a subscription)
/// into a new store, `customers list` of them all (text and JSON), and one page of 20, each a new
/// release process with its wall time and its own peak RSS.
enum StoreBench {
    static let customers = 100_000

    static func run(rounds: Int, results: inout [String: Any]) {
        let binary = PeerBench.siblingWaymark
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("store: skipped (needs the release waymark beside waymark-bench)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("customers.json").path
        guard FileManager.default.createFile(atPath: file, contents: Data(collection().utf8)) else { return }

        var imports: [PeerBench.Run] = []
        var db = ""
        for round in 0..<max(rounds, 3) {
            db = dir.appendingPathComponent("store-\(round).sqlite").path
            // A store with the demo data first, as a user's would be.
            _ = PeerBench.spawn(binary, ["customers", "list", "--db", db])
            let run = PeerBench.spawn(binary, ["customers", "import", file, "--db", db])
            guard run.status == 0 else {
                print("store: the import failed (exit \(run.status))")
                return
            }
            imports.append(run)
        }
        func measure(_ arguments: [String]) -> [PeerBench.Run] {
            (0..<max(rounds, 5)).map { _ in PeerBench.spawn(binary, arguments + ["--db", db]) }
        }
        let list = measure(["customers", "list"])
        let json = measure(["customers", "list", "--format", "json"])
        let page = measure(["customers", "list", "--limit", "20", "--offset", "50000"])
        func summary(_ runs: [PeerBench.Run]) -> [String: Double] {
            [
                "seconds": PeerBench.rounded(median(runs.map(\.seconds)), places: 3),
                "peak_rss_mb": PeerBench.rounded(runs.map(\.peakMegabytes).max() ?? 0),
            ]
        }
        results["store"] = [
            "customers": customers,
            "import": summary(imports), "list_text": summary(list), "list_json": summary(json),
            "list_page_of_20": summary(page),
        ]
        for (name, runs) in [
            ("import", imports), ("list (text)", list), ("list (json)", json), ("list --limit 20", page),
        ] {
            let s = summary(runs)
            print(
                String(
                    format: "store: %@ of %d customers: %.3f s median, peak RSS %.1f MB", name, customers,
                    s["seconds"] ?? 0, s["peak_rss_mb"] ?? 0))
        }
    }

    /// A Partner Center customer collection; every other subscription is new commerce.
    static func collection() -> String {
        var out = "{\"items\": [\n"
        out.reserveCapacity(customers * 260)
        for i in 0..<customers {
            let n = String(i)
            let offer = i % 2 == 0 ? "CFQ7TTC0LFLZ:0002" : "91FD106F-4B2C-4938-95AC-F54F74E9A239"
            out += "{\"id\": \"bench-\(n)\", \"companyProfile\": {\"companyName\": \"Bench Company \(n)\", "
            out += "\"domain\": \"bench\(n).onmicrosoft.com\"}, \"subscriptions\": [{\"id\": \"bench-\(n)-m365\", "
            out += "\"offerName\": \"Microsoft 365 E3\", \"quantity\": \(i % 300 + 1), \"status\": \"active\", "
            out += "\"offerId\": \"\(offer)\"}]}"
            out += i + 1 < customers ? ",\n" : "\n"
        }
        return out + "]}\n"
    }
}
