import Foundation
import WaymarkContent
import WaymarkCore

/// A cached run's corpus rules, where a change reaches and no further (`CorpusMemo`).
extension Validator {
    /// The memo's key for this run: the fact cache's key and the tree's listing (the files read by
    /// every check, and which files there are), the git work tree's commit (the revisions the
    /// cross-locale rules name), and whether findings keep their lines. (Which files have changes
    /// since the commit is not part of it: a file gains or loses changes only when its bytes
    /// change, and then its check does, or when the commit does.)
    static func memoKey(cache: FactCache?, context: ValidationContext, keepsLines: Bool) -> UInt64 {
        var key = Hasher64()
        key.mix(CorpusMemo.format)
        key.mix(cache?.key ?? 0)
        key.mix(cache?.listingHash ?? 0)
        key.mix(keepsLines ? 1 : 0)
        if let git = context.revisions.git {
            key.mix(git.top)
            key.mix(git.head)
        }
        return key.value
    }

    /// The files whose checks changed since `memo` was made (`now`: each file's check hash, in
    /// `paths`' order), by tree path and place, with the previous check of each; `nil` when the
    /// memo cannot stand for the previous run (made for other files, a file's check has no hash,
    /// or the previous check of a changed file is not the one the memo was made from), or when so
    /// many files changed that a whole run costs less.
    static func changes(since memo: CorpusMemo, cache: FactCache, checks now: [UInt64]?, paths: [String])
        -> MemoChanges?
    {
        // The memo was made for these files (in this order), and each has a check now
        // (`FactCache.checks(of:)`).
        guard let now, memo.paths == CorpusMemo.pathsHash(paths), memo.checks.count == paths.count else { return nil }
        // Each file's check now and in the memo, compared by number, slices of them on every
        // processor: the changed ones.
        let before = memo.checks
        let compared = ParallelSlices.map(count: paths.count, sliceSize: 4096) { range -> [Int] in
            range.filter { now[$0] != before[$0] }
        }
        var changes = MemoChanges()
        for slice in compared {
            for index in slice {
                changes.files.insert(paths[index])
                changes.places.append(index)
            }
        }
        if changes.files.count * 20 > paths.count { return nil }
        for index in changes.places {
            guard let (check, hash) = cache.previousCheck(paths[index]), hash == before[index] else { return nil }
            changes.previous[paths[index]] = check
        }
        return changes
    }

    /// What changed since a memo (`changes`).
    struct MemoChanges {
        var files: Set<String> = []
        /// Their places in the run's files.
        var places: [Int] = []
        /// Each one's check in the run the memo was made from.
        var previous: [String: CheckedFile] = [:]
    }

    /// Whether what the localization pipeline's links are counted from is the same as when the
    /// memo was made: each changed file has facts now if it had them then, in the same locale,
    /// key and role, with links to the same targets in the same order (the others' facts are the
    /// same, their checks being so). The memo's links are then this run's.
    static func linksAsBefore(_ changes: MemoChanges, checked: [CheckedFile?], paths: [String]) -> Bool {
        func targets(_ facts: DocumentFacts) -> [[UInt8]] {
            var all: [[UInt8]] = []
            facts.forEachLinkTarget { all.append(Array($0)) }
            return all
        }
        for index in changes.places {
            let then = changes.previous[paths[index]]?.facts
            let now = index < checked.count ? checked[index]?.facts : nil
            guard let then, let now else {
                if then == nil, now == nil { continue }
                return false
            }
            guard then.locale == now.locale, then.key == now.key, then.isSource == now.isSource,
                targets(then) == targets(now)
            else { return false }
        }
        return true
    }

    /// What a cached run must check again against the memo of the previous one, given what changed
    /// since (`changes`) and this run's `CorpusMemo.treeWideHash` (`treeWide`): the display paths
    /// of the files whose cross-locale findings change can reach and the tree paths among them,
    /// with the number of files whose checks changed; `nil` when what the corpus rules gather
    /// from the whole tree differs from what the memo was made with.
    static func reached(
        since memo: CorpusMemo, changes: MemoChanges, checked: [CheckedFile?], paths: [String],
        treeWide: UInt64, corpus: CorpusFacts, parser: ArticleParser, layout: TreeLayout, context: ValidationContext,
        absoluteRoot: String, displayPathOf: (String) -> String
    ) -> (shown: Set<String>, files: Set<String>, changed: Int)? {
        guard memo.treeWide == treeWide else { return nil }
        if changes.files.isEmpty { return ([], [], 0) }
        let reported = Validator.reported(
            since: (changes.files, [], ""), checked: checked, paths: paths, corpus: corpus, parser: parser,
            layout: layout, context: context, absoluteRoot: absoluteRoot, displayPathOf: displayPathOf,
            previous: changes.previous)
        return (reported.shown, reported.files, changes.files.count)
    }

    /// Writes the memo of this run to `file`: the previous memo's findings of the files this run
    /// did not reach, and this run's corpus findings (`fresh`, the lists the rules made), by file.
    /// `checks`: each file's check hash, in `paths`' order (`nil` when a file's check has none:
    /// no memo is written, and any there removed, as when it would pass `limit`); not written
    /// again when nothing changed.
    static func saveMemo(
        _ file: String, key: UInt64, previous: CorpusMemo?,
        reach: (shown: Set<String>, files: Set<String>, changed: Int)?, kept keptGroups: [CorpusMemo.Group]? = nil,
        fresh: [SpilledFindings], checks: [UInt64]?, paths: [String], pipelineLinks: [String: Set<String>], limit: Int
    ) {
        guard let checks else {
            unlink(file)
            return
        }
        let used = previous.flatMap { previous in reach.map { (previous, $0) } }
        // The memo holds this run already.
        if let (_, reach) = used, reach.changed == 0 { return }
        // This run's findings in report order, a file at a time: copied with their texts in place
        // as the memo is written, one file's at a time.
        let merged = MergedFindings(lists: fresh)
        var made: [CorpusMemo.Written] = []
        var entries: [Range<Int>] = []
        var order: [UInt64] = []
        order.reserveCapacity(merged.order.count)
        for entry in merged.order {
            guard let path = fresh[Int(entry >> 32)].path(at: Int(entry & 0xFFFF_FFFF)) else { continue }
            if made.last?.path != path {
                made.append(CorpusMemo.Written(path: path, count: 0, range: nil))
                entries.append(order.count..<order.count)
            }
            order.append(entry)
            made[made.count - 1].count += 1
            entries[entries.count - 1] = entries[entries.count - 1].lowerBound..<order.count
        }
        func appendFindings(ofMade group: Int, to out: inout [UInt8]) {
            for entry in order[entries[group]] {
                fresh[Int(entry >> 32)].appendStandalone(findingAt: Int(entry & 0xFFFF_FFFF), to: &out)
            }
        }
        // A few files reached: what changed is added to the memo read (the groups of the files
        // reached go, this run's take their places), when it can be.
        if let (previous, reach) = used, previous.paths == CorpusMemo.pathsHash(paths),
            CorpusMemo.appendChanges(
                file, to: previous, checks: checks, pipelineLinks: pipelineLinks, removed: reach.shown.sorted(),
                groups: made, limit: limit, make: { appendFindings(ofMade: $0, to: &$1) })
        {
            return
        }
        var kept: [CorpusMemo.Written] = []
        if let (previous, reach) = used {
            for group in keptGroups ?? CorpusMemo.groups(of: previous, notIn: reach.shown) {
                kept.append(
                    CorpusMemo.Written(path: group.path, count: group.count, range: group.range, hash: group.hash))
            }
        }
        // Both in path order, no path in both: merged.
        var all: [CorpusMemo.Written] = []
        var madeAt: [Int: Int] = [:]
        all.reserveCapacity(kept.count + made.count)
        var (i, j) = (0, 0)
        while i < kept.count || j < made.count {
            if j == made.count || (i < kept.count && kept[i].path < made[j].path) {
                all.append(kept[i])
                i += 1
            } else {
                madeAt[all.count] = j
                all.append(made[j])
                j += 1
            }
        }
        let written = CorpusMemo.write(
            file, key: key, paths: CorpusMemo.pathsHash(paths), pipelineLinks: pipelineLinks, checks: checks,
            groups: all, source: previous?.bytes ?? [], limit: limit
        ) { index, out in
            guard let group = madeAt[index] else { return }
            appendFindings(ofMade: group, to: &out)
        }
        if !written { unlink(file) }
    }
}
