import Foundation

/// Who holds a walk session while it runs: one walk per customer at a time.
///
/// A walk takes the lease in the transaction that starts or resumes the session, renews it with
/// a heartbeat, and proves it holds it in every write it makes (the session's progress and the
/// actions it performs). Another walk of the same customer is refused, naming the holder, unless it
/// takes over; the first walk then finds at its next write that the lease has gone, and stops
/// without writing. A lease whose process is gone (same host, no such process) or whose heartbeat
/// is older than `staleAfter` no longer holds the session.
public struct WalkLease: Sendable, Hashable {
    /// A fresh random token per walk process: what the store compares.
    public var token: String
    /// The operator, for people reading a refusal.
    public var holder: String
    public var host: String
    public var pid: Int32
    /// The process's start time in clock ticks since boot (`/proc/PID/stat`), so that a reused
    /// process id is not mistaken for the holder.
    public var processStart: String
    /// When the lease was taken, and last renewed (ISO 8601).
    public var taken: String
    public var heartbeat: String

    /// How long a holder on another host may go without a heartbeat before its lease is stale.
    public static let staleAfter: TimeInterval = 90
    /// How often a running walk renews its lease.
    public static let heartbeatInterval: TimeInterval = 15

    public init(
        token: String, holder: String, host: String, pid: Int32, processStart: String, taken: String,
        heartbeat: String
    ) {
        self.token = token
        self.holder = holder
        self.host = host
        self.pid = pid
        self.processStart = processStart
        self.taken = taken
        self.heartbeat = heartbeat
    }

    /// A new lease for this process, held by `holder`.
    public static func forThisProcess(holder: String) -> WalkLease {
        let now = AuditClock.now()
        let pid = getpid()
        return WalkLease(
            token: UUID().uuidString.lowercased(), holder: holder, host: ProcessInfo.processInfo.hostName, pid: pid,
            processStart: ProcessTable.startTime(of: pid) ?? "", taken: now, heartbeat: now)
    }

    /// Whether the lease still holds the session, seen from this host at `now`.
    public func isLive(now: Date = Date()) -> Bool {
        if host == ProcessInfo.processInfo.hostName {
            guard let start = ProcessTable.startTime(of: pid) else { return false }
            return processStart.isEmpty || start == processStart
        }
        guard let beat = AuditClock.date(heartbeat) else { return false }
        return now.timeIntervalSince(beat) < WalkLease.staleAfter
    }
}

/// What `/proc` says about a process.
enum ProcessTable {
    /// The start time of a running process (field 22 of `/proc/PID/stat`), or `nil` when there is
    /// no such process or it has ended (a zombie waiting to be reaped counts as ended).
    static func startTime(of pid: Int32) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces: read after the last ')'.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is the state (field 3); the start time is field 22.
        guard fields.count > 19, fields[0] != "Z", fields[0] != "X" else { return nil }
        return String(fields[19])
    }
}

extension AuditClock {
    /// The date of a timestamp `now()` wrote.
    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
