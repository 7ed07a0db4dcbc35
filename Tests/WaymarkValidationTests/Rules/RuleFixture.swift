import Testing

/// A rule with a minimal tree it must fire on and a correct tree it must stay quiet on.
///
/// When the firing tree holds the marker 1️⃣, a finding of the rule must start exactly there.
struct RuleFixture: Sendable, CustomTestStringConvertible {
    var rule: String
    var fires: [String: String]
    var quiet: [String: String]
    var config: String?

    init(_ rule: String, fires: [String: String], quiet: [String: String], config: String? = nil) {
        self.rule = rule
        self.fires = fires
        self.quiet = quiet
        self.config = config
    }

    var testDescription: String { rule }

    static var all: [RuleFixture] {
        frontMatter + links + markdownAndSteps + crossLocale + language + bindings
    }
}
