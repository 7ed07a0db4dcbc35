import ArgumentParser
import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLocalization
import WaymarkValidation

/// `waymark validate [ROOT]`: the rule catalog over a documentation tree, for CI.
struct ValidateCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "validate",
            abstract: Localizer.current.text(.helpValidateAbstract),
            discussion: Localizer.current.text(.helpValidateDiscussion)
        )
    }

    @Argument(help: ArgumentHelp(Localizer.current.text(.helpValidateRoot)))
    var root: String = "."

    @Option(help: ArgumentHelp(Localizer.current.text(.helpValidateConfig)))
    var config: String?

    @Option(help: ArgumentHelp(Localizer.current.text(.helpValidateFormat)))
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp(Localizer.current.text(.helpValidateOutput)))
    var output: String?

    @Flag(help: ArgumentHelp(Localizer.current.text(.helpValidateWarningsAsErrors)))
    var warningsAsErrors = false

    @Option(help: ArgumentHelp(Localizer.current.text(.helpValidateBaseline)))
    var baseline: String?

    @Option(help: ArgumentHelp(Localizer.current.text(.helpValidateWriteBaseline)))
    var writeBaseline: String?

    @Flag(help: ArgumentHelp(Localizer.current.text(.helpValidateListRules)))
    var listRules = false

    @Option(help: ArgumentHelp(Localizer.current.text(.helpValidateExplain)))
    var explain: String?

    @Option(help: ArgumentHelp(Localizer.current.text(.helpValidateJobs)))
    var jobs: Int?

    @Option(help: ArgumentHelp(Localizer.current.text(.helpValidateToday)))
    var today: String?

    @Flag(help: ArgumentHelp(Localizer.current.text(.helpValidateFix)))
    var fix = false

    @Flag(help: ArgumentHelp(Localizer.current.text(.helpValidateDryRun)))
    var dryRun = false

    @Option(help: ArgumentHelp(Localizer.current.text(.helpValidateCache)))
    var cache: String?

    @Option(help: ArgumentHelp(Localizer.current.text(.helpValidateChangedSince)))
    var changedSince: String?

    @Flag(help: ArgumentHelp(Localizer.current.text(.helpValidateTimings)))
    var timings = false

    /// What was asked, as the run reads it.
    var request: ValidateRequest {
        ValidateRequest(
            root: root, config: config, format: format, output: output, warningsAsErrors: warningsAsErrors,
            baseline: baseline, writeBaseline: writeBaseline, listRules: listRules, explain: explain, jobs: jobs,
            today: today, fix: fix, dryRun: dryRun, cache: cache, changedSince: changedSince, timings: timings)
    }

    func run() throws { try request.run() }
}

/// What `waymark validate` was asked, and its run: read by ArgumentParser (`ValidateCommand`),
/// or without it when the arguments are plain (`ValidateCommand.quick`), which makes none of the
/// command's help texts.
struct ValidateRequest {
    var root = "."
    var config: String?
    var format: ReportFormat = .text
    var output: String?
    var warningsAsErrors = false
    var baseline: String?
    var writeBaseline: String?
    var listRules = false
    var explain: String?
    var jobs: Int?
    var today: String?
    var fix = false
    var dryRun = false
    var cache: String?
    var changedSince: String?
    var timings = false

    func run() throws {
        // A cached run goes on writing its memo of cross-locale findings while the report is made.
        defer { Validator.finishWrites() }
        let phaseTimes = timings ? PhaseTimes() : nil
        let localizer = Localizer.current
        if listRules {
            print(RuleListing.list(localizer), terminator: "")
            return
        }
        if let explain {
            guard let text = RuleListing.explain(explain, localizer) else {
                fail(localizer.text(.validateUnknownRule, ["rule": .string(explain)]))
                throw ExitStatus.usage
            }
            print(text, terminator: "")
            return
        }
        // A run over a large tree fills hundreds of megabytes; in large pages it takes a fraction
        // of the page faults.
        Allocator.preferLargePages()
        var day: CalendarDate?
        if let today {
            guard let parsed = CalendarDate(metadata: today) else {
                fail(localizer.text(.validateBadDate, ["value": .string(today)]))
                throw ExitStatus.usage
            }
            day = parsed
        }
        if dryRun, !fix {
            fail(localizer.text(.validateDryRunAlone))
            throw ExitStatus.usage
        }
        try checkRoot(localizer)
        let (configuration, configurationPath) = try loadConfiguration(localizer)
        try checkWrites(configurationPath: configurationPath, localizer)
        let showProgress = format == .text && output == nil && isatty(2) == 1
        let progress = ProgressLine(enabled: showProgress, localizer: localizer)
        let onProgress: @Sendable (Int, Int) -> Void = { done, total in progress.update(done, total) }
        // The messages' English texts, which the report falls back on, are gathered while the
        // articles are checked rather than by the first finding written.
        DispatchQueue.global().async { _ = Localizer.sourceTexts }
        // --cache, else the configuration's `cache:` (relative to the configuration file).
        let cacheFolder =
            cache
            ?? configuration.cache.map { folder in
                folder.hasPrefix("/") || configuration.directory == nil
                    ? folder : (configuration.directory ?? ".") + "/" + folder
            }
        let validator = Validator(
            configuration: configuration,
            options: Validator.Options(
                jobs: jobs, today: day, keepsFactsUntilExit: true, cache: cacheFolder,
                cacheLimit: configuration.cacheLimit << 20, toolVersion: WaymarkCommand.version,
                changedSince: changedSince, keepsSourceLines: format.showsSourceLines, timings: phaseTimes),
            progress: showProgress ? onProgress : nil)
        let color =
            output == nil && isatty(1) == 1 && WaymarkCommand.environment["NO_COLOR"] == nil
            && WaymarkCommand.environment["TERM"] != "dumb"
        // A cached run of the whole tree copies each file's text from the report before it where
        // the file's findings are the same: kept for this format, language and options. Not a run
        // that reports some files only (its memo would leave out the others), nor one in colour
        // (whose styling a memo would have to keep).
        var isFolder: ObjCBool = false
        let wantsMemo =
            cacheFolder != nil && format.usesMemo && changedSince == nil && !color
            && FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) && isFolder.boolValue
        @Sendable func reportMemo(absoluteRoot: String) -> ReportMemo? {
            guard let cacheFolder else { return nil }
            let key = ReportMemo.key(
                [
                    format.rawValue, WaymarkCommand.version, "\(localizer.locale)",
                    FileManager.default.currentDirectoryPath, absoluteRoot,
                ],
                catalogs: MessageCatalogs.defaultDirectory(environment: WaymarkCommand.environment)?.path)
            return ReportMemo(
                directory: cacheFolder, root: absoluteRoot, key: key, limit: configuration.cacheLimit << 20)
        }
        // Its index is read on another thread while the tree is checked, for the tree as the run
        // will name it (a run that names it otherwise reads the memo of that name after it), when
        // the cache's folder is there: the run makes it otherwise, and the memo is opened then.
        var cacheIsFolder: ObjCBool = false
        let readsEarly =
            wantsMemo && FileManager.default.fileExists(atPath: cacheFolder ?? "", isDirectory: &cacheIsFolder)
            && cacheIsFolder.boolValue
        let earlyRoot = readsEarly ? ArticleParser.absolute(root) : ""
        let earlyMemo = MemoBox()
        let memoRead = DispatchGroup()
        if readsEarly {
            DispatchQueue.global().async(group: memoRead) { earlyMemo.memo = reportMemo(absoluteRoot: earlyRoot) }
        }
        func validate() throws -> Validator.Result {
            defer { progress.clear() }
            do throws(ValidationFailure) {
                return try validator.run(root: root)
            } catch {
                fail(localizer.text(key: error.text.rawValue, strings: error.arguments))
                throw ExitStatus.findings
            }
        }
        phaseTimes?.mark(.configuration)
        var result = try validate()
        // The catalogs may have been read while the tree was checked: a problem with them ends
        // the run here, before it changes or writes anything but its cache.
        _ = localizer.catalogs
        if fix {
            guard try applyFixes(result.findings, localizer) else { return }
            phaseTimes?.mark(.fixing)
            // What is left after the fixes is the report.
            result = try validate()
        }
        if let statistics = result.cache {
            Present.note(
                localizer.text(
                    .validateCacheUsed, ["reused": .int(statistics.reused), "checked": .int(statistics.checked)]),
                localizer)
            if statistics.distrusted > 0 {
                Present.note(
                    localizer.text(.validateCacheDistrusted, ["files": .int(statistics.distrusted)]), localizer)
            }
            if let kept = statistics.crossLocaleReused, let reached = statistics.crossLocaleReached {
                Present.note(
                    localizer.text(.validateCacheCrossLocale, ["reached": .int(reached), "kept": .int(kept)]), localizer
                )
            }
            if statistics.overLimit {
                Present.note(
                    localizer.text(.validateCacheOverLimit, ["megabytes": .int(configuration.cacheLimit)]), localizer)
            }
        }
        if let changedSince, let changed = result.changedFiles, let reported = result.reportedFiles {
            Present.note(
                localizer.text(
                    .validateChangedSince,
                    ["changed": .int(changed), "revision": .string(changedSince), "reported": .int(reported)]),
                localizer)
        }

        if let writeBaseline {
            do {
                try ReportFile.write(Baseline.serialized(result.list), to: writeBaseline)
            } catch {
                fail(localizer.text(.fileUnwritable, ["path": .string(writeBaseline), "reason": .string("\(error)")]))
                throw ExitStatus.findings
            }
            Present.note(
                localizer.text(
                    .validateBaselineWritten, ["count": .int(result.list.count), "path": .string(writeBaseline)]),
                localizer)
        }
        var findings = result.list
        var hidden = 0
        if let baseline {
            do throws(ValidationFailure) {
                (findings, hidden) = try Baseline.read(path: baseline).filter(findings)
            } catch {
                fail(localizer.text(key: error.text.rawValue, strings: error.arguments))
                throw ExitStatus.findings
            }
        }
        var report = Report(
            findings: findings, articlesChecked: result.articlesChecked, baselined: hidden,
            localize: { key, arguments in localizer.text(key: key, strings: arguments) },
            localizeFinding: { localizer.message(of: $0) }, localizeNote: { localizer.message(of: $0) },
            writeFindingMessage: { localizer.write(messageOf: $0, to: &$1) },
            writeNoteMessage: { localizer.write(messageOf: $0, to: &$1) })
        if wantsMemo, result.cache != nil {
            memoRead.wait()
            report.memo =
                readsEarly && earlyRoot == result.absoluteRoot
                ? earlyMemo.memo : reportMemo(absoluteRoot: result.absoluteRoot)
        }
        // Written as it is made: a long report is never held whole.
        let write = { (emit: ([UInt8]) throws(FileReader.Failure) -> Void) throws(FileReader.Failure) in
            try format.write(report, color: color, toolVersion: WaymarkCommand.version, to: emit)
        }
        if let output {
            do {
                try ReportFile.write(to: output, streaming: write)
            } catch {
                fail(localizer.text(.fileUnwritable, ["path": .string(output), "reason": .string("\(error)")]))
                throw ExitStatus.findings
            }
            noteMemo(report.memo, localizer)
            StandardError.write(report.summary)
            noteTimes(phaseTimes, localizer)
        } else {
            do {
                try write { (bytes) throws(FileReader.Failure) in try FileWriter.write(bytes, to: STDOUT_FILENO) }
            } catch {
                fail(localizer.text(.fileUnwritable, ["path": .string("/dev/stdout"), "reason": .string("\(error)")]))
                throw ExitStatus.findings
            }
            noteMemo(report.memo, localizer)
            noteTimes(phaseTimes, localizer)
        }
        let failing = findings.count(.error) > 0 || (warningsAsErrors && findings.count(.warning) > 0)
        if failing { throw ExitStatus.findings }
    }

    /// `--timings`: the report's phase ended, each phase's time, and the run's in all.
    private func noteTimes(_ times: PhaseTimes?, _ localizer: Localizer) {
        guard let times else { return }
        times.mark(.report)
        func arguments(_ time: PhaseTimes.Time) -> [String: MessageArgument] {
            [
                "wall": .int(Int((time.wall * 1000).rounded())),
                "processor": .int(Int((time.processor * 1000).rounded())),
                "busy": .int(time.wall > 0 ? Int((100 * time.processor / time.wall).rounded()) : 0),
            ]
        }
        for (phase, time) in times.phases {
            var values = arguments(time)
            values["phase"] = .string(localizer.text(phase.text))
            // The kernel counts a running thread's processor time at its clock's ticks (a few
            // milliseconds): for a shorter phase, that share would say nothing.
            Present.note(localizer.text(time.wall < 0.010 ? .validateTimingShort : .validateTiming, values), localizer)
        }
        Present.note(localizer.text(.validateTimingTotal, arguments(times.total)), localizer)
    }

    /// What the memo of the report before gave this one (`ReportMemo`), when there was one.
    private func noteMemo(_ memo: ReportMemo?, _ localizer: Localizer) {
        guard let memo else { return }
        Present.note(
            localizer.text(.validateCacheReport, ["made": .int(memo.textsMade), "copied": .int(memo.textsCopied)]),
            localizer)
    }

    /// `--fix`: applies the fix-its of `findings` in the tree, or with `--dry-run` prints them as
    /// a unified diff. Returns whether to go on and report what is left (not after a dry run).
    private func applyFixes(_ findings: [Diagnostic], _ localizer: Localizer) throws -> Bool {
        let plan = Fixer.plan(findings, root: root)
        let counts: [String: MessageArgument] = ["count": .int(plan.fixedCount), "files": .int(plan.files.count)]
        if dryRun {
            var diff: [UInt8] = []
            // Piped, the diff is what `patch` and `git apply` read, byte for byte; on a terminal
            // the articles' control characters are shown, never obeyed.
            let terminal = isatty(STDOUT_FILENO) == 1
            for file in plan.files {
                let text = Fixer.unifiedDiff(file)
                diff += Array((terminal ? TerminalText.visible(text, keeping: .lineBreaks) : text).utf8)
            }
            do {
                try FileWriter.write(diff, to: STDOUT_FILENO)
            } catch {
                fail(localizer.text(.fileUnwritable, ["path": .string("/dev/stdout"), "reason": .string("\(error)")]))
                throw ExitStatus.findings
            }
            Present.note(localizer.text(.validateWouldFix, counts), localizer)
            if plan.skipped > 0 {
                Present.note(localizer.text(.validateFixSkipped, ["count": .int(plan.skipped)]), localizer)
            }
            return false
        }
        let changed: [String]
        do {
            changed = try Fixer.apply(plan)
        } catch {
            fail(localizer.text(.fileUnwritable, ["path": .string(root), "reason": .string("\(error)")]))
            throw ExitStatus.findings
        }
        for path in changed { Present.note(localizer.text(.validateFixChanged, ["path": .string(path)]), localizer) }
        Present.note(localizer.text(.validateFixed, counts), localizer)
        if plan.skipped > 0 {
            Present.note(localizer.text(.validateFixSkipped, ["count": .int(plan.skipped)]), localizer)
        }
        return true
    }

    /// ROOT must be a folder or a Markdown article: `/etc/passwd` or `/dev/zero` is a usage error.
    private func checkRoot(_ localizer: Localizer) throws {
        var info = stat()
        guard stat(root, &info) == 0 else { return }  // the validator names a missing root
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { return }
        let reason: SafetyText? =
            kind != S_IFREG ? .reasonNotRegular : (root.lowercased().hasSuffix(".md") ? nil : .reasonNotMarkdown)
        if let reason {
            fail(
                localizer.text(
                    SafetyText.validateNotATree, ["path": .string(root), "reason": .string(localizer.text(reason))]))
            throw ExitStatus.usage
        }
    }

    /// `--output` and `--write-baseline` never name what this run reads (an article of the tree,
    /// the configuration, the baseline) nor the same file as each other.
    private func checkWrites(configurationPath: String?, _ localizer: Localizer) throws {
        let tree = OutputTarget.resolved(root)
        var inputs: [(String, SafetyText)] = []
        if let configurationPath { inputs.append((configurationPath, .roleConfig)) }
        if let baseline { inputs.append((baseline, .roleBaseline)) }
        let targets = [output, writeBaseline].compactMap { $0 }
        for target in targets {
            let resolved = OutputTarget.resolved(target)
            if OutputTarget.isDevice(target) { continue }
            var role: SafetyText?
            if let (_, r) = inputs.first(where: { OutputTarget.resolved($0.0) == resolved }) { role = r }
            if resolved == tree || (resolved.hasPrefix(tree + "/") && resolved.lowercased().hasSuffix(".md")) {
                role = .roleArticle
            }
            if let role {
                fail(
                    localizer.text(
                        SafetyText.validateWritesInput,
                        ["path": .string(target), "role": .string(localizer.text(role))]))
                throw ExitStatus.usage
            }
        }
        if let output, let writeBaseline, !OutputTarget.isDevice(output),
            OutputTarget.resolved(output) == OutputTarget.resolved(writeBaseline)
        {
            fail(localizer.text(SafetyText.validateWritesTwice, ["path": .string(output)]))
            throw ExitStatus.usage
        }
    }

    private func loadConfiguration(_ localizer: Localizer) throws -> (ValidationConfiguration, String?) {
        var path = config
        if path == nil {
            var isDirectory: ObjCBool = false
            let folder =
                FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue
                ? root : (root as NSString).deletingLastPathComponent
            for candidate in [folder, "."] {
                let file = (candidate.isEmpty ? "." : candidate) + "/" + ValidationConfiguration.fileName
                if FileManager.default.fileExists(atPath: file) {
                    path = file
                    break
                }
            }
        }
        guard let path else { return (ValidationConfiguration(), nil) }
        do throws(ConfigurationError) {
            return (try ValidationConfiguration.load(path: path), path)
        } catch {
            var place = error.path
            if let range = error.range { place += ":\(range.start.line):\(range.start.column)" }
            let message = localizer.text(key: error.text.rawValue, strings: error.arguments)
            fail(place + ": " + message)
            throw ExitStatus.findings
        }
    }

    private func fail(_ message: String) {
        Present.error(message)
    }
}

extension ReportFormat: ExpressibleByArgument {}

extension ValidateCommand {
    /// The flags and options `quick(_:)` reads: every one the command declares (a test holds the
    /// two lists together).
    static let plainFlags: Set<String> = ["warnings-as-errors", "list-rules", "fix", "dry-run", "timings"]
    static let plainOptions: Set<String> = [
        "config", "format", "output", "baseline", "write-baseline", "explain", "jobs", "today", "cache",
        "changed-since",
    ]

    /// The request ArgumentParser would read from `arguments`, for their plain forms
    /// (`PlainArguments`), or `nil`: ArgumentParser then reads them.
    static func quick(_ arguments: some Collection<String>) -> ValidateRequest? {
        guard
            let read = PlainArguments(arguments, flags: plainFlags, options: plainOptions, short: ["o": "output"]),
            read.positional.count <= 1
        else { return nil }
        var request = ValidateRequest()
        request.root = read.positional.first ?? "."
        request.config = read.value("config")
        if let format = read.value("format") {
            guard let format = ReportFormat(argument: format) else { return nil }
            request.format = format
        } else {
            request.format = .text
        }
        request.output = read.value("output")
        request.warningsAsErrors = read.flags.contains("warnings-as-errors")
        request.baseline = read.value("baseline")
        request.writeBaseline = read.value("write-baseline")
        request.listRules = read.flags.contains("list-rules")
        request.explain = read.value("explain")
        if let jobs = read.value("jobs") {
            guard let jobs = Int(argument: jobs) else { return nil }
            request.jobs = jobs
        } else {
            request.jobs = nil
        }
        request.today = read.value("today")
        request.fix = read.flags.contains("fix")
        request.dryRun = read.flags.contains("dry-run")
        request.cache = read.value("cache")
        request.changedSince = read.value("changed-since")
        request.timings = read.flags.contains("timings")
        return request
    }
}

/// `validating 120 of 1865 files` on standard error, redrawn in place, at most ten times a second.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let localizer: Localizer
    private let lock = NSLock()
    private var last = Date.distantPast
    private var shown = false

    /// The message key of the line (`done`, `total`).
    private let key: String

    init(enabled: Bool, localizer: Localizer, key: String = ValidationText.progress.rawValue) {
        self.enabled = enabled
        self.localizer = localizer
        self.key = key
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) > 0.1 || done == total else { return }
        last = now
        shown = true
        let line = localizer.text(key: key, ["done": .int(done), "total": .int(total)])
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    func clear() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// Writes a report or baseline: atomically (temporary file, then rename) for a regular file, so a
/// reader never sees half a report; straight into anything else, such as `/dev/null` or a pipe,
/// which a rename would replace.
enum ReportFile {
    static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { (emit) throws(FileReader.Failure) in try emit(bytes) }
    }

    /// Pieces made while they are written: `body` hands each to the function it is given.
    static func write(
        to path: String,
        streaming body: (_ emit: ([UInt8]) throws(FileReader.Failure) -> Void) throws(FileReader.Failure) -> Void
    ) throws(FileReader.Failure) {
        // A device or pipe (`/dev/null`, `/dev/stdout`) is written in place; a file is replaced
        // whole, so a reader never sees half a report.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR {
            try FileWriter.overwrite(path, streaming: body)
        } else {
            try FileWriter.replace(path, streaming: body)
        }
    }
}

/// Where a file Waymark writes really is, to compare it with what it reads.
enum OutputTarget {
    /// The absolute path with links resolved; for a file not there yet, its folder's resolved.
    static func resolved(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard let real = realpath(folder.isEmpty ? "." : folder, nil) else { return path }
        defer { free(real) }
        return String(cString: real) + "/" + name
    }

    /// A device or pipe (`/dev/null`, `/dev/stdout`): written in place, never an input.
    static func isDevice(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind != S_IFREG && kind != S_IFDIR
    }
}

/// The report memo read while the tree is checked, handed to the thread that writes the report
/// (after a `DispatchGroup`'s wait).
private final class MemoBox: @unchecked Sendable {
    var memo: ReportMemo?
}

extension PhaseTimes.Phase {
    /// The phase's name in `validate --timings`.
    var text: DocsText {
        switch self {
        case .configuration: .validatePhaseConfiguration
        case .listing: .validatePhaseListing
        case .checking: .validatePhaseChecking
        case .gathering: .validatePhaseGathering
        case .corpusRules: .validatePhaseCorpusRules
        case .merging: .validatePhaseMerging
        case .fixing: .validatePhaseFixing
        case .report: .validatePhaseReport
        }
    }
}
