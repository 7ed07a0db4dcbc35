import Foundation
internal import GRDB
import WaymarkRelationships

/// The relationship store in one SQLite file (GRDB, WAL mode): the embedded default.
///
/// Writes are `BEGIN IMMEDIATE` transactions, so SQLite runs them one after the other: every
/// history is serializable, and a writer waits (up to the busy timeout) rather than conflict. The
/// audit table is append-only (triggers refuse UPDATE and DELETE). A file that is not SQLite, or was
/// written by a newer schema, is refused and never modified.
public final class SQLiteBackend: StoreBackend {
    public let path: String
    let pool: any DatabaseWriter
    public let readOnly: Bool
    /// The file's device and inode when it was opened: a store deleted or replaced while in use is
    /// reported at the next write instead of writing into a file nobody will read again.
    private let identity: FileIdentity?

    public var kind: String { "sqlite" }
    public var location: String { path }

    /// Opens (creating if needed) the store at `path`. `busyTimeout` bounds how long a write waits
    /// for another process's lock before failing with `.busy`.
    ///
    /// With `readOnly`, an existing store is opened for reading only: nothing is written and no
    /// file is created (SQLite's shared-memory index is kept in memory), for a store the user may
    /// not write, such as one on a read-only mount.
    public init(path: String, busyTimeout: TimeInterval = 5, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        self.readOnly = readOnly
        try SQLiteBackend.checkHeader(path)
        if readOnly {
            guard FileManager.default.fileExists(atPath: path) else {
                throw .cannotOpen(path: path, reason: "no such file")
            }
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(busyTimeout)
            do {
                let queue = try DatabaseQueue(path: SQLiteBackend.readOnlyName(path), configuration: configuration)
                let (unknown, current) = try queue.read(SQLiteBackend.schemaState)
                if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown) }
                if !current {
                    throw StoreError.cannotOpen(path: path, reason: "it needs upgrading, which needs write access")
                }
                pool = queue
            } catch {
                throw SQLiteBackend.map(error, path: path)
            }
            identity = FileIdentity(path)
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotOpen(path: path, reason: "cannot create folder \(folder): \(error.localizedDescription)")
            }
        }
        let current = try SQLiteBackend.checkSchema(path, busyTimeout: busyTimeout)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            pool = try SQLiteBackend.openPool(path, configuration: configuration, busyTimeout: busyTimeout)
        } catch {
            throw SQLiteBackend.map(error, path: path)
        }
        // checkSchema has refused a newer schema already. A store with every migration in needs
        // none: migrating would still take the write lock and run a transaction, which the
        // walkthrough's first screen would wait for. Each migration is a transaction, but which
        // ones are missing is read before it: another process opening the same new file at once
        // may apply one first, and this one's attempt then fails and is rolled back. Try again (a
        // few times) until every migration is in.
        if !current {
            for attempt in 1... {
                do {
                    try SQLiteBackend.migrator.migrate(pool)
                    break
                } catch {
                    let done = (try? pool.read { try SQLiteBackend.migrator.hasCompletedMigrations($0) }) ?? false
                    if done { break }
                    guard attempt < 5 else { throw SQLiteBackend.map(error, path: path) }
                    Thread.sleep(forTimeInterval: 0.02 * Double(attempt))
                }
            }
        }
        identity = FileIdentity(path)
    }

    /// Opens the pool, waiting up to `busyTimeout` for a file another process holds. Opening
    /// switches a new file to write-ahead logging, which needs the file to itself, and SQLite
    /// answers that switch with "locked" at once, without waiting as it does for a write: two
    /// processes making the same new store at once had one fail (about one race in five). Once
    /// the other has switched it, the switch has nothing left to do and this one opens.
    static func openPool(_ path: String, configuration: Configuration, busyTimeout: TimeInterval) throws
        -> DatabasePool
    {
        let deadline = Date().addingTimeInterval(busyTimeout)
        var pause = 0.005
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError
                where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
            {
                guard Date() < deadline else { throw error }
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.1)
            }
        }
    }

    /// The name a read-only connection opens. With no write-ahead log beside the file, nobody has
    /// changes in flight: SQLite may read it as immutable, which needs no lock and no `-shm` file
    /// (that could not be made in a read-only folder). With a log, the plain name, so its changes
    /// are read too.
    static func readOnlyName(_ path: String) -> String {
        let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        guard log == 0 else { return path }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var encoded = ""
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0...0x20, 0x7F...0xFF:
                encoded += String(format: "%%%02X", byte)
            default: encoded.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "file:" + encoded + "?immutable=1"
    }

    /// Refuses anything that is not empty and not SQLite, before SQLite touches it.
    static func checkHeader(_ path: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue { throw .cannotOpen(path: path, reason: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        if header != Data("SQLite format 3\0".utf8) { throw .notADatabase(path: path) }
    }

    /// Refuses a schema from a newer Waymark through a read-only connection, before the pool (whose
    /// opening writes to the WAL) touches the file. True when every migration is already in.
    static func checkSchema(_ path: String, busyTimeout: TimeInterval) throws(StoreError) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return false }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let (unknown, current) = try queue.read(schemaState)
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown) }
            return current
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteBackend.map(error, path: path)
        }
    }

    /// The migrations the store has that this Waymark does not know (a newer Waymark's), and
    /// whether it has every one this Waymark knows.
    static func schemaState(_ db: Database) throws -> (unknown: [String], current: Bool) {
        guard try db.tableExists("grdb_migrations") else { return ([], false) }
        let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
        return (unknown, try migrator.hasCompletedMigrations(db))
    }

    static func map(_ error: any Error, path: String) -> StoreError {
        if let store = error as? StoreError { return store }
        guard let db = error as? DatabaseError else { return .other(path: path, detail: "\(error)") }
        if db.extendedResultCode == .SQLITE_READONLY_DBMOVED { return .vanished(path: path) }
        switch db.resultCode {
        case .SQLITE_NOTADB: return .notADatabase(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: db.message ?? "\(db)")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR:
            return .cannotOpen(path: path, reason: db.message ?? "\(db)")
        default: return .other(path: path, detail: db.message ?? "\(db)")
        }
    }

    public func read<T: Sendable>(_ body: @Sendable (any StoreTransaction) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read { db in try body(SQLiteTransaction(db: db, path: self.path)) }
        } catch {
            throw SQLiteBackend.map(error, path: path)
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreTransaction) throws -> T) throws(StoreError) -> T {
        if readOnly { throw .cannotOpen(path: path, reason: "it was opened for reading only") }
        if let identity, FileIdentity(path) != identity { throw .vanished(path: path) }
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(SQLiteTransaction(db: db, path: self.path))
                    return .commit
                }
                return result!
            }
        } catch {
            throw SQLiteBackend.map(error, path: path)
        }
    }

    public func appliedMigrations() throws(StoreError) -> [String] {
        do {
            return try pool.read { db in
                guard try db.tableExists("grdb_migrations") else { return [] }
                return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            }
        } catch {
            throw SQLiteBackend.map(error, path: path)
        }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
    public func integrityProblems() throws(StoreError) -> [String] {
        do {
            return try pool.read { db in
                var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                for row in rows {
                    problems.append(
                        "\(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) refers to a missing \(row[2] as String? ?? "?")"
                    )
                }
                return problems
            }
        } catch {
            throw SQLiteBackend.map(error, path: path)
        }
    }

    public func close() {
        if let queue = pool as? DatabaseQueue { try? queue.close() }
        if let pool = pool as? DatabasePool { try? pool.close() }
    }
}

extension RelationshipStore {
    /// The store in the SQLite file at `path` (see `SQLiteBackend.init`).
    public convenience init(
        path: String, busyTimeout: TimeInterval = 5, readOnly: Bool = false,
        rules: RelationshipRules = RelationshipRules()
    ) throws(StoreError) {
        self.init(backend: try SQLiteBackend(path: path, busyTimeout: busyTimeout, readOnly: readOnly), rules: rules)
    }
}

/// A file's device and inode number.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
