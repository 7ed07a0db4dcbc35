import Testing
import WaymarkValidation

@Suite("Every rule fires on a minimal fixture and stays quiet on a correct one")
struct RuleFixtureTests {
    @Test("fires", arguments: RuleFixture.all)
    func firesOnMinimalFixture(_ fixture: RuleFixture) throws {
        let outcome = try TreeFixture(fixture.fires, config: fixture.config).validate()
        #expect(
            !outcome.of(fixture.rule).isEmpty, "\(outcome.findings.map { "\($0.id) \($0.path) \($0.arguments)" })")
        if outcome.markers["1️⃣"] != nil {
            #expect(
                outcome.has(fixture.rule, at: "1️⃣"),
                "expected at \(String(describing: outcome.markers["1️⃣"])); got \(outcome.of(fixture.rule).map { "\($0.path):\(String(describing: $0.range))" })"
            )
        }
    }

    @Test("stays quiet", arguments: RuleFixture.all)
    func staysQuietOnCorrectFixture(_ fixture: RuleFixture) throws {
        let outcome = try TreeFixture(fixture.quiet, config: fixture.config).validate()
        #expect(
            outcome.of(fixture.rule).isEmpty,
            "\(outcome.of(fixture.rule).map { "\($0.path) \($0.range.map(\.description) ?? "") \($0.arguments)" })")
    }

    @Test func everyRuleHasFixtures() {
        let covered = Set(RuleFixture.all.map(\.rule))
        let missing = RuleInfo.all.map(\.id).filter { !covered.contains($0) }
        #expect(missing.isEmpty, "rules without fixtures: \(missing)")
    }
}
