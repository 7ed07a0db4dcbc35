import Foundation
import WaymarkContent
import WaymarkCore

extension Validator {
    /// The tree-relative paths under `tree` that differ between `revision` and the work tree:
    /// changed, added (untracked too) or deleted; those among them that were added or deleted;
    /// and the commit `revision` names.
    static func changedFiles(since revision: String, in tree: String) throws(ValidationFailure) -> (
        files: Set<String>, addedOrDeleted: Set<String>, commit: String
    ) {
        let folder = tree.isEmpty ? "." : tree
        guard GitTree.hasGitAbove(folder), GitTree.run(["-C", folder, "rev-parse", "--show-toplevel"]) != nil else {
            throw ValidationFailure(text: .changedSinceNoGit, arguments: ["path": folder])
        }
        // Verified first, and then named by its hash: a revision that looks like an option is
        // never read as one.
        guard
            let commit = GitTree.run([
                "-C", folder, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}",
            ]).map({ String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }),
            !commit.isEmpty
        else {
            throw ValidationFailure(text: .changedSinceUnknown, arguments: ["revision": revision, "path": folder])
        }
        guard
            let diff = GitTree.run([
                "-C", folder, "diff", "--name-status", "-z", "--no-renames", "--relative", commit, "--",
            ]),
            let untracked = GitTree.run(["-C", folder, "ls-files", "-z", "--others", "--exclude-standard"])
        else {
            throw ValidationFailure(text: .changedSinceUnknown, arguments: ["revision": revision, "path": folder])
        }
        var changed: Set<String> = []
        var addedOrDeleted: Set<String> = []
        // `STATUS NUL PATH NUL` for each file.
        let fields = diff.split(separator: 0, omittingEmptySubsequences: false)
        var index = 0
        while index + 1 < fields.count {
            let (status, path) = (fields[index].first, String(decoding: fields[index + 1], as: UTF8.self))
            index += 2
            guard !path.isEmpty else { continue }
            changed.insert(path)
            if status == UInt8(ascii: "A") || status == UInt8(ascii: "D") { addedOrDeleted.insert(path) }
        }
        for entry in untracked.split(separator: 0) where !entry.isEmpty {
            let path = String(decoding: entry, as: UTF8.self)
            changed.insert(path)
            addedOrDeleted.insert(path)
        }
        return (changed, addedOrDeleted, commit)
    }

    /// What a run with `--changed-since` reports: the display paths whose findings it shows (the
    /// files that depend on the changes, the articles Turkish evidence reaches, those a changed
    /// redirection reaches, every file when what they all answer to changed, and the bindings
    /// reached), how many files those are, and the files of the tree among them (tree paths).
    ///
    /// With `previous` (a cached run's memo of the corpus rules), the files changed are those
    /// whose checks differ from a previous run's, and `previous` holds those checks, which stand
    /// for the revision: the files read by every check (configuration, glossary, bindings,
    /// docfx.json, redirections) and the tree's listing are then part of the memo's key, the same.
    static func reported(
        since: (files: Set<String>, addedOrDeleted: Set<String>, commit: String), checked: [CheckedFile?],
        paths: [String], corpus: CorpusFacts, parser: ArticleParser, layout: TreeLayout, context: ValidationContext,
        absoluteRoot: String, displayPathOf: (String) -> String, previous: [String: CheckedFile]? = nil
    ) -> (shown: Set<String>, count: Int, files: Set<String>) {
        let changed = since.files
        var (files, keys) = dependents(
            of: changed, checked: checked, paths: paths, corpus: corpus, layout: layout, absoluteRoot: absoluteRoot)
        if context.isOn(TurkishDotlessCapitalI.self) {
            files.formUnion(
                weighingTurkishEvidence(
                    of: changed, at: since.commit, corpus: corpus, parser: parser, layout: layout, context: context,
                    absoluteRoot: absoluteRoot, previous: previous))
        }
        files.formUnion(
            includedBy(
                changed, at: since.commit, checked: checked, paths: paths, parser: parser, context: context,
                absoluteRoot: absoluteRoot, previous: previous))
        if previous == nil {
            files.formUnion(
                redirectionsReached(
                    changed, at: since.commit, checked: checked, paths: paths, context: context,
                    absoluteRoot: absoluteRoot))
        }
        if changedEverywhere(
            changed, addedOrDeleted: since.addedOrDeleted, at: since.commit, context: context, corpus: corpus,
            layout: layout, treeWideFilesKnown: previous != nil)
        {
            files.formUnion(paths)
            keys.formUnion(corpus.keys)
        }
        // And the binding files (outside the tree, or in it), named as their findings name them.
        let bindings = bindingsReached(
            keys: keys, at: since.commit, context: context, bindingFilesKnown: previous != nil)
        let articles = files.filter(context.checkedPaths.contains)
        return (
            Set(files.map(displayPathOf)).union(bindings),
            articles.count + bindings.subtracting(articles.map(displayPathOf)).count,
            files
        )
    }

    /// The files whose findings a run with `--changed-since` reports: the changed files and the
    /// files that include one (whose text, with the include's, is what changed for the rules),
    /// the other locales' versions of all of those (their source, their translations), and the
    /// files that link to any of them.
    /// Also the keys of the articles that changed with the files (what bindings name).
    static func dependents(
        of changed: Set<String>, checked: [CheckedFile?], paths: [String], corpus: CorpusFacts, layout: TreeLayout,
        absoluteRoot: String
    ) -> (files: Set<String>, keys: Set<String>) {
        // An article that includes a changed file changed too: its source or translations compare
        // with the included text, and links into it may point at the include's headings.
        // (A file's includes are every include it reads, those of its includes too.)
        let prefix = absoluteRoot + "/"
        var affected = changed
        // Every file's includes, slices of them on every processor.
        let including = ParallelSlices.map(count: min(checked.count, paths.count), sliceSize: 2048) { range in
            range.filter { index in
                (checked[index]?.includes ?? []).contains {
                    $0.included.hasPrefix(prefix) && changed.contains(String($0.included.dropFirst(prefix.count)))
                }
            }
        }
        for index in including.joined() { affected.insert(paths[index]) }
        var reported = affected
        // The key of an article from its facts; of an include or a deleted file, from its path.
        let key: @Sendable (String) -> String = { path in
            if let index = corpus.byTreePath[path] { return corpus.documents[index].key }
            return layout.place(path).key
        }
        let keys = Set(affected.filter(TreePath.isMarkdown).map(key))
        // A few keys (one edit's) are compared with each article's, not hashed.
        let few = keys.count <= 8 ? Array(keys) : nil
        let isShared: @Sendable (String) -> Bool = { few?.contains($0) ?? keys.contains($0) }
        // Every article's key, from its facts, and every other checked file's, from its path:
        // slices of them on every processor.
        let documents = corpus.documents
        let sharing = ParallelSlices.map(count: documents.count, sliceSize: 4096) { range in
            range.filter { isShared(documents[$0].key) }
        }
        for index in sharing.joined() { reported.insert(documents[index].treePath) }
        let withoutFacts = ParallelSlices.map(count: paths.count, sliceSize: 4096) { range in
            range.filter { index in
                (index < checked.count ? checked[index]?.facts : nil) == nil && isShared(key(paths[index]))
            }
        }
        for index in withoutFacts.joined() { reported.insert(paths[index]) }
        reported.formUnion(linking(to: affected, checked: checked, paths: paths))
        return (reported, keys)
    }

    /// The files of `files` (tree paths) and the files that include one of them, checked again with
    /// the document `rules`, in the order of `paths`: a run that gathered facts without those rules
    /// needs their findings for the files it reports. (A check reports what it finds in the text
    /// it includes.)
    static func checkedAgain(
        _ files: Set<String>, checked: [CheckedFile?], paths: [String], absoluteRoot: String, layout: TreeLayout,
        parser: ArticleParser, context: ValidationContext, rules: [any DocumentRule.Type],
        displayPathOf: @escaping @Sendable (String) -> String, jobs: Int
    ) -> [CheckedFile] {
        let prefix = absoluteRoot + "/"
        let again = paths.indices.filter { index in
            files.contains(paths[index])
                || (index < checked.count ? checked[index]?.includes ?? [] : []).contains {
                    $0.included.hasPrefix(prefix) && files.contains(String($0.included.dropFirst(prefix.count)))
                }
        }
        let collected = ParallelCollector<CheckedFile>(count: again.count)
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, again.count))) { _ in
            while let index = collected.next() {
                collected.store(
                    Validator.check(
                        paths[again[index]], absoluteRoot: absoluteRoot, layout: layout, parser: parser,
                        context: context, rules: rules, displayPathOf: displayPathOf),
                    at: index)
            }
        }
        return collected.take().compactMap { $0 }
    }

    /// The files whose include directives in changed files differ between now and `commit`: a
    /// finding in an include names the places that include it, so an include that a changed file
    /// took in, dropped or moved reads otherwise, though it did not change.
    static func includedBy(
        _ changed: Set<String>, at commit: String, checked: [CheckedFile?], paths: [String], parser: ArticleParser,
        context: ValidationContext, absoluteRoot: String, previous: [String: CheckedFile]? = nil
    ) -> Set<String> {
        let prefix = absoluteRoot + "/"
        /// A directive as the notes show it: what it includes, where.
        struct Place: Hashable {
            var included: String
            var container: String
            var start: SourceLocation
        }
        func places(_ directives: [Includers.Directive]) -> Set<Place> {
            Set(directives.map { Place(included: $0.included, container: $0.container, start: $0.range.start) })
        }
        var now: [String: Set<Place>] = [:]
        for index in Validator.indices(of: changed, in: paths) where index < checked.count {
            now[paths[index]] = places(checked[index]?.includes ?? [])
        }
        var included: Set<String> = []
        let git = context.revisions.git
        for path in changed.sorted() where TreePath.isMarkdown(path) {
            let absolute = prefix + path
            var then: Set<Place> = []
            if let previous {
                then = places(previous[path]?.includes ?? [])
            } else if let old = git?.contents(of: absolute, at: commit), old.count <= parser.options.maximumFileSize {
                let (article, _) = parser.parseKeepingText(bytes: old, path: absolute)
                then = places(Includers.directives(in: article, path: absolute))
            }
            for place in then.symmetricDifference(now[path] ?? []) where place.included.hasPrefix(prefix) {
                included.insert(String(place.included.dropFirst(prefix.count)))
            }
        }
        return included
    }

    /// The files with a link to one of `pages` (tree paths), in any letter case: a link that names
    /// a file in other letters than its name finds it where names do not tell letter case apart,
    /// and is reported as a case mismatch; when the file goes, the link points nowhere.
    static func linking(to pages: Set<String>, checked: [CheckedFile?], paths: [String]) -> Set<String> {
        // A link without `.md` names the article's page.
        var linked = Set(pages.map(\.latinLowercased))
        for page in linked where page.hasSuffix(".md") { linked.insert(String(page.dropLast(3))) }
        // Every file's links, slices of them on every processor.
        let lowered = linked
        // An ASCII target lower-cases to as many bytes: one whose length no page has is none of
        // them, and is neither lower-cased nor looked up (a few pages changed, and the tree's
        // every link is asked about them).
        let longest = lowered.map(\.utf8.count).max() ?? 0
        var lengths = [Bool](repeating: false, count: longest + 1)
        for page in lowered { lengths[page.utf8.count] = true }
        let pageLengths = lengths
        let linking = ParallelSlices.map(count: min(checked.count, paths.count), sliceSize: 2048) { range in
            range.filter { index in
                (checked[index]?.targets ?? []).contains { target in
                    let count = target.count
                    if count >= pageLengths.count || !pageLengths[count],
                        UTF8Text.check(target.assumingMemoryBound(to: UInt8.self)).ascii
                    {
                        return false
                    }
                    return lowered.contains(String(decoding: target, as: UTF8.self).latinLowercased)
                }
            }
        }
        var found: Set<String> = []
        for index in linking.joined() { found.insert(paths[index]) }
        return found
    }

    /// The binding files whose findings a change reaches: those that bind an article of `keys`
    /// (the steps they name are that article's in each locale), and those whose text differs
    /// from their text at `commit` (or that git does not have there).
    static func bindingsReached(
        keys: Set<String>, at commit: String, context: ValidationContext, bindingFilesKnown: Bool = false
    ) -> Set<String> {
        var reached: Set<String> = []
        for (binding, path) in context.bindings where keys.contains(binding.article) { reached.insert(path) }
        // (Unchanged, where the memo's key holds their text.)
        if bindingFilesKnown { return reached }
        let files = Set(context.bindings.map(\.displayPath)).union(context.bindingDiagnostics.compactMap(\.path))
        let git = context.revisions.git
        for path in files.sorted() where !reached.contains(path) {
            let absolute = ArticleParser.absolute(path)
            let then = git?.contents(of: absolute, at: commit)
            if then == nil || then != (try? FileReader.read(absolute)) { reached.insert(path) }
        }
        return reached
    }

    /// The Turkish articles whose `turkish-dotless-capital-i` findings a change of evidence can
    /// alter: the rule reports `Iş…` when another file spells the word `iş…` and none spells it
    /// `ış…`, so a spelling that a changed Turkish article gained or lost since `commit` reaches
    /// every article with the dotless capital of that word.
    static func weighingTurkishEvidence(
        of changed: Set<String>, at commit: String, corpus: CorpusFacts, parser: ArticleParser, layout: TreeLayout,
        context: ValidationContext, absoluteRoot: String, previous: [String: CheckedFile]? = nil
    ) -> Set<String> {
        var gainedOrLost: Set<String> = []
        let git = context.revisions.git
        for path in changed.sorted() where TreePath.isMarkdown(path) {
            var now: Set<String> = []
            if let index = corpus.byTreePath[path], corpus.documents[index].locale.lowercased().hasPrefix("tr") {
                now = words(corpus.documents[index].dottedWords, corpus.documents[index].dotlessLowerWords)
            }
            // The article as it was at the revision, when it was there and may have been Turkish
            // (its folder says so, or does not tell).
            var then: Set<String> = []
            // A previous check's facts hold the words its scan found (a Turkish article's only).
            if let previous {
                if let facts = previous[path]?.facts, facts.locale.lowercased().hasPrefix("tr") {
                    then = words(facts.dottedWords, facts.dotlessLowerWords)
                }
                gainedOrLost.formUnion(now.symmetricDifference(then))
                continue
            }
            let absolute = absoluteRoot + "/" + path
            let folder = layout.place(path)
            let mayBeTurkish = !folder.known || folder.locale.lowercased().hasPrefix("tr") || !now.isEmpty
            // (Past the size the run reads, its words then count as unknown: all of today's are
            // taken as gained.)
            if mayBeTurkish, let old = git?.contents(of: absolute, at: commit),
                old.count <= parser.options.maximumFileSize
            {
                let (article, text) = parser.parseKeepingText(bytes: old, path: absolute)
                let place = layout.place(path, article: article)
                let document = ValidationDocument(
                    displayPath: path, treePath: path, locale: place.locale, localeRoot: place.localeRoot,
                    key: place.key, isSource: place.locale == context.configuration.sourceLocale,
                    localeKnown: place.known, article: article, text: text, treeRoot: absoluteRoot)
                if document.language == "tr" {
                    var scanned = TurkishWords()
                    scanned.scan(document)
                    then = words(scanned.dotted, scanned.dotlessLower)
                }
            }
            gainedOrLost.formUnion(now.symmetricDifference(then))
        }
        guard !gainedOrLost.isEmpty else { return [] }
        var reached: Set<String> = []
        for doc in corpus.documents where !doc.dotlessWords.isEmpty && doc.locale.lowercased().hasPrefix("tr") {
            let hit = doc.dotlessWords.contains { candidate in
                let (dotted, dotlessLower) = TurkishDotlessCapitalI.evidence(for: candidate.word)
                return gainedOrLost.contains(dotted) || gainedOrLost.contains(dotlessLower)
            }
            if hit { reached.insert(doc.treePath) }
        }
        return reached
    }

    /// The words of bags, as text.
    private static func words(_ bags: WordBag...) -> Set<String> {
        var out: Set<String> = []
        for bag in bags {
            for index in 0..<bag.count { out.insert(String(decoding: bag.word(index), as: UTF8.self)) }
        }
        return out
    }

    /// Whether a change since `commit` reaches every file: a file every check answers to changed
    /// (`treeWideFileChanged`), or, where the configuration does not list the locales, an added or
    /// deleted article may be the first or last of its locale (every source article is then
    /// compared with one locale more or less).
    static func changedEverywhere(
        _ changed: Set<String>, addedOrDeleted: Set<String>, at commit: String, context: ValidationContext,
        corpus: CorpusFacts, layout: TreeLayout, treeWideFilesKnown: Bool = false
    ) -> Bool {
        if !treeWideFilesKnown, treeWideFileChanged(changed, at: commit, context: context) { return true }
        guard context.configuration.locales.isEmpty else { return false }
        // Added or deleted articles, by locale.
        var comesOrGoes: [String: Int] = [:]
        for path in addedOrDeleted where TreePath.isMarkdown(path) {
            let locale = corpus.byTreePath[path].map { corpus.documents[$0].locale } ?? layout.place(path).locale
            comesOrGoes[locale, default: 0] += 1
        }
        var documentsIn: [String: Int] = [:]
        for doc in corpus.documents where comesOrGoes[doc.locale] != nil {
            documentsIn[doc.locale, default: 0] += 1
        }
        return comesOrGoes.contains { documentsIn[$0.key, default: 0] <= $0.value }
    }

    /// Whether a file that every article's check answers to changed since `commit`: a `docfx.json`
    /// of the tree (it decides what is an article and what metadata each one has), or, in the work
    /// tree, the configuration (what it asks of the files, not how it is written) or a glossary it
    /// names differ from their text then.
    static func treeWideFileChanged(_ changed: Set<String>, at commit: String, context: ValidationContext) -> Bool {
        if changed.contains(where: { $0 == "docfx.json" || $0.hasSuffix("/docfx.json") }) { return true }
        guard let git = context.revisions.git else { return false }
        let configuration = context.configuration
        /// The file's text at the revision; `.some(nil)` when the work tree has it but the
        /// revision does not; `nil` outside the work tree (what it was is not known).
        func then(_ path: String) -> [UInt8]?? {
            let absolute = ArticleParser.absolute(path)
            guard git.relative(absolute) != nil else { return nil }
            return .some(git.contents(of: absolute, at: commit))
        }
        if let file = configuration.file, let old = then(file) {
            guard let old, let before = try? ValidationConfiguration.parse(old, path: file) else { return true }
            if before.fingerprint != configuration.fingerprint { return true }
        }
        if let glossary = configuration.glossary {
            let path = Validator.resolve(glossary, against: configuration.directory)
            if let old = then(path), old != (try? FileReader.read(path)) { return true }
        }
        return false
    }

    /// Whether a run with `--changed-since` and no cache should check every file whole in its pass
    /// over the tree, rather than gather facts first and check again only the files it reports:
    /// when those may be the whole tree (a file every check answers to changed, or an article came
    /// or went where the configuration does not list the locales), or when more than one file in
    /// twenty changed (a second check of that many files costs more than the rules it saves).
    static func checksEveryFileWhole(
        since: (files: Set<String>, addedOrDeleted: Set<String>, commit: String), articles: Int,
        context: ValidationContext
    ) -> Bool {
        if since.files.count * 20 > articles { return true }
        if context.configuration.locales.isEmpty, since.addedOrDeleted.contains(where: TreePath.isMarkdown) {
            return true
        }
        return treeWideFileChanged(since.files, at: since.commit, context: context)
    }

    /// The files whose `link-redirected` or `link-missing-target` findings a changed redirection
    /// file reaches: those that link to a page whose redirection was added, removed or pointed
    /// elsewhere since `commit`.
    static func redirectionsReached(
        _ changed: Set<String>, at commit: String, checked: [CheckedFile?], paths: [String], context: ValidationContext,
        absoluteRoot: String
    ) -> Set<String> {
        let files = changed.filter { $0.hasSuffix(".openpublishing.redirection.json") }
        guard !files.isEmpty else { return [] }
        var now = FileIndex()
        var then = FileIndex()
        for file in files.sorted() {
            let absolute = absoluteRoot + "/" + file
            if let data = FileManager.default.contents(atPath: absolute) { now.addRedirections(json: data, at: file) }
            if let old = context.revisions.git?.contents(of: absolute, at: commit) {
                then.addRedirections(json: Data(old), at: file)
            }
        }
        var pages: Set<String> = []
        for (page, target) in now.redirections where then.redirections[page] != target { pages.insert(page) }
        for (page, target) in then.redirections where now.redirections[page] != target { pages.insert(page) }
        return linking(to: pages, checked: checked, paths: paths)
    }

    /// The running program's size and modification time: a rebuilt Waymark does not trust the
    /// facts an earlier build cached, whatever its version says.
    static let programStamp: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "" }
        return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}

extension Validator {
    /// The places in `paths` (sorted, as a run sorts its files) of those of `wanted` that are
    /// there, in order: each found by halving when there are a few (a cached run's changed files,
    /// among tens of thousands), every path looked up in `wanted` otherwise.
    static func indices<Paths: RandomAccessCollection<String>>(of wanted: Set<String>, in paths: Paths) -> [Int]
    where Paths.Index == Int {
        guard wanted.count <= 64 else { return paths.indices.filter { wanted.contains(paths[$0]) } }
        var found: [Int] = []
        for path in wanted {
            var (low, high) = (0, paths.count)
            while low < high {
                let middle = (low + high) / 2
                if paths[middle] < path { low = middle + 1 } else { high = middle }
            }
            if low < paths.count, paths[low] == path {
                found.append(low)
            } else if let index = paths.firstIndex(where: { $0 == path }) {
                // Not where the order puts it (never, with the run's order): found all the same.
                found.append(index)
            }
        }
        return found.sorted()
    }
}
