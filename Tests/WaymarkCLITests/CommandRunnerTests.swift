import Testing
import WaymarkTestSupport

/// The tests' way of starting programs: what it promises the hostile-input tests.
struct CommandRunnerTests {
    /// A child that closes its output and then hangs is killed at the time limit, and reported as
    /// killed (the watchdog must not wait behind the wait for the child).
    @Test func aChildThatClosesItsOutputAndHangsIsKilledAtTheLimit() throws {
        let r = try CommandRunner.run(
            [], launcher: ["/bin/sh", "-c", "exec >&- 2>&- </dev/null; sleep 60", "sh"], timeout: 1)
        #expect(r.signaled)
        #expect(r.stdout.isEmpty && r.stderr.isEmpty)
    }

    /// Input a child never reads does not end the test process (SIGPIPE), and the child's own
    /// status comes back.
    @Test func inputAChildDoesNotReadIsDroppedAndItsStatusComesBack() throws {
        let r = try CommandRunner.run(
            [], input: String(repeating: "x", count: 1 << 20), launcher: ["/bin/sh", "-c", "exit 3", "sh"])
        #expect(!r.signaled)
        #expect(r.status == 3)
    }
}
