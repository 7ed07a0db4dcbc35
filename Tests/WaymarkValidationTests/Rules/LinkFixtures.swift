extension RuleFixture {
    static let links: [RuleFixture] = [
        RuleFixture(
            "include-missing",
            fires: ["en-us/x.md": Doc.english(Doc.englishBody + "\n1️⃣[!INCLUDE [roles](includes/roles.md)]\n")],
            quiet: [
                "en-us/x.md": Doc.english(Doc.englishBody + "\n[!INCLUDE [roles](includes/roles.md)]\n"),
                "en-us/includes/roles.md": "Only a global admin can do this.\n",
            ]),
        RuleFixture(
            "link-missing-target",
            fires: ["en-us/x.md": Doc.english(Doc.englishBody + "\nSee 1️⃣[the other article](other.md).\n")],
            quiet: [
                "en-us/x.md": Doc.english(Doc.englishBody + "\nSee [the other article](other.md).\n"),
                "en-us/other.md": Doc.english(),
            ]),
        RuleFixture(
            "link-case-mismatch",
            fires: [
                "en-us/x.md": Doc.english(Doc.englishBody + "\nSee 1️⃣[the agreements](Agreements.md).\n"),
                "en-us/agreements.md": Doc.english(),
            ],
            quiet: [
                "en-us/x.md": Doc.english(Doc.englishBody + "\nSee [the agreements](agreements.md).\n"),
                "en-us/agreements.md": Doc.english(),
            ]),
        RuleFixture(
            "link-backslash",
            fires: [
                "en-us/x.md": Doc.english(Doc.englishBody + "\nSee 1️⃣[security](..\\en-us\\other.md).\n"),
                "en-us/other.md": Doc.english(),
            ],
            quiet: [
                "en-us/x.md": Doc.english(Doc.englishBody + "\nSee [security](../en-us/other.md).\n"),
                "en-us/other.md": Doc.english(),
            ]),
        RuleFixture(
            "link-redirected",
            fires: [
                "en-us/x.md": Doc.english(Doc.englishBody + "\nSee 1️⃣[the old page](old.md).\n"),
                "en-us/.openpublishing.redirection.json":
                    #"{"redirections": [{"source_path": "old.md", "redirect_url": "/partner-center/new"}]}"#,
            ],
            quiet: [
                "en-us/x.md": Doc.english(Doc.englishBody + "\nSee [the new page](new.md).\n"),
                "en-us/new.md": Doc.english(),
                "en-us/.openpublishing.redirection.json":
                    #"{"redirections": [{"source_path": "old.md", "redirect_url": "/partner-center/new"}]}"#,
            ]),
        RuleFixture(
            "link-missing-anchor",
            fires: [
                "en-us/x.md": Doc.english(Doc.englishBody + "\nSee 1️⃣[removal](other.md#nowhere).\n"),
                "en-us/other.md": Doc.english(),
            ],
            quiet: [
                "en-us/x.md": Doc.english(
                    Doc.englishBody
                        + "\nSee [removal](other.md#remove), [its heading](other.md#remove-the-relationship) and [here](#remove).\n"
                ),
                "en-us/other.md": Doc.english(),
            ]),
        RuleFixture(
            "image-missing",
            fires: ["en-us/x.md": Doc.english(Doc.englishBody + "\n1️⃣![The customer list](media/customers.png)\n")],
            quiet: [
                "en-us/x.md": Doc.english(Doc.englishBody + "\n![The customer list](media/customers.png)\n"),
                "en-us/media/customers.png": "PNG",
                // Translations carry no images; they are not checked by default.
                "tr-tr/x.md": Doc.turkish(Doc.turkishBody + "\n![Müşteri listesi](media/customers.png)\n"),
            ]),
    ]
}
