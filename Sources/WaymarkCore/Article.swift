/// A parsed how-to article: front matter, the block tree, the step graph and everything extracted
/// from it, with the diagnostics found on the way. Built once, read by every renderer and rule.
public struct Article: Sendable, Hashable {
    public var path: String
    /// The canonical locale (`tr-TR`), from `ms.contentlocale`, else the path, else `nil`.
    public var locale: String?
    public var frontMatter: FrontMatter
    public var blocks: [Block]
    public var title: String?
    public var roles: [String]
    public var consequences: [String]
    public var prerequisites: [String]
    public var nextSteps: [LinkReference]
    /// Every `<a name>`/`<a id>` anchor and heading anchor in the article.
    public var anchors: [String]
    /// Every link of the article (including those inside includes), in document order.
    public var links: [LinkReference]
    public var stepGraph: StepGraph
    public var diagnostics: [Diagnostic]

    public init(
        path: String, locale: String?, frontMatter: FrontMatter, blocks: [Block], title: String?,
        roles: [String] = [], consequences: [String] = [], prerequisites: [String] = [],
        nextSteps: [LinkReference] = [], anchors: [String] = [], links: [LinkReference] = [],
        stepGraph: StepGraph = StepGraph(), diagnostics: [Diagnostic] = []
    ) {
        self.path = path
        self.locale = locale
        self.frontMatter = frontMatter
        self.blocks = blocks
        self.title = title
        self.roles = roles
        self.consequences = consequences
        self.prerequisites = prerequisites
        self.nextSteps = nextSteps
        self.anchors = anchors
        self.links = links
        self.stepGraph = stepGraph
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
