import Testing
import WaymarkCore

#if canImport(Glibc)
    import Glibc
#endif

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

    /// A program started here holds its three standard descriptors and nothing else: not one
    /// this process opened without close-on-exec (as a library may), and not the ends of a pipe
    /// made for another program on another thread (a long-lived one that held such a write end
    /// kept a reader waiting for the end of the other's output, and a test run hung).
    @Test func aProgramInheritsOnlyItsStandardDescriptors() {
        #if os(Linux)
            let open = Glibc.open("/dev/null", O_RDONLY)
            #expect(open >= 3)
            defer { close(open) }
            let listed = ChildProcess.output("sh", ["-c", "ls /proc/$$/fd"]).map { String(decoding: $0, as: UTF8.self) }
            #expect(listed.map { Set($0.split(separator: "\n").map(String.init)) } == ["0", "1", "2"])
        #endif
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
