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
            fires: Doc.tree(
                en: Doc.english(
                    Doc.englishBody.replacingOccurrences(
                        of: "2. Select **Remove reseller relationship**.", with: "2. Open **Customers** again.")),
                tr: Doc.turkish(
                    Doc.turkishBody.replacingOccurrences(
                        of: "2. **Satıcı ilişkisini kaldır**'ı seçin.", with: "2. 1️⃣**Müşteri listesi**'ni yeniden açın."
                    )),
                hu: Doc.hungarian(
                    Doc.hungarianBody.replacingOccurrences(
                        of: "2. Válassza a **Viszonteladói kapcsolat eltávolítása** lehetőséget.",
                        with: "2. Nyissa meg újra az **Ügyfelek** lapot."))),
            quiet: Doc.tree(
                en: Doc.english(
                    Doc.englishBody.replacingOccurrences(
                        of: "2. Select **Remove reseller relationship**.", with: "2. Open **Customers** again.")),
                tr: Doc.turkish(
                    Doc.turkishBody.replacingOccurrences(
                        of: "2. **Satıcı ilişkisini kaldır**'ı seçin.", with: "2. **Müşteriler**'i yeniden açın.")),
                hu: Doc.hungarian(
                    Doc.hungarianBody.replacingOccurrences(
                        of: "2. Válassza a **Viszonteladói kapcsolat eltávolítása** lehetőséget.",
                        with: "2. Nyissa meg újra az **Ügyfelek** lapot.")))),
    ]
}
