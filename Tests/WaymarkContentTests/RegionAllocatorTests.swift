import CCmarkArena
import Dispatch
import Foundation
import Synchronization
import Testing
import WaymarkCore

@testable import WaymarkContent

/// The region cmark-gfm parses into: blocks keep their bytes through growth, regions nest, and
/// leaving a region gives back all it took but one reusable chunk.
@Suite struct RegionAllocatorTests {
    @Test func blocksAreZeroedAlignedAndKeepTheirBytesWhenTheyGrow() throws {
        let outer = waymark_arena_enter()
        defer { waymark_arena_leave(outer) }
        var blocks: [UnsafeMutableRawPointer] = []
        for size in [1, 7, 16, 100, 4_000, 40_000] {
            let p = try #require(waymark_arena_calloc(1, size))
            #expect(Int(bitPattern: p) % 16 == 0)
            #expect(UnsafeRawBufferPointer(start: p, count: size).allSatisfy { $0 == 0 })
            p.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: size), count: size)
            blocks.append(p)
        }
        // Growing: the newest small block in place, others by copy, small into large and large into large.
        var grown: [UnsafeMutableRawPointer] = []
        for (p, (size, newSize)) in zip(
            blocks, [(1, 9), (7, 70_000), (16, 17), (100, 33_000), (4_000, 4_001), (40_000, 90_000)])
        {
            let q = try #require(waymark_arena_realloc(p, newSize))
            #expect(Int(bitPattern: q) % 16 == 0)
            #expect(UnsafeRawBufferPointer(start: q, count: size).allSatisfy { $0 == UInt8(truncatingIfNeeded: size) })
            grown.append(q)
        }
        // Earlier blocks were not overwritten by later ones.
        for (q, size) in zip(grown, [1, 7, 16, 100, 4_000, 40_000]) {
            #expect(UnsafeRawBufferPointer(start: q, count: size).allSatisfy { $0 == UInt8(truncatingIfNeeded: size) })
        }
        _ = try #require(waymark_arena_realloc(nil, 24))
        waymark_arena_free(grown[1])
        waymark_arena_free(grown[5])
        waymark_arena_free(nil)
    }

    @Test func theNewestBlockGrowsInPlace() throws {
        let outer = waymark_arena_enter()
        defer { waymark_arena_leave(outer) }
        let a = try #require(waymark_arena_calloc(1, 32))
        let grown = try #require(waymark_arena_realloc(a, 1_000))
        #expect(grown == a)
        _ = waymark_arena_calloc(1, 8)
        let moved = try #require(waymark_arena_realloc(grown, 2_000))
        #expect(moved != grown)
    }

    @Test func leavingGivesBackAllButOneChunkAndRegionsNest() throws {
        let before = waymark_arena_reserved()
        let outer = waymark_arena_enter()
        let kept = try #require(waymark_arena_calloc(1, 64))
        kept.storeBytes(of: 0xABCD, as: UInt32.self)
        let inner = waymark_arena_enter()
        for _ in 0..<2_000 { _ = waymark_arena_calloc(1, 1_000) }
        let large = try #require(waymark_arena_calloc(1, 1 << 20))
        _ = waymark_arena_realloc(large, 3 << 20)
        #expect(waymark_arena_reserved() > before + (5 << 20))
        waymark_arena_leave(inner)
        // The inner region's memory is back; the outer region's block is untouched.
        #expect(waymark_arena_reserved() < before + (1 << 20))
        #expect(kept.load(as: UInt32.self) == 0xABCD)
        waymark_arena_leave(outer)
        #expect(waymark_arena_reserved() <= max(before, 256 * 1024 + 64))
    }

    /// Parses on many threads at once, each with its own regions, give what one thread gives,
    /// including tables whose cells and rows pass the large-block size.
    @Test func parsesOnManyThreadsMatchOneThread() {
        let wide = String(repeating: "x", count: 40_000)
        let documents = (0..<24).map { i in
            "# Title \(i)\n\n| a | b |\n|---|---|\n| \(wide) | \(i) |\n\n1. Select **Save**.\n2. Open [x](y.md).\n"
                + String(repeating: "Text line \(i).\n", count: i * 50)
        }
        let expected = documents.map {
            ArticleTreeDumper.dump(ArticleParser().parse(bytes: Array($0.utf8), path: "a.md"))
        }
        let results = Mutex<[String?]>(Array(repeating: nil, count: documents.count))
        DispatchQueue.concurrentPerform(iterations: documents.count) { i in
            let dump = ArticleTreeDumper.dump(ArticleParser().parse(bytes: Array(documents[i].utf8), path: "a.md"))
            results.withLock { $0[i] = dump }
        }
        #expect(results.withLock { $0 } == expected)
    }
}
