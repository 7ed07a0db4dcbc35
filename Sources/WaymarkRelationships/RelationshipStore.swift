import Foundation

/// The relationship model as a team shares it: customers, their items, operators, walk sessions
/// and the append-only audit trail, in SQLite or PostgreSQL (`StoreBackend`).
///
/// Every change runs in one serializable transaction together with its audit event, so a crash
/// leaves either the old or the new state, and two operators acting at once see each other's
/// changes as if one had acted after the other. A transaction the database aborts because of a
/// concurrent one is retried, at most `attempts` times in all, then reported as `.conflict`.
public final class RelationshipStore: Sendable {
    public let backend: any StoreBackend
    public let rules: RelationshipRules
    /// How many times a change is tried when the database reports a conflict.
    public let attempts: Int

    /// How many times a change was tried again after a conflict, since the store was opened.
    public var retries: Int { retryCount.value }
    private let retryCount = Counter()

    /// The default number of tries, `WAYMARK_RETRIES` overrides it (1 to 100).
    public static let defaultAttempts = 8

    public init(backend: any StoreBackend, rules: RelationshipRules = RelationshipRules(), attempts: Int = 8) {
        self.backend = backend
        self.rules = rules
        self.attempts = max(1, attempts)
    }

    /// Where the store is, fit for messages (never a password).
    public var location: String { backend.location }
    public var path: String { backend.location }
    public var readOnly: Bool { backend.readOnly }

    public typealias CustomerSummary = WaymarkRelationships.CustomerSummary

    /// `$XDG_DATA_HOME/waymark/waymark.sqlite`, else `~/.local/share/waymark/waymark.sqlite`. A
    /// relative `XDG_DATA_HOME` is ignored, as the XDG Base Directory specification says.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/waymark/waymark.sqlite"
    }

    func read<T: Sendable>(_ body: @Sendable (any StoreTransaction) throws -> T) throws(StoreError) -> T {
        try backend.read(body)
    }

    /// Runs `body` in one transaction, again when the database aborted it for a conflict (after a
    /// short, growing, jittered pause), at most `attempts` times.
    func write<T: Sendable>(_ body: @Sendable (any StoreTransaction) throws -> T) throws(StoreError) -> T {
        if readOnly { throw .cannotOpen(path: location, reason: "it was opened for reading only") }
        var attempt = 1
        while true {
            do {
                return try backend.write(body)
            } catch {
                guard case .conflict = error, attempt < attempts else {
                    if case .conflict(let location, _) = error {
                        throw .conflict(location: location, attempts: attempt)
                    }
                    throw error
                }
                let pause = min(0.2, 0.005 * Double(1 << min(attempt, 6))) * Double.random(in: 0.5...1.5)
                Thread.sleep(forTimeInterval: pause)
                retryCount.increment()
                attempt += 1
            }
        }
    }

    /// What the database's own check finds: empty when the store is sound.
    public func integrityProblems() throws(StoreError) -> [String] { try backend.integrityProblems() }

    /// `ok` when the store is sound, else what the check found.
    public func integrityCheck() throws(StoreError) -> String {
        let problems = try backend.integrityProblems()
        return problems.isEmpty ? "ok" : problems.joined(separator: "\n")
    }
}

/// A number several threads add to.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
