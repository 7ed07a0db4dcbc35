import Foundation
import Testing
import WaymarkTestSupport
import WaymarkWalkthrough

/// The interactive walkthrough's layout as a person sees it in tmux: nothing wider than the
/// terminal in any language at 100 and 60 columns, a redraw when the window is resized (no key
/// pressed), and `NO_COLOR` and `TERM=dumb` styling.
@Suite struct WalkLayoutTests {
    static let article = "partner-center/remove-a-relationship.md"

    /// The progress line of stop `n` of 15, as each language writes it.
    static func progress(_ locale: String, _ n: Int) -> String {
        switch locale {
        case "tr-TR": "Adım \(n) / 15"
        case "hu-HU": "\(n). lépés / 15"
        default: "Step \(n) of 15"
        }
    }

    func start(_ locale: String, width: Int, environment: String = "") throws -> TmuxSession? {
        guard TmuxSession.isAvailable else {
            print("SKIPPED WalkLayoutTests: tmux is not installed")
            return nil
        }
        let db = try RepositoryPaths.temporaryDirectory().appendingPathComponent("w.sqlite").path
        let tmux = try TmuxSession(width: width, height: 45)
        try tmux.type(
            "\(environment) \(CommandRunner.executable.path) --locale \(locale) walk \(Self.article) --customer wingtip --db \(db)"
        )
        try tmux.waitFor(Self.progress(locale, 1))
        return tmux
    }

    /// Moves on to stop `n`: → on most stops; on the two cancellations before step 1, → asks
    /// and y confirms.
    func advance(_ tmux: TmuxSession, _ locale: String, to n: Int) throws {
        try tmux.press("Right")
        if n <= 3 {
            try tmux.waitFor(Self.confirmKey(locale))
            try tmux.press("y")
        }
        try tmux.waitFor(Self.progress(locale, n))
    }

    /// The start of the question a cancellation asks.
    static func confirmKey(_ locale: String) -> String {
        switch locale {
        case "tr-TR": "İptal etmek için y"
        case "hu-HU": "A lemondáshoz nyomja"
        default: "Press y to cancel it"
        }
    }

    /// Lines wider than `width` display columns (East Asian wide characters count two, combining
    /// marks none).
    func tooWide(_ screen: String, _ width: Int) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { DisplayWidth.of($0) > width }
    }

    @Test(arguments: ["tr-TR", "hu-HU", "en-US"], [100, 60])
    func nothingIsWiderThanTheTerminal(_ locale: String, _ width: Int) throws {
        guard let tmux = try start(locale, width: width) else { return }
        // Every stop to the one whose step has an alert box (step 2, stop 12).
        for n in 1...12 {
            if n > 1 { try advance(tmux, locale, to: n) }
            let screen = try tmux.screen(joined: true)
            #expect(tooWide(screen, width).isEmpty, "\(locale) at \(width), stop \(n):\n\(screen)")
        }
        let screen = try tmux.screen()
        // The alert box: its top and bottom borders are equally wide.
        let lines = screen.split(separator: "\n").map(String.init)
        let top = try #require(lines.first { $0.contains("┌─") })
        let bottom = try #require(lines.first { $0.contains("└") })
        #expect(DisplayWidth.of(top) == DisplayWidth.of(bottom), "\(top)\n\(bottom)")
        // A wrapped line of the footer starts with a key hint, not with the rest of one.
        let footer = lines.drop { !$0.hasPrefix("Enter/→") }
        #expect(!footer.isEmpty, "\(screen)")
        for line in footer.dropFirst() where !line.isEmpty {
            #expect(["←", "l", "o", "?", "q"].contains(String(line.prefix(1))), "\(screen)")
        }
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux")) func theScreenIsRedrawnWhenTheTerminalIsResized() throws
    {
        guard let tmux = try start("hu-HU", width: 100) else { return }
        for n in 2...12 { try advance(tmux, "hu-HU", to: n) }
        #expect(try tooWide(tmux.screen(joined: true), 60).count > 0)
        try tmux.resize(width: 60, height: 45)
        // No key is pressed: the walk draws itself again at the new width.
        let deadline = Date().addingTimeInterval(20)
        var screen = try tmux.screen(joined: true)
        while Date() < deadline, !tooWide(screen, 60).isEmpty || !screen.contains("12. lépés / 15") {
            usleep(50_000)
            screen = try tmux.screen(joined: true)
        }
        #expect(tooWide(screen, 60).isEmpty, "\(screen)")
        #expect(screen.contains("┌─"))
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux")) func noColorKeepsEmphasisAndDumbTerminalsArePlain()
        throws
    {
        // The parameters of every SGR sequence that sets a colour (30–37, 40–47, 90–97, 100–107,
        // 38 and 48 for 256 or true colours).
        func colours(_ screen: String) throws -> [String] {
            let sgr = try Regex("\u{1B}\\[([0-9;]*)m")
            return screen.matches(of: sgr).flatMap { match in
                String(screen[match.range].dropFirst(2).dropLast()).split(separator: ";").filter { part in
                    guard let n = Int(part) else { return false }
                    return (30...37).contains(n) || (40...47).contains(n) || (90...97).contains(n)
                        || (100...107).contains(n) || n == 38 || n == 48
                }.map(String.init)
            }
        }
        guard let tmux = try start("en-US", width: 100, environment: "NO_COLOR=1") else { return }
        for n in 2...12 { try advance(tmux, "en-US", to: n) }
        let styled = try tmux.screen(escapes: true)
        #expect(styled.contains("\u{1B}[1m"), "bold: \(styled.debugDescription)")
        #expect(styled.contains("\u{1B}[4m"), "underlined labels: \(styled.debugDescription)")
        #expect(try colours(styled).isEmpty, "\(styled.debugDescription)")

        guard let dumb = try start("en-US", width: 100, environment: "TERM=dumb") else { return }
        try advance(dumb, "en-US", to: 2)
        let plain = try dumb.screen(escapes: true)
        #expect(!plain.contains("\u{1B}["), "\(plain.debugDescription)")
    }
}
