import CWaymarkText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program found on `PATH` and collects its standard output, through `posix_spawnp`.
///
/// ```swift
/// let head = ChildProcess.output("git", ["rev-parse", "HEAD"])  // nil when it fails
/// ```
///
/// Foundation's `Process.run()` on Linux lists `/proc/self/fd` with a read that can run past
/// glibc's buffer and crash the caller now and then (swift-corelibs-foundation #5472); a
/// validator that asks git once or twice a run should not carry that risk.
package enum ChildProcess {
    /// The program's standard output when it exits with status 0, else `nil`. Standard input
    /// and error are `/dev/null`; `environment` entries are added to the caller's.
    package static func output(
        _ program: String, _ arguments: [String], environment: [String: String] = [:], limit: Int = 64 << 20
    ) -> [UInt8]? {
        var fds: [Int32] = [0, 0]
        guard closedOnExec(pipe: &fds) else { return nil }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        var pid = pid_t()
        let spawned = spawn(program, arguments, environment: environment, input: nil, output: writeEnd, pid: &pid)
        close(writeEnd)
        guard spawned else {
            close(readEnd)
            return nil
        }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if n > 0 {
                if out.count < limit { out += buffer[0..<n] }
            } else if n == 0 || errno != EINTR {
                break
            }
        }
        close(readEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Exited normally (low seven bits 0) with status 0.
        return status & 0x7f == 0 && (status >> 8) & 0xff == 0 && out.count < limit ? out : nil
    }

    /// A pipe whose ends are closed on exec from the moment they exist. Marked afterwards, a
    /// program another thread starts in between inherits them: it then holds the write end, and
    /// the read for the end of this program's output waits until that one exits (a test run
    /// hung so, the other program a `git cat-file --batch` kept for the whole run).
    static func closedOnExec(pipe fds: inout [Int32]) -> Bool {
        waymark_pipe_closed_on_exec(&fds) == 0
    }

    /// A pair of connected stream sockets, closed on exec from the moment they exist.
    static func closedOnExec(socketPair pair: inout [Int32]) -> Bool {
        #if canImport(Glibc)
            return socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0
        #else
            guard socketpair(AF_UNIX, SOCK_STREAM, 0, &pair) == 0 else { return false }
            for fd in pair { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return true
        #endif
    }

    /// Starts `program` with standard input from `input` (`nil`: `/dev/null`), standard output to
    /// `output` and standard error to `/dev/null`; `environment` entries are added to the caller's.
    private static func spawn(
        _ program: String, _ arguments: [String], environment: [String: String], input: Int32?, output: Int32,
        pid: inout pid_t
    ) -> Bool {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // And nothing else: a descriptor some library opened without close-on-exec would
        // otherwise live as long as the program (a pipe's write end held open by a long-lived
        // `git cat-file` keeps the reader of another program's output waiting for its end).
        _ = waymark_spawn_close_from(&actions, 3)
        var variables: [String: String] = [:]
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            index += 1
        }
        for (key, value) in environment { variables[key] = value }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        return posix_spawnp(&pid, program, &actions, nil, argv, envp) == 0
    }

    /// A program kept running to answer requests written to its standard input, one at a time,
    /// each answer read from its standard output before the next request (as `git cat-file
    /// --batch` works): one process for a run's thousand questions instead of a thousand.
    ///
    /// Its input is one end of a socket pair, written with `MSG_NOSIGNAL`: a program that has
    /// gone makes a write fail, never stops the caller with SIGPIPE. Closed, and the program
    /// waited for, when the session goes.
    package final class Session {
        private let pid: pid_t
        private let input: Int32
        private let output: Int32
        private var buffer = [UInt8](repeating: 0, count: 65536)
        /// The unread answer is `buffer[position..<end]`.
        private var position = 0
        private var end = 0
        /// Set once a write or a read failed: the program's answers can no longer be matched
        /// with the questions, and every later request fails.
        package private(set) var broken = false

        package init?(_ program: String, _ arguments: [String], environment: [String: String] = [:]) {
            var pair: [Int32] = [0, 0]
            guard ChildProcess.closedOnExec(socketPair: &pair) else { return nil }
            var fds: [Int32] = [0, 0]
            guard ChildProcess.closedOnExec(pipe: &fds) else {
                close(pair[0])
                close(pair[1])
                return nil
            }
            var pid = pid_t()
            let spawned = ChildProcess.spawn(
                program, arguments, environment: environment, input: pair[1], output: fds[1], pid: &pid)
            close(pair[1])
            close(fds[1])
            guard spawned else {
                close(pair[0])
                close(fds[0])
                return nil
            }
            (self.pid, input, output) = (pid, pair[0], fds[0])
        }

        deinit {
            close(input)
            close(output)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }

        /// Writes `bytes` whole; false (and the session broken) when the program is gone.
        package func write(_ bytes: [UInt8]) -> Bool {
            guard !broken else { return false }
            var sent = 0
            while sent < bytes.count {
                let n = bytes.withUnsafeBytes {
                    send(input, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                }
                if n > 0 {
                    sent += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    broken = true
                    return false
                }
            }
            return true
        }

        /// The next line of the answer, without its line feed; `nil` (and the session broken) at
        /// the end of the output or past `limit` bytes.
        package func readLine(limit: Int = 1 << 16) -> [UInt8]? {
            var line: [UInt8] = []
            while true {
                if position == end, !fill() { return nil }
                if let feed = buffer[position..<end].firstIndex(of: UInt8(ascii: "\n")) {
                    line += buffer[position..<feed]
                    position = feed + 1
                    return line
                }
                line += buffer[position..<end]
                position = end
                if line.count > limit {
                    broken = true
                    return nil
                }
            }
        }

        /// The next `count` bytes of the answer, or `nil` (and the session broken) when the
        /// output ends first. With `keeping: false` they are read and dropped (an answer too
        /// large to keep, read past to stay in step).
        package func read(_ count: Int, keeping: Bool = true) -> [UInt8]? {
            var out: [UInt8] = []
            if keeping { out.reserveCapacity(count) }
            var left = count
            while left > 0 {
                if position == end, !fill() { return nil }
                let take = min(left, end - position)
                if keeping { out += buffer[position..<position + take] }
                position += take
                left -= take
            }
            return out
        }

        /// Reads what the program has written so far into the buffer (which is empty).
        private func fill() -> Bool {
            guard !broken else { return false }
            while true {
                let n = ChildProcess.readSome(output, into: &buffer)
                if n > 0 {
                    (position, end) = (0, n)
                    return true
                }
                if n < 0 && errno == EINTR { continue }
                broken = true
                return false
            }
        }
    }

    /// `read(2)` into `buffer`, from its start.
    private static func readSome(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
        buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    }
}
