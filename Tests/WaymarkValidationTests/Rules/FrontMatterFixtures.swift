extension RuleFixture {
    static let frontMatter: [RuleFixture] = [
        RuleFixture(
            "front-matter-required-key",
            fires: ["en-us/x.md": "1️⃣" + Doc.frontMatter(omit: ["author"]) + Doc.englishBody],
            quiet: ["en-us/x.md": Doc.english()]),
        RuleFixture(
            "front-matter-invalid-date",
            fires: ["en-us/x.md": Doc.frontMatter(extra: "1️⃣ms.lasthandoff: 13/45/2020") + Doc.englishBody],
            quiet: ["en-us/x.md": Doc.frontMatter(extra: "ms.lasthandoff: 06/23/2021") + Doc.englishBody]),
        RuleFixture(
            "front-matter-locale-mismatch",
            fires: ["hu-hu/x.md": Doc.frontMatter(locale: "tr-TR") + Doc.hungarianBody],
            quiet: ["hu-hu/x.md": Doc.hungarian()]),
        RuleFixture(
            "front-matter-duplicate-key",
            fires: ["en-us/x.md": Doc.frontMatter(extra: "1️⃣author: someone-else") + Doc.englishBody],
            quiet: ["en-us/x.md": Doc.english()]),
        RuleFixture(
            "front-matter-deprecated-key",
            fires: ["en-us/x.md": Doc.frontMatter(extra: "1️⃣ms.prod: partner-center") + Doc.englishBody],
            quiet: ["en-us/x.md": Doc.frontMatter(extra: "ms.subservice: partnercenter-csp") + Doc.englishBody]),
        RuleFixture(
            "front-matter-key-typo",
            fires: ["en-us/x.md": Doc.frontMatter(extra: "1️⃣uthor: someone", omit: ["author"]) + Doc.englishBody],
            quiet: ["en-us/x.md": Doc.frontMatter(extra: "custom.team: billing") + Doc.englishBody]),
        RuleFixture(
            "front-matter-title-length",
            fires: ["en-us/x.md": Doc.frontMatter(title: String(repeating: "Remove ", count: 20)) + Doc.englishBody],
            quiet: ["en-us/x.md": Doc.english()]),
        RuleFixture(
            "front-matter-description-length",
            fires: [
                "en-us/x.md": Doc.frontMatter(extra: "1️⃣description: Too short.", omit: ["description"])
                    + Doc.englishBody
            ],
            quiet: ["en-us/x.md": Doc.english()]),
    ]
}
