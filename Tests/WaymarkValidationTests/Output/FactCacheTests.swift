import Foundation
import Synchronization
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// `validate --cache`: a run that reuses cached facts reports byte for byte what a run without the
/// cache reports, over a copy of a real product's tree edited, cut and added to, with another
/// configuration, and with a cache that is damaged, foreign or too large.
@Suite(.serialized) struct FactCacheTests {
    /// A copy of the HoloLens tree (three locales, docfx.json, includes) and a cache folder.
    final class Workspace: @unchecked Sendable {
        let dir: URL
        let tree: URL
        let cache: URL
        var configuration: ValidationConfiguration

        init(corpus: URL) throws {
            dir = try RepositoryPaths.temporaryDirectory()
            tree = dir.appendingPathComponent("hololens")
            cache = dir.appendingPathComponent("cache")
            try FileManager.default.copyItem(at: corpus.appendingPathComponent("hololens"), to: tree)
            configuration = try ValidationConfiguration.load(
                path: RepositoryPaths.file("Examples/hololens.waymark.yml").path)
        }

        /// A tree of `files` (tree path → text) with the configuration `yaml`, written beside it;
        /// the cache beside it too, or in the tree at `cacheInTree`.
        init(files: [String: String], configuration yaml: String, cacheInTree: String? = nil) throws {
            let dir = try RepositoryPaths.temporaryDirectory()
            let tree = dir.appendingPathComponent("tree")
            (self.dir, self.tree) = (dir, tree)
            cache = cacheInTree.map { tree.appendingPathComponent($0) } ?? dir.appendingPathComponent("cache")
            for (path, text) in files {
                let url = tree.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            let file = dir.appendingPathComponent("waymark.yml")
            try Data(yaml.utf8).write(to: file)
            configuration = try ValidationConfiguration.load(path: file.path)
        }

        deinit { try? FileManager.default.removeItem(at: dir) }

        /// The JSON report and the cache's account of the run. A cached run runs as the command
        /// does on a large tree (findings, steps and quoted lines kept out of the way until the
        /// report, the facts it reuses put there too), the other as a library caller's on a small
        /// one (steps kept as they are): the two ways give one report.
        /// The memo of the last cached run's report (`ReportMemo`).
        var memo: ReportMemo?

        /// And the report is written as the command writes it, in `format`: a cached run's with
        /// the memo of the report before it.
        func run(cached: Bool, limit: Int = 1 << 30, format: ReportFormat = .json) throws -> (
            report: [UInt8], cache: FactCacheStatistics?
        ) {
            let options = Validator.Options(
                jobs: 2, today: TreeFixture.today, keepsFactsUntilExit: cached, cache: cached ? cache.path : nil,
                cacheLimit: limit, toolVersion: "test", keepsStepsDecodedUpTo: cached ? 0 : Validator.smallTree)
            let result = try Validator(configuration: configuration, options: options).run(root: tree.path)
            memo =
                cached
                ? ReportMemo(
                    directory: cache.path, root: result.absoluteRoot,
                    key: ReportMemo.key([format.rawValue], catalogs: nil), limit: limit) : nil
            return (Workspace.report(result, format: format, memo: memo), result.cache)
        }

        /// The report of `result`, its messages written as their keys and arguments.
        static func report(_ result: Validator.Result, format: ReportFormat = .json, memo: ReportMemo? = nil)
            -> [UInt8]
        {
            var report = Report(
                findings: result.list, articlesChecked: result.articlesChecked, baselined: 0,
                localize: { key, arguments in
                    ([key] + arguments.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
                        .joined(separator: " ")
                })
            report.memo = memo
            return format.bytes(report, toolVersion: "test")
        }

        /// Runs without and with the cache and returns both reports, which must be the same.
        func compare(_ comment: Comment) throws -> (report: [UInt8], cache: FactCacheStatistics?) {
            let plain = try run(cached: false)
            let cached = try run(cached: true)
            #expect(FactCacheTests.difference(cached.report, plain.report) == nil, comment)
            return cached
        }

        func path(_ relative: String) -> String { tree.appendingPathComponent(relative).path }

        /// Makes the tree a git work tree with everything in it committed.
        func commitTree() throws {
            try GitStalenessTests.git(["init", "-q", "."], in: tree)
            try GitStalenessTests.git(["add", "."], in: tree)
            try GitStalenessTests.git(["commit", "-q", "-m", "HoloLens"], in: tree)
        }

        func append(_ text: String, to relative: String) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path(relative)))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }

        var cacheFiles: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter {
                $0.hasPrefix("waymark-facts-")
            }
        }
    }

    /// The tree's listing (which files a link may name, and part of the key of the memo of
    /// cross-locale findings) leaves out `.git` folders and the cache's folder when it lies in the
    /// tree: a link into `.git` names no page, and a cache in the tree would be another listing
    /// after every run that writes it.
    @Test func theListingLeavesOutGitFoldersAndTheCacheInTheTree() throws {
        var files: [String: String] = [".git/HEAD": "ref: refs/heads/main\n", "en-us/.git/config": "[core]\n"]
        for n in 1...3 {
            let front = "---\ntitle: Article \(n)\ndescription: The article numbered \(n), for a test of the listing.\n"
            files["en-us/a\(n).md"] =
                front + "ms.date: 01/02/2026\n---\n\n# Article \(n)\n\n1. Open [the head](../.git/HEAD).\n"
                + "1. Open [the settings](.git/config).\n"
            files["tr-tr/a\(n).md"] =
                front + "ms.date: 01/02/2026\nms.locale: tr-tr\n---\n\n# Makale \(n)\n\n1. Aç.\n"
        }
        let w = try Workspace(
            files: files,
            configuration: "sourceLocale: en-US\nlocales:\n  en-US: { root: en-us }\n  tr-TR: { root: tr-tr }\n",
            cacheInTree: ".waymark-cache")
        let first = try w.compare("the first run, the cache made in the tree")
        let missing = FactCacheTests.findings(first.report).filter { ($0["rule"] as? String) == "link-missing-target" }
        #expect(missing.count == 6, "\(missing)")
        // The second run lists what the first did: the memo of cross-locale findings is used.
        let second = try w.compare("a second run, the cache in the tree")
        #expect(second.cache?.reused == 6)
        #expect(second.cache?.crossLocaleReached == 0)
        #expect(!w.cacheFiles.isEmpty)
    }

    /// The first line where two reports differ, with its number, or `nil` when they are the same bytes.
    static func difference(_ a: [UInt8], _ b: [UInt8]) -> String? {
        guard a != b else { return nil }
        let (x, y) = (String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self))
        let (xl, yl) = (
            x.split(separator: "\n", omittingEmptySubsequences: false),
            y.split(separator: "\n", omittingEmptySubsequences: false)
        )
        for i in 0..<max(xl.count, yl.count) where i >= xl.count || i >= yl.count || xl[i] != yl[i] {
            return
                "line \(i + 1): \(i < xl.count ? String(xl[i]) : "(end)") | \(i < yl.count ? String(yl[i]) : "(end)")"
        }
        return "same lines, other bytes"
    }

    static func findings(_ report: [UInt8]) -> [[String: Any]] {
        let json = try? JSONSerialization.jsonObject(with: Data(report)) as? [String: Any]
        return json?["findings"] as? [[String: Any]] ?? []
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func aCachedRunReportsWhatAnUncachedRunReportsThroughEditsDeletionsAdditionsAndConfigurations() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("FactCacheTests.cachedEqualsUncached") else { return }
        let w = try Workspace(corpus: corpus)
        let articles =
            FileManager.default.enumerator(atPath: w.tree.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".md") }.count ?? 0

        // First run: everything checked and written; second: everything reused.
        let first = try w.compare("the first, cold, run")
        #expect(first.cache?.loaded == false)
        #expect(first.cache?.reused == 0)
        #expect((first.cache?.written ?? 0) > 0)
        let second = try w.compare("a run with nothing changed")
        #expect(second.cache?.loaded == true)
        #expect(second.cache?.checked == 0)
        #expect((second.cache?.reused ?? 0) > 300 && (second.cache?.reused ?? 0) <= articles)

        // An edited Turkish article: it alone is checked again, and its new finding is reported.
        try w.append("\nBkz. [eksik](bu-dosya-yok.md).\n", to: "tr-tr/hololens/hololens-kiosk.md")
        let edited = try w.compare("after an edit")
        #expect(edited.cache?.checked == 1)
        #expect(edited.report != second.report)

        // An edited include: it and the articles that include it are checked again.
        try w.append("\nSee [missing](not-here.md).\n", to: "en-us/hololens/includes/kiosk-configure-steps.md")
        let include = try w.compare("after an include was edited")
        #expect((include.cache?.checked ?? 0) >= 2)
        #expect((include.cache?.checked ?? 0) < 20)

        // A link target that was missing is added: the article that links to it is checked again
        // and no longer reports it.
        let missing = Self.findings(include.report).first {
            ($0["rule"] as? String) == "link-missing-target"
                && !(($0["message"] as? String) ?? "").contains("://")
                && ($0["path"] as? String)?.contains("/en-us/hololens/") == true
                && (($0["arguments"] as? [String: String])?["target"] ?? "").hasSuffix(".md")
        }
        let linking = try #require(missing?["path"] as? String)
        let target = try #require((missing?["arguments"] as? [String: String])?["target"])
        let relativeLinking = String(linking[linking.range(of: "en-us/")!.lowerBound...])
        let added = TreePath.normalize(
            TreePath.join(TreePath.parent(of: relativeLinking), String(target.prefix { $0 != "#" })))
        try FileManager.default.createDirectory(
            atPath: (w.path(added) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("# Added\n".utf8).write(to: URL(fileURLWithPath: w.path(added)))
        let addition = try w.compare("after a file was added")
        #expect(
            !Self.findings(addition.report).contains {
                ($0["rule"] as? String) == "link-missing-target" && ($0["path"] as? String) == linking
                    && ($0["arguments"] as? [String: String])?["target"] == target
            }, "the added file satisfies the link")
        #expect((addition.cache?.checked ?? 0) < articles / 2)

        // A source article deleted: its translations lose their source, links to it break.
        try FileManager.default.removeItem(atPath: w.path("en-us/hololens/hololens-kiosk.md"))
        let deletion = try w.compare("after a deletion")
        #expect(deletion.report != addition.report)

        // Another configuration: nothing cached is trusted.
        w.configuration.rules["link-missing-target"] = .severity(.note)
        let configured = try w.compare("after a configuration change")
        #expect(configured.cache?.loaded == false)
        #expect(configured.cache?.reused == 0)
    }

    /// The cache file's identity and size.
    static func identity(_ path: String) -> (inode: UInt64, size: Int) {
        var info = stat()
        guard stat(path, &info) == 0 else { return (0, -1) }
        return (UInt64(info.st_ino), Int(info.st_size))
    }

    /// A run that checked a few files again adds their entries after the cache file's own, in
    /// place; one that checked many writes the file anew; an addition cut short is not trusted.
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func aFewFilesCheckedAgainAreAddedToTheCacheFileInPlace() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("FactCacheTests.added") else { return }
        let w = try Workspace(corpus: corpus)
        // Files changed in the two seconds before a run are compared by their bytes, and their
        // entries written again once their times can be trusted: the copy is let settle first.
        Thread.sleep(forTimeInterval: 2.1)
        _ = try w.run(cached: true)
        let file = w.cache.appendingPathComponent(try #require(w.cacheFiles.first)).path
        let whole = Self.identity(file)

        try w.append("\nBkz. [eksik](bu-dosya-yok.md).\n", to: "tr-tr/hololens/hololens-kiosk.md")
        let edited = try w.compare("after an edit, its entry added to the file")
        #expect(edited.cache?.checked == 1)
        let added = Self.identity(file)
        #expect(added.inode == whole.inode, "the same file, not a new one renamed over it")
        #expect(added.size == whole.size + (edited.cache?.written ?? -1))
        #expect((edited.cache?.written ?? 0) > 0 && (edited.cache?.written ?? 0) < whole.size / 10)

        // The next run reads the added entry in place of the one it replaces.
        let again = try w.compare("a run after the addition")
        #expect(again.cache?.loaded == true)
        #expect(again.cache?.checked == 0)
        try w.append("\nMore.\n", to: "tr-tr/hololens/hololens-kiosk.md")
        let twice = try w.compare("a second edit of the same file")
        #expect(twice.cache?.checked == 1)
        #expect(Self.identity(file).inode == whole.inode)

        // Every article edited: the file is written whole (another file renamed in).
        let articles =
            (FileManager.default.enumerator(atPath: w.tree.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".md") }
        for relative in articles { try w.append("\nEdited.\n", to: relative) }
        let many = try w.compare("after every article was edited")
        #expect((many.cache?.checked ?? 0) > 300)
        let rewritten = Self.identity(file)
        #expect(rewritten.inode != whole.inode)
        #expect(rewritten.size == many.cache?.written)
        // Once the edited files' times can be trusted, a run writes their entries again.
        Thread.sleep(forTimeInterval: 2.1)
        _ = try w.run(cached: true)
        let settled = Self.identity(file)

        // An addition cut short (as by a crash while it was written) is not trusted.
        try w.append("\nOnce more.\n", to: "tr-tr/hololens/hololens-kiosk.md")
        _ = try w.compare("one more edit")
        let grown = Self.identity(file)
        #expect(grown.inode == settled.inode && grown.size > settled.size)
        #expect(truncate(file, off_t(grown.size - 5)) == 0)
        let cut = try w.compare("after an addition cut short")
        #expect(cut.cache?.loaded == false)
        #expect(cut.cache?.reused == 0)
    }

    /// An entry of the index whose first source, the checked file itself, names a path (this
    /// program writes none there: it is the tree's root and the entry's path), or that has no
    /// sources at all, is refused with the whole file: a cache cannot make one file's check stand
    /// on another file's bytes, or on none.
    @Test func anEntryWhoseCheckedFileNamesAPathOrIsMissingIsRefused() {
        func file(sources: [String]) -> [UInt8] {
            var header = FactEncoder()
            header.raw(FactCache.magic)
            header.unsigned(FactCache.format)
            header.fixed(1)
            header.fixed(2)
            var listing = FactEncoder()
            listing.strings(["a.md"])
            header.unsigned(UInt64(listing.bytes.count))
            header.raw(listing.bytes)
            let check: [UInt8] = [0, 0]
            var index = FactEncoder()
            // No index before this one, and one entry.
            index.unsigned(0)
            index.unsigned(1)
            index.string("a.md")
            index.unsigned(UInt64(sources.count))
            for path in sources {
                index.string(path)
                index.int(3)
                index.int(4)
                index.int(5)
                index.unsigned(6)
                index.bool(true)
                index.fixed(7)
            }
            // No probes; the check right after the header, its first part one byte long.
            index.unsigned(0)
            index.unsigned(UInt64(header.bytes.count))
            index.unsigned(UInt64(check.count))
            index.unsigned(1)
            index.fixed(8)
            index.fixed(9)
            return header.bytes + check + index.bytes
                + FactCache.trailer(
                    header: header.bytes, index: index.bytes, indexOffset: header.bytes.count + check.count)
        }
        func entries(_ bytes: [UInt8]) -> Int? {
            let parsed = try? FactCache.parse(size: bytes.count) {
                $0.upperBound <= bytes.count ? Array(bytes[$0]) : nil
            }
            return parsed?.entries.count
        }
        #expect(entries(file(sources: [""])) == 1)
        #expect(entries(file(sources: ["", "/tree/includes/x.md"])) == 1)
        #expect(entries(file(sources: ["/elsewhere/b.md"])) == nil)
        #expect(entries(file(sources: ["/elsewhere/b.md", ""])) == nil)
        #expect(entries(file(sources: [])) == nil)
    }

    /// Where the index of the cache file at `path` starts, as its trailer says.
    /// Where each check of a cache file's bytes is, and how long its first part is.
    static func checks(in bytes: [UInt8]) throws -> [(path: String, range: Range<Int>, head: Int)] {
        let parsed = try FactCache.parse(size: bytes.count) { $0.upperBound <= bytes.count ? Array(bytes[$0]) : nil }
        return parsed.entries.values.compactMap { entry in
            guard case .loaded(let range, let parts) = entry.payload else { return nil }
            return (entry.path, range, parts.head)
        }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    static func indexOffset(of path: String) throws -> Int {
        let bytes = try FileReader.read(path)
        try #require(bytes.count >= 32)
        return bytes[(bytes.count - 24)..<(bytes.count - 16)].reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func aDamagedForeignOrConcurrentlyWrittenCacheIsNeverTrusted() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("FactCacheTests.damaged") else { return }
        let w = try Workspace(corpus: corpus)
        let reference = try w.run(cached: false).report
        _ = try w.run(cached: true)
        let file = w.cache.appendingPathComponent(try #require(w.cacheFiles.first)).path
        let good = try FileReader.read(file)

        // One byte changed in the index (or the header), the file cut short, another program's
        // file, empty: nothing of it is read.
        let indexOffset = try Self.indexOffset(of: file)
        var inIndex = good
        inIndex[(indexOffset + good.count) / 2] ^= 0x20
        var inHeader = good
        inHeader[20] ^= 0x01
        for damaged in [inIndex, inHeader, Array(good.prefix(good.count / 3)), Array("not a cache\n".utf8), []] {
            try Data(damaged).write(to: URL(fileURLWithPath: file))
            let run = try w.run(cached: true)
            #expect(Self.difference(run.report, reference) == nil)
            #expect(run.cache?.loaded == false)
            #expect(run.cache?.reused == 0)
        }
        // One byte changed in the first part of a file's check (what a run reads of every
        // check it reuses): that file is checked again, and the cache written whole, so that
        // the next run reuses every file.
        var inCheck = good
        let checks = try Self.checks(in: good)
        let some = try #require(checks.first { $0.head > 16 })
        inCheck[some.range.lowerBound + some.head / 2] ^= 0x20
        try Data(inCheck).write(to: URL(fileURLWithPath: file))
        let run = try w.run(cached: true)
        #expect(Self.difference(run.report, reference) == nil)
        #expect(run.cache?.loaded == true)
        #expect(run.cache?.checked == 1)
        let next = try w.run(cached: true)
        #expect(Self.difference(next.report, reference) == nil)
        #expect(next.cache?.checked == 0)
        #expect(try FileReader.read(file) != inCheck)

        // Two runs writing the cache at once: each reports what a run without it does, and the
        // cache they leave is whole.
        let reports = Mutex<[[UInt8]]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            if let run = try? w.run(cached: true) { reports.withLock { $0.append(run.report) } }
        }
        let both = reports.withLock { $0 }
        #expect(both.count == 2 && both.allSatisfy { Self.difference($0, reference) == nil })
        let after = try w.run(cached: true)
        #expect(Self.difference(after.report, reference) == nil)
        #expect(after.cache?.loaded == true)
        #expect(after.cache?.checked == 0)
    }

    /// The cache file is read once, then each entry again as it is reused: an entry changed in
    /// place in between (the same file, not a new one renamed over it) is checked anew, and the
    /// file the run leaves is whole.
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func aCacheChangedInPlaceDuringARunIsNotTrustedWhereItChanged() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("FactCacheTests.inPlace") else { return }
        let w = try Workspace(corpus: corpus)
        let reference = try w.run(cached: false).report
        _ = try w.run(cached: true)
        let file = w.cache.appendingPathComponent(try #require(w.cacheFiles.first)).path
        let size = try FileReader.read(file).count

        // Once the first file is done (the cache is read by then), bytes near the end, where the
        // entries of the last paths are, change in place.
        let changed = Mutex(false)
        let options = Validator.Options(
            jobs: 2, today: TreeFixture.today, cache: w.cache.path, toolVersion: "test")
        let result = try Validator(configuration: w.configuration, options: options) { _, _ in
            changed.withLock { done in
                guard !done else { return }
                done = true
                let fd = open(file, O_WRONLY)
                guard fd >= 0 else { return }
                for fraction in [0.8, 0.85, 0.9, 0.95] {
                    var byte: UInt8 = 0x5a
                    _ = pwrite(fd, &byte, 1, off_t(Double(size) * fraction))
                }
                close(fd)
            }
        }.run(root: w.tree.path)
        #expect(Self.difference(Workspace.report(result), reference) == nil)
        #expect(result.cache?.loaded == true)
        #expect((result.cache?.checked ?? 0) >= 1)
        #expect((result.cache?.reused ?? 0) > 0)

        // A byte that fell in steps or details no rule read left that check out of the file the
        // run wrote: the next run checks that file again, and the one after it reuses every file.
        let after = try w.run(cached: true)
        #expect(Self.difference(after.report, reference) == nil)
        #expect(after.cache?.loaded == true)
        #expect((after.cache?.checked ?? 99) <= 4)
        let last = try w.run(cached: true)
        #expect(Self.difference(last.report, reference) == nil)
        #expect(last.cache?.checked == 0)
    }

    /// A reused check's steps and details stay in the cache's file until a rule reads them, and
    /// are compared then with the hashes its first part gives. A run that meets them changed
    /// starts again without those checks, so that its report is an uncached run's; and the file
    /// it writes leaves out every check whose bytes no longer match, read or not.
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func stepsAndDetailsAreReadWhereARuleAsksAndDamageThereStartsTheRunAgain() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("FactCacheTests.lateDamage") else { return }
        let w = try Workspace(corpus: corpus)
        let reference = try w.run(cached: false).report
        _ = try w.run(cached: true)
        let file = w.cache.appendingPathComponent(try #require(w.cacheFiles.first)).path
        var bytes = try FileReader.read(file)

        // The last byte of every check with steps or details changed: the first parts are whole.
        var damaged = 0
        for check in try Self.checks(in: bytes) where check.head < check.range.count {
            bytes[check.range.upperBound - 1] ^= 0x20
            damaged += 1
        }
        #expect(damaged > 300)
        try Data(bytes).write(to: URL(fileURLWithPath: file))

        // Nothing changed: no rule reads steps or details, and every check is reused as it is.
        let quiet = try w.run(cached: true)
        #expect(Self.difference(quiet.report, reference) == nil)
        #expect(quiet.cache?.checked == 0)
        #expect(quiet.cache?.distrusted == 0)

        // A source edited: the rules that compare it with its translations read theirs, find them
        // damaged, and the run starts again without them.
        try w.append("\n<!-- edited -->\n", to: "en-us/hololens/hololens-kiosk.md")
        let edited = try w.compare("after an edit that reaches damaged checks")
        #expect((edited.cache?.distrusted ?? 0) >= 1)
        #expect((edited.cache?.reused ?? 0) > 0)
        // The file that run wrote holds only checks that match (a damaged one no rule read is
        // left out, and checked again by the next run): the runs after it meet no damage.
        let next = try w.compare("after the file was written again")
        #expect(next.cache?.distrusted == 0)
        let last = try w.compare("once every file was checked again")
        #expect(last.cache?.distrusted == 0)
        #expect(last.cache?.checked == 0)
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func theCacheStaysUnderItsLimit() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("FactCacheTests.limit") else { return }
        let w = try Workspace(corpus: corpus)
        let reference = try w.run(cached: false).report
        let small = try w.run(cached: true, limit: 64 << 10)
        #expect(Self.difference(small.report, reference) == nil)
        #expect(small.cache?.overLimit == true)
        #expect(w.cacheFiles.isEmpty)
        // Nor is the memo of the report kept: its texts would pass the limit.
        let reportFiles = ((try? FileManager.default.contentsOfDirectory(atPath: w.cache.path)) ?? []).filter {
            $0.hasPrefix("waymark-report-")
        }
        #expect(reportFiles.isEmpty, "\(reportFiles)")

        // Another tree's cache in the same folder: the least recently used goes.
        _ = try w.run(cached: true)
        let first = try #require(w.cacheFiles.first)
        let size = try #require(
            (try? FileManager.default.attributesOfItem(atPath: w.cache.appendingPathComponent(first).path))?[.size]
                as? Int)
        let other = w.dir.appendingPathComponent("other")
        try FileManager.default.copyItem(at: w.tree, to: other)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -3600)],
            ofItemAtPath: w.cache.appendingPathComponent(first).path)
        let options = Validator.Options(
            jobs: 2, today: TreeFixture.today, cache: w.cache.path, cacheLimit: size + size / 2, toolVersion: "test")
        _ = try Validator(configuration: w.configuration, options: options).run(root: other.path)
        #expect(w.cacheFiles.count == 1)
        #expect(w.cacheFiles.first != first)
    }
}

/// A worker's open folder answers for a file's stamp as `stat(2)` of its whole path does: in
/// one folder and the next and back, through a link, and for a file that is not there.
@Suite struct FactCacheFoldersTests {
    @Test func aNameLookedUpInItsFolderIsTheFileItsPathNames() throws {
        let root = NSTemporaryDirectory() + "waymark-folders-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["a", "b/c"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            for name in ["one.md", "two.md"] {
                try FileWriter.replace(root + "/\(folder)/\(name)", with: Array("\(folder) \(name)".utf8))
            }
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/a/link.md", withDestinationPath: "../b/c/one.md")
        let folders = FactCache.Folders()
        let paths = ["a/one.md", "b/c/two.md", "a/two.md", "a/link.md", "a/none.md", "b/c/one.md", "b/none/x.md"]
        for path in (paths + paths.reversed()).map({ root + "/" + $0 }) {
            var viaFolder = stat()
            var whole = stat()
            let looked = folders.look(path, &viaFolder)
            #expect(looked == stat(path, &whole), "\(path)")
            if looked == 0 {
                #expect(viaFolder.st_ino == whole.st_ino && viaFolder.st_size == whole.st_size, "\(path)")
            }
        }
    }
}
