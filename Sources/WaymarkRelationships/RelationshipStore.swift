import Foundation
import GRDB

/// The relationship model in SQLite (GRDB, WAL mode).
///
/// Every change runs in one transaction together with its audit event, so a crash leaves either
/// the old or the new state. The audit table is append-only (triggers refuse UPDATE and DELETE).
/// A file that is not SQLite, or was written by a newer schema, is refused and never modified.
public final class RelationshipStore: Sendable {
    public let path: String
    let pool: any DatabaseWriter
    public let rules: RelationshipRules
    /// Opened for reading only: the file is not written, and no file is created beside it.
    public let readOnly: Bool
    /// The file's device and inode when it was opened: a store deleted or replaced while in use is
    /// reported at the next write instead of writing into a file nobody will read again.
    private let identity: FileIdentity?

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

    /// Opens (creating if needed) the store at `path`. `busyTimeout` bounds how long a write waits
    /// for another process's lock before failing with `.busy`.
    ///
    /// With `readOnly`, an existing store is opened for reading only: nothing is written and no
    /// file is created (SQLite's shared-memory index is kept in memory), for a store the user may
    /// not write, such as one on a read-only mount.
    public init(
        path: String, busyTimeout: TimeInterval = 5, readOnly: Bool = false,
        rules: RelationshipRules = RelationshipRules()
    )
        throws(StoreError)
    {
        self.path = path
        self.rules = rules
        self.readOnly = readOnly
        try RelationshipStore.checkHeader(path)
        if readOnly {
            guard FileManager.default.fileExists(atPath: path) else {
                throw .cannotOpen(path: path, reason: "no such file")
            }
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(busyTimeout)
            do {
                let queue = try DatabaseQueue(path: RelationshipStore.readOnlyName(path), configuration: configuration)
                let (unknown, pending) = try queue.read { db in
                    guard try db.tableExists("grdb_migrations") else { return ([String](), true) }
                    let unknown = try RelationshipStore.migrator.appliedIdentifiers(db)
                        .subtracting(RelationshipStore.migrator.migrations).sorted()
                    return (unknown, try !RelationshipStore.migrator.hasCompletedMigrations(db))
                }
                if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown) }
                if pending {
                    throw StoreError.cannotOpen(path: path, reason: "it needs upgrading, which needs write access")
                }
                pool = queue
            } catch {
                throw RelationshipStore.map(error, path: path)
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
        try RelationshipStore.checkSchema(path, busyTimeout: busyTimeout)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw RelationshipStore.map(error, path: path)
        }
        do {
            // checkSchema has refused a newer schema already.
            try RelationshipStore.migrator.migrate(pool)
        } catch {
            throw RelationshipStore.map(error, path: path)
        }
        identity = FileIdentity(path)
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
    /// opening writes to the WAL) touches the file.
    static func checkSchema(_ path: String, busyTimeout: TimeInterval) throws(StoreError) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let unknown = try queue.read { db -> [String] in
                guard try db.tableExists("grdb_migrations") else { return [] }
                return try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
            }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw RelationshipStore.map(error, path: path)
        }
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

    /// Runs a read, mapping SQLite errors.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw RelationshipStore.map(error, path: path)
        }
    }

    /// Runs a write transaction (BEGIN IMMEDIATE), mapping SQLite errors.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        if readOnly { throw .cannotOpen(path: path, reason: "it was opened for reading only") }
        if let identity, FileIdentity(path) != identity { throw .vanished(path: path) }
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw RelationshipStore.map(error, path: path)
        }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
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
