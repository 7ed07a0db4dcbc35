import Foundation
import Testing
import WaymarkCore
import WaymarkRelationships
import WaymarkWalkthrough

/// Sessions and bindings that stored StepIDs under an earlier section-key scheme (`admin~2` for
/// what DocFX's numbering now calls `admin-1`) keep working.
@Suite struct StoredIDsTests {
    static let procedure = WalkEngineTests.procedure
    static let current = procedure.id
    static let old = "\(procedure.id)~2"
    static let graph = StepGraph(procedures: [procedure], aliases: [old: current])

    /// `text` with the current procedure id written the old way.
    static func aged(_ text: String) -> String {
        text.hasPrefix(current + "/") ? old + text.dropFirst(current.count) : text
    }

    @Test func aSessionSavedWithOldIDsResumesAtTheSameStop() throws {
        var engine = try WalkEngine.start(
            procedure: Self.procedure, prerequisitesText: true, binding: WalkEngineTests.binding,
            account: WalkEngineTests.account(), actor: Operator(name: "x", role: .globalAdmin), locale: "tr-TR",
            locales: ["tr-TR", "en-US"])
        var account = WalkEngineTests.account()
        // A few stops in, with something done and something completed.
        for _ in 0..<6 {
            switch engine.next(account) {
            case .needsConfirmation:
                if let action = engine.confirm() { engine.actionFinished(WalkEngineTests.apply(action, to: &account)) }
            case .perform(let action): engine.actionFinished(WalkEngineTests.apply(action, to: &account))
            default: break
            }
        }
        let saved = engine.state
        #expect(saved.position > 0 && !saved.completed.isEmpty)
        // The same state as an earlier version stored it, through its JSON.
        var old = saved
        old.procedure = Self.old
        for i in old.stops.indices { old.stops[i].step = Self.aged(old.stops[i].step) }
        old.completed = Set(saved.completed.map(Self.aged))
        let payload = try JSONEncoder().encode(old)
        let decoded = try JSONDecoder().decode(WalkState.self, from: payload)
        #expect(decoded.procedure == Self.old)
        #expect(decoded.renamed(by: Self.graph) == saved)
        #expect(Self.graph.procedure(decoded.procedure)?.id == Self.current)
    }

    @Test func aBindingWrittenWithOldIDsBindsTheSameSteps() {
        let binding = WalkEngineTests.binding
        var old = binding
        old.procedure = Self.old
        for i in old.steps.indices { old.steps[i].step = Self.aged(old.steps[i].step) }
        #expect(old != binding)
        #expect(old.renamed(by: Self.graph) == binding)
        // Without aliases nothing changes.
        #expect(binding.renamed(by: StepGraph(procedures: [Self.procedure])) == binding)
    }
}
