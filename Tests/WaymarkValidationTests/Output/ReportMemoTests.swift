import Foundation
import Synchronization
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// The memo of a cached run's report (`ReportMemo`): a report that copies the texts of the files
/// whose findings are unchanged is the report a run without the cache writes, byte for byte, in
/// every format that uses it; and texts or an index that are damaged, cut short, foreign or
/// written by two runs at once are never copied from.
@Suite(.serialized) struct ReportMemoTests {
    typealias Workspace = FactCacheTests.Workspace

    static func memoFiles(_ w: Workspace) -> (index: String, texts: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: w.cache.path)) ?? []
        let index = names.first { $0.hasPrefix("waymark-report-") && $0.hasSuffix(".idx") } ?? "none.idx"
        let texts = names.first { $0.hasPrefix("waymark-report-") && $0.hasSuffix(".dat") } ?? "none.dat"
        return (w.cache.appendingPathComponent(index).path, w.cache.appendingPathComponent(texts).path)
    }

    /// The inode of the file at `path`: a file replaced (written beside and renamed) has another.
    static func inode(of path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func aReportThatCopiesUnchangedFilesTextsIsTheReportWithoutTheCacheInEveryFormat() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("ReportMemoTests.everyFormat") else { return }
        let w = try Workspace(corpus: corpus)
        for format in ReportFormat.allCases where format.usesMemo {
            try? FileManager.default.removeItem(at: w.cache)
            let reference = try w.run(cached: false, format: format).report
            // The first cached run makes every text; the second copies every one of them.
            let first = try w.run(cached: true, format: format)
            #expect(FactCacheTests.difference(first.report, reference) == nil, "\(format), first")
            #expect(w.memo?.textsCopied == 0)
            let indexMade = Self.inode(of: Self.memoFiles(w).index)
            let second = try w.run(cached: true, format: format)
            #expect(FactCacheTests.difference(second.report, reference) == nil, "\(format), second")
            let copied = w.memo?.textsCopied ?? 0
            #expect(copied > 100, "\(format)")
            // A run that copied every text left the index as it was, not written again; the next
            // run copies every text from it again.
            #expect(indexMade != nil && Self.inode(of: Self.memoFiles(w).index) == indexMade, "\(format)")
            let third = try w.run(cached: true, format: format)
            #expect(FactCacheTests.difference(third.report, reference) == nil, "\(format), third")
            #expect(w.memo?.textsCopied == copied, "\(format), third")

            // An article that gains a finding: its text is made again, and its translations'
            // (their findings compare with it); every other file's is copied.
            try w.append("\nSee [missing](not-here.md).\n", to: "en-us/hololens/hololens-kiosk.md")
            let plain = try w.run(cached: false, format: format).report
            let edited = try w.run(cached: true, format: format)
            #expect(FactCacheTests.difference(edited.report, plain) == nil, "\(format), edited")
            #expect(edited.report != reference)
            let afterEdit = w.memo?.textsCopied ?? 0
            #expect(afterEdit < copied && afterEdit > copied - 20, "\(format): \(afterEdit) of \(copied)")
            // The texts made then were added at the end of the texts' file, apart from the others
            // around them in the report: the next run copies every text, those too.
            let again = try w.run(cached: true, format: format)
            #expect(FactCacheTests.difference(again.report, plain) == nil, "\(format), again")
            #expect(w.memo?.textsMade == 0, "\(format), again")
        }
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func damagedCutForeignOrConcurrentlyWrittenMemosAreNeverCopiedFrom() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("ReportMemoTests.damaged") else { return }
        let w = try Workspace(corpus: corpus)
        let reference = try w.run(cached: false).report
        _ = try w.run(cached: true)
        let (index, texts) = Self.memoFiles(w)
        let goodIndex = try FileReader.read(index)
        let goodTexts = try FileReader.read(texts)
        #expect(ReportMemo.readIndex(goodIndex) ?? 0 > 100)

        // Texts changed in the middle: the texts that fail their checksums are made again, the
        // others copied. Texts cut short: the index no longer fits the file and nothing is read
        // from it. Either way the next run's memo is whole again.
        var flipped = goodTexts
        flipped[goodTexts.count / 2] ^= 0x20
        for (damaged, cut) in [(flipped, false), (Array(goodTexts.prefix(goodTexts.count / 2)), true)] {
            try FileWriter.replace(index, with: goodIndex)
            try Data(damaged).write(to: URL(fileURLWithPath: texts))
            let run = try w.run(cached: true)
            #expect(FactCacheTests.difference(run.report, reference) == nil)
            let copied = w.memo?.textsCopied ?? 0
            #expect(cut ? copied == 0 : copied > 0 && copied < ReportMemo.readIndex(goodIndex) ?? 0)
            let again = try w.run(cached: true)
            #expect(FactCacheTests.difference(again.report, reference) == nil)
            #expect(w.memo?.textsCopied == ReportMemo.readIndex(goodIndex))
        }

        // An index whose checksum matches but whose text would be far larger than the file: not
        // read from (and nothing that large is made room for).
        let whole = try ReportMemo.parse(try FileReader.read(index))
        var huge = whole.entries
        if let first = huge.keys.min() { huge[first]?.length = 1 << 39 }
        try FileWriter.replace(
            index, with: ReportMemo.index(key: whole.key, generation: whole.generation, entries: huge))
        let oversized = try w.run(cached: true)
        #expect(FactCacheTests.difference(oversized.report, reference) == nil)
        #expect(w.memo?.textsCopied == 0)

        // An index damaged, cut short, another program's, empty, or for another key; texts that
        // are another file's (another number): nothing is copied.
        var damagedIndex = goodIndex
        damagedIndex[goodIndex.count / 2] ^= 0x01
        let otherKey = ReportMemo.index(
            key: 12345, generation: 1, entries: try #require(try? ReportMemo.parse(goodIndex)).entries)
        for bad in [
            damagedIndex, Array(goodIndex.prefix(goodIndex.count / 2)), Array("not an index\n".utf8), [], otherKey,
        ] {
            _ = try w.run(cached: true)
            try Data(bad).write(to: URL(fileURLWithPath: index))
            let run = try w.run(cached: true)
            #expect(FactCacheTests.difference(run.report, reference) == nil)
            #expect(w.memo?.textsCopied == 0)
        }
        _ = try w.run(cached: true)
        var otherTexts = try FileReader.read(texts)
        otherTexts[ReportMemo.textsMagic.count + 8] ^= 0xFF
        try Data(otherTexts).write(to: URL(fileURLWithPath: texts))
        let foreign = try w.run(cached: true)
        #expect(FactCacheTests.difference(foreign.report, reference) == nil)
        #expect(w.memo?.textsCopied == 0)

        // A text forged with a checksum that matches, holding a terminal control: made again,
        // never copied to where a report goes.
        _ = try w.run(cached: true)
        let current = try ReportMemo.parse(try FileReader.read(index))
        var forged = try FileReader.read(texts)
        let (path, entry) = try #require(current.entries.first { $0.value.length > 4 })
        forged[entry.offset + 2] = 0x1B
        var check = Hasher64()
        forged.withUnsafeBytes {
            check.mix(UnsafeRawBufferPointer(rebasing: $0[entry.offset..<entry.offset + entry.length]))
        }
        var changed = current.entries
        changed[path]?.checksum = check.value
        try Data(forged).write(to: URL(fileURLWithPath: texts))
        try FileWriter.replace(
            index, with: ReportMemo.index(key: current.key, generation: current.generation, entries: changed))
        let escaped = try w.run(cached: true)
        #expect(FactCacheTests.difference(escaped.report, reference) == nil)
        #expect(w.memo?.textsCopied == current.entries.count - 1)

        // Two reports at once: each is the report without the cache, and the memo they leave
        // is whole.
        let reports = Mutex<[[UInt8]]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let w2 = w
            let options = Validator.Options(
                jobs: 2, today: TreeFixture.today, keepsFactsUntilExit: true, cache: w2.cache.path,
                toolVersion: "test")
            guard
                let result = try? Validator(configuration: w2.configuration, options: options).run(root: w2.tree.path)
            else { return }
            let memo = ReportMemo(
                directory: w2.cache.path, root: result.absoluteRoot,
                key: ReportMemo.key([ReportFormat.json.rawValue], catalogs: nil), limit: 1 << 30)
            let report = Workspace.report(result, memo: memo)
            reports.withLock { $0.append(report) }
        }
        let both = reports.withLock { $0 }
        #expect(both.count == 2 && both.allSatisfy { FactCacheTests.difference($0, reference) == nil })
        let after = try w.run(cached: true)
        #expect(FactCacheTests.difference(after.report, reference) == nil)
        let final = try w.run(cached: true)
        #expect(FactCacheTests.difference(final.report, reference) == nil)
        #expect(w.memo?.textsCopied == ReportMemo.readIndex(goodIndex))
    }

    @Test func anIndexIsReadWholeOrNotAtAll() throws {
        let entries: [UInt64: ReportMemo.Entry] = [
            7: .init(identity: 1, offset: ReportMemo.textsHeader, length: 10, checksum: 3),
            9: .init(identity: 2, offset: ReportMemo.textsHeader + 10, length: 5, checksum: 4),
        ]
        let bytes = ReportMemo.index(key: 42, generation: 5, entries: entries)
        let parsed = try ReportMemo.parse(bytes, key: 42)
        #expect(parsed.generation == 5 && parsed.entries == entries)
        #expect((try? ReportMemo.parse(bytes, key: 43)) == nil)
        // Every cut and every single changed byte is refused.
        for cut in 0..<bytes.count { #expect(ReportMemo.readIndex(Array(bytes.prefix(cut))) == nil) }
        for position in bytes.indices {
            var changed = bytes
            changed[position] ^= 0x40
            #expect(ReportMemo.readIndex(changed) == nil)
        }
        // Without the checksum, entries out of order or before the texts' header still are.
        var e = FactEncoder()
        e.raw(ReportMemo.indexMagic)
        e.unsigned(ReportMemo.format)
        e.fixed(42)
        e.fixed(5)
        e.unsigned(2)
        for (path, offset) in [(UInt64(9), ReportMemo.textsHeader), (7, ReportMemo.textsHeader)] {
            e.fixed(path)
            e.fixed(1)
            e.unsigned(UInt64(offset))
            e.unsigned(1)
            e.fixed(0)
        }
        e.fixed(0)
        #expect(ReportMemo.readIndex(e.bytes, checked: false) == nil)
    }
}
