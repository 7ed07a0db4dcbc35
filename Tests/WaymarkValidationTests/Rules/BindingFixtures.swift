extension RuleFixture {
    static func binding(_ steps: String) -> String {
        "article: x.md\nprocedure: remove\nroles: [global-admin]\nsteps:\n" + steps
    }

    static let bindings: [RuleFixture] = [
        RuleFixture(
            "binding-step-missing",
            fires: Doc.tree().merging(["procedures/x.yml": binding("  remove/3:\n    action: removeRelationship\n")]) {
                a, _ in a
            },
            quiet: Doc.tree().merging(["procedures/x.yml": binding("  remove/2:\n    action: removeRelationship\n")]) {
                a, _ in a
            },
            config: "bindings: procedures\nignore: [\"procedures/**\"]\n"),
        RuleFixture(
            "binding-unknown-name",
            fires: Doc.tree().merging(["procedures/x.yml": binding("  remove/2:\n    action: explode\n")]) { a, _ in a
            },
            quiet: Doc.tree().merging([
                "procedures/x.yml": binding("  remove/2:\n    requires: [noActiveSubscriptions]\n")
            ]) {
                a, _ in a
            },
            config: "bindings: procedures\n"),
    ]
}
