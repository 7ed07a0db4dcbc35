/// Visits inline content depth first, without recursion, as `BlockVisitor` visits blocks: deeply
/// nested emphasis cannot exhaust the stack.
///
/// ```swift
/// struct CodeCounter: InlineVisitor {
///     var count = 0
///     mutating func visit(_ inline: Inline, depth: Int) -> Bool {
///         if case .code = inline { count += 1 }
///         return true
///     }
/// }
/// ```
public protocol InlineVisitor {
    /// Called for each inline in reading order; return `false` to skip its children (the text of
    /// emphasis, strong, strikethrough or a link, the alt text of an image).
    mutating func visit(_ inline: Inline, depth: Int) -> Bool
    /// Called after the children of a container inline that `visit` entered.
    mutating func leave(_ inline: Inline, depth: Int)
}

extension InlineVisitor {
    public mutating func leave(_ inline: Inline, depth: Int) {}
}

extension Inline {
    /// The inlines directly inside this one.
    public var children: [Inline] {
        switch self {
        case .emphasis(let c, _), .strong(let c, _), .strikethrough(let c, _), .link(_, _, let c, _): c
        case .image(_, _, let alt, _): alt
        case .text, .code, .html, .softBreak, .lineBreak: []
        }
    }

    /// Whether the inline holds other inlines (it may hold none).
    public var isContainer: Bool {
        switch self {
        case .emphasis, .strong, .strikethrough, .link, .image: true
        case .text, .code, .html, .softBreak, .lineBreak: false
        }
    }

    /// Walks `inlines` and everything inside them with `visitor`.
    public static func walk<V: InlineVisitor>(_ inlines: [Inline], with visitor: inout V) {
        // The run being walked is held in locals; a container whose children are being walked
        // waits on the stack with the run it came from, to be left when they are done.
        var current = inlines
        var index = 0
        var stack: [(run: [Inline], next: Int, container: Inline)] = []
        while true {
            guard index < current.count else {
                guard let resume = stack.popLast() else { return }
                visitor.leave(resume.container, depth: stack.count)
                (current, index) = (resume.run, resume.next)
                continue
            }
            let inline = current[index]
            index += 1
            guard visitor.visit(inline, depth: stack.count), inline.isContainer else { continue }
            let children = inline.children
            guard !children.isEmpty else {
                visitor.leave(inline, depth: stack.count)
                continue
            }
            stack.append((current, index, inline))
            (current, index) = (children, 0)
        }
    }
}
