/// Renders an `Article` as an indented text tree: the `inspect --format tree` output and the
/// format of golden tests.
///
/// ```
/// Article tr-TR
/// ├─ FrontMatter 1:1-18:3
/// │  └─ title @2:1 "…"
/// ├─ Heading h1 #how-to-… @19:1-19:80 "…"
/// └─ StepGraph
///    └─ Procedure how-to-remove-a-relationship "…" @33:1
///       └─ Step …/1 action loop @37:1 "**…**"
/// ```
public struct ArticleTreeDumper {
    private var lines: [String] = []

    public init() {}

    public static func dump(_ article: Article) -> String {
        var dumper = ArticleTreeDumper()
        return dumper.render(article)
    }

    private mutating func render(_ article: Article) -> String {
        lines = [
            "Article \(TerminalText.visible(article.locale ?? "(no locale)")) \(TerminalText.visible(article.path))"
        ]
        let nodes = [
            Node("FrontMatter" + at(article.frontMatter.range), frontMatterNodes(article.frontMatter)),
            Node("Blocks", article.blocks.map(blockNode)),
            Node("Roles", article.roles.map { Node(quote($0)) }),
            Node("Consequences", article.consequences.map { Node(quote($0)) }),
            Node("Prerequisites", article.prerequisites.map { Node(quote($0)) }),
            Node("NextSteps", article.nextSteps.map { Node("\(quote($0.text)) -> \($0.target)") }),
            Node("StepGraph", article.stepGraph.procedures.map(procedureNode)),
            Node("Diagnostics", article.diagnostics.map(diagnosticNode)),
        ]
        emit(nodes, prefix: "")
        return lines.joined(separator: "\n") + "\n"
    }

    struct Node {
        var label: String
        var children: [Node]
        init(_ label: String, _ children: [Node] = []) {
            self.label = label
            self.children = children
        }
    }

    private mutating func emit(_ nodes: [Node], prefix: String) {
        for (index, node) in nodes.enumerated() {
            let last = index == nodes.count - 1
            // A label is one line: keys, anchors and targets from the article show their controls too.
            lines.append(prefix + (last ? "└─ " : "├─ ") + TerminalText.visible(node.label))
            emit(node.children, prefix: prefix + (last ? "   " : "│  "))
        }
    }

    private func at(_ range: SourceRange?) -> String {
        guard let range else { return "" }
        return " @\(range)"
    }

    private func quote(_ text: String) -> String { "\"" + text + "\"" }

    private func frontMatterNodes(_ fm: FrontMatter) -> [Node] {
        fm.entries.map { entry in
            let place = entry.range.map { " @\($0.start)" } ?? ""
            switch entry.value {
            case .scalar(let s): return Node("\(entry.key)\(place) \(quote(s))")
            default: return Node("\(entry.key)\(place) \(entry.value.json.serialized(pretty: false))")
            }
        }
    }

    private func blockNode(_ block: Block) -> Node {
        switch block {
        case .heading(let h):
            return Node("Heading h\(h.level) #\(h.anchor)\(at(h.range)) \(quote(h.content.summary.trimmingSpaces))")
        case .paragraph(let p):
            return Node("Paragraph\(at(p.range)) \(quote(p.content.summary.trimmingSpaces))")
        case .list(let l):
            let kind = l.ordered ? "OrderedList start=\(l.start)" : "BulletList"
            return Node(
                kind + at(l.range),
                l.items.map { Node("Item" + at($0.range), $0.blocks.map(blockNode)) })
        case .blockQuote(let q):
            return Node("BlockQuote" + at(q.range), q.blocks.map(blockNode))
        case .alert(let a):
            return Node("Alert \(a.kind.rawValue)" + at(a.range), a.blocks.map(blockNode))
        case .codeBlock(let c):
            return Node("CodeBlock \(quote(c.info))\(at(c.range)) \(c.code.split(separator: "\n").count) lines")
        case .htmlBlock(let h):
            return Node("HTMLBlock\(at(h.range)) \(quote(h.html.trimmingSpaces))")
        case .table(let t):
            return Node("Table\(at(t.range)) \(t.rows.count) rows")
        case .thematicBreak(let r):
            return Node("ThematicBreak" + at(r))
        case .include(let i):
            let resolved = i.resolvedPath.map { " -> \($0)" } ?? " (unresolved)"
            return Node("Include \(quote(i.target))\(resolved)\(at(i.range))", i.blocks.map(blockNode))
        case .docfxImage(let img):
            return Node("DocFXImage\(at(img.range)) source=\(img.attributes["source"] ?? "")")
        case .video(let v):
            return Node("Video\(at(v.range)) \(v.url)")
        }
    }

    private func procedureNode(_ p: Procedure) -> Node {
        var children = p.prerequisites.map { Node("Prerequisite \(quote($0))") }
        children += stepNodes(p.steps)
        return Node("Procedure \(p.id) \(quote(p.title))\(at(p.range))", children)
    }

    /// The steps as nodes, built on the step walker: a step's node is open while its sub-steps
    /// are walked, and closed into its parent's children when they are done.
    private func stepNodes(_ steps: [Step]) -> [Node] {
        var open: [Node] = []
        var finished: [[Node]] = [[]]
        Step.walk(
            steps,
            enter: { s, _ in
                var label = "Step \(s.id) \(s.kind.rawValue)"
                if s.isLoop { label += " loop" }
                label += "\(at(s.range)) \(quote(s.runs.summary))"
                var children = s.alerts.map { Node("Alert \($0.kind.rawValue)\(at($0.range)) \(quote($0.text))") }
                children += s.content.map(blockNode)
                open.append(Node(label, children))
                finished.append([])
            },
            leave: { _, _ in
                var node = open.removeLast()
                node.children += finished.removeLast()
                finished[finished.count - 1].append(node)
            })
        return finished[0]
    }

    private func diagnosticNode(_ d: Diagnostic) -> Node {
        let file = d.path.map { " in \($0)" } ?? ""
        return Node("\(d.severity.rawValue) [\(d.id)]\(file)\(at(d.range)) \(d.message ?? d.messageKey)")
    }
}
