extension RuleFixture {
    static let language: [RuleFixture] = [
        RuleFixture(
            "turkish-detached-suffix",
            fires: [
                "tr-tr/x.md": Doc.turkish(
                    Doc.turkishBody.replacingOccurrences(of: "**Müşteriler**'e", with: "**Müşteriler**1️⃣ ' e"))
            ],
            quiet: ["tr-tr/x.md": Doc.turkish()]),
        RuleFixture(
            "untranslated-english",
            fires: [
                "tr-tr/x.md": Doc.turkish(
                    Doc.turkishBody + "\n1️⃣This article describes how to remove the relationship with a customer.\n")
            ],
            quiet: [
                "tr-tr/x.md": Doc.turkish(
                    Doc.turkishBody + "\nMicrosoft 365 E3, Azure Plan ve Dynamics 365 Business Central.\n")
            ]),
        RuleFixture(
            "bold-label-not-in-glossary",
            fires: [
                "tr-tr/x.md": Doc.turkish(
                    Doc.turkishBody.replacingOccurrences(
                        of: "**Müşteriler**'e gidin", with: "**Bilinmeyen sekme**'ye gidin"))
            ],
            // A step that is bold from end to end is a heading, not a label on screen.
            quiet: [
                "tr-tr/x.md": Doc.turkish(
                    Doc.turkishBody.replacingOccurrences(
                        of: "1. **Müşteriler**'e gidin ve müşteriyi seçin.", with: "1. **Önce müşteriyi bulun.**"))
            ],
            config: "rules: { bold-label-not-in-glossary: note }\n"),
        RuleFixture(
            "turkish-dotless-capital-i",
            fires: [
                "tr-tr/x.md": Doc.turkish(Doc.turkishBody + "\n1️⃣Iş Ortağı Merkezi'nde her şey hazır.\n")
            ],
            quiet: [
                "tr-tr/x.md": Doc.turkish(
                    Doc.turkishBody + "\nİş Ortağı Merkezi'nde Irak ve IP adresleri; Intune ayrıca Is de.\n")
            ]),
        RuleFixture(
            "label-translated-inconsistently",
            // Customers is Müşteriler in two steps and something else in a third; and in a step
            // with two labels in the other order (Turkish word order), which is no inconsistency.
            fires: Doc.tree(
                en: Doc.english(
                    Doc.englishBody
                        + "\n3. Open **Customers** again.\n4. Open **Customers** once more.\n5. Select **Account** under **Customers**.\n"
                ),
                tr: Doc.turkish(
                    Doc.turkishBody
                        + "\n3. **Müşteriler**'i yeniden açın.\n4. 1️⃣**Alıcı listesi**'ni bir kez daha açın.\n5. **Müşteriler** altında **Hesap**'ı seçin.\n"
                )),
            quiet: Doc.tree(
                en: Doc.english(
                    Doc.englishBody
                        + "\n3. Open **Customers** again.\n4. Open **Customers** once more.\n5. Select **Account** under **Customers**.\n"
                ),
                tr: Doc.turkish(
                    Doc.turkishBody
                        + "\n3. **Müşteriler**'i yeniden açın.\n4. **Müşterileri** bir kez daha açın.\n5. **Müşteriler** altında **Hesap**'ı seçin.\n"
                ))),
    ]
}
