import WaymarkCore

/// The filters every diagnostic passes on its way into a report, in one place: the configured
/// severity (a rule turned off has none), the article's `waymark-disable` comments, then, over
/// the whole run, the baseline (``Baseline/filter(_:)``). Severity and inline disables apply
/// where a rule reports, so a diagnostic that is filtered out is never made.
struct DiagnosticFilter: Sendable {
    let severities: [String: Severity]

    /// The severity `id` is reported with at `line` of an article with `disabled`, or `nil` when
    /// it is filtered out. `own`: a severity the producer chose (the parser's) in place of the
    /// configured one; a configured error leaves it as it is, any other configured severity wins.
    func severity(
        _ id: String, key: String, line: Int?, disabled: InlineDisable?, own: Severity? = nil
    ) -> Severity? {
        guard let configured = severities[id] else { return nil }
        if let disabled, disabled.isDisabled(id, key: key, line: line) { return nil }
        return own ?? configured
    }
}

/// Collects the diagnostics of document rules for one article, and quotes the source line.
///
/// What the article shows from an include that the run checks on its own is left to that check:
/// a problem in an include is reported once, at the include, not once for each article.
struct FindingSink {
    let document: ValidationDocument
    let filter: DiagnosticFilter
    let displayPathOf: (String) -> String
    /// Whether an include (an absolute path) is checked on its own.
    let checkedOnItsOwn: (String) -> Bool
    private(set) var findings: [Diagnostic] = []

    init(
        document: ValidationDocument, severities: [String: Severity], displayPathOf: @escaping (String) -> String,
        checkedOnItsOwn: @escaping (String) -> Bool = { _ in false }
    ) {
        self.document = document
        self.filter = DiagnosticFilter(severities: severities)
        self.displayPathOf = displayPathOf
        self.checkedOnItsOwn = checkedOnItsOwn
    }

    /// Reports a finding of `rule` with its message `name`.
    ///
    /// `file`: the tree-relative path of an include the range points into, when not the article.
    mutating func report(
        _ rule: any Rule.Type, _ name: String = "message", at range: SourceRange?, file: String? = nil,
        _ arguments: [String: String] = [:], severity: Severity? = nil, notes: [Diagnostic.Note] = [],
        fixIts: [Diagnostic.FixIt] = []
    ) {
        if let file, checkedOnItsOwn(file) { return }
        let key = rule.key(name)
        // Made once, after the filters: most of a run's diagnostics come through here.
        guard
            let severity = filter.severity(
                rule.id, key: key, line: range?.start.line, disabled: file == nil ? document.disabled : nil,
                own: severity)
        else { return }
        findings.append(
            Diagnostic(
                id: rule.id, severity: severity, path: file.map(displayPathOf) ?? document.displayPath, range: range,
                messageKey: key, arguments: arguments, notes: notes, fixIts: fixIts,
                sourceLine: file == nil ? range.flatMap { document.quotedLine($0.start.line) } : nil))
    }

    /// Reports a diagnostic the parser made, under its own id and message. `own`: keep the
    /// parser's severity rather than the configured one.
    mutating func report(_ d: Diagnostic, own: Severity? = nil) {
        if let file = d.path, checkedOnItsOwn(file) { return }
        // The inline disables of the article apply to the article's own lines, not an include's.
        guard
            let severity = filter.severity(
                d.id, key: d.messageKey, line: d.range?.start.line, disabled: d.path == nil ? document.disabled : nil,
                own: own)
        else { return }
        let line = d.path == nil ? d.range.flatMap { document.quotedLine($0.start.line) } : nil
        findings.append(
            d.located(path: d.path.map(displayPathOf) ?? document.displayPath, sourceLine: line, severity: severity))
    }
}

/// Collects the diagnostics of corpus rules, which may point into any article or binding file.
struct CorpusFindingSink {
    let filter: DiagnosticFilter
    let displayPathOf: (String) -> String
    private(set) var findings: [Diagnostic] = []
    /// Above this many findings held, they are sorted, deduplicated and kept as bytes, and the
    /// sink starts a new list (0: never). A rule over a large tree makes tens of thousands, and
    /// they would otherwise all be held whole until it ends.
    let spillingAt: Int
    /// The lists kept as bytes so far, in the order they were made.
    private(set) var spilled: [SpilledFindings] = []

    /// The findings, handed over: the sink keeps none, so that they can be sorted in place.
    mutating func takeFindings() -> [Diagnostic] {
        var taken: [Diagnostic] = []
        swap(&taken, &findings)
        return taken
    }

    /// The lists kept as bytes, handed over, then what is left sorted and deduplicated as the
    /// last one: merged in this order, they give what deduplicating every finding at once would.
    mutating func takeSpilled() -> [SpilledFindings] {
        var taken: [SpilledFindings] = []
        swap(&taken, &spilled)
        let rest = Validator.deduplicated(takeFindings())
        if !rest.isEmpty { taken.append(SpilledFindings(consume rest, keepsLines: keepsLines)) }
        return taken
    }

    /// Whether the lists kept as bytes keep the findings' source lines.
    let keepsLines: Bool

    init(
        severities: [String: Severity], displayPathOf: @escaping (String) -> String, spillingAt: Int = 0,
        keepsLines: Bool = true
    ) {
        self.filter = DiagnosticFilter(severities: severities)
        self.displayPathOf = displayPathOf
        self.spillingAt = spillingAt
        self.keepsLines = keepsLines
    }

    /// When set, only findings in these files (display paths) are kept; those without a path too.
    var onlyPaths: Set<String>?

    private mutating func add(_ finding: Diagnostic) {
        if let onlyPaths, let path = finding.path, !onlyPaths.contains(path) { return }
        findings.append(finding)
        if spillingAt > 0, findings.count >= spillingAt {
            spilled.append(SpilledFindings(Validator.deduplicated(takeFindings()), keepsLines: keepsLines))
        }
    }

    /// Reports a finding in the article `facts` describes.
    mutating func report(
        _ rule: any Rule.Type, _ name: String = "message", in facts: DocumentFacts, at range: SourceRange?,
        line: String?, file: String? = nil, _ arguments: [String: String] = [:], notes: [Diagnostic.Note] = [],
        fixIts: [Diagnostic.FixIt] = []
    ) {
        let key = rule.key(name)
        guard
            let severity = filter.severity(
                rule.id, key: key, line: range?.start.line, disabled: file == nil ? facts.disabled : nil)
        else { return }
        add(
            Diagnostic(
                id: rule.id, severity: severity, path: file.map(displayPathOf) ?? facts.displayPath, range: range,
                messageKey: key, arguments: arguments, notes: notes, fixIts: fixIts,
                sourceLine: file == nil ? line : nil))
    }

    /// Reports a parser diagnostic of a file that is not an article (a binding) by its display
    /// path, keeping its message; a parser's warning or note stays one.
    mutating func report(_ d: Diagnostic, path: String) {
        guard let configured = filter.severity(d.id, key: d.messageKey, line: nil, disabled: nil) else { return }
        add(d.located(path: path, sourceLine: nil, severity: d.severity == .error ? configured : d.severity))
    }

    /// Reports a finding in a file that is not an article (a binding), by its display path.
    mutating func report(
        _ rule: any Rule.Type, _ name: String = "message", path: String, at range: SourceRange?,
        _ arguments: [String: String] = [:]
    ) {
        let key = rule.key(name)
        guard let severity = filter.severity(rule.id, key: key, line: nil, disabled: nil) else { return }
        add(
            Diagnostic(
                id: rule.id, severity: severity, path: path, range: range, messageKey: key, arguments: arguments))
    }
}
