import Synchronization
import Testing
import WaymarkCore

/// The inline and step walkers: reading order, depths, `leave` after children, skipping, and no
/// recursion however deep the input.
@Suite struct WalkerTests {
    static let kept = Mutex<[Inline]>([])

    struct Trace: InlineVisitor {
        var events: [String] = []
        var skip: (Inline) -> Bool = { _ in false }
        mutating func visit(_ inline: Inline, depth: Int) -> Bool {
            events.append("\(depth):\(Self.name(inline))")
            return !skip(inline)
        }
        mutating func leave(_ inline: Inline, depth: Int) { events.append("\(depth):/\(Self.name(inline))") }
        static func name(_ inline: Inline) -> String {
            switch inline {
            case .text(let s, _): s
            case .code(let s, _): "`\(s)`"
            case .emphasis: "em"
            case .strong: "strong"
            case .strikethrough: "del"
            case .link: "a"
            case .image: "img"
            case .html: "html"
            case .softBreak, .lineBreak: "br"
            }
        }
    }

    static let inlines: [Inline] = [
        .text("a", nil),
        .strong([.text("b", nil), .emphasis([.text("c", nil)], nil)], nil),
        .softBreak(nil),
        .link(destination: "x", title: "", children: [.code("d", nil)], range: nil),
        .emphasis([], nil),
    ]

    @Test func inlinesAreVisitedInReadingOrderAndLeftAfterTheirChildren() {
        var trace = Trace()
        Inline.walk(Self.inlines, with: &trace)
        #expect(
            trace.events == [
                "0:a", "0:strong", "1:b", "1:em", "2:c", "1:/em", "0:/strong", "0:br", "0:a", "1:`d`", "0:/a", "0:em",
                "0:/em",
            ])
    }

    @Test func aSkippedContainerIsNeitherEnteredNorLeft() {
        var trace = Trace(skip: { if case .strong = $0 { true } else { false } })
        Inline.walk(Self.inlines, with: &trace)
        #expect(trace.events.prefix(3) == ["0:a", "0:strong", "0:br"])
    }

    @Test func deepInlinesDoNotRecurse() {
        var inline = Inline.text("core", nil)
        for _ in 0..<100_000 { inline = .emphasis([inline], nil) }
        struct Depth: InlineVisitor {
            var deepest = 0
            mutating func visit(_ inline: Inline, depth: Int) -> Bool {
                deepest = max(deepest, depth)
                return true
            }
        }
        var depth = Depth()
        Inline.walk([inline], with: &depth)
        #expect(depth.deepest == 100_000)
        // Freeing a value nested this deep recurses (the parser never makes one: it stops at its
        // nesting limit), so this one is kept until the process exits.
        WalkerTests.kept.withLock { $0.append(inline) }
    }

    static func step(_ path: String, _ children: [Step] = []) -> Step {
        Step(
            id: StepID(procedure: "p", path: path.split(separator: ".").map(String.init)), kind: .action, runs: [],
            children: children, range: SourceRange(line: 1, column: 1))
    }

    @Test func stepsAreVisitedBeforeTheirSubStepsAndLeftAfterThem() {
        let steps = [Self.step("1", [Self.step("1.a"), Self.step("1.b", [Self.step("1.b.i")])]), Self.step("2")]
        var events: [String] = []
        Step.walk(
            steps, enter: { s, depth in events.append("\(depth):\(s.id.path.joined(separator: "."))") },
            leave: { s, _ in events.append("/\(s.id.path.joined(separator: "."))") })
        #expect(
            events == ["0:1", "1:1.a", "/1.a", "1:1.b", "2:1.b.i", "/1.b.i", "/1.b", "/1", "0:2", "/2"])
    }
}
