import Foundation
import Synchronization

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Runs the built `waymark` executable as a user would and captures what it printed.
public enum CommandRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Killed by a signal (the timeout's SIGKILL included) rather than exited.
        public var signaled: Bool = false
        /// Standard output and error as the bytes written, for tests of what reaches a terminal.
        public var stdoutBytes: [UInt8] = []
        public var stderrBytes: [UInt8] = []
    }

    /// The `waymark` binary beside the test bundle (same build folder).
    public static var executable: URL { product("waymark") }

    /// A product of the package (`waymark`, `fuzz-article`, …) beside the test bundle.
    public static func product(_ name: String) -> URL {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [
            products.appendingPathComponent(name),
            Bundle.main.bundleURL.appendingPathComponent(name),
            RepositoryPaths.file(".build/debug/\(name)"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// Runs `waymark arguments…` (or another `program` of the package) in the repository root with
    /// `environment` added.
    ///
    /// Started with `posix_spawn`, not Foundation's `Process`: on Linux, `Process.run()` lists
    /// `/proc/self/fd` with a read that can run past glibc's buffer and crash the test process now
    /// and then (swift-corelibs-foundation #5472), and the tests start a few hundred programs, in
    /// parallel. The child keeps only its three standard streams (every other descriptor of the
    /// test process is closed in it), as `Process` does.
    public static func run(
        _ arguments: [String], program: String = "waymark", environment: [String: String] = [:],
        directory: URL = RepositoryPaths.root, input: String? = nil, launcher: [String] = [],
        timeout: TimeInterval = 300
    ) throws -> Result {
        let argv =
            launcher.isEmpty
            ? [product(program).path] + arguments
                // A program that starts ours (for example `setpriv` to run it as another user).
            : launcher + [product(program).path] + arguments
        var env = ProcessInfo.processInfo.environment
        // English unless a test asks otherwise, whatever the developer's own locale is.
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] { env[key] = nil }
        env["LANG"] = "en_US.UTF-8"
        for (k, v) in environment { env[k] = v }

        let out = try Self.pipe()
        let err = try Self.pipe()
        let stdin = try input.map { _ in try Self.pipe() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        guard let closeFrom = Self.closeFrom, let changeDirectory = Self.changeDirectory else {
            throw CommandRunnerError(reason: "this C library cannot close descriptors or change folder in a spawn")
        }
        _ = closeFrom(&actions, 3)
        _ = changeDirectory(&actions, directory.path)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArguments { free(p) }
            for p in cEnvironment { free(p) }
        }
        // The child starts as from a shell: no signal blocked, every signal's default action
        // (this process ignores SIGPIPE, below, and the calling thread may block signals).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        _ = Self.ignoresBrokenPipes
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        for fd in [out.write, err.write] + (stdin.map { [$0.read] } ?? []) { close(fd) }
        guard spawned == 0 else {
            for fd in [out.read, err.read] + (stdin.map { [$0.write] } ?? []) { close(fd) }
            throw CommandRunnerError(reason: "cannot start \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        if let stdin, let input {
            // Written beside the reads, so a child that prints before it reads cannot block on us.
            let fd = stdin.write
            DispatchQueue.global().async {
                let bytes = Array(input.utf8)
                var offset = 0
                while offset < bytes.count {
                    let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                    if n > 0 {
                        offset += n
                    } else if n < 0 && errno == EINTR {
                        continue
                    } else {
                        break
                    }
                }
                close(fd)
            }
        }
        // A hang is a failure to report, not a test run that never ends. The process is killed
        // only while it has not been waited for, so its number cannot belong to another by then.
        let reaped = Mutex(false)
        let watchdog = DispatchWorkItem {
            reaped.withLock { done in if !done { kill(pid, SIGKILL) } }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        // Both pipes are read before waiting so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errBytes: [UInt8] = []
        group.enter()
        DispatchQueue.global().async {
            errBytes = Self.readAll(err.read)
            group.leave()
        }
        let outBytes = Self.readAll(out.read)
        group.wait()
        // Waited for without reaping first, outside the lock: a child that closed its output and
        // hangs must still be in reach of the watchdog. Then reaped, under it.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
        var status: Int32 = 0
        reaped.withLock { done in
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            done = true
        }
        let signal = status & 0x7f
        let signaled = signal != 0 && signal != 0x7f
        return Result(
            status: signaled ? signal : (status >> 8) & 0xff, stdout: String(decoding: outBytes, as: UTF8.self),
            stderr: String(decoding: errBytes, as: UTF8.self), signaled: signaled, stdoutBytes: outBytes,
            stderrBytes: errBytes)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `…_addchdir_np` (2.29), which
    /// its headers declare only for `_GNU_SOURCE`: looked up by name.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let closeFrom: CloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    private static let changeDirectory: ChangeDirectory? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }

    /// A child that exits before reading all of its input must not end the test process with
    /// SIGPIPE when the rest is written: the write fails with EPIPE instead.
    private static let ignoresBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// A pipe whose ends are closed on exec (and, in the children started here, closed anyway).
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else {
            throw CommandRunnerError(reason: "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Everything until end of file, then the descriptor closed.
    private static func readAll(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes += buffer[0..<n]
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(fd)
        return bytes
    }
}

/// Why a program could not be started.
public struct CommandRunnerError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
