import Foundation
import WaymarkRelationships
import WaymarkStorePostgres
import WaymarkStoreSQLite

/// A support team at work: 8 operators at once, each with a connection of its own (as 8 processes
/// or servers would have), 200 audited actions each on the subscriptions of one shared customer
/// (suspend 100, then cancel them), on SQLite and on PostgreSQL (`--postgres ADMIN_URL` or
/// `WAYMARK_BENCH_POSTGRES`, a server this run may create databases on). Throughput, latency per
/// action (p50, p99) and how many transactions were tried again after a conflict.
enum TeamBench {
    static let operators = 8
    static let actionsPerOperator = 200

    static func run(postgres: String?, results: inout [String: Any]) {
        var section: [String: Any] = [:]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-team-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let sqlitePath = dir.appendingPathComponent("team.sqlite").path
        if let figures = measure(
            "sqlite", open: { try RelationshipStore(backend: SQLiteBackend(path: sqlitePath)) })
        {
            section["sqlite"] = figures
        }
        if let postgres, let url = database(postgres) {
            if let figures = measure(
                "postgresql", open: { try RelationshipStore(backend: PostgresBackend(url: PostgresURL.parse(url))) })
            {
                section["postgresql"] = figures
            }
        } else {
            print("team store: PostgreSQL skipped (no --postgres ADMIN_URL or WAYMARK_BENCH_POSTGRES)")
        }
        if !section.isEmpty {
            section["operators"] = operators
            section["actions_per_operator"] = actionsPerOperator
            results["team_store"] = section
        }
    }

    /// A new database on the server at `admin`, through psql.
    static func database(_ admin: String) -> String? {
        let name = "bench_\(UInt32.random(in: 0...UInt32.max))"
        let run = PeerBench.spawn("/usr/bin/psql", [admin, "-X", "-q", "-c", "CREATE DATABASE \(name)"])
        guard run.status == 0 else {
            print("team store: could not create a PostgreSQL database (psql exit \(run.status))")
            return nil
        }
        guard let slash = admin.range(of: "/", options: .backwards) else { return nil }
        return String(admin[..<slash.upperBound]) + name
    }

    static func measure(_ name: String, open: () throws -> RelationshipStore) -> [String: Any]? {
        let setup: RelationshipStore
        var stores: [RelationshipStore] = []
        do {
            setup = try open()
            let partner = Partner(id: "bench-partner", name: "Bench", kind: .directPartner)
            var data = ModelData(partners: [partner])
            data.customers = [
                Customer(
                    id: "team", partnerID: partner.id, companyName: "Team", domain: "team.example",
                    relationship: .active, inPartnerCustomerList: true, partnerIsSupportContact: true,
                    delegatedAdminPrivileges: true, purchasesAllowed: true)
            ]
            data.subscriptions = (0..<(operators * actionsPerOperator / 2)).map {
                Subscription(
                    id: "team-\($0)", customerID: "team", offerName: "Plan \($0)", quantity: 1, status: .active,
                    commerce: $0 % 2 == 0 ? .newCommerce : .legacy)
            }
            try setup.replaceAll(with: data, by: Operator(name: "bench", role: .globalAdmin), action: "load-demo")
            for _ in 0..<operators { stores.append(try open()) }
        } catch {
            print("team store \(name): skipped (\(error))")
            return nil
        }
        let latencies = LatencyLog()
        let failures = LatencyLog()
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        let began = now()
        for (index, store) in stores.enumerated() {
            group.enter()
            Thread.detachNewThread {
                start.wait()
                let actor = Operator(name: "op\(index)", role: .adminAgent)
                let mine = (0..<(actionsPerOperator / 2)).map { "team-\(index * actionsPerOperator / 2 + $0)" }
                // Suspend each of this operator's subscriptions, then cancel each.
                for (suspending, id) in mine.map({ (true, $0) }) + mine.map({ (false, $0) }) {
                    let t = now()
                    do {
                        if suspending {
                            _ = try store.suspendSubscription(id, by: actor)
                        } else {
                            try store.cancelSubscription(id, by: actor)
                        }
                        latencies.add(now() - t)
                    } catch {
                        failures.add(now() - t)
                    }
                }
                group.leave()
            }
        }
        for _ in stores { start.signal() }
        group.wait()
        let elapsed = now() - began
        let sorted = latencies.values.sorted()
        guard !sorted.isEmpty else { return nil }
        let p50 = sorted[sorted.count / 2] * 1000
        let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)] * 1000
        let retries = stores.reduce(0) { $0 + $1.retries }
        let throughput = Double(sorted.count) / elapsed
        print(
            String(
                format:
                    "team store %@: %d operators × %d actions: %.0f actions/s, p50 %.2f ms, p99 %.2f ms, %d retried, %d failed",
                name, operators, actionsPerOperator, throughput, p50, p99, retries, failures.values.count))
        let audited = (try? setup.auditTrail(customerID: "team").count) ?? -1
        for store in stores { store.backend.close() }
        setup.backend.close()
        return [
            "actions": sorted.count, "failed": failures.values.count, "seconds": PeerBench.rounded(elapsed),
            "actions_per_second": PeerBench.rounded(throughput), "p50_ms": PeerBench.rounded(p50),
            "p99_ms": PeerBench.rounded(p99), "retries": retries, "audit_events": audited,
        ]
    }

    static func now() -> Double { Date().timeIntervalSince1970 }
}

/// Latencies several threads add to.
final class LatencyLog: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Double] = []

    func add(_ seconds: Double) { lock.withLock { times.append(seconds) } }
    var values: [Double] { lock.withLock { times } }
}
