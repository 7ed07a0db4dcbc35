import Dispatch
import Synchronization
import Testing
import WaymarkLocalization
import WaymarkValidation

@testable import WaymarkCLI

/// A report's threads share one table of parsed messages, read without a lock: whatever order
/// they first meet the messages in, each gets the text one thread alone gets.
@Suite struct MessageCacheTests {
    @Test func threadsMeetingMessagesInAnyOrderGetWhatOneThreadGets() {
        let keys = ValidationMessages.sourceTexts.keys.sorted()
        let arguments = ["path": "a/b.md", "count": "3", "target": "x.md", "name": "Partner Center"]
        let alone = Localizer(locale: .source, catalogs: nil)
        let expected = keys.map { alone.text(key: $0, strings: arguments) }
        #expect(keys.count > 50)

        let shared = Localizer(locale: .source, catalogs: nil)
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            // Each worker walks the keys from another place and in another direction.
            let start = worker * keys.count / 8
            for step in 0..<keys.count {
                let index =
                    worker.isMultiple(of: 2)
                    ? (start + step) % keys.count : (start + keys.count - step) % keys.count
                if shared.text(key: keys[index], strings: arguments) != expected[index] {
                    mismatches.withLock { $0 += 1 }
                }
            }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }

    @Test func aMessageStoredTwiceKeepsTheFirst() {
        let cache = MessageCache()
        #expect(cache.message("k") == nil)
        cache.store("k", template: "first", message: nil)
        cache.store("k", template: "second", message: nil)
        cache.store("j", template: "other", message: nil)
        #expect(cache.message("k")?.template == "first")
        #expect(cache.message("j")?.template == "other")
    }
}
