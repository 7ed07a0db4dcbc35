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
    /// The blocks directly inside this one (list items' blocks are flattened in order).
    public var childBlocks: [Block] {
        switch self {
        case .list(let l): l.items.flatMap(\.blocks)
        case .blockQuote(let q): q.blocks
        case .alert(let a): a.blocks
        case .include(let i): i.blocks
        default: []
        }
    }

    /// The inlines held directly by this block.
    public var inlines: [Inline] {
        switch self {
        case .paragraph(let p): p.content
        case .heading(let h): h.content
        case .table(let t): t.rows.flatMap { $0.flatMap { $0 } }
        default: []
        }
    }

    /// Walks `blocks` and everything inside them with `visitor`.
    public static func walk<V: BlockVisitor>(_ blocks: [Block], with visitor: inout V) {
        var stack: [(Block, Int)] = blocks.reversed().map { ($0, 0) }
        while let (block, depth) = stack.popLast() {
            if visitor.visit(block, depth: depth) {
                for child in block.childBlocks.reversed() { stack.append((child, depth + 1)) }
            }
        }
    }
}
