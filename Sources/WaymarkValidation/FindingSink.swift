import WaymarkCore

/// Collects the findings of document rules for one article: applies the configured severity and
/// the article's `waymark-disable` comments, and quotes the source line.
struct FindingSink {
    let document: ValidationDocument
    let severities: [String: Severity]
    let displayPathOf: (String) -> String
    private(set) var findings: [Finding] = []

    init(document: ValidationDocument, severities: [String: Severity], displayPathOf: @escaping (String) -> String) {
        self.document = document
        self.severities = severities
        self.displayPathOf = displayPathOf
    }

    /// Reports a finding of `rule` with its message `name`.
    ///
    /// `file`: the tree-relative path of an include the range points into, when not the article.
    mutating func report(
        _ rule: any Rule.Type, _ name: String = "message", at range: SourceRange?, file: String? = nil,
        _ arguments: [String: String] = [:], severity: Severity? = nil
    ) {
        report(rule.id, key: rule.key(name), at: range, file: file, arguments, severity: severity)
    }

    /// Reports with an explicit message key (parse problems reuse the content module's keys).
    mutating func report(
        _ ruleID: String, key: String, at range: SourceRange?, file: String? = nil, _ arguments: [String: String],
        severity: Severity? = nil
    ) {
        guard let configured = severities[ruleID] else { return }
        if file == nil, document.disabled.isDisabled(ruleID, line: range?.start.line) { return }
        let line = file == nil ? range.flatMap { document.line($0.start.line) } : nil
        findings.append(
            Finding(
                rule: ruleID, severity: severity ?? configured,
                path: file.map(displayPathOf) ?? document.displayPath, range: range, messageKey: key,
                arguments: arguments, sourceLine: line))
    }
}

/// Collects the findings of corpus rules, which may point into any article or binding file.
struct CorpusFindingSink {
    let severities: [String: Severity]
    let displayPathOf: (String) -> String
    private(set) var findings: [Finding] = []

    init(severities: [String: Severity], displayPathOf: @escaping (String) -> String) {
        self.severities = severities
        self.displayPathOf = displayPathOf
    }

    /// Reports a finding in the article `facts` describes.
    mutating func report(
        _ rule: any Rule.Type, _ name: String = "message", in facts: DocumentFacts, at range: SourceRange?,
        line: String?, file: String? = nil, _ arguments: [String: String] = [:]
    ) {
        let id = rule.id
        guard let severity = severities[id] else { return }
        if file == nil, facts.disabled.isDisabled(id, line: range?.start.line) { return }
        findings.append(
            Finding(
                rule: id, severity: severity, path: file.map(displayPathOf) ?? facts.displayPath, range: range,
                messageKey: rule.key(name), arguments: arguments, sourceLine: file == nil ? line : nil))
    }

    /// Reports a parser diagnostic of a file that is not an article under `rule`, keeping its message key.
    mutating func report(_ rule: any Rule.Type, diagnostic d: Diagnostic, path: String) {
        guard let severity = severities[rule.id] else { return }
        findings.append(
            Finding(
                rule: rule.id, severity: d.severity == .error ? severity : d.severity, path: path, range: d.range,
                messageKey: d.id, arguments: d.arguments, sourceLine: nil))
    }

    /// Reports a finding in a file that is not an article (a binding), by its display path.
    mutating func report(
        _ rule: any Rule.Type, _ name: String = "message", path: String, at range: SourceRange?,
        _ arguments: [String: String] = [:]
    ) {
        guard let severity = severities[rule.id] else { return }
        findings.append(
            Finding(
                rule: rule.id, severity: severity, path: path, range: range, messageKey: rule.key(name),
                arguments: arguments, sourceLine: nil))
    }
}
