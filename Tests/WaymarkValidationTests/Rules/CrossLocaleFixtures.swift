extension RuleFixture {
    static let crossLocale: [RuleFixture] = [
        RuleFixture(
            "translation-missing",
            fires: ["en-us/x.md": Doc.english(), "tr-tr/x.md": Doc.turkish(), "hu-hu/y.md": Doc.hungarian()],
            quiet: Doc.tree()),
        RuleFixture(
            "translation-orphan",
            fires: Doc.tree().merging(["tr-tr/gone.md": Doc.turkish()]) { a, _ in a },
            quiet: Doc.tree()),
        RuleFixture(
            "translation-steps-differ",
            fires: Doc.tree(
                tr: Doc.turkish(
                    Doc.turkishBody.replacingOccurrences(
                        of: "2. **Satıcı", with: "1️⃣2. **Müşteri** sayfasını açın.\n3. **Satıcı"))),
            quiet: Doc.tree()),
        RuleFixture(
            "translation-alerts-differ",
            fires: Doc.tree(tr: Doc.turkish(Doc.turkishBody.replacingOccurrences(of: "[!NOTE]", with: "[!TIP]"))),
            quiet: Doc.tree()),
        RuleFixture(
            "translation-links-differ",
            fires: Doc.tree(
                tr: Doc.turkish(Doc.turkishBody + "\nBkz. 1️⃣[destek](https://example.com/tr-tr/support).\n")),
            quiet: Doc.tree(
                en: Doc.english(Doc.englishBody + "\nSee [support](https://example.com/en-us/support).\n"),
                tr: Doc.turkish(Doc.turkishBody + "\nBkz. [destek](https://example.com/tr-tr/support).\n"),
                hu: Doc.hungarian(Doc.hungarianBody + "\nLásd: [támogatás](https://example.com/hu-hu/support).\n"))),
        RuleFixture(
            "translation-labels-differ",
            fires: Doc.tree(
                tr: Doc.turkish(
                    Doc.turkishBody.replacingOccurrences(
                        of: "1. **Müşteriler**'e gidin", with: "1️⃣1. Müşteriler sayfasına gidin"))),
            quiet: Doc.tree()),
        RuleFixture(
            "translation-stale",
            fires: Doc.tree(
                tr: Doc.turkish(extra: "ms.openlocfilehash: aaaa\n1️⃣ms.lasthandoff: 03/01/2021"),
                hu: Doc.hungarian(extra: "ms.openlocfilehash: bbbb\nms.lasthandoff: 06/23/2021")),
            quiet: Doc.tree(
                tr: Doc.turkish(extra: "ms.openlocfilehash: aaaa\nms.lasthandoff: 03/01/2021"),
                hu: Doc.hungarian(extra: "ms.openlocfilehash: aaaa\nms.lasthandoff: 06/23/2021"))),
        RuleFixture(
            "translation-structure-behind",
            fires: Doc.tree(
                hu: "1️⃣"
                    + Doc.hungarian(
                        Doc.hungarianBody.replacingOccurrences(
                            of: "**Megfelelő szerepkörök**: Globális rendszergazda\n", with: ""))
            ),
            quiet: Doc.tree()),
        RuleFixture(
            "accidental-ordered-list",
            // A Hungarian date at the start of a sentence the source writes as prose.
            fires: Doc.tree(
                en: Doc.english(Doc.englishBody + "\n## Changes\n\nFrom February 1, 2020, the link is gone.\n"),
                hu: Doc.hungarian(
                    Doc.hungarianBody + "\n## Változások\n\n1️⃣2020. február 1-től a hivatkozás megszűnik.\n")),
            // Escaped, or a list the source has too.
            quiet: Doc.tree(
                en: Doc.english(Doc.englishBody + "\n## Changes\n\nFrom February 1, 2020, the link is gone.\n"),
                hu: Doc.hungarian(
                    Doc.hungarianBody + "\n## Változások\n\n2020\\. február 1-től a hivatkozás megszűnik.\n"))),
    ]
}
