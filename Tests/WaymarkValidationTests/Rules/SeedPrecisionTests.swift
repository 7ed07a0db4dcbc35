import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport
import WaymarkValidation

/// The seed article in three locales with one defect injected at a time: each must give exactly
/// the finding that names it, where it is, and nothing else of its kind.
@Suite("Findings on the seed with injected defects")
struct SeedPrecisionTests {
    static func seed(_ locale: String) throws -> String {
        try String(
            contentsOf: RepositoryPaths.file("Resources/Articles/\(locale)/partner-center/remove-a-relationship.md"),
            encoding: .utf8)
    }

    /// The three-locale seed tree, the Turkish version edited by `turkish`.
    static func tree(turkish: (String) -> String = { $0 }) throws -> [String: String] {
        [
            "en-us/partner-center/remove-a-relationship.md": try seed("en-US"),
            "tr-tr/partner-center/remove-a-relationship.md": turkish(try seed("tr-TR")),
            "hu-hu/partner-center/remove-a-relationship.md": try seed("hu-HU"),
        ]
    }

    static func replacing(_ old: String, _ new: String) -> (String) -> String {
        { text in
            precondition(text.contains(old), "the seed no longer contains \(old)")
            return text.replacingOccurrences(of: old, with: new)
        }
    }

    @Test func theSeedAsItIsHasNoStepDifferences() throws {
        let outcome = try TreeFixture(try Self.tree()).validate()
        #expect(outcome.of("translation-steps-differ").isEmpty)
        #expect(outcome.of("translation-alerts-differ").isEmpty)
    }

    @Test func aDroppedStepIsNamedAsTheSourcesStepAndNothingElseIsMissing() throws {
        // Turkish loses step 1.3; its step 1.4 becomes 1.3.
        let tree = try Self.tree(
            turkish: Self.replacing(
                "   3. **Askıya alındı** seçin\n\n   4. Her etkin", "   3. Her etkin"))
        let outcome = try TreeFixture(tree).validate()
        let found = outcome.of("translation-steps-differ")
        #expect(found.count == 1, "\(found.map { "\($0.messageKey) \($0.arguments)" })")
        let finding = try #require(found.first)
        #expect(finding.messageKey == "rule.translation-steps-differ.missing")
        #expect(finding.arguments["step"] == "how-to-remove-a-relationship/1.3")
        #expect(finding.arguments["text"] == "Select **Suspended**")
        #expect(finding.path?.hasSuffix("tr-tr/partner-center/remove-a-relationship.md") == true)
        // The other side: a note at the English step.
        let note = try #require(finding.notes.first)
        #expect(note.path?.hasSuffix("en-us/partner-center/remove-a-relationship.md") == true)
        let english = try Self.seed("en-US").components(separatedBy: "\n")
        let noted = english[(note.range?.start.line ?? 0) - 1]
        #expect(noted.contains("Select **Suspended**"))
        // The renumbered step still pairs with its source: its labels and alerts are not reported.
        #expect(outcome.of("translation-labels-differ").isEmpty)
    }

    @Test func anAddedStepIsReportedOnceAsExtra() throws {
        let tree = try Self.tree(
            turkish: Self.replacing(
                "   4. Her etkin", "   4. **Faturalama** sayfasını açın.\n\n   5. Her etkin"))
        let found = try TreeFixture(tree).validate().of("translation-steps-differ")
        #expect(found.map(\.messageKey) == ["rule.translation-steps-differ.extra"], "\(found.map(\.arguments))")
        #expect(found.first?.arguments["step"] == "how-to-remove-a-relationship/1.4")
    }

    @Test func aChangedAlertKindIsReportedOnTheAlertsLine() throws {
        let tree = try Self.tree(turkish: Self.replacing("> [!NOTE]", "> [!WARNING]"))
        let outcome = try TreeFixture(tree).validate()
        let finding = try #require(outcome.of("translation-alerts-differ").first)
        let turkish = try #require(tree["tr-tr/partner-center/remove-a-relationship.md"]).components(separatedBy: "\n")
        let line = try #require(turkish.firstIndex { $0.contains("> [!WARNING]") }) + 1
        #expect(finding.range?.start.line == line)
        #expect(finding.range?.start.column == 4)
        let english = try Self.seed("en-US").components(separatedBy: "\n")
        let note = try #require(finding.notes.first)
        let noted = english[(note.range?.start.line ?? 0) - 1]
        #expect(noted.contains("> [!NOTE]"))
    }

    @Test func anIncludesBrokenLinkIsOneFindingAtTheIncludeWithNotesAtItsIncluders() throws {
        let directive = "[!INCLUDE [roles](../includes/roles.md)]\n\n"
        var tree = try Self.tree()
        tree["en-us/includes/roles.md"] = "See [the roles](no-such-page.md).\n\n> [!NOTE]\n"
        for path in ["en-us/partner-center/remove-a-relationship.md", "en-us/partner-center/other.md"] {
            let article = try Self.seed("en-US")
            tree[path] = article.replacingOccurrences(
                of: "**Appropriate roles**", with: directive + "**Appropriate roles**")
        }
        let outcome = try TreeFixture(tree).validate()
        for rule in ["link-missing-target", "alert-empty"] {
            // The seed's own links to other articles are missing in this tree too: not counted.
            let found = outcome.of(rule).filter { rule == "alert-empty" || $0.arguments["target"] == "no-such-page.md" }
            #expect(found.count == 1, "\(rule): \(found.map { "\($0.path ?? ""):\($0.range?.description ?? "")" })")
            let finding = try #require(found.first)
            #expect(finding.path?.hasSuffix("en-us/includes/roles.md") == true)
            let includers = finding.notes.compactMap(\.path).map { ($0 as NSString).lastPathComponent }.sorted()
            #expect(includers == ["other.md", "remove-a-relationship.md"])
        }
    }
}

/// Sections whose anchors differ as DocFX and translations make them are one section to the
/// alignment: their steps pair instead of being reported missing here and extra there.
@Suite struct SectionIdentityTests {
    static func article(_ heading: String, _ steps: String) -> String {
        Doc.frontMatter() + "# Title\n\n## \(heading)\n\n" + steps
    }

    static let englishSteps = "1. Open the settings.\n2. Turn the option on.\n3. Close the window.\n"
    static let turkishSteps = "1. Ayarları açın.\n2. Seçeneği açın.\n3. Pencereyi kapatın.\n"

    @Test(arguments: [
        // A repeated English heading (DocFX: `kiosk-1`) whose translation keeps `<a name="kiosk">`.
        ("<a name=\"kiosk-1\"></a>Kiosk", "<a name=\"kiosk\"></a>Kiosk"),
        // A heading whose number the source dropped since.
        ("<a name=\"create-the-package\"></a>Create the package", "<a name=\"2-create-the-package\"></a>2. Paket"),
        // A heading that gained a word.
        (
            "<a name=\"configure-incremental-refresh-preview\"></a>Configure",
            "<a name=\"configure-incremental-refresh\"></a>Yapılandır"
        ),
    ])
    func stepsOfTheSameSectionUnderAnotherAnchorPair(_ anchors: (String, String)) throws {
        let outcome = try TreeFixture([
            "en-us/x.md": Self.article(anchors.0, Self.englishSteps),
            "tr-tr/x.md": Self.article(anchors.1, Self.turkishSteps),
        ]).validate()
        #expect(
            outcome.of("translation-steps-differ").isEmpty, "\(outcome.of("translation-steps-differ").map(\.arguments))"
        )
    }

    @Test func twoNumberedHeadingsAreTwoSections() throws {
        // `step-1` and `step-2` are different sections: the source's steps are missing here.
        let outcome = try TreeFixture([
            "en-us/x.md": Self.article("<a name=\"step-1\"></a>Step 1", Self.englishSteps),
            "tr-tr/x.md": Self.article("<a name=\"step-2\"></a>Adım 2", Self.turkishSteps),
        ]).validate()
        #expect(outcome.of("translation-steps-differ").count == 6)
    }

    @Test func aLinkWithoutExtensionNamesThePublishedPage() throws {
        let outcome = try TreeFixture([
            "en-us/x.md": Doc.english(Doc.englishBody + "\nSee [setup](y) and [gone](z).\n"),
            "en-us/y.md": Doc.english(),
        ]).validate()
        #expect(outcome.of("link-missing-target").map { $0.arguments["target"] } == ["z"])
    }
}

/// A renumbering is reported only when nothing was dropped or added around it.
@Suite struct RenumberingTests {
    static let english =
        Doc.frontMatter() + """
            # Title

            ## <a name="send"></a>Send the invitation

            1. Go to **Customers**.
            2. Select **Account** and **Invite**.
            3. Read [the terms](terms.md) and select `Send`.

            """

    @Test func aListThatStartsAtTwoIsTheSameStepsUnderOtherIDs() throws {
        let turkish = Self.english.replacingOccurrences(of: "1. Go to", with: "2. Go to")
            .replacingOccurrences(of: "2. Select", with: "3. Select").replacingOccurrences(
                of: "3. Read", with: "4. Read")
        let found = try TreeFixture([
            "en-us/x.md": Self.english, "tr-tr/x.md": turkish, "en-us/terms.md": Doc.english(),
        ]).validate().of("translation-steps-differ")
        #expect(found.map(\.messageKey) == Array(repeating: "rule.translation-steps-differ.renumbered", count: 3))
        #expect(found.map { $0.arguments["sourceStep"] ?? "" } == ["send/1", "send/2", "send/3"])
        #expect(found.map { $0.arguments["step"] ?? "" } == ["send/2", "send/3", "send/4"])
    }

    @Test func stepsAfterADroppedStepAreNotRenumbered() throws {
        let turkish = Self.english.replacingOccurrences(of: "2. Select **Account** and **Invite**.\n", with: "")
            .replacingOccurrences(of: "3. Read", with: "2. Read")
        let found = try TreeFixture([
            "en-us/x.md": Self.english, "tr-tr/x.md": turkish, "en-us/terms.md": Doc.english(),
        ]).validate().of("translation-steps-differ")
        #expect(found.map(\.messageKey) == ["rule.translation-steps-differ.missing"])
        #expect(found.first?.arguments["step"] == "send/2")
    }
}
