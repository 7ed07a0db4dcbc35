import Testing

@testable import WaymarkValidation

@Suite struct MessageKeyTests {
    /// The keys made once are the keys spelled out, for every text of every rule, and a name no
    /// rule declares still gets its key.
    @Test func keptKeysAreTheSpelledOutKeys() {
        var count = 0
        for rule in RuleCatalog.all {
            for (name, _) in rule.texts {
                #expect(rule.key(name) == "rule.\(rule.id).\(name)")
                count += 1
            }
            #expect(rule.key("not-a-text") == "rule.\(rule.id).not-a-text")
        }
        #expect(count == RuleCatalog.messageKeys.values.reduce(0) { $0 + $1.count })
    }
}
