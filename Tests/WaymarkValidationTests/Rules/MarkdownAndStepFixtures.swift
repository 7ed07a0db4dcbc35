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
        RuleFixture(
            "anchor-duplicate",
            fires: [
                "en-us/x.md": Doc.english(
                    Doc.englishBody + "\n## <a name=\"remove\"></a>Remove it again\n\nText.\n"
                ).replacingOccurrences(
                    of: "## <a name=\"remove\"></a>Remove it again", with: "## 1️⃣<a name=\"remove\"></a>Remove it again")
            ],
            // An anchor on the line before a heading with the same anchor marks one place.
            quiet: [
                "en-us/x.md": Doc.english(
                    Doc.englishBody.replacingOccurrences(
                        of: "## <a name=\"remove\">", with: "<a name=\"remove\"></a>\n\n## <a name=\"remove\">"))
            ]),
        RuleFixture(
            "image-alt-text-missing",
            fires: ["en-us/x.md": Doc.english(Doc.englishBody + "\n1️⃣:::image type=\"content\" source=\"a.png\":::\n")],
            quiet: [
                "en-us/x.md": Doc.english(
                    Doc.englishBody
                        + "\n:::image type=\"content\" source=\"a.png\" alt-text=\"The Customers page\":::\n\n:::image type=\"icon\" source=\"b.png\":::\n"
                )
            ],
            config: "rules:\n  image-missing: off\n"),
        RuleFixture(
            "docfx-syntax-invalid",
            fires: [
                "en-us/x.md": Doc.english(
                    Doc.englishBody + "\n1️⃣:::image type=\"picture\" source=\"a.png\" alt-text=\"The Customers page\"\n")
            ],
            quiet: [
                "en-us/x.md": Doc.english(
                    Doc.englishBody
                        + "\n:::image type=\"complex\" source=\"a.png\" alt-text=\"A chart\":::\n   The long description.\n:::image-end:::\n"
                )
            ],
            config: "rules:\n  image-missing: off\n"),
    ]
}
