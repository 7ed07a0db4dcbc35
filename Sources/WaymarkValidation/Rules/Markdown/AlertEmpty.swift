import WaymarkCore

/// `> [!NOTE]` with nothing after it.
struct AlertEmpty: DocumentRule {
    static let category = RuleCategory.markdown
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "An alert has no text.",
        "explanation":
            "An empty alert renders as a coloured box with only its title, which draws the eye to nothing. It is usually the leftover of text that was moved or lost in translation.",
        "message": "{kind} alert has no text",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        struct Finder: BlockVisitor {
            var empty: [Alert] = []
            mutating func visit(_ block: Block, depth: Int) -> Bool {
                // An include's alerts are its own file's, checked there.
                if case .include = block { return false }
                if case .alert(let a) = block, a.text.isBlank, !a.blocks.contains(where: Finder.isMedia) {
                    empty.append(a)
                }
                return true
            }
            static func isMedia(_ b: Block) -> Bool {
                switch b {
                case .docfxImage, .video, .include, .table, .codeBlock: true
                default: false
                }
            }
        }
        var finder = Finder()
        Block.walk(document.article.blocks, with: &finder)
        for alert in finder.empty {
            findings.report(Self.self, at: alert.range, ["kind": alert.kind.rawValue.uppercased()])
        }
    }
}
