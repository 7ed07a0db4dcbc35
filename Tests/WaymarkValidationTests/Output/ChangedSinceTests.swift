import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// `validate --changed-since`: over a git repository of a real product's tree with an article
/// edited, an include edited, an article deleted and one added, the report is byte for byte the
/// whole tree's report cut to the changed files and the files that depend on them, found here
/// from the files' text (the other locales' copies, the files that link to or include them).
@Suite(.enabled(if: GitCommand.isAvailable)) struct ChangedSinceTests {
    static let edited = "tr-tr/hololens/hololens-kiosk.md"
    static let include = "en-us/hololens/includes/kiosk-configure-steps.md"
    static let deleted = "en-us/hololens/hololens-calibration.md"
    static let added = "en-us/hololens/waymark-added.md"

    static func report(_ findings: [Diagnostic], files: Int) -> [UInt8] {
        ReportFormat.json.bytes(
            Report(
                findings: findings, articlesChecked: files, baselined: 0,
                localize: { key, arguments in key + arguments.sorted { $0.key < $1.key }.map { " \($0.value)" }.joined()
                }))
    }

    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func theReportIsTheWholeReportOfTheChangedFilesAndTheirDependents() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("ChangedSinceTests.report") else { return }
        let dir = try RepositoryPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("hololens")
        try FileManager.default.copyItem(at: corpus.appendingPathComponent("hololens"), to: tree)
        try GitStalenessTests.git(["init", "-q", "."], in: tree)
        try GitStalenessTests.git(["add", "."], in: tree)
        try GitStalenessTests.git(["commit", "-q", "-m", "HoloLens"], in: tree)

        func append(_ text: String, _ relative: String) throws {
            let handle = try FileHandle(forWritingTo: tree.appendingPathComponent(relative))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
        try append("\nBkz. [eksik](bu-dosya-yok.md).\n", Self.edited)
        try append("\nSee [missing](not-here.md).\n", Self.include)
        try FileManager.default.removeItem(at: tree.appendingPathComponent(Self.deleted))
        let source = try String(
            contentsOf: tree.appendingPathComponent("en-us/hololens/hololens-kiosk.md"), encoding: .utf8)
        try Data((source + "\n[Broken](no-such-article.md)\n").utf8).write(
            to: tree.appendingPathComponent(Self.added))

        let configuration = try ValidationConfiguration.load(
            path: RepositoryPaths.file("Examples/hololens.waymark.yml").path)
        let whole = try Validator(configuration: configuration, options: .init(jobs: 2, today: TreeFixture.today))
            .run(root: tree.path)
        let changed = try Validator(
            configuration: configuration, options: .init(jobs: 2, today: TreeFixture.today, changedSince: "HEAD")
        ).run(root: tree.path)

        // What depends on the changes, from the text of the files: the files that include a
        // changed one changed with it; the other locales' copies of all of those; the files that
        // link to any of them.
        let changedFiles = [Self.edited, Self.include, Self.deleted, Self.added]
        let files =
            FileManager.default.enumerator(atPath: tree.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".git/") } ?? []
        // A link destination may follow its parenthesis after spaces.
        let texts = Dictionary(
            uniqueKeysWithValues: files.map { file in
                (
                    file,
                    ((try? String(contentsOf: tree.appendingPathComponent(file), encoding: .utf8)) ?? "")
                        .replacingOccurrences(of: "\\(\\s+", with: "(", options: .regularExpression)
                )
            })
        // (The other locales' articles include their own copies of the include.)
        let includers = files.filter {
            $0.hasPrefix("en-us/") && texts[$0]!.lowercased().contains("includes/kiosk-configure-steps.md")
        }
        let affected = Array(Set(changedFiles + includers))
        var expected = Set(affected)
        // The includes of the added article (a new includer: their findings name it), and of the
        // edited one only if its include lines moved (they did not: the edit is at its end).
        let includeDirective = try NSRegularExpression(pattern: "\\[!INCLUDE\\s*\\[[^\\]]*\\]\\(([^)]+)\\)\\]")
        let addedText = texts[Self.added] ?? ""
        for match in includeDirective.matches(in: addedText, range: NSRange(addedText.startIndex..., in: addedText)) {
            guard let range = Range(match.range(at: 1), in: addedText) else { continue }
            expected.insert(
                ((Self.added as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
                    String(addedText[range])))
        }
        for path in affected {
            let key = path.split(separator: "/").dropFirst().joined(separator: "/")
            for locale in ["en-us", "tr-tr", "hu-hu"] where files.contains("\(locale)/\(key)") {
                expected.insert("\(locale)/\(key)")
            }
        }
        for file in files {
            let text = texts[file]!
            let folder = (file as NSString).deletingLastPathComponent
            for path in affected where (path as NSString).deletingLastPathComponent == folder {
                let name = (path as NSString).lastPathComponent
                if text.contains("(\(name)") || text.contains("(\(name.dropLast(3)))")
                    || text.contains("(\(name.dropLast(3))#")
                {
                    expected.insert(file)
                }
            }
        }
        let shown = Set(expected.map { tree.path + "/" + $0 })
        let cut = whole.findings.filter { shown.contains($0.path ?? "") }
        #expect(!cut.isEmpty && cut.count < whole.findings.count)
        let reported = Set(changed.findings.compactMap(\.path))
        #expect(
            reported.isSubset(of: shown), "reported outside the expected files: \(reported.subtracting(shown).sorted())"
        )
        #expect(
            FactCacheTests.difference(
                Self.report(changed.findings, files: changed.articlesChecked),
                Self.report(cut, files: whole.articlesChecked)
            ) == nil,
            "expected \(cut.count) findings, reported \(changed.findings.count); not reported: \(Set(cut.compactMap(\.path)).subtracting(reported).sorted())"
        )
        #expect(changed.changedFiles == 4)
        #expect(changed.reportedFiles == expected.subtracting([Self.deleted]).count)
        // The command's way (findings kept as bytes until the report, their files chosen from
        // the fields read in place): the same report.
        let asTheCommandRuns = try Validator(
            configuration: configuration,
            options: .init(jobs: 2, today: TreeFixture.today, keepsFactsUntilExit: true, changedSince: "HEAD")
        ).run(root: tree.path)
        #expect(
            FactCacheTests.difference(
                Self.report(asTheCommandRuns.findings, files: asTheCommandRuns.articlesChecked),
                Self.report(changed.findings, files: changed.articlesChecked)) == nil)
        #expect(asTheCommandRuns.list.count(.error) == changed.list.count(.error))
        #expect(asTheCommandRuns.list.count(.warning) == changed.list.count(.warning))
    }

    /// What a pull request's check must not miss: every finding a change adds or alters is in a
    /// reported file. Checked by difference, whatever the rules' reasons: the whole tree's findings
    /// before the changes and after them, over an include edited that an article with translations
    /// includes (its translations compare with the included text), Turkish evidence added in one
    /// article and taken out of another (which decides `Iş…` in two others), and edits drawn from a
    /// seed.
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func everyFindingAChangeAddsOrAltersIsInAReportedFile() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("ChangedSinceTests.difference") else { return }
        let w = try FactCacheTests.Workspace(corpus: corpus)
        // Two Turkish articles with a dotless capital that no file spells otherwise, or that the
        // tree also spells `ı…`: silent until another article adds, or drops, a spelling.
        let turkish = FactCacheRandomEditTests.markdown(under: w.tree).articles.filter {
            $0.hasPrefix("tr-tr/hololens/")
        }
        let (silent, suppressed, adding, dropping, witness) = (
            turkish[0], turkish[1], turkish[2], turkish[3], turkish[4]
        )
        try w.append("\n\nIşçöğü ayarı burada.\n", to: silent)
        try w.append("\n\nIşğörü ayarı burada.\n", to: suppressed)
        try w.append("\n\nişğörü burada.\n", to: witness)
        try w.append("\n\nışğörü burada.\n", to: dropping)
        try w.commitTree()
        func run(changedSince: String?) throws -> [Diagnostic] {
            try Validator(
                configuration: w.configuration,
                options: .init(jobs: 2, today: TreeFixture.today, changedSince: changedSince)
            ).run(root: w.tree.path).findings
        }
        let before = Set(try run(changedSince: nil))
        // The include is read by an English article that has Turkish and Hungarian versions.
        let include = "en-us/hololens/includes/hlsolutions.md"
        let includers = FactCacheRandomEditTests.markdown(under: w.tree).articles.filter {
            ((try? String(contentsOfFile: w.path($0), encoding: .utf8)) ?? "").contains("includes/hlsolutions.md")
        }
        #expect(includers.contains { $0.hasPrefix("en-us/") })
        try w.append("\n\nSee [missing](not-here.md).\n", to: include)
        try w.append("\n\nişçöğü burada.\n", to: adding)
        let text = try String(contentsOfFile: w.path(dropping), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "ışğörü burada.", with: "").utf8).write(
            to: URL(fileURLWithPath: w.path(dropping)))
        // WAYMARK_CACHE_SEED draws other edits here too (which may delete or contradict the
        // articles set up above: what they must show is checked for the usual seed only).
        let usual: UInt64 = 20_261_205
        let seed = ProcessInfo.processInfo.environment["WAYMARK_CACHE_SEED"].flatMap { UInt64($0) } ?? usual
        var random = FactCacheRandomEditTests.Generator(state: seed)
        var done = ["\(include) edited", "evidence added in \(adding), dropped in \(dropping)"]
        for _ in 0..<6 {
            let edits = FactCacheRandomEditTests.Edit.allCases
            let edit = edits[Int(random.next() % UInt64(edits.count))]
            done.append(try FactCacheRandomEditTests.apply(edit, in: w, random: &random))
        }
        let after = try run(changedSince: nil)
        let reported = try run(changedSince: "HEAD")
        let shown = Set(reported)
        let missed = after.filter { !before.contains($0) && !shown.contains($0) }
        #expect(missed.isEmpty, "not reported after \(done): \(missed.map { "\($0.path ?? "") \($0.id)" })")
        // Those files' findings are exactly the whole run's.
        let files = Set(reported.compactMap(\.path))
        #expect(reported == after.filter { files.contains($0.path ?? "") })
        guard seed == usual else { return }
        // The include's edit reached the translations of the articles that include it.
        let translations = Set(
            includers.filter { $0.hasPrefix("en-us/") }.map { w.path("tr-tr/" + $0.dropFirst("en-us/".count)) })
        #expect(after.contains { !before.contains($0) && translations.contains($0.path ?? "") })
        // And the evidence reached the two articles that neither changed nor depend on a change.
        for path in [silent, suppressed] {
            #expect(
                after.contains {
                    !before.contains($0) && $0.id == "turkish-dotless-capital-i" && $0.path == w.path(path)
                },
                "\(path) gained its finding")
        }
    }

    /// A procedure binding names steps of an article in every locale: its findings are reported
    /// when an article it binds changed, or the binding itself did, and not otherwise.
    @Test func aBindingIsReportedWhenAnArticleItBindsOrTheBindingChanged() throws {
        let binding = "procedures/remove-a-relationship.yml"
        let translation = "tr-tr/partner-center/remove-a-relationship.md"
        var files = try SeedPrecisionTests.tree()
        files[binding] = try String(
            contentsOf: RepositoryPaths.file("Resources/Procedures/partner-center/remove-a-relationship.yml"),
            encoding: .utf8)
        files[".waymark.yml"] = "bindings: procedures\n"
        let tree = try RepositoryPaths.temporaryTree(files)
        defer { try? FileManager.default.removeItem(at: tree) }
        try GitStalenessTests.git(["init", "-q", "."], in: tree)
        try GitStalenessTests.git(["add", "."], in: tree)
        try GitStalenessTests.git(["commit", "-q", "-m", "seed"], in: tree)
        let configuration = try ValidationConfiguration.load(path: tree.appendingPathComponent(".waymark.yml").path)
        func run(_ since: String?) throws -> Validator.Result {
            try Validator(
                configuration: configuration, options: .init(jobs: 2, today: TreeFixture.today, changedSince: since)
            )
            .run(root: tree.path)
        }
        func rewrite(_ relative: String, _ change: (String) -> String) throws {
            let url = tree.appendingPathComponent(relative)
            try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
        }
        let nothing = try run("HEAD")
        #expect(nothing.findings.isEmpty && nothing.reportedFiles == 0)
        let before = Set(try run(nil).findings)

        // The Turkish article loses sub-step 2.c, which the binding names.
        try rewrite(translation) { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("   c. ") }
                .joined(separator: "\n")
        }
        let after = try run(nil).findings
        let reported = try run("HEAD")
        let added = after.filter { !before.contains($0) }
        #expect(added.contains { $0.id == "binding-step-missing" && $0.path?.hasSuffix(binding) == true })
        #expect(
            added.allSatisfy(Set(reported.findings).contains), "\(added.filter { !reported.findings.contains($0) })")
        #expect(reported.reportedFiles == 4, "the three locales of the article and the binding")

        // The binding names a step no article has; the articles are as committed.
        try GitStalenessTests.git(["checkout", "-q", translation], in: tree)
        try rewrite(binding) { $0 + "  how-to-remove-a-relationship/9:\n    action: removeRelationship\n" }
        let edited = try run("HEAD")
        #expect(
            edited.findings.contains {
                $0.id == "binding-step-missing" && $0.arguments["step"]?.hasSuffix("/9") == true
            })
        #expect(edited.findings.allSatisfy { $0.path?.hasSuffix(binding) == true })
        #expect(edited.reportedFiles == 1)
    }

    /// A link may name a file in other letters than its name (a case mismatch where names do not
    /// tell letter case apart): when that file goes, the link points nowhere, and the file with
    /// the link is reported though it did not change.
    @Test func aFileLinkingToADeletedFileInOtherLettersIsReported() throws {
        let header = "---\ntitle: T\nms.date: 01/02/2024\n---\n"
        let tree = try RepositoryPaths.temporaryTree([
            "en-us/Other-Page.md": header + "# Other page\n\nText.\n",
            "en-us/links.md": header + "# Links\n\nSee [the other page](other-page.md).\n",
            // (Not the locale's last article once the page goes, which would report every file.)
            "en-us/third.md": header + "# Third\n\nText.\n",
        ])
        defer { try? FileManager.default.removeItem(at: tree) }
        try GitStalenessTests.git(["init", "-q", "."], in: tree)
        try GitStalenessTests.git(["add", "."], in: tree)
        try GitStalenessTests.git(["commit", "-q", "-m", "two pages"], in: tree)
        func run(_ since: String?) throws -> Validator.Result {
            try Validator(
                configuration: ValidationConfiguration(),
                options: .init(jobs: 2, today: TreeFixture.today, changedSince: since)
            ).run(root: tree.path)
        }
        let before = Set(try run(nil).findings)
        try FileManager.default.removeItem(at: tree.appendingPathComponent("en-us/Other-Page.md"))
        let added = try run(nil).findings.filter { !before.contains($0) }
        #expect(added.contains { $0.id == "link-missing-target" && $0.path?.hasSuffix("en-us/links.md") == true })
        let reported = try run("HEAD")
        #expect(
            added.allSatisfy(Set(reported.findings).contains), "\(added.filter { !reported.findings.contains($0) })")
        #expect(reported.reportedFiles == 1)
    }

    /// A finding in an include names the places that include it: an article that stops including
    /// a file, or starts, changes that file's findings, and the include is reported.
    @Test func anIncludeThatAChangedArticleDroppedOrTookInIsReported() throws {
        let header = "---\ntitle: T\nms.date: 01/02/2024\n---\n"
        let including = header + "# A\n\nIntro.\n\n[!INCLUDE [inc](includes/inc.md)]\n"
        let tree = try RepositoryPaths.temporaryTree([
            "en-us/a.md": including,
            "en-us/b.md": header + "# B\n\nText.\n",
            "en-us/includes/inc.md": "See [missing](nope.md).\n",
        ])
        defer { try? FileManager.default.removeItem(at: tree) }
        try GitStalenessTests.git(["init", "-q", "."], in: tree)
        try GitStalenessTests.git(["add", "."], in: tree)
        try GitStalenessTests.git(["commit", "-q", "-m", "an include"], in: tree)
        func run(_ since: String?) throws -> [Diagnostic] {
            try Validator(
                configuration: ValidationConfiguration(),
                options: .init(jobs: 2, today: TreeFixture.today, changedSince: since)
            ).run(root: tree.path).findings
        }
        func inInclude(_ findings: [Diagnostic]) -> [Diagnostic] {
            findings.filter { $0.path?.hasSuffix("includes/inc.md") == true }
        }
        let a = tree.appendingPathComponent("en-us/a.md")
        let included = inInclude(try run(nil))
        #expect(included.count == 1 && included[0].notes.count == 1)
        // Dropped: the include's finding loses its note.
        try Data((header + "# A\n\nIntro.\n").utf8).write(to: a)
        let dropped = inInclude(try run(nil))
        #expect(dropped.count == 1 && dropped[0].notes.isEmpty)
        #expect(inInclude(try run("HEAD")) == dropped)
        // Taken in by another article: a note more.
        try GitStalenessTests.git(["checkout", "-q", "en-us/a.md"], in: tree)
        try Data(including.replacingOccurrences(of: "# A", with: "# B").utf8).write(
            to: tree.appendingPathComponent("en-us/b.md"))
        let taken = inInclude(try run(nil))
        #expect(taken.count == 1 && taken[0].notes.count == 2)
        #expect(inInclude(try run("HEAD")) == taken)
    }

    /// Without a cache, a pull request's run gathers facts first and checks again only the files
    /// it reports, unless those may be most of the tree: many files changed, a file every check
    /// answers to changed, or an article came or went where the locales are not listed.
    @Test func aRunChecksEveryFileWholeWhenWhatItReportsMayBeMostOfTheTree() throws {
        let listed = try ExpectedPathTests.context([.init(locale: "en-US", root: "en-us")])
        let unlisted = try ExpectedPathTests.context([])
        func whole(_ files: [String], added: [String] = [], _ context: ValidationContext) -> Bool {
            Validator.checksEveryFileWhole(
                since: (Set(files + added), Set(added), "HEAD"), articles: 100, context: context)
        }
        #expect(!whole(["en-us/a.md", "en-us/b.md"], listed))
        #expect(!whole(["en-us/a.md"], added: ["en-us/new.md"], listed))
        #expect(whole((0..<6).map { "en-us/\($0).md" }, listed))
        #expect(whole(["docfx.json"], listed))
        #expect(whole(["en-us/a.md"], added: ["en-us/new.md"], unlisted))
        #expect(!whole(["en-us/a.md"], added: ["en-us/image.png"], unlisted))
    }

    /// What every file's findings answer to: a configuration that asks something else of the
    /// files reports the whole tree, and so does the first article of a locale the configuration
    /// does not list; a redirection added for a missing page reports the files that link to it,
    /// though none of them changed.
    @Test func aChangedConfigurationReportsEveryFileAndARedirectionTheFilesLinkingToItsPage() throws {
        var files = try SeedPrecisionTests.tree()
        files[".waymark.yml"] = "sourceLocale: en-US\n"
        files["en-us/partner-center/alone.md"] = try SeedPrecisionTests.seed("en-US")
        let tree = try RepositoryPaths.temporaryTree(files)
        defer { try? FileManager.default.removeItem(at: tree) }
        try GitStalenessTests.git(["init", "-q", "."], in: tree)
        try GitStalenessTests.git(["add", "."], in: tree)
        try GitStalenessTests.git(["commit", "-q", "-m", "seed"], in: tree)
        let config = tree.appendingPathComponent(".waymark.yml")
        func run(_ since: String?) throws -> Validator.Result {
            try Validator(
                configuration: try ValidationConfiguration.load(path: config.path),
                options: .init(jobs: 2, today: TreeFixture.today, changedSince: since)
            ).run(root: tree.path)
        }
        /// The findings the change added or altered, and whether each is reported.
        func check(_ comment: Comment) throws -> (added: [Diagnostic], reported: Validator.Result) {
            let after = try run(nil).findings
            let reported = try run("HEAD")
            let added = after.filter { !before.contains($0) }
            #expect(!added.isEmpty, comment)
            let missed = added.filter { !reported.findings.contains($0) }.map { "\($0.path ?? "") \($0.id)" }
            #expect(missed.isEmpty, comment)
            return (added, reported)
        }
        let before = Set(try run(nil).findings)

        // Written otherwise, the same configuration: nothing to report.
        try Data("# the same\nsourceLocale: en-US\n".utf8).write(to: config)
        #expect(try run("HEAD").findings.isEmpty)
        // A rule's severity raised: every file's findings of it are other findings.
        try Data("sourceLocale: en-US\nrules: { front-matter-required-key: warning }\n".utf8).write(to: config)
        let configured = try check("after the configuration changed")
        #expect(configured.reported.reportedFiles == 4)
        try GitStalenessTests.git(["checkout", "-q", ".waymark.yml"], in: tree)

        // The English article links to a page the tree lacks; a redirection now covers it.
        let redirection =
            "{\"redirections\": [{\"source_path\": \"partner-center/assign-support-contacts.md\", "
            + "\"redirect_url\": \"/partner-center/remove-a-relationship\", \"redirect_document_id\": false}]}"
        try Data(redirection.utf8).write(to: tree.appendingPathComponent("en-us/.openpublishing.redirection.json"))
        let redirected = try check("after a redirection was added")
        #expect(redirected.added.contains { $0.id == "link-redirected" })
        try FileManager.default.removeItem(at: tree.appendingPathComponent("en-us/.openpublishing.redirection.json"))

        // The configuration lists no locales: the first German article makes German a locale
        // every English article is expected in, the one without translations too.
        try FileManager.default.createDirectory(
            at: tree.appendingPathComponent("de-de/partner-center"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: tree.appendingPathComponent("en-us/partner-center/remove-a-relationship.md"),
            to: tree.appendingPathComponent("de-de/partner-center/remove-a-relationship.md"))
        let german = try check("after the first German article")
        #expect(german.added.contains { $0.id == "translation-missing" && $0.path?.hasSuffix("/alone.md") == true })
    }

    /// A cross-locale finding names the revision of the source it compared with: the commit, and
    /// `+` when the source or a file it includes has changes of its own.
    @Test(.enabled(if: RepositoryPaths.hasCorpus, "needs ../shared/corpus beside the checkout"))
    func theSourcesRevisionIsMarkedWhenAnIncludeOfItChanged() throws {
        guard let corpus = RepositoryPaths.corpusOrExplainSkip("ChangedSinceTests.revision") else { return }
        let w = try FactCacheTests.Workspace(corpus: corpus)
        try w.commitTree()
        try w.append("\n\nSee [missing](not-here.md).\n", to: "en-us/hololens/includes/hlsolutions.md")
        let findings = try Validator(configuration: w.configuration, options: .init(jobs: 2, today: TreeFixture.today))
            .run(root: w.tree.path).findings
        func revisions(_ article: String) -> Set<String> {
            Set(
                findings.filter { $0.path == w.path(article) }.flatMap(\.notes).compactMap { $0.arguments["revision"] })
        }
        let reached = revisions("tr-tr/hololens/hololens-commercial-features.md")
        #expect(!reached.isEmpty && reached.allSatisfy { $0.hasSuffix("+") }, "\(reached)")
        let untouched = revisions("tr-tr/hololens/hololens-kiosk.md")
        #expect(!untouched.isEmpty && untouched.allSatisfy { !$0.hasSuffix("+") }, "\(untouched)")
    }

    @Test func aTreeOutsideGitOrAnUnknownRevisionIsAClearError() throws {
        let dir = try RepositoryPaths.temporaryTree(["en-us/x.md": "# X\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ValidationFailure.self) {
            try Validator(configuration: ValidationConfiguration(), options: .init(changedSince: "HEAD")).run(
                root: dir.path)
        }
        try GitStalenessTests.git(["init", "-q", "."], in: dir)
        try GitStalenessTests.git(["add", "."], in: dir)
        try GitStalenessTests.git(["commit", "-q", "-m", "x"], in: dir)
        for revision in ["no-such-branch", "--output=/tmp/x", "HEAD~5"] {
            do {
                _ = try Validator(configuration: ValidationConfiguration(), options: .init(changedSince: revision))
                    .run(root: dir.path)
                Issue.record("\(revision) was accepted")
            } catch {
                #expect(error.text == .changedSinceUnknown)
                #expect(error.arguments["revision"] == revision)
            }
        }
    }

    /// Where a few changed files are among a run's sorted files (found by halving) and where many
    /// are (every path looked up): the same places a pass over every path finds, for paths there
    /// and not there, ASCII or not, and one out of order.
    @Test func theChangedFilesAreFoundWhereAPassOverEveryPathFindsThem() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let letters = ["a", "b", "z", "İ", "ı", "ö", "/", "-"]
        for round in 0..<200 {
            var set: Set<String> = []
            for _ in 0..<numbers.next(300) {
                set.insert((0..<(1 + numbers.next(6))).map { _ in letters[numbers.next(letters.count)] }.joined())
            }
            var paths = set.sorted()
            if round % 10 == 0, paths.count > 2 { paths.swapAt(0, paths.count - 1) }
            var wanted: Set<String> = []
            for _ in 0..<(round % 3 == 0 ? 100 : numbers.next(8)) {
                let absent = paths.isEmpty || numbers.next(4) == 0
                wanted.insert(absent ? "absent-\(numbers.next(5))" : paths[numbers.next(paths.count)])
            }
            let expected = paths.indices.filter { wanted.contains(paths[$0]) }
            #expect(Validator.indices(of: wanted, in: paths) == expected, "seed \(seed), round \(round)")
        }
    }

}
