import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A terminal a test drives as a person would: `tmux` with `send-keys` and `capture-pane`, on a
/// private server so parallel tests do not meet.
public final class TmuxSession {
    public let name: String
    private let socket: String

    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts a shell in a new `width`×`height` terminal.
    public init(width: Int = 100, height: Int = 45) throws {
        let id = UUID().uuidString.prefix(8)
        name = "waymark-\(id)"
        socket = "waymark-test-\(id)"
        try tmux([
            "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
            "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color bash --norc --noprofile",
        ])
    }

    deinit { try? tmux(["kill-server"]) }

    /// Runs a tmux command with `posix_spawn` and `waitpid`. (Foundation's `Process` never sees
    /// `new-session` exit on Linux, because the server it starts lives on.) Only `output` commands
    /// get a pipe, read to its end before waiting.
    @discardableResult
    private func tmux(_ arguments: [String], output: Bool = false) throws -> String {
        let args = ["/usr/bin/tmux", "-u", "-L", socket] + arguments
        var fds: [Int32] = [-1, -1]
        if output, pipe(&fds) != 0 { throw SpawnError(command: args) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if output {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The tmux server outlives this call: it must not inherit the other pipes this process has
        // open (parallel tests' output pipes would then never reach end of file).
        for fd in Int32(3)..<Int32(1024) where fd != fds[0] && fd != fds[1] && fcntl(fd, F_GETFD) != -1 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        // Nor may it inherit the test thread's blocked signals: with SIGHUP blocked in the shell it
        // starts, `kill-server` cannot end that shell, and the server outlives the test.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, args[0], &actions, &attributes, argv, environ) == 0 else {
            throw SpawnError(command: args)
        }
        var data = Data()
        if output {
            close(fds[1])
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n <= 0 { break }
                data.append(contentsOf: buffer[0..<n])
            }
            close(fds[0])
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: data, as: UTF8.self)
    }

    public struct SpawnError: Error {
        public var command: [String]
    }

    /// Types `text` followed by Enter.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
        try tmux(["send-keys", "-t", name, "Enter"])
    }

    /// Presses keys by tmux name: `Enter`, `Left`, `Right`, `l`, `q`.
    public func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// What the terminal shows now. `escapes`: with the styling sequences of each cell; `joined`:
    /// a line that did not fit and went on in the next row comes back as one line, so its whole
    /// width can be measured.
    public func screen(escapes: Bool = false, joined: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []) + (joined ? ["-J"] : []), output: true)
    }

    /// Changes the terminal's size, as a person dragging the window does (the program gets
    /// SIGWINCH).
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen shows `text` (a condition with a deadline, not a timing assertion)
    /// and returns the screen; throws with the last screen if it never does.
    @discardableResult
    public func waitFor(_ text: String, seconds: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        throw Timeout(text: text, screen: last)
    }

    public struct Timeout: Error, CustomStringConvertible {
        public var text: String
        public var screen: String
        public var description: String { "the terminal never showed \"\(text)\"; last screen:\n\(screen)" }
    }
}
