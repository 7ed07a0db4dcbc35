import Foundation

/// The two store backends the store tests run against.
public enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    public var description: String { rawValue }
}

/// The throwaway PostgreSQL cluster `make test` starts (`scripts/pg-cluster.sh`), whose admin URL is
/// in `WAYMARK_TEST_POSTGRES`. Each test gets a database of its own on it.
public enum TestPostgres {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// The admin URL, when a cluster is running for the tests.
    public static var adminURL: String? {
        ProcessInfo.processInfo.environment["WAYMARK_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether PostgreSQL tests run: with a test cluster, and always under CI (`CI=true`), where a
    /// missing cluster is then an error rather than a skip.
    public static var runs: Bool { adminURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// A new empty database on the test cluster: its URL. Without a cluster, nil after printing
    /// why the test is skipped; under CI (`CI=true`), where the cluster must run, an error.
    public static func database(for test: String) throws -> String? {
        guard let admin = adminURL else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                throw Missing(description: "WAYMARK_TEST_POSTGRES is not set: make test starts the cluster")
            }
            print("SKIPPED \(test) on PostgreSQL: no test cluster (make test starts one; see scripts/pg-cluster.sh)")
            return nil
        }
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(24)
        try psql(admin, "CREATE DATABASE \(name)")
        return url(admin, database: String(name))
    }

    /// `url` without the password between `user:` and `@`, as Waymark shows a URL.
    public static func withoutPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url.range(of: "@"),
            let colon = url[scheme.upperBound..<at.lowerBound].firstIndex(of: ":")
        else { return url }
        return String(url[..<colon]) + String(url[at.lowerBound...])
    }

    /// The password in `url`, if it has one.
    public static func password(_ url: String) -> String? {
        guard let scheme = url.range(of: "://"), let at = url.range(of: "@"),
            let colon = url[scheme.upperBound..<at.lowerBound].firstIndex(of: ":")
        else { return nil }
        return String(url[url.index(after: colon)..<at.lowerBound])
    }

    /// `admin` with its database replaced.
    public static func url(_ admin: String, database: String) -> String {
        guard
            let slash = admin.range(
                of: "/", options: .backwards, range: admin.range(of: "://")!.upperBound..<admin.endIndex)
        else { return admin + "/" + database }
        return String(admin[..<slash.upperBound]) + database
    }

    /// Runs one SQL statement through `psql`; its output.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Missing(description: "psql: \(String(decoding: error, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A store for a CLI test, holding the demo data: an SQLite file (the demo is loaded on first
/// use), or a new PostgreSQL database that the demo is copied into with `store migrate`.
public enum TestStores {
    /// Its `--db`, or nil when PostgreSQL is not available here (the reason printed).
    public static func location(_ kind: StoreKind, test: String = #function) throws -> String? {
        let sqlite = try RepositoryPaths.temporaryDirectory().appendingPathComponent("w.sqlite").path
        guard kind == .postgres else { return sqlite }
        guard let url = try TestPostgres.database(for: test) else { return nil }
        _ = try CommandRunner.run(["customers", "list", "--db", sqlite])
        let copied = try CommandRunner.run(["store", "migrate", "--from", sqlite, "--to", url])
        guard copied.status == 0 else { throw TestPostgres.Missing(description: "store migrate: \(copied.stderr)") }
        return url
    }
}
