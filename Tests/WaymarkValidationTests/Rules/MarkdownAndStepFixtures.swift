extension RuleFixture {
    static let markdownAndSteps: [RuleFixture] = [
        RuleFixture(
            "parse-problem",
            fires: ["en-us/x.md": "---\ntitle: [unclosed\n---\n# Title\n"],
            quiet: ["en-us/x.md": Doc.english()]),
        RuleFixture(
            "alert-unknown-kind",
            fires: ["en-us/x.md": Doc.english(Doc.englishBody + "\n> [!NOTICE]\n> Read this first.\n")],
            quiet: ["en-us/x.md": Doc.english(Doc.englishBody + "\n> [!TIP]\n> Read this first.\n")]),
        RuleFixture(
            "alert-empty",
            fires: ["en-us/x.md": Doc.english(Doc.englishBody + "\n1️⃣> [!WARNING]\n")],
            quiet: ["en-us/x.md": Doc.english(Doc.englishBody + "\n> [!WARNING]\n> This cannot be undone.\n")]),
        RuleFixture(
            "procedure-without-steps",
            fires: ["en-us/x.md": Doc.english("# Title\n\n## <a name=\"empty\"></a>Do it\n\n1.\n2.\n")],
            quiet: ["en-us/x.md": Doc.english()]),
        RuleFixture(
            "repeat-without-target",
            fires: [
                "en-us/x.md": Doc.english(
                    "# Title\n\n## <a name=\"loop\"></a>Suspend subscriptions\n\n1️⃣1. Repeat these steps for each subscription.\n2. Select **Suspend**.\n"
                )
            ],
            quiet: [
                "en-us/x.md": Doc.english(
                    "# Title\n\n## <a name=\"loop\"></a>Suspend subscriptions\n\n1. Select **Suspend**.\n2. Repeat step 1 for each subscription.\n"
                )
            ]),
    ]
}
