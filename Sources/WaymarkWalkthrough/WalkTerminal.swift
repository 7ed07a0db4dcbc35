import WaymarkCore

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// What the operator asked for.
public enum WalkInput: Sendable, Hashable {
    case next, back, cycleLocale, source, help, quit, yes, no
    case setLocale(String)
    case unknown(String)
    /// A line longer than `LineTerminal.maximumLine` bytes, read to its end and ignored.
    case tooLong
    /// A signal asked the walk to stop (SIGTERM, SIGHUP, SIGQUIT): save and leave.
    case signal(Int32)
    /// No more input (end of a piped script): save and stop.
    case end
    /// The terminal changed size: draw the screen again for the new width.
    case resize
}

/// The screen and keyboard the walkthrough talks to; tests pass a scripted one.
public protocol WalkTerminal: AnyObject {
    /// Columns available (at least 40).
    var width: Int { get }
    var colors: Bool { get }
    /// True for a key-by-key terminal; false for line mode.
    var interactive: Bool { get }
    /// Shows a whole screen (an interactive terminal redraws; line mode prints it).
    func show(_ lines: [[Styled]])
    func read() -> WalkInput
}

/// ANSI rendering of styled lines.
public enum ANSI {
    /// How much styling a terminal gets.
    public enum Mode: Sendable {
        /// Colours and emphasis.
        case color
        /// `NO_COLOR`: no colour, but emphasis stays (bold, dim, underline, reverse), so UI labels
        /// and warnings still stand out (no-color.org asks for no colour, not no styling).
        case emphasis
        /// `TERM=dumb` and line mode: the text alone.
        case plain
    }

    public static func render(_ line: [Styled], colors: Bool) -> String {
        render(line, mode: colors ? .color : .plain)
    }

    /// Each run's text with its terminal controls made visible, then wrapped in the one styling
    /// sequence its style has in `mode`: nothing else reaches the terminal.
    public static func render(_ line: [Styled], mode: Mode) -> String {
        guard mode != .plain else { return line.map { TerminalText.visible($0.text) }.joined() }
        return line.map { run in
            let text = TerminalText.visible(run.text)
            let code: String
            switch (run.style, mode) {
            case (.plain, _): return text
            case (.label, .color): code = "1;36"
            case (.label, _): code = "1;4"
            case (.heading, _): code = "1"
            case (.dim, _): code = "2"
            case (.alert, .color): code = "33"
            case (.alert, _): code = "1"
            case (.blocked, .color): code = "1;31"
            case (.blocked, _): code = "1;7"
            case (.good, .color): code = "32"
            case (.good, _): return text
            case (.key, _): code = "7"
            }
            return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
        }.joined()
    }
}

/// Line mode: reads words from standard input (`next`, `back`, `lang hu-HU`, `source`, `quit`, …)
/// and prints each screen, so runs can be scripted and tested.
public final class LineTerminal: WalkTerminal {
    public let width: Int
    public let colors = false
    public let interactive = false

    public init(width: Int = 80) {
        self.width = max(40, width)
    }

    public func show(_ lines: [[Styled]]) {
        for line in lines { print(ANSI.render(line, colors: false)) }
        fflush(stdout)
    }

    /// The longest command line read; a longer one is read to its end and ignored, so the work
    /// a line costs is bounded whatever arrives on standard input.
    public static let maximumLine = 4096

    public func read() -> WalkInput {
        var bytes: [UInt8] = []
        var tooLong = false
        while true {
            let c = getchar()
            if c == EOF {
                if bytes.isEmpty && !tooLong { return .end }
                break
            }
            if c == 0x0A { break }
            if bytes.count < LineTerminal.maximumLine {
                bytes.append(UInt8(c))
            } else {
                tooLong = true
            }
        }
        if tooLong { return .tooLong }
        if bytes.last == 0x0D { bytes.removeLast() }
        return LineTerminal.parse(String(decoding: bytes, as: UTF8.self))
    }

    /// One command line. Only the whole word `yes` confirms: an empty line, `next` or `y` never
    /// does, so `yes | waymark walk …` cannot remove a relationship.
    public static func parse(_ line: String) -> WalkInput {
        let words = line.split(separator: " ").map { $0.lowercased() }
        switch words.first ?? "" {
        case "", "next", "n": return .next
        case "back", "b": return .back
        case "lang", "l": return words.count > 1 ? .setLocale(words[1]) : .cycleLocale
        case "source", "o": return .source
        case "help", "?": return .help
        case "quit", "q": return .quit
        case "yes": return .yes
        case "no": return .no
        default: return .unknown(line)
        }
    }
}

/// The interactive terminal: raw mode, one key at a time, the screen redrawn on every key.
/// `NO_COLOR` and `TERM=dumb` turn colour off; a dumb terminal also gets no cursor control.
public final class RawTerminal: WalkTerminal {
    public let colors: Bool
    public let interactive = true
    private let dumb: Bool
    private let mode: ANSI.Mode
    private var saved = termios()
    private var raw = false

    public init(environment: [String: String]) {
        dumb = environment["TERM"] == "dumb"
        // no-color.org: NO_COLOR set to anything but the empty string turns colour off.
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        colors = !noColor && !dumb
        mode = dumb ? .plain : noColor ? .emphasis : .color
    }

    /// The signals that end an interactive walk the way `q` does: the read they interrupt returns
    /// `.signal`, so the walk saves, the terminal is restored, and the process exits with 128 + the
    /// signal's number.
    public static let stoppingSignals: [Int32] = [SIGTERM, SIGHUP, SIGQUIT, SIGINT]

    /// Catches `stoppingSignals` without `SA_RESTART`, so a blocked `read` returns with EINTR.
    public static func catchStoppingSignals() {
        for signal in stoppingSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in PendingSignal.value = number }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        // A resize interrupts the read the same way, to draw the screen again at once.
        var resize = sigaction()
        resize.__sigaction_handler.sa_handler = { _ in PendingSignal.resized = 1 }
        sigemptyset(&resize.sa_mask)
        resize.sa_flags = 0
        sigaction(SIGWINCH, &resize, nil)
    }

    public var width: Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return max(40, Int(size.ws_col)) }
        return 80
    }

    /// Enters raw mode (no echo, no line buffering, keys as they come).
    public func enter() {
        guard !raw, tcgetattr(0, &saved) == 0 else { return }
        var t = saved
        t.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        t.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSAFLUSH, &t)
        raw = true
        if !dumb { write("\u{1B}[?25l") }
    }

    /// Restores the terminal as it was.
    public func leave() {
        guard raw else { return }
        tcsetattr(0, TCSAFLUSH, &saved)
        raw = false
        if !dumb { write("\u{1B}[?25h") }
    }

    deinit { leave() }

    private func write(_ text: String) {
        var copy = text
        copy.withUTF8 { buffer in _ = Glibc.write(1, buffer.baseAddress, buffer.count) }
    }

    public func show(_ lines: [[Styled]]) {
        let body = lines.map { ANSI.render($0, mode: mode) }.joined(separator: "\r\n")
        write(dumb ? "\r\n" + body + "\r\n" : "\u{1B}[H\u{1B}[2J" + body + "\r\n")
    }

    private func byte(timeout: Bool = false) -> UInt8? {
        if timeout {
            var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 50) > 0 else { return nil }
        }
        var b: UInt8 = 0
        return Glibc.read(0, &b, 1) == 1 ? b : nil
    }

    public func read() -> WalkInput {
        while true {
            if PendingSignal.value != 0 { return .signal(PendingSignal.value) }
            if PendingSignal.resized != 0 {
                PendingSignal.resized = 0
                return .resize
            }
            guard let b = byte() else {
                if PendingSignal.value != 0 { return .signal(PendingSignal.value) }
                if PendingSignal.resized != 0 { continue }
                return .end
            }
            switch b {
            case 0x0D, 0x0A, UInt8(ascii: " "): return .next
            case 0x1B:
                guard byte(timeout: true) == UInt8(ascii: "[") else { continue }
                switch byte(timeout: true) {
                case UInt8(ascii: "C"): return .next
                case UInt8(ascii: "D"): return .back
                default: continue
                }
            case UInt8(ascii: "l"), UInt8(ascii: "L"): return .cycleLocale
            case UInt8(ascii: "o"), UInt8(ascii: "O"): return .source
            case UInt8(ascii: "?"), UInt8(ascii: "h"): return .help
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x03, 0x04: return .quit
            case UInt8(ascii: "y"), UInt8(ascii: "Y"): return .yes
            case UInt8(ascii: "n"), UInt8(ascii: "N"): return .no
            case UInt8(ascii: "b"), 0x7F: return .back
            default: continue
            }
        }
    }
}

/// The last stopping signal received (0: none), set by the signal handler.
public enum PendingSignal {
    nonisolated(unsafe) public static var value: Int32 = 0
    /// Set by the SIGWINCH handler: the terminal changed size since the last read.
    nonisolated(unsafe) public static var resized: Int32 = 0
}
