import Foundation
import Testing
import WaymarkValidation

/// A tree reached through a symbolic link to its folder gets the findings it gets when named
/// directly: include files, whose paths the parser resolves through links, still sit in the tree.
@Suite struct LinkedTreeTests {
    static let tree: [String: String] = [
        "en-us/x.md": Doc.english(Doc.englishBody + "\n[!INCLUDE [roles](includes/roles.md)]\n"),
        "en-us/includes/roles.md": "See [the other article](../y.md) and [a missing one](../none.md).\n",
        "en-us/y.md": Doc.english(),
    ]

    @Test func throughALinkAsDirectly() throws {
        let direct = try TreeFixture(Self.tree).validate()
        let linked = try TreeFixture(Self.tree).validate(throughLink: true)
        // Paths are shown from the root as given, which differs: compared from the locale folder on.
        func places(_ outcome: TreeFixture.Outcome) -> [String] {
            outcome.findings.map { f in
                let path =
                    (f.path ?? "").range(of: "en-us/").map { String((f.path ?? "")[$0.lowerBound...]) }
                    ?? (f.path ?? "")
                let arguments = f.arguments.sorted { $0.key < $1.key }
                return "\(f.id) \(path) \(f.range?.start.line ?? 0) \(f.messageKey) \(arguments)"
            }
        }
        #expect(places(linked) == places(direct))
        // Only the missing target is reported, once, in the include file (checked as a file of the
        // tree; the article leaves it to that check).
        for outcome in [direct, linked] {
            #expect(outcome.of("link-missing-target").map(\.arguments["target"]) == ["../none.md"])
            #expect(
                outcome.of("link-missing-target").allSatisfy { ($0.path ?? "").hasSuffix("en-us/includes/roles.md") })
        }
    }
}
