/// Why the store could not do what was asked. Every case says which file or database (a
/// PostgreSQL URL is named without its password).
public enum StoreError: Error, Sendable, Hashable {
    /// The file exists but is not an SQLite database; it is left untouched.
    case notADatabase(path: String)
    /// SQLite reports the database damaged.
    case corrupt(path: String, detail: String)
    /// The database was written by a newer Waymark (unknown migrations); it is left untouched.
    case newerSchema(path: String, unknown: [String])
    /// The file or its folder cannot be opened or written.
    case cannotOpen(path: String, reason: String)
    /// The store's file was deleted or replaced while it was in use; nothing more was written.
    case vanished(path: String)
    /// Another process kept the database locked for longer than the busy timeout.
    case busy(path: String)
    /// Another walk holds the customer's open session (`WalkLease`); nothing was changed.
    case sessionHeld(session: String, holder: String, host: String, since: String)
    /// This walk no longer holds its session: another walk took it over (`by`, `since`), or it was
    /// abandoned, finished or deleted (`state`). Nothing was written.
    case sessionLost(session: String, state: String, by: String?, since: String?)
    case customerNotFound(String)
    case itemNotFound(String)
    /// The rules refused the action; the refusal is in the audit trail.
    case refused([RefusalReason])
    case invalidImport(String)
    /// An import file, or what it would change, was refused; nothing was written.
    case importRejected(ImportProblem, at: ImportPosition? = nil)
    /// A name or id that breaks `RecordValue`'s rules; nothing was written or looked up.
    case invalidValue(field: RecordField, value: String, problem: RecordValueProblem)
    /// The database kept aborting the change because of concurrent ones, `attempts` times; nothing
    /// was written.
    case conflict(location: String, attempts: Int)
    /// No database server answered at `host`:`port` (refused, unreachable or timed out).
    case unreachable(host: String, port: Int, reason: String)
    /// `store migrate` writes only into an empty store; this one holds what `counts` says.
    case targetNotEmpty(location: String, counts: StoreCounts)
    /// `--db` or `WAYMARK_DB` is a URL Waymark cannot use (shown without its password).
    case invalidLocation(String, reason: String)
    /// `operators add` of a name the store already has.
    case operatorExists(String)
    case operatorNotFound(String)
    case other(path: String, detail: String)
}
