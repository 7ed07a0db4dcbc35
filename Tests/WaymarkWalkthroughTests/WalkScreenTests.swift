import Foundation
import Testing
import WaymarkContent
import WaymarkCore
import WaymarkRelationships
import WaymarkTestSupport

@testable import WaymarkWalkthrough

/// Texts as their keys with their arguments, so a test reads what the screen was told to say.
struct KeyTexts: MessageProvider {
    func text(_ key: String, _ arguments: [String: MessageValue], locale: String) -> String {
        let args = arguments.sorted { $0.key < $1.key }.map { name, value -> String in
            switch value {
            case .string(let s): "\(name)=\(s)"
            case .int(let n): "\(name)=\(n)"
            }
        }
        return key + (args.isEmpty ? "" : "(" + args.joined(separator: ", ") + ")")
    }
}

/// The terminal screen as lines, without a terminal: what it says for a state, and that it keeps
/// within the width it is given.
@Suite struct WalkScreenTests {
    static let article: Article = {
        let path = RepositoryPaths.file("Resources/Articles/en-US/partner-center/remove-a-relationship.md").path
        return try! ArticleParser().parse(fileAt: path)
    }()

    func screen() -> WalkScreen {
        WalkScreen(articles: ["en-US": Self.article], source: Self.article, customer: "Contoso", strings: KeyTexts())
    }

    func engine(_ account: CustomerAccount) throws -> WalkEngine {
        try WalkEngine.start(
            procedure: Self.article.stepGraph.procedures[0], prerequisitesText: true, binding: WalkEngineTests.binding,
            account: account, actor: Operator(name: "x", role: .globalAdmin), locale: "en-US", locales: ["en-US"])
    }

    static func text(_ lines: [[Styled]]) -> [String] { lines.map { $0.map(\.text).joined() } }

    @Test func theFirstScreenSaysWhereTheWalkIsAndWhatTheKeysAre() throws {
        let account = WalkEngineTests.account(subscriptions: 1, reservations: 0, purchases: 0)
        let lines = Self.text(screen().lines(engine: try engine(account), account: account, message: nil, width: 80))
        let total = try engine(account).state.stops.count
        #expect(lines.contains { $0.contains("walk.progress(index=1, total=\(total))") })
        #expect(lines.last?.contains("walk.keys") == true)
    }

    @Test(arguments: [20, 40, 80, 132]) func linesKeepWithinTheWidth(_ width: Int) throws {
        let account = WalkEngineTests.account(subscriptions: 3, reservations: 1, purchases: 1)
        let start = try engine(account).state
        for position in start.stops.indices {
            var state = start
            state.position = position
            let lines = Self.text(
                screen().lines(engine: WalkEngine(resuming: state), account: account, message: nil, width: width))
            for line in lines { #expect(DisplayWidth.of(line) <= width, "\(width): \(line)") }
        }
    }

    /// The footer wraps between key hints, never inside one: the spaces inside a hint become
    /// no-break spaces, the separators stay breakable, empty hints and edges are kept.
    @Test func keyHintsBreakOnlyBetweenHints() {
        let nbsp = "\u{A0}"
        #expect(
            WalkScreen.keyHints("Enter/→ next · ← back · lang LOCALE")
                == "Enter/→\(nbsp)next\(nbsp)· ←\(nbsp)back\(nbsp)· lang\(nbsp)LOCALE")
        #expect(WalkScreen.keyHints(" · a b · ") == "\(nbsp)· a\(nbsp)b\(nbsp)· ")
        #expect(WalkScreen.keyHints("quit") == "quit")
        #expect(WalkScreen.keyHints("") == "")
    }

    @Test func displayWidthCountsWideAndCombiningCharacters() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("İş") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("😀") == 2)
    }
}
