/// Visits a block tree depth first, without recursion, so arbitrarily deep input cannot exhaust
/// the stack.
///
/// ```swift
/// struct LinkCounter: BlockVisitor {
///     var count = 0
///     mutating func visit(_ block: Block, depth: Int) -> Bool { ...; return true }
/// }
/// ```
public protocol BlockVisitor {
    /// Called for each block in document order; return `false` to skip its children.
    mutating func visit(_ block: Block, depth: Int) -> Bool
}

extension Block {
    /// Calls `body` with each array of inlines the block holds directly: a paragraph's or a
    /// heading's content, or a table's cells one by one.
    @inlinable
    public func forEachInlineRun(_ body: ([Inline]) -> Void) {
        switch self {
        case .paragraph(let p): body(p.content)
        case .heading(let h): body(h.content)
        case .table(let t):
            for row in t.rows {
                for cell in row { body(cell) }
            }
        default: break
        }
    }

    /// Calls `body` with each array of blocks directly inside this one, in order: one for each
    /// list item, or the body of a block quote, alert or include.
    @inlinable
    public func forEachChildRun(_ body: ([Block]) -> Void) {
        switch self {
        case .list(let l):
            for item in l.items { body(item.blocks) }
        case .blockQuote(let q): body(q.blocks)
        case .alert(let a): body(a.blocks)
        case .include(let i): body(i.blocks)
        default: break
        }
    }

    /// Walks `blocks` and everything inside them with `visitor`.
    @inlinable
    public static func walk<V: BlockVisitor>(_ blocks: [Block], with visitor: inout V) {
        // The array being walked is held in locals; the arrays still to finish wait on a stack.
        // Children are taken as the arrays they already are (one retain each), so walking
        // allocates nothing per block.
        var current = blocks
        var index = 0
        var depth = 0
        var stack: [(blocks: [Block], next: Int, depth: Int)] = []
        while true {
            guard index < current.count else {
                guard let resume = stack.popLast() else { return }
                (current, index, depth) = resume
                continue
            }
            let at = index
            index += 1
            guard visitor.visit(current[at], depth: depth) else { continue }
            let children: [Block]
            switch current[at] {
            case .list(let l):
                guard let first = l.items.firstIndex(where: { !$0.blocks.isEmpty }) else { continue }
                stack.append((current, index, depth))
                for item in l.items[(first + 1)...].reversed() where !item.blocks.isEmpty {
                    stack.append((item.blocks, 0, depth + 1))
                }
                children = l.items[first].blocks
            case .blockQuote(let q):
                stack.append((current, index, depth))
                children = q.blocks
            case .alert(let a):
                stack.append((current, index, depth))
                children = a.blocks
            case .include(let i):
                stack.append((current, index, depth))
                children = i.blocks
            default:
                continue
            }
            current = children
            index = 0
            depth += 1
        }
    }
}
