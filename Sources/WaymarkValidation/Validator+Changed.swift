import Foundation
import WaymarkContent
import WaymarkCore

extension Validator {
    /// The tree-relative paths under `tree` that differ between `revision` and the work tree:
    /// changed, added (untracked too) or deleted.
    static func changedFiles(since revision: String, in tree: String) throws(ValidationFailure) -> Set<String> {
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
                "-C", folder, "diff", "--name-only", "-z", "--no-renames", "--relative", commit, "--",
            ]),
            let untracked = GitTree.run(["-C", folder, "ls-files", "-z", "--others", "--exclude-standard"])
        else {
            throw ValidationFailure(text: .changedSinceUnknown, arguments: ["revision": revision, "path": folder])
        }
        var changed: Set<String> = []
        for list in [diff, untracked] {
            for entry in list.split(separator: 0) where !entry.isEmpty {
                changed.insert(String(decoding: entry, as: UTF8.self))
            }
        }
        return changed
    }

    /// The files whose findings a run with `--changed-since` reports: the changed files and the
    /// files that include one (whose text, with the include's, is what changed for the rules),
    /// the other locales' versions of all of those (their source, their translations), and the
    /// files that link to any of them.
    static func dependents(
        of changed: Set<String>, checked: [CheckedFile?], paths: [String], corpus: CorpusFacts, layout: TreeLayout,
        absoluteRoot: String
    ) -> Set<String> {
        // An article that includes a changed file changed too: its source or translations compare
        // with the included text, and links into it may point at the include's headings.
        // (A file's includes are every include it reads, those of its includes too.)
        let prefix = absoluteRoot + "/"
        var affected = changed
        for (index, file) in checked.enumerated() {
            guard let file, index < paths.count else { continue }
            if file.includes.contains(where: {
                $0.included.hasPrefix(prefix) && changed.contains(String($0.included.dropFirst(prefix.count)))
            }) {
                affected.insert(paths[index])
            }
        }
        var reported = affected
        // A link without `.md` names the article's page.
        var linked = affected
        for path in affected where path.hasSuffix(".md") { linked.insert(String(path.dropLast(3))) }
        // The key of an article from its facts; of an include or a deleted file, from its path.
        func key(_ path: String) -> String {
            if let index = corpus.byTreePath[path] { return corpus.documents[index].key }
            let nothing = Article(path: path, locale: nil, frontMatter: FrontMatter(), blocks: [], title: nil)
            return layout.place(path, article: nothing).key
        }
        let keys = Set(affected.filter(TreePath.isMarkdown).map(key))
        for path in paths where keys.contains(key(path)) { reported.insert(path) }
        for (index, file) in checked.enumerated() {
            guard let file, index < paths.count else { continue }
            if file.targets.contains(where: { linked.contains($0) }) { reported.insert(paths[index]) }
        }
        return reported
    }

    /// The running program's size and modification time: a rebuilt Waymark does not trust the
    /// facts an earlier build cached, whatever its version says.
    static let programStamp: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "" }
        return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
