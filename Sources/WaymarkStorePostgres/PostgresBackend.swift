import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
internal import PostgresNIO
import WaymarkRelationships

/// The relationship store in a PostgreSQL database, shared by a team (postgres-nio).
///
/// Writes run as `SERIALIZABLE` transactions: PostgreSQL lets them run at once and aborts one whose
/// reads another has made stale (SQLSTATE 40001), which `RelationshipStore` retries. That covers
/// what a rule reads (a whole account) without naming rows to lock, including rows another
/// operator is adding. Reads are read-only `REPEATABLE READ` transactions: one snapshot each.
///
/// A few connections per backend (one for a command, more for `waymark serve`), each used by one
/// transaction at a time; the calling thread waits for a free one and on its answers (the store's
/// interface is synchronous), never an event-loop thread.
public final class PostgresBackend: StoreBackend, @unchecked Sendable {
    public let url: PostgresURL
    public let readOnly: Bool
    public var kind: String { "postgresql" }
    public var location: String { url.redacted }

    /// One connection of the pool, opened when first needed (the first at once).
    private final class Slot {
        var connection: PostgresConnection?
    }

    private let lock = NSLock()
    private let slots: [Slot]
    private var free: [Int]
    private let available: DispatchSemaphore
    private let logger: Logger
    private var nextID = 1

    /// Connects to `url` and brings the schema up to date (or refuses one from a newer Waymark).
    /// `connectTimeout` bounds how long an unreachable server is waited for; `connections` is how
    /// many transactions may run at once.
    public init(url: PostgresURL, readOnly: Bool = false, connectTimeout: TimeInterval = 10, connections: Int = 1)
        throws(StoreError)
    {
        self.url = url
        self.readOnly = readOnly
        var logger = Logger(label: "waymark.store.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let count = max(1, min(connections, 64))
        slots = (0..<count).map { _ in Slot() }
        free = Array((0..<count).reversed())
        available = DispatchSemaphore(value: count)
        slots[0].connection = try connect(timeout: connectTimeout)
        do {
            try PostgresSchema.prepare(self, migrate: !readOnly)
        } catch {
            close()
            throw error
        }
    }

    private func connect(timeout: TimeInterval) throws(StoreError) -> PostgresConnection {
        let id = lock.withLock {
            nextID += 1
            return nextID
        }
        var configuration: PostgresConnection.Configuration
        if let folder = url.socketFolder {
            let socket = (folder.hasSuffix("/") ? folder : folder + "/") + ".s.PGSQL.\(url.port)"
            configuration = .init(
                unixSocketPath: socket, username: url.user, password: url.password, database: url.database)
        } else {
            configuration = .init(
                host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
                tls: try tls())
        }
        configuration.options.connectTimeout = .milliseconds(Int64(timeout * 1000))
        configuration.options.additionalStartupParameters = [("application_name", "waymark")]
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id,
                logger: logger
            ).wait()
        } catch {
            throw mapConnect(error, timeout: timeout)
        }
    }

    private func tls() throws(StoreError) -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch url.sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return url.sslMode == .allow || url.sslMode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw .cannotOpen(path: location, reason: "TLS: \(error)")
        }
    }

    /// An error while connecting: a server that does not answer names its host and port.
    private func mapConnect(_ error: any Error, timeout: TimeInterval) -> StoreError {
        var cause: any Error = error
        if let psql = error as? PSQLError {
            guard psql.serverInfo == nil else { return map(error) }
            if psql.code == .sslUnsupported {
                return .cannotOpen(path: location, reason: "the server does not offer TLS, which sslmode requires")
            }
            cause = psql.underlying ?? psql
        }
        return .unreachable(
            host: url.socketFolder ?? url.host, port: url.port, reason: Self.reason(cause, timeout: timeout))
    }

    /// Why a connection failed, in a few plain words where NIO's description is long.
    static func reason(_ error: any Error, timeout: TimeInterval) -> String {
        if let connection = error as? NIOConnectionError {
            if let last = connection.connectionErrors.last { return reason(last.error, timeout: timeout) }
            if connection.dnsAError != nil || connection.dnsAAAAError != nil { return "the host name is not known" }
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            return "no answer within \(Int(timeout)) s"
        }
        if let psql = error as? PSQLError {
            switch psql.code {
            case .serverClosedConnection, .uncleanShutdown:
                return "the connection was closed before the server answered"
            default: return "\(psql.code)"
            }
        }
        return "\(error)"
    }

    /// A server's refusal in Waymark's terms: a conflict to retry, a newer schema, a lost connection.
    func map(_ error: any Error) -> StoreError {
        if let store = error as? StoreError { return store }
        guard let psql = error as? PSQLError else { return .other(path: location, detail: "\(error)") }
        if let info = psql.serverInfo {
            let state = info[.sqlState] ?? ""
            let message = info[.message] ?? "\(psql.code)"
            switch state {
            case "40001", "40P01": return .conflict(location: location, attempts: 1)
            case "23505" where (info[.constraintName] ?? "").contains("one_open"):
                // Two walks started the same customer's session at once: the retry finds the other's.
                return .conflict(location: location, attempts: 1)
            case "28P01", "28000", "3D000", "42501": return .cannotOpen(path: location, reason: message)
            case "53300", "57P03": return .busy(path: location)
            case "XX001", "XX002": return .corrupt(path: location, detail: message)
            default: return .other(path: location, detail: message)
            }
        }
        if psql.code == .serverClosedConnection || psql.code == .connectionError || psql.code == .clientClosedConnection
        {
            return .unreachable(host: url.socketFolder ?? url.host, port: url.port, reason: "the connection was lost")
        }
        return .other(path: location, detail: "\(psql.code)")
    }

    // MARK: Transactions

    /// Waits for a free connection and holds it while `body` runs; one that was lost is opened
    /// again.
    private func withSlot<T>(_ body: (PostgresConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        available.wait()
        let index = lock.withLock { free.removeLast() }
        defer {
            lock.withLock { free.append(index) }
            available.signal()
        }
        let slot = slots[index]
        if slot.connection == nil || slot.connection!.isClosed { slot.connection = try connect(timeout: 10) }
        return try body(slot.connection!)
    }

    /// Runs `body` on a connection inside `begin` … COMMIT, holding the connection for the whole
    /// transaction.
    private func transaction<T>(_ begin: String, _ body: (PostgresTransaction) throws -> T) throws(StoreError) -> T {
        try withSlot { connection throws(StoreError) in
            let tx = PostgresTransaction(connection: connection, logger: logger, backend: self)
            do {
                try tx.execute(begin)
                let result = try body(tx)
                try tx.execute("COMMIT")
                return result
            } catch {
                if !connection.isClosed { try? tx.execute("ROLLBACK") }
                throw map(error)
            }
        }
    }

    /// Statements outside a transaction of the model (schema changes), with a connection held.
    func withConnection<T>(_ body: (PostgresTransaction) throws -> T) throws(StoreError) -> T {
        try withSlot { connection throws(StoreError) in
            do {
                return try body(PostgresTransaction(connection: connection, logger: logger, backend: self))
            } catch {
                throw map(error)
            }
        }
    }

    public func read<T: Sendable>(_ body: @Sendable (any StoreTransaction) throws -> T) throws(StoreError) -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { try body($0) }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreTransaction) throws -> T) throws(StoreError) -> T {
        if readOnly { throw .cannotOpen(path: location, reason: "it was opened for reading only") }
        return try transaction("BEGIN ISOLATION LEVEL SERIALIZABLE") { try body($0) }
    }

    public func appliedMigrations() throws(StoreError) -> [String] {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { tx in try PostgresSchema.applied(tx) }
    }

    /// What PostgreSQL itself cannot promise about the rows: items of missing customers, audit
    /// events of missing sessions, two open sessions of one customer, an append-only guard gone.
    public func integrityProblems() throws(StoreError) -> [String] {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { tx in try PostgresSchema.check(tx) }
    }

    public func close() {
        for _ in slots { available.wait() }
        defer { for _ in slots { available.signal() } }
        for slot in slots {
            if let connection = slot.connection, !connection.isClosed { try? connection.close().wait() }
            slot.connection = nil
        }
    }

    deinit {
        for slot in slots {
            if let connection = slot.connection, !connection.isClosed { try? connection.close().wait() }
        }
    }
}
