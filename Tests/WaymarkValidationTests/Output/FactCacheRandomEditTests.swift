import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// `validate --cache` against a run without it, after each of a series of edits drawn at random
/// (from a fixed seed, printed with any difference) among the kinds that reach across files: an
/// anchor renamed that links point into, a link into another article's anchor, a Turkish word
/// that is evidence for or against another file's spelling, a step removed from a source article,
/// a date or a bold label changed, an include edited, taken in or dropped by an article (a finding
/// in an include names the places that include it), a file deleted, copied or only touched.
@Suite struct FactCacheRandomEditTests {
    /// SplitMix64: the same edits on every machine for a seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    enum Edit: CaseIterable {
        case renameHeading, linkIntoAnchor, turkishWords, removeStep, changeDate, changeLabel, editInclude,
            deleteFile, copyFile, touch, appendComment, takeInInclude, dropInclude
    }

    /// The articles of the tree (tree-relative), includes apart.
    static func markdown(under root: URL) -> (articles: [String], includes: [String]) {
        let all = (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".md") }.sorted()
        return (all.filter { !$0.contains("/includes/") }, all.filter { $0.contains("/includes/") })
    }

    /// Applies `edit` to a file chosen with `random`; returns what it did, for the test's comment.
    static func apply(_ edit: Edit, in w: FactCacheTests.Workspace, random: inout Generator) throws -> String {
        let (articles, includes) = markdown(under: w.tree)
        func pick(_ list: [String], where keep: (String) -> Bool = { _ in true }) -> String? {
            let kept = list.filter(keep)
            return kept.isEmpty ? nil : kept[Int(random.next() % UInt64(kept.count))]
        }
        func read(_ relative: String) -> String {
            (try? String(contentsOfFile: w.path(relative), encoding: .utf8)) ?? ""
        }
        func write(_ text: String, _ relative: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: w.path(relative)))
        }
        /// Replaces the first of the lines of `relative` that `matches` accepts (chosen at random)
        /// with what `change` makes of it (`nil`: removes it).
        func changeLine(_ relative: String, _ matches: (Substring) -> Bool, _ change: (Substring) -> String?) throws
            -> Bool
        {
            var lines = read(relative).split(separator: "\n", omittingEmptySubsequences: false)
            let candidates = lines.indices.filter { matches(lines[$0]) }
            guard !candidates.isEmpty else { return false }
            let index = candidates[Int(random.next() % UInt64(candidates.count))]
            if let changed = change(lines[index]) { lines[index] = Substring(changed) } else { lines.remove(at: index) }
            try write(lines.joined(separator: "\n"), relative)
            return true
        }
        switch edit {
        case .renameHeading:
            guard let file = pick(articles, where: { read($0).contains("\n## ") }) else { return "no heading" }
            _ = try changeLine(file, { $0.hasPrefix("## ") }, { $0 + " renamed" })
            return "a heading renamed in \(file)"
        case .linkIntoAnchor:
            guard let from = pick(articles), let to = pick(articles, where: { $0.hasPrefix(from.prefix(6)) }) else {
                return "no article"
            }
            let heading = read(to).split(separator: "\n").first { $0.hasPrefix("## ") }
            let anchor =
                heading.map { String($0.dropFirst(3)).lowercased().replacingOccurrences(of: " ", with: "-") }
                ?? "nowhere"
            let depth = from.split(separator: "/").count - 1
            let link = String(repeating: "../", count: depth) + to + "#" + anchor
            try w.append("\n\nSee [there](\(link)).\n", to: from)
            return "\(from) links to \(link)"
        case .turkishWords:
            guard let file = pick(articles, where: { $0.hasPrefix("tr-tr/") }) else { return "no Turkish article" }
            let words = ["Işlem", "işlem", "Işletme", "işletme", "Iade", "ıade", "İade"]
            let word = words[Int(random.next() % UInt64(words.count))]
            try w.append("\n\n\(word) ayarları burada.\n", to: file)
            return "\"\(word)\" added to \(file)"
        case .removeStep:
            guard let file = pick(articles, where: { $0.hasPrefix("en-us/") && read($0).contains("\n1. ") }) else {
                return "no steps"
            }
            _ = try changeLine(file, { $0.first?.isNumber == true && $0.contains(". ") }, { _ in nil })
            return "a step removed from \(file)"
        case .changeDate:
            guard let file = pick(articles, where: { read($0).contains("ms.date:") }) else { return "no date" }
            _ = try changeLine(file, { $0.hasPrefix("ms.date:") }, { _ in "ms.date: 01/15/2021" })
            return "the date of \(file) changed"
        case .changeLabel:
            guard let file = pick(articles, where: { read($0).contains("**") }) else { return "no label" }
            _ = try changeLine(
                file, { $0.contains("**") },
                { line in line.replacingOccurrences(of: "**", with: "**X", options: [], range: nil) })
            return "a bold label changed in \(file)"
        case .editInclude:
            guard let file = pick(includes) else { return "no include" }
            try w.append("\n\n## Added section\n\nSee [missing](not-here.md).\n", to: file)
            return "\(file) edited"
        case .takeInInclude:
            // An article of a locale's product folder, and an include of that folder.
            guard let file = pick(articles, where: { $0.split(separator: "/").count == 3 }),
                let include = pick(
                    includes, where: { $0.hasPrefix((file as NSString).deletingLastPathComponent + "/includes/") })
            else { return "no include beside an article" }
            try w.append("\n\n[!INCLUDE[](includes/\((include as NSString).lastPathComponent))]\n", to: file)
            return "\(file) takes in \(include)"
        case .dropInclude:
            guard let file = pick(articles, where: { read($0).contains("[!INCLUDE") }) else { return "no include line" }
            _ = try changeLine(file, { $0.contains("[!INCLUDE") }, { _ in nil })
            return "an include dropped from \(file)"
        case .deleteFile:
            guard let file = pick(articles, where: { $0.contains("/hololens/") }) else { return "no article" }
            try FileManager.default.removeItem(atPath: w.path(file))
            return "\(file) deleted"
        case .copyFile:
            guard let file = pick(articles, where: { $0.contains("/hololens/") }) else { return "no article" }
            let copy = String(file.dropLast(3)) + "-copy\(random.next() % 1000).md"
            try? FileManager.default.copyItem(atPath: w.path(file), toPath: w.path(copy))
            return "\(file) copied to \(copy)"
        case .touch:
            guard let file = pick(articles) else { return "no article" }
            try write(read(file), file)
            return "\(file) written again unchanged"
        case .appendComment:
            guard let file = pick(articles) else { return "no article" }
            try w.append("\n<!-- a comment -->\n", to: file)
            return "a comment added to \(file)"
        }
    }

    /// Also in a git work tree, where the cross-locale rules name a source's revision by the commit
    /// and whether the file has changes of its own (the edits are not committed).
    @Test(
        .enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"), arguments: [false, true])
    func aCachedRunReportsWhatAnUncachedRunReportsAfterEachOfRandomEdits(inGitWorkTree: Bool) throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("FactCacheRandomEditTests") else { return }
        // WAYMARK_CACHE_SEED draws other edits, to look further than CI does.
        let seed = ProcessInfo.processInfo.environment["WAYMARK_CACHE_SEED"].flatMap { UInt64($0) } ?? 20_261_205
        var random = Generator(state: seed)
        let w = try FactCacheTests.Workspace(corpus: corpus)
        if inGitWorkTree {
            try w.commitTree()
        }
        _ = try w.compare("the first, cold, run")
        var done: [String] = []
        var kinds = Set<String>()
        for round in 0..<14 {
            // Each kind once in the first rounds, then at random; one or two edits a round.
            let count = 1 + Int(random.next() % 2)
            for index in 0..<count {
                let edit =
                    index == 0 && round < Edit.allCases.count
                    ? Edit.allCases[round] : Edit.allCases[Int(random.next() % UInt64(Edit.allCases.count))]
                done.append(try Self.apply(edit, in: w, random: &random))
                kinds.insert("\(edit)")
            }
            _ = try w.compare(
                "seed \(seed), \(inGitWorkTree ? "git work tree, " : "")round \(round): \(done.joined(separator: "; "))"
            )
        }
        #expect(kinds.count == Edit.allCases.count, "every kind of edit was made: \(kinds.sorted())")
    }
}
