import Testing
import WaymarkCore

@Suite struct ChildProcessTests {
    @Test func collectsTheOutputOfAProgramOnThePath() {
        #expect(
            ChildProcess.output("printf", ["%s-%s", "a", "b"]).map { String(decoding: $0, as: UTF8.self) } == "a-b")
    }

    @Test func addsToTheEnvironment() {
        let out = ChildProcess.output(
            "sh", ["-c", "printf %s \"$WAYMARK_CHILD_TEST\""], environment: ["WAYMARK_CHILD_TEST": "x y"])
        #expect(out.map { String(decoding: $0, as: UTF8.self) } == "x y")
    }

    @Test func aFailureOrAMissingProgramIsNil() {
        #expect(ChildProcess.output("false", []) == nil)
        #expect(ChildProcess.output("sh", ["-c", "kill -9 $$"]) == nil)
        #expect(ChildProcess.output("waymark-no-such-program-\(UInt32.random(in: 0...UInt32.max))", []) == nil)
    }

    @Test func manyAtOnceFromManyThreads() async {
        await withTaskGroup(of: Bool.self) { group in
            for n in 0..<64 {
                group.addTask { ChildProcess.output("printf", ["%d", String(n)]) == Array(String(n).utf8) }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
