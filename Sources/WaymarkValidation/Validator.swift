import Foundation
import Synchronization
import WaymarkContent
import WaymarkCore
import WaymarkLocalization

/// Runs the rule catalog over a documentation tree.
///
/// ```swift
/// let result = try Validator(configuration: config).run(root: "docs")
/// result.findings  // sorted by path and position, baseline applied by the caller
/// ```
///
/// Articles are parsed and checked in parallel, one at a time per worker; only their compact
/// `DocumentFacts` are kept for the cross-article rules, so memory grows with the number of
/// articles, not with their size.
public struct Validator: Sendable {
    public struct Options: Sendable {
        /// Worker threads; `nil`: one per processor.
        public var jobs: Int?
        /// The date `ms.date` may not be after; `nil`: today (UTC).
        public var today: CalendarDate?
        /// Keeps the parsed articles' facts, every list of findings (the result's too) and the tree's
        /// index until the process exits instead of freeing
        /// them when `run` and its caller return, for a command that reports and exits: freeing
        /// takes longer than reporting. (Compilers do the same on their way out.)
        public var keepsFactsUntilExit: Bool
        /// The fact cache's folder, `nil`: none.
        public var cache: String?
        /// The most the cache's folder may hold, in bytes.
        public var cacheLimit: Int
        /// Waymark's version, part of the cache's key (with the running program's size and time).
        public var toolVersion: String
        /// A git revision: report only findings in files changed since it and in the files that
        /// depend on them (the whole tree is still checked).
        public var changedSince: String?
        /// Whether the findings kept as bytes until the report (with `keepsFactsUntilExit`) keep the
        /// source line they start on (`Diagnostic.sourceLine`), for a report that shows it; without,
        /// a large tree's findings take megabytes less. Findings held whole always keep it.
        public var keepsSourceLines: Bool
        /// The most articles a run keeps every article's steps for as they are, not as bytes (in
        /// a temporary file with `keepsFactsUntilExit`): `Validator.smallTree`.
        public var keepsStepsDecodedUpTo: Int
        /// Where the run marks the end of each of its phases (`validate --timings`).
        public var timings: PhaseTimes?
        public init(
            jobs: Int? = nil, today: CalendarDate? = nil, keepsFactsUntilExit: Bool = false, cache: String? = nil,
            cacheLimit: Int = 1 << 30, toolVersion: String = "", changedSince: String? = nil,
            keepsSourceLines: Bool = true, keepsStepsDecodedUpTo: Int = Validator.smallTree, timings: PhaseTimes? = nil
        ) {
            self.timings = timings
            self.keepsSourceLines = keepsSourceLines
            self.keepsStepsDecodedUpTo = keepsStepsDecodedUpTo
            self.jobs = jobs
            self.today = today
            self.keepsFactsUntilExit = keepsFactsUntilExit
            self.cache = cache
            self.cacheLimit = cacheLimit
            self.toolVersion = toolVersion
            self.changedSince = changedSince
        }
    }

    public struct Result: Sendable {
        /// The findings in report order (the caller applies a baseline).
        public var list: FindingList
        /// `list` as an array.
        public var findings: [Diagnostic] { Array(list) }
        public var articlesChecked: Int
        public var root: String
        /// The tree's folder with symbolic links resolved: what names its files in a cache.
        public var absoluteRoot = ""
        /// How the fact cache was used, when there was one.
        public var cache: FactCacheStatistics?
        /// With `changedSince`: the files changed since the revision, and the files whose
        /// findings were reported (those and the files that depend on them).
        public var changedFiles: Int?
        public var reportedFiles: Int?
    }

    public var configuration: ValidationConfiguration
    public var options: Options
    /// Called from worker threads with (articles done, articles in all).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Files whose checks in the fact cache an earlier try of this run found damaged late
    /// (`FactCache.lateDamage`): not reused. `nil` after a second such try: nothing is.
    var distrusted: Set<String>? = []

    public init(
        configuration: ValidationConfiguration, options: Options = Options(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.options = options
        self.progress = progress
    }

    /// Validates the tree at `root` (a folder, or one article).
    public func run(root: String) throws(ValidationFailure) -> Result {
        // A memo a run before is still writing is this run's to read.
        Validator.finishWrites()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw ValidationFailure(text: .rootMissing, arguments: ["path": root])
        }
        // Tables every worker needs at once (cue files, cmark's extensions, rule ids) are made on
        // another thread while this one lists the tree.
        DispatchQueue.global().async { Validator.prepare() }
        let tree = isDirectory.boolValue ? root : (root as NSString).deletingLastPathComponent
        let only = isDirectory.boolValue ? nil : (root as NSString).lastPathComponent
        let display = Validator.displayRoot(tree)
        // With symbolic links resolved, as the parser resolves the paths of include files: a tree
        // reached through a linked folder must hold its includes, or their links would be checked
        // from outside it.
        let absoluteRoot = ArticleParser.absolute(tree)
        let layout = TreeLayout(configuration: configuration, treeRootAbsolute: absoluteRoot)
        // The cache file is read on another thread while the tree is listed.
        let preload = options.cache.map {
            FactCache.Preload(directory: $0, root: absoluteRoot, limit: options.cacheLimit)
        }

        // The docfx.json files, read as the tree is listed and parsed on another thread after it
        // (below): a large tree has one for each docset.
        var docfxFiles: [(String, Data)] = []
        var redirectionFiles: [(String, Data)] = []
        // The Markdown files, by their index in `listed`; which of them are articles is worked
        // out after the walk (or taken from the listing's memo).
        var markdown: [Int] = []
        let caching = options.cache != nil
        var listed: [String] = []
        // The files that every article's check may read: part of the cache's key.
        var treeWide: [(String, UInt64)] = []
        let cacheInTree = options.cache.flatMap { Validator.folderInTree($0, absoluteRoot: absoluteRoot) }
        Validator.enumerate(absoluteRoot, skipping: cacheInTree.map { [$0] } ?? []) { relative, data in
            listed.append(relative)
            if relative.hasSuffix(".openpublishing.redirection.json"), let data = data() {
                redirectionFiles.append((relative, data))
                if caching { treeWide.append((relative, FactCache.hash(Array(data)))) }
            }
            if relative == "docfx.json" || relative.hasSuffix("/docfx.json"), let data = data() {
                docfxFiles.append((relative, data))
                if caching { treeWide.append((relative, FactCache.hash(Array(data)))) }
            }
            guard TreePath.isMarkdown(relative) else { return }
            if let only, relative != only { return }
            markdown.append(listed.count - 1)
        }
        // A cached run of the whole tree whose walk gave the listing of the run before, with the
        // same configuration and docsets, takes the listing's order and its articles from the
        // memo of that run (`ListingMemo`).
        let listingMemo = options.cache.flatMap { folder -> (file: String, key: UInt64)? in
            guard only == nil else { return nil }
            var deciding = Hasher64()
            for (path, hash) in treeWide {
                deciding.mix(path)
                deciding.mix(hash)
            }
            return (
                ListingMemo.file(directory: folder, root: absoluteRoot),
                ListingMemo.key(listing: listed, deciding: [configuration.fingerprint, deciding.value])
            )
        }
        let remembered = listingMemo.flatMap { ListingMemo.read($0.file, key: $0.key, count: listed.count) }
        let docfxMade = DispatchGroup()
        let docfxParsed = Handoff<DocFXMetadata>()
        DispatchQueue.global().async(group: docfxMade) { [docfxFiles] in
            var docfx = DocFXMetadata()
            for (relative, data) in docfxFiles { docfx.add(json: data, at: relative) }
            docfxParsed.value = docfx
        }
        // The index of every file (and the redirections), made on another thread while this one
        // works out which files are articles, and the run's key.
        let indexing = DispatchGroup()
        let indexed = Handoff<FileIndex>()
        // And the sorted listing, for the cache, on a thread of its own: at once with the index,
        // not after it, on a large tree.
        let sortedListing = Handoff<[String]>()
        let listingOrder = Handoff<[Int]>()
        let ordering = DispatchGroup()
        DispatchQueue.global().async(group: indexing) { [listed] in
            var index = FileIndex(capacity: listed.count)
            for relative in listed { index.add(relative) }
            indexed.value = index
        }
        // The redirection files (JSON, the largest files a tree lists) at once with it.
        let redirections = Handoff<FileIndex.Redirections>()
        DispatchQueue.global().async(group: indexing) { [redirectionFiles] in
            var read = FileIndex.Redirections()
            for (relative, data) in redirectionFiles { read.add(json: data, at: relative) }
            redirections.value = read
        }
        // (What the fact cache is made with: waited for on its own, see below.)
        let listingSorted = DispatchGroup()
        if caching, let remembered {
            // The order the listing's memo gives, taken here: a task for it on another thread
            // waited behind the ones above for a thread to run on.
            listingOrder.value = remembered.order
            sortedListing.value = remembered.order.map { listed[$0] }
        } else if caching {
            ordering.enter()
            DispatchQueue.global().async(group: listingSorted) { [listed] in
                let order = TextOrder.indices(of: listed)
                listingOrder.value = order
                ordering.leave()
                sortedListing.value = order.map { listed[$0] }
            }
        }
        var articles: [Int] = remembered?.articles ?? []
        if remembered == nil {
            let ignore = configuration.ignore
            articles =
                ignore.isEmpty
                ? markdown : markdown.filter { index in !ignore.contains { TreePath.matches(listed[index], glob: $0) } }
        }
        // Where docfx.json files list their content, they decide what is an article: files beside
        // the docsets (a repository's README) and files a docset excludes are not checked, except
        // include files, which are checked as includes.
        if !docfxFiles.isEmpty, only == nil, remembered == nil,
            case let docfx = Validator.waited(docfxMade, docfxParsed), !docfx.isEmpty
        {
            let includeFolders = configuration.includeFolders
            // Globs for every file of a large tree: on every processor.
            let candidates = articles.map { listed[$0] }
            let excluded = ParallelSlices.map(count: candidates.count, sliceSize: 1024) { range in
                var lookups = DocFXMetadata.Lookups()
                return range.filter { index in
                    let relative = candidates[index]
                    return docfx.isArticle(relative, lookups: &lookups) == false
                        && !relative.utf8.split(separator: UInt8(ascii: "/")).dropLast().contains {
                            includeFolders.contains(String(Substring($0)))
                        }
                }
            }.flatMap { $0 }
            if !excluded.isEmpty {
                let dropped = Set(excluded)
                articles = articles.indices.filter { !dropped.contains($0) }.map { articles[$0] }
            }
        }
        let paths: [String]
        if let listingMemo {
            // The articles in the listing's order (sorted on the other thread meanwhile), and the
            // memo for the next run when it had none.
            ordering.wait()
            let memo = remembered ?? ListingMemo(order: listingOrder.value ?? [], articles: articles)
            paths = memo.sortedArticles(of: listed)
            if remembered == nil {
                Validator.pendingWrites.enter()
                DispatchQueue.global().async {
                    memo.write(to: listingMemo.file, key: listingMemo.key)
                    Validator.pendingWrites.leave()
                }
            }
        } else {
            paths = TextOrder.sorted(articles.map { listed[$0] })
        }
        // The set of them too, made while the glossary and bindings are read.
        let checkedPaths = Handoff<Set<String>>()
        DispatchQueue.global().async(group: indexing) { checkedPaths.value = Set(paths) }
        // A cached run of the whole tree keeps its corpus rules' findings for the next one, and
        // takes the previous run's where no change reaches (`CorpusMemo`). The memo is read and
        // checked on another thread from here, while this one waits for the files' index and the
        // fact cache: its key, known once the cache's is, decides after whether it is used.
        let memoFile =
            options.cache != nil && options.changedSince == nil && only == nil
            ? options.cache.map { CorpusMemo.file(directory: $0, root: absoluteRoot) } : nil
        let memoRead = MemoRead()
        if let memoFile {
            let limit = options.cacheLimit
            DispatchQueue.global().async(group: memoRead.done) {
                memoRead.memo = CorpusMemo.read(memoFile, key: nil, limit: limit)
            }
        }

        let (glossary, glossaryHash) = try loadGlossary()
        let (bindings, bindingDiagnostics, bindingsHash) = try loadBindings()
        let since = try options.changedSince.map { revision throws(ValidationFailure) in
            try Validator.changedFiles(since: revision, in: tree)
        }
        let changed = since?.files
        let today = options.today ?? Validator.todayUTC()
        let small = paths.count <= options.keepsStepsDecodedUpTo
        // The run's context, made once the files' index is, on another thread: a check taken from
        // the fact cache needs neither, so a cached run's workers start on them at once, and only
        // a file checked anew waits for it.
        let contextMade = DispatchGroup()
        let madeContext = Handoff<(context: ValidationContext, rules: [any DocumentRule.Type])>()
        DispatchQueue.global().async(group: contextMade) {
            indexing.wait()
            var files = indexed.value ?? FileIndex()
            files.docfx = Validator.waited(docfxMade, docfxParsed)
            if let read = redirections.value { files.add(read) }
            var made = ValidationContext(
                configuration: configuration, files: files, glossary: glossary, bindings: bindings,
                bindingDiagnostics: bindingDiagnostics, today: today, checkedPaths: checkedPaths.value ?? Set(paths),
                treeRoot: absoluteRoot)
            made.keepsStepsDecoded = small
            // The cross-locale findings of a tree in several locales name their source articles'
            // revisions: in a git work tree, it is opened while the articles are checked.
            if configuration.locales.count > 1, RuleCatalog.corpusRules.contains(where: { made.isOn($0) }) {
                made.revisions.prefetch()
            }
            madeContext.value = (made, RuleCatalog.documentRules.filter { made.isOn($0) })
        }
        listingSorted.wait()
        let cache = options.cache.map { folder in
            var key = Hasher64()
            key.mix(options.toolVersion)
            key.mix(Validator.programStamp)
            key.mix(configuration.fingerprint)
            key.mix(glossaryHash)
            key.mix(bindingsHash)
            key.mix(today.description)
            key.mix(display)
            for (path, hash) in treeWide.sorted(by: { $0.0 < $1.0 }) {
                key.mix(path)
                key.mix(hash)
            }
            return FactCache(
                directory: folder, limit: options.cacheLimit, key: key.value, root: absoluteRoot,
                listing: sortedListing.value ?? TextOrder.sorted(listed), checked: paths.count, preload: preload,
                distrusting: distrusted)
        }
        let rootPrefix = absoluteRoot.hasSuffix("/") ? absoluteRoot : absoluteRoot + "/"
        let displayPathOf: @Sendable (String) -> String = { path in
            // Tree-relative paths, and absolute ones under the root (includes), shown from the root as given.
            let relative = path.hasPrefix(rootPrefix) ? String(path.dropFirst(rootPrefix.count)) : path
            if relative.hasPrefix("/") { return relative }
            return display.isEmpty ? relative : display + "/" + relative
        }

        let parser = ArticleParser(options: ArticleParser.Options(root: absoluteRoot, cachesIncludes: true))
        let collected = ParallelCollector<CheckedFile>(count: paths.count)
        let jobs = max(1, min(options.jobs ?? ProcessInfo.processInfo.activeProcessorCount, paths.count))
        let progress = self.progress
        // For a command that reports and exits, the findings wait for the report as bytes: a
        // run's peak is then at the end of the parse and while the corpus rules run, with every
        // article's facts in memory (they are let go before the merge, below).
        let spills = options.keepsFactsUntilExit
        // And so do the articles' steps, in a temporary file (kept in memory if none can be made),
        // but in a small tree's run, which keeps them as they are.
        let stepSpill = spills && !small ? StepSpill() : nil
        let keepsLines = options.keepsSourceLines
        // With --changed-since and no cache, a first pass gathers every article's facts and runs
        // no document rule: the files whose findings are reported are known once the facts are,
        // and only they are checked again with the rules (below), unless they may be most of the
        // tree. (A cache keeps each file's findings with its facts, so with one every file is
        // checked whole.)
        // (Without a cache, every file is: the context first.)
        if cache == nil { contextMade.wait() }
        let defersRules =
            cache == nil
            && since.map {
                !Validator.checksEveryFileWhole(since: $0, articles: paths.count, context: madeContext.value!.context)
            } ?? false
        let timings = options.timings
        // A run without the corpus memo counts the links the localization pipeline adds over
        // every article's links: it reads them with each reused check's first part.
        let readsLinks = memoFile == nil
        timings?.mark(.listing)
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            let worker = cache.map { _ in FactCache.Worker() }
            defer { if let worker { cache?.finish(worker) } }
            while let index = collected.next() {
                let relative = paths[index]
                // Made in its slot: a check copied into it would count its references up and down.
                collected.fill(at: index) { result in
                    result =
                        cache?.reuse(
                            relative, number: index, stepSpill: stepSpill,
                            findingsKeepLines: spills ? keepsLines : nil, worker: worker, readsLinks: readsLinks)
                        ?? {
                            contextMade.wait()
                            let (context, documentRules) = madeContext.value!
                            return Validator.check(
                                relative, absoluteRoot: absoluteRoot, layout: layout, parser: parser,
                                context: context, rules: defersRules ? [] : documentRules,
                                displayPathOf: displayPathOf, cache: cache.map { ($0, index) },
                                recordsTargets: cache != nil || changed != nil, stepSpill: stepSpill)
                        }()
                    if defersRules { result?.findings = [] }
                    if spills { result?.spillFindings(keepsLines: keepsLines) }
                }
                progress?(collected.finished, paths.count)
            }
        }
        cache?.endReuse()
        contextMade.wait()
        let (context, documentRules) = madeContext.value!
        let keepsMemoLines = !options.keepsFactsUntilExit || options.keepsSourceLines
        let memoKey =
            memoFile != nil ? Validator.memoKey(cache: cache, context: context, keepsLines: keepsMemoLines) : 0
        timings?.mark(.checking)
        // Each file's check hash, in `paths`' order, for the memo.
        let checkHashes = memoFile != nil ? cache?.checks : nil
        memoRead.done.wait()
        let memo = memoRead.memo.flatMap { $0.key == memoKey ? $0 : nil }

        var findings: [Diagnostic] = []
        var facts: [DocumentFacts] = []
        var includers = Includers()
        // Each list of findings is dropped once it is in the run's: a run's memory holds each
        // finding once (and the lists of a large tree's findings are tens of megabytes each).
        var checked = collected.take()
        var spilledFiles: [SpilledFindings] = []
        if spills {
            spilledFiles.reserveCapacity(checked.count)
        } else {
            findings.reserveCapacity(checked.reduce(0) { $0 + ($1?.findings.count ?? 0) } + 4096)
        }
        facts.reserveCapacity(paths.count)
        // Each check read and changed where it is, its findings moved on: a copy of a check (even
        // one moved out and back) counts every one of its references up and down again, tens of
        // thousands of times on one thread.
        checked.withUnsafeMutableBufferPointer { slots in
            for index in slots.indices where slots[index] != nil {
                if !slots[index]!.findings.isEmpty {
                    findings += slots[index]!.findings
                    slots[index]!.findings = []
                }
                if let spilled = slots[index]!.spilled.take() { spilledFiles.append(spilled) }
                if let f = slots[index]!.facts { facts.append(f) }
                if !slots[index]!.includes.isEmpty { includers.add(slots[index]!.includes) }
            }
        }
        if !includers.isEmpty, !spills { includers.annotate(&findings, displayPathOf: displayPathOf) }
        // The paths of the articles' findings read and hashed for the merge on another thread,
        // while this one gathers the corpus facts and runs the corpus rules (on a large tree, one
        // processor had nothing else to do then, and the merge waited for them after).
        let articleRuns = Handoff<[[MergedFindings.PathRun]]>()
        let runsMade = DispatchGroup()
        if spills {
            DispatchQueue.global().async(group: runsMade) { [spilledFiles] in
                articleRuns.value = spilledFiles.map { MergedFindings.pathRuns(of: $0) }
            }
        }
        // What each file's check left beside its facts (includes, link targets) is read again only
        // to find the files that depend on changed ones.
        if changed == nil, memo == nil { checked = [] }
        // Every article is parsed: what the includes parsed to is not needed by the rules to come
        // (the articles that include them hold what they use), and the peak is still ahead.
        parser.releaseIncludes()
        // And no more facts are made: the strings they share are theirs to keep.
        context.interned.removeAll()
        // The articles' findings are sorted on another thread while this one gathers the corpus
        // facts and, with the rest, runs the corpus rules.
        // Handed over whole (not captured), so that it is sorted in place.
        let sortedArticleFindings = Mutex<[Diagnostic]>(consume findings)
        let sorting = DispatchGroup()
        if !spills {
            DispatchQueue.global().async(group: sorting) {
                var list: [Diagnostic] = []
                sortedArticleFindings.withLock { swap(&list, &$0) }
                let sorted = Validator.deduplicated(consume list)
                sortedArticleFindings.withLock { $0 = sorted }
            }
        }
        // With the memo: the files whose checks changed since it was made. When they link where
        // they did, the links the localization pipeline adds are the memo's, not counted again.
        let memoChanges = memo.flatMap { memo in
            cache.flatMap { Validator.changes(since: memo, cache: $0, checks: checkHashes, paths: paths) }
        }
        let knownPipeline = memoChanges.flatMap { changes in
            Validator.linksAsBefore(changes, checked: checked, paths: paths) ? memo?.pipelineLinks : nil
        }
        var gathered = CorpusFacts(
            documents: facts, sourceLocale: configuration.sourceLocale,
            configuredLocales: configuration.locales.map(\.locale), pipelineLinks: knownPipeline)
        // With --changed-since, what the run reports is known now, from the facts: the comparisons
        // of a source with its translations, and the other rules that report in one key's
        // articles at a time, look only where they can report in those files (the rest of the
        // tree still answers every question the rules ask of it).
        let reported = since.map { since in
            Validator.reported(
                since: since, checked: checked, paths: paths, corpus: gathered, parser: parser, layout: layout,
                context: context, absoluteRoot: absoluteRoot, displayPathOf: displayPathOf)
        }
        // With the memo: the files whose checks changed since it was made, and what they reach.
        let corpusPipeline = gathered.pipelineLinks
        let gatheredHash = memoFile != nil ? CorpusMemo.treeWideHash(pipelineLinks: corpusPipeline) : 0
        let memoReach = memo.flatMap { memo in
            memoChanges.flatMap { changes in
                Validator.reached(
                    since: memo, changes: changes, checked: checked, paths: paths, treeWide: gatheredHash,
                    corpus: gathered, parser: parser, layout: layout, context: context, absoluteRoot: absoluteRoot,
                    displayPathOf: displayPathOf)
            }
        }
        let pairKeys =
            (reported?.files ?? memoReach?.files).map { gathered.keys(reaching: $0, root: absoluteRoot) }
            ?? Array(gathered.keys.indices)
        // Without a cache the per-article rules have not run: the reported files are checked
        // again with them.
        var recheckedFindings: [Diagnostic] = []
        if defersRules, let reported {
            let again = Validator.checkedAgain(
                reported.files, checked: checked, paths: paths, absoluteRoot: absoluteRoot, layout: layout,
                parser: parser, context: context, rules: documentRules, displayPathOf: displayPathOf, jobs: jobs)
            for item in again {
                if spills {
                    if let spilled = item.spillingFindings(keepsLines: keepsLines).spilled {
                        spilledFiles.append(spilled)
                    }
                } else {
                    recheckedFindings += item.findings
                }
            }
            if !includers.isEmpty, !spills { includers.annotate(&recheckedFindings, displayPathOf: displayPathOf) }
            recheckedFindings = Validator.deduplicated(recheckedFindings)
        }
        if reported != nil || memoReach != nil { gathered.report(onlyKeys: pairKeys) }
        let corpus = consume gathered
        // A run that took nearly every check from the cache keeps what they left to the end, as
        // it does its findings: what reused files' facts and checks hold is mostly bytes (their
        // parts decoded where a rule reads them), about 15 MB at 16x, and freeing tens of
        // thousands of them held up the merge. A run that checked more files lets go of them
        // first, since the memory they take grows with what it checked.
        let keepsReused = cache.map { $0.reusedCount * 20 >= paths.count * 19 } ?? false
        if !keepsReused { checked = [] }
        // The memo's findings of the files no change reached, put together on another thread
        // while the corpus rules run, with the runs of their paths for the merge (on one processor
        // after the rules, they held up the merge).
        let keptMade = DispatchGroup()
        let kept = Handoff<(groups: [CorpusMemo.Group], list: SpilledFindings, runs: [MergedFindings.PathRun])>()
        if let memo, let memoReach {
            DispatchQueue.global().async(group: keptMade) {
                let groups = CorpusMemo.groups(of: memo, notIn: memoReach.shown)
                let list = memo.list(of: groups)
                kept.value = (groups, list, spills ? CorpusMemo.runs(of: groups) : [])
            }
        }
        // Nothing changed since the memo: no corpus rule has anything to say that it does not hold.
        let memoHoldsAll = memoReach.map { $0.shown.isEmpty && $0.files.isEmpty } ?? false
        let corpusRules = memoHoldsAll ? [] : RuleCatalog.corpusRules.filter { context.isOn($0) }
        let onlyPaths = memoReach?.shown
        let pairRules = corpusRules.compactMap { $0.asPairRule }
        let otherRules = corpusRules.filter { $0.asPairRule == nil }
        // The rules that compare steps across locales, all together over one source article and
        // its translations at a time, their steps decoded and aligned once: runs of the source
        // articles of about the same work, each rule's findings of a run sorted on their own (the
        // merge below makes of a rule's runs what sorting them together would). Sixteen runs at
        // most: each gives the merge one more list a rule (one more every 256 findings).
        // A rule's findings kept as bytes every few hundred, when they are spilled at all: the
        // lists cost the merge little (it reads keys, not findings), held findings cost memory.
        let spillingAt = spills ? 256 : 0
        let processors = ProcessInfo.processInfo.activeProcessorCount
        let pairWork = pairRules.isEmpty ? [] : pairKeys.map { corpus.pairWork(key: $0) }
        let pairRuns = ParallelSlices.cut(work: pairWork, into: min(16, 4 * processors))
        let runWork = pairRuns.map { pairWork[$0].reduce(0, +) }
        // The other rules are independent of each other and of those: one job each, in the same
        // pool as the runs, started first (one of them can be as long as several runs); the runs
        // after them, the longest first, so that the processors end together.
        let runOrder = pairRuns.indices.sorted { runWork[$0] > runWork[$1] }
        let jobCount = otherRules.count + pairRuns.count
        let order = Array(pairRuns.count..<jobCount) + runOrder
        timings?.mark(.gathering)
        let corpusFound = ParallelSlices.run(jobs: jobCount, order: order) { job -> [RuleFindings] in
            guard job < pairRuns.count else {
                var sink = CorpusFindingSink(
                    severities: context.severities, displayPathOf: displayPathOf, spillingAt: spillingAt,
                    keepsLines: keepsLines)
                sink.onlyPaths = onlyPaths
                otherRules[job - pairRuns.count].check(corpus, context, &sink)
                return RuleFindings.taken(from: &sink, spills: spills)
            }
            var sinks = pairRules.map { _ in
                var sink = CorpusFindingSink(
                    severities: context.severities, displayPathOf: displayPathOf, spillingAt: spillingAt,
                    keepsLines: keepsLines)
                sink.onlyPaths = onlyPaths
                return sink
            }
            corpus.forEachAlignedPair(keys: pairKeys[pairRuns[job]]) { pair in
                for index in pairRules.indices { pairRules[index].check(pair, corpus, context, &sinks[index]) }
            }
            return sinks.indices.flatMap { index in RuleFindings.taken(from: &sinks[index], spills: spills) }
        }.flatMap { $0 }
        timings?.mark(.corpusRules)
        // Every rule has read what it reads. When some of it was a reused check's steps or
        // details that no longer match their hash, nothing of this try is reported or kept: the
        // run starts again without those checks (once; a second time, without the cache's).
        if let cache, case let damaged = cache.lateDamage(), !damaged.isEmpty {
            var again = self
            again.distrusted = distrusted.flatMap { $0.isEmpty ? damaged : nil }
            // (Each try adds the files it met damaged: a try after it counted its own.)
            var result = try again.run(root: root)
            result.cache?.distrusted += damaged.count
            return result
        }
        // Nothing reads the facts again: they are freed on another thread while the cache is
        // written and the findings merged and reported, which read the findings' own bytes and
        // strings and hold a few slices of the report at a time: the facts go as the run's memory
        // would otherwise grow. (Freeing is work the process would otherwise skip at exit; a run
        // that reused nearly every check skips it, above.)
        var corpusKept: CorpusFacts? = consume corpus
        if options.keepsFactsUntilExit, !keepsReused {
            facts = []
            let box = Handoff(corpusKept.take())
            DispatchQueue.global().async { box.value = nil }
        }
        // The memo's findings of the files no change reached, and the next run's memo.
        keptMade.wait()
        let keptGroups = kept.value?.groups
        let memoKept = kept.value?.list
        // Written on another thread while the findings are merged and reported (a later run, and
        // the command before it exits, wait for it).
        if let memoFile, cache != nil {
            let (fresh, checks, limit) = (corpusFound.map { $0.spilledList() }, checkHashes, options.cacheLimit)
            let pipelineLinks = corpusPipeline
            Validator.pendingWrites.enter()
            DispatchQueue.global().async {
                Validator.saveMemo(
                    memoFile, key: memoKey, previous: memo, reach: memoReach, kept: keptGroups, fresh: fresh,
                    checks: checks, paths: paths, pipelineLinks: pipelineLinks, limit: limit)
                Validator.pendingWrites.leave()
            }
        }
        cache?.save()
        sorting.wait()
        let list: FindingList
        if spills {
            // Every list read in place: the articles' (each sorted on its own, given the notes of
            // the places that include a file when read) and the corpus rules'.
            let notes = includers.isEmpty ? [:] : includers.notesByDisplayPath(displayPathOf: displayPathOf)
            let articleLists = spilledFiles.count
            spilledFiles += corpusFound.map { $0.spilledList() }
            if let memoKept { spilledFiles.append(memoKept) }
            runsMade.wait()
            list = FindingList(
                MergedFindings(
                    lists: spilledFiles, annotated: articleLists, notes: notes, runsOfFirst: articleRuns.value ?? [],
                    runsOfLast: memoKept != nil ? kept.value?.runs : nil))
            spilledFiles = []
        } else {
            var sorted: [Diagnostic] = []
            sortedArticleFindings.withLock { swap(&sorted, &$0) }
            // The corpus rules' lists read back on every processor.
            let read = ParallelSlices.map(count: corpusFound.count, sliceSize: 1) { range in
                range.map { corpusFound[$0].findings() }
            }.flatMap { $0 }
            list = FindingList(
                Validator.merged([consume sorted, recheckedFindings] + read + [memoKept?.findings() ?? []]))
        }
        timings?.mark(.merging)
        var result = Result(list: list, articlesChecked: paths.count, root: display, cache: cache?.statistics)
        result.absoluteRoot = absoluteRoot
        if let memoReach, let keptGroups {
            // What the memo gave: the findings of files no change reached; and the files whose
            // cross-locale findings were made again.
            result.cache?.crossLocaleReused = keptGroups.count
            result.cache?.crossLocaleReached = memoReach.shown.count
        }
        if let since, let reported {
            result.list = result.list.keeping(paths: reported.shown)
            result.changedFiles = since.files.count
            result.reportedFiles = reported.count
        }
        if options.keepsFactsUntilExit {
            let checked = consume checked
            Validator.keptUntilExit.withLock {
                // The findings too (the lists of bytes they are read from, or the merged array):
                // the command drops its copy once the report is out. And the tree's index, the
                // cache's tables and the memo read (tens of thousands of strings each at 16x).
                $0.append((checked, corpusKept, consume facts, result.list, context, paths))
                $0.append((cache, memo, memoKept, memoReach, listed))
            }
        }
        return result
    }

    /// The most articles a run keeps every article's steps for as they are, not as bytes: a
    /// product's docs in three languages (HoloLens' 342, Customer Insights' 418) rather than a
    /// large tree, where the bytes are a third of what the facts hold at the run's peak.
    public static let smallTree = 1_000

    /// Makes the process-wide tables that the first article would otherwise wait for: a command
    /// that is about to validate may start this on another thread as early as it can (a run
    /// starts it too; the second waits for the first).
    public static func prepare() {
        ArticleParser.prepare()
        _ = RuleCatalog.ids
        _ = RuleCatalog.messageKeys
    }

    private static let keptUntilExit = Mutex<[any Sendable]>([])

    /// Files a run goes on writing after it returns (`CorpusMemo`).
    private static let pendingWrites = DispatchGroup()

    /// Waits for the files runs go on writing after they return: a command calls this before it
    /// exits (each run calls it first).
    public static func finishWrites() { pendingWrites.wait() }

    /// Parses one article, runs the document rules and keeps its facts; with `cache`, records the
    /// check there as the file of that number among the run's checked files.
    static func check(
        _ relative: String, absoluteRoot: String, layout: TreeLayout, parser: ArticleParser,
        context: ValidationContext, rules: [any DocumentRule.Type],
        displayPathOf: @escaping @Sendable (String) -> String, cache: (FactCache, number: Int)? = nil,
        recordsTargets: Bool = false, stepSpill: StepSpill? = nil
    ) -> CheckedFile {
        let absolute = absoluteRoot + "/" + relative
        let article: Article
        let text: String
        do {
            let stamp = cache.flatMap { FactCache.Stamp.of(absolute, runStart: $0.0.runStart) }
            guard let bytes = try Validator.read(absolute, limit: parser.options.maximumFileSize) else {
                let a = try parser.parse(fileAt: absolute)
                (article, text) = (a, "")
                return finish()
            }
            (article, text) = parser.parseKeepingText(bytes: bytes, path: absolute)
            let result = finish()
            if let cache, let stamp {
                let prefix = absoluteRoot + "/"
                var probes = Set(result.targets.all.map(\.latinLowercased))
                for directive in result.includes where directive.included.hasPrefix(prefix) {
                    probes.insert(String(directive.included.dropFirst(prefix.count)).latinLowercased)
                }
                if Includers.hasUnresolved(in: article) { probes.insert("*") }
                cache.0.record(
                    relative, number: cache.number, stamp: stamp, bytes: bytes, result: result,
                    includes: Array(Set(result.includes.map(\.included))).sorted(),
                    probes: TextOrder.sorted(Array(probes)))
            }
            return result
        } catch {
            var sink = FindingSink(
                document: ValidationDocument(
                    displayPath: displayPathOf(relative), treePath: relative, locale: "", localeRoot: "", key: relative,
                    isSource: false, localeKnown: false,
                    article: Article(path: absolute, locale: nil, frontMatter: FrontMatter(), blocks: [], title: nil),
                    text: "", treeRoot: absoluteRoot),
                severities: context.severities, displayPathOf: displayPathOf)
            sink.report(
                ParseProblem.self, "unreadable", at: SourceRange?.none, file: nil, ["reason": "\(error)"],
                severity: Severity.error)
            return CheckedFile(facts: nil, findings: sink.findings, includes: [])
        }

        func finish() -> CheckedFile {
            let place = layout.place(relative, article: article)
            var document = ValidationDocument(
                displayPath: displayPathOf(relative), treePath: relative, locale: place.locale,
                localeRoot: place.localeRoot, key: place.key,
                isSource: place.locale == context.configuration.sourceLocale,
                isInclude: relative.utf8.split(separator: UInt8(ascii: "/")).dropLast().contains {
                    context.configuration.includeFolders.contains(String(Substring($0)))
                },
                localeKnown: place.known, article: article, text: text, treeRoot: absoluteRoot)
            if !context.files.docfx.isEmpty, !document.isInclude {
                document.supplied = context.files.docfx.supplied(for: relative)
            }
            document.checkedLinks = LinkCheck.classifyAll(document, files: context.files)
            var sink = FindingSink(
                document: document, severities: context.severities, displayPathOf: displayPathOf,
                checkedOnItsOwn: { context.isCheckedOnItsOwn($0, treeRoot: absoluteRoot) })
            for rule in rules { rule.check(document, context, &sink) }
            // Where links lead, for the cache and for --changed-since only.
            var targets = Set<String>()
            for checked in document.checkedLinks where recordsTargets {
                guard case .relative(let path, _) = checked.reference.parsed,
                    let resolved = document.resolve(path, in: checked.reference.file)
                else { continue }
                targets.insert(resolved)
            }
            let includes = Includers.directives(in: article, path: absolute)
            return CheckedFile(
                facts: document.isInclude
                    ? nil
                    : DocumentFacts.make(
                        document, context: context, spill: stepSpill,
                        includes: Array(Set(includes.map(\.included))).sorted()),
                findings: sink.findings, includes: includes, targets: EncodedStrings(TextOrder.sorted(Array(targets))))
        }
    }

    /// The file's bytes, or `nil` when it is over `limit` (the parser then reports its size).
    private static func read(_ path: String, limit: Int) throws -> [UInt8]? {
        do {
            return try FileReader.read(path, limit: limit)
        } catch {
            if case .tooLarge = error { return nil }
            throw ContentError.unreadable(path: path, reason: error.description)
        }
    }

    /// Walks the tree without following symbolic links to folders; `data` reads a file on demand.
    /// Lists the files under `root` (tree paths), with a way to read each. A `.git` folder is not
    /// entered (a repository's own store is no page of it, and a work tree's holds thousands of
    /// files), nor the folders of `skipping` (tree paths: the fact cache's, when it lies in the tree;
    /// its files change with every run).
    static func enumerate(_ root: String, skipping: Set<String> = [], _ body: (String, () -> Data?) -> Void) {
        func entering(_ folder: String) -> Bool {
            !(folder == ".git" || folder.hasSuffix("/.git")) && (skipping.isEmpty || !skipping.contains(folder))
        }
        TreeWalker.files(under: root, entering: entering) { relative in
            body(relative, { FileManager.default.contents(atPath: root + "/" + relative) })
        }
    }

    /// The tree path of `folder` (as given, relative to the working folder or absolute) when it
    /// lies in the tree at `absoluteRoot` (symbolic links resolved), for `enumerate`'s `skipping`.
    static func folderInTree(_ folder: String, absoluteRoot: String) -> String? {
        let absolute = ArticleParser.absolute(folder)
        let prefix = absoluteRoot.hasSuffix("/") ? absoluteRoot : absoluteRoot + "/"
        guard absolute.hasPrefix(prefix), absolute.utf8.count > prefix.utf8.count else { return nil }
        var relative = String(absolute.dropFirst(prefix.count))
        while relative.hasSuffix("/") { relative.removeLast() }
        return relative.isEmpty ? nil : relative
    }

    static func displayRoot(_ tree: String) -> String {
        var t = tree
        while t.hasSuffix("/"), t.count > 1 { t.removeLast() }
        if t == "." { return "" }
        if t.hasPrefix("./") { t.removeFirst(2) }
        return t
    }

    /// Today in UTC, from the clock's seconds (Foundation's calendar costs the start of every run
    /// half a millisecond of time zone and ICU set-up for the same answer).
    static func todayUTC() -> CalendarDate {
        let seconds = Int(time(nil))
        return CalendarDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    private func loadGlossary() throws(ValidationFailure) -> (Glossary?, UInt64) {
        let path: String
        if let configured = configuration.glossary {
            path = Validator.resolve(configured, against: configuration.directory)
        } else if let folder = ResourceLocator.directory(
            named: "Resources", containing: "Glossary", environmentKey: "WAYMARK_RESOURCES")
        {
            path = folder.appendingPathComponent("Glossary/partner-center.tbx").path
        } else {
            return (nil, 0)
        }
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(path)
        } catch {
            throw ValidationFailure(text: .glossaryUnreadable, arguments: ["path": path, "reason": error.description])
        }
        do {
            return (try Glossary.read(bytes, path: path), FactCache.hash(bytes))
        } catch {
            throw ValidationFailure(text: .glossaryUnreadable, arguments: ["path": path, "reason": "\(error)"])
        }
    }

    private func loadBindings() throws(ValidationFailure) -> (
        [(binding: ProcedureBinding, displayPath: String)], [Diagnostic], UInt64
    ) {
        guard let folder = configuration.bindings else { return ([], [], 0) }
        let dir = Validator.resolve(folder, against: configuration.directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationFailure(text: .rootMissing, arguments: ["path": dir])
        }
        var bindings: [(binding: ProcedureBinding, displayPath: String)] = []
        var diagnostics: [Diagnostic] = []
        var paths: [String] = []
        Validator.enumerate(dir) { relative, _ in
            if relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") { paths.append(relative) }
        }
        var hash = Hasher64()
        for relative in paths.sorted() {
            let path = Validator.displayRoot(dir) + "/" + relative
            let (binding, problems) = BindingLoader.read(path: path)
            diagnostics += problems
            if let binding { bindings.append((binding, path)) }
            if options.cache != nil {
                hash.mix(path)
                hash.mix(FactCache.hash((try? FileReader.read(path)) ?? []))
            }
        }
        return (bindings, diagnostics, hash.value)
    }

    static func resolve(_ path: String, against directory: String?) -> String {
        if path.hasPrefix("/") { return path }
        guard let directory, !directory.isEmpty else { return path }
        return directory + "/" + path
    }
}

/// One list of a run's sorted findings: as found, or kept as bytes until the merge.
private enum RuleFindings: Sendable {
    case kept([Diagnostic])
    case spilled(SpilledFindings)

    /// What a sink collected, as lists for the merge: each sorted and deduplicated, in the order
    /// they were made.
    static func taken(from sink: inout CorpusFindingSink, spills: Bool) -> [RuleFindings] {
        if spills { return sink.takeSpilled().map { .spilled($0) } }
        return [.kept(Validator.deduplicated(sink.takeFindings()))]
    }

    func findings() -> [Diagnostic] {
        switch self {
        case .kept(let list): list
        case .spilled(let spilled): spilled.findings()
        }
    }

    /// The list as bytes.
    func spilledList() -> SpilledFindings {
        switch self {
        case .kept(let list): SpilledFindings(list)
        case .spilled(let spilled): spilled
        }
    }
}

/// A value handed from one thread to another: made there and read here once its group is
/// waited for, or the only reference to what that thread lets go of. Unchecked: one thread at a
/// time touches it.
final class Handoff<Value>: @unchecked Sendable {
    var value: Value?
    init(_ value: Value? = nil) { self.value = value }
}

/// A run that cannot start: a missing root, an unreadable glossary or file.
public struct ValidationFailure: Error, Sendable, Hashable {
    public var text: ValidationText
    public var arguments: [String: String]
}

extension Validator {
    /// The docfx.json files' metadata once parsed (`run`).
    fileprivate static func waited(_ group: DispatchGroup, _ parsed: Handoff<DocFXMetadata>) -> DocFXMetadata {
        group.wait()
        return parsed.value ?? DocFXMetadata()
    }
}

/// The memo read on another thread while the files are checked: set before `done` is left, read
/// after it is waited for.
private final class MemoRead: @unchecked Sendable {
    let done = DispatchGroup()
    var memo: CorpusMemo?
}
