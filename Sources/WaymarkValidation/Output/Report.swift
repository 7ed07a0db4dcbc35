import WaymarkCore

/// Renders message keys in the reader's locale: `(key, arguments) → text`.
public typealias Localize = @Sendable (String, [String: String]) -> String

/// What a report format needs: the findings left after the baseline, the counts, and a way to
/// put keys into words.
public struct Report: Sendable {
    public var findings: FindingList
    public var articlesChecked: Int
    /// Findings the baseline hid.
    public var baselined: Int
    public var localize: Localize
    /// A finding's message: `localize` of its key and arguments, unless the caller has a way that
    /// reads the arguments in place (a dictionary for each of a large report's findings is a
    /// tenth of writing it).
    public var localizeFinding: @Sendable (Diagnostic) -> String
    /// And a note's, the same way.
    public var localizeNote: @Sendable (Diagnostic.Note) -> String
    /// `localizeFinding` and `localizeNote` appended as UTF-8 to a buffer, for the formats that
    /// write bytes (JSON): a caller that formats into bytes spares a string a message.
    public var writeFindingMessage: @Sendable (Diagnostic, inout [UInt8]) -> Void
    public var writeNoteMessage: @Sendable (Diagnostic.Note, inout [UInt8]) -> Void
    /// The texts an earlier report of the tree wrote for each file, to copy where a file's
    /// findings are the same (a cached run's); the formats that write a file's findings one
    /// after another use it (`ReportFormat.usesMemo`), and it is finished once they have.
    package var memo: ReportMemo?

    /// The findings by file as `memo` reads them, when there is a memo.
    var memoGrouping: FindingList.Grouping? { memo == nil ? nil : findings.grouping }

    public init(
        findings: FindingList, articlesChecked: Int, baselined: Int, localize: @escaping Localize,
        localizeFinding: (@Sendable (Diagnostic) -> String)? = nil,
        localizeNote: (@Sendable (Diagnostic.Note) -> String)? = nil,
        writeFindingMessage: (@Sendable (Diagnostic, inout [UInt8]) -> Void)? = nil,
        writeNoteMessage: (@Sendable (Diagnostic.Note, inout [UInt8]) -> Void)? = nil
    ) {
        self.findings = findings
        self.articlesChecked = articlesChecked
        self.baselined = baselined
        self.localize = localize
        let finding = localizeFinding ?? { localize($0.messageKey, $0.arguments) }
        let note = localizeNote ?? { localize($0.messageKey, $0.arguments) }
        self.localizeFinding = finding
        self.localizeNote = note
        self.writeFindingMessage = writeFindingMessage ?? { $1 += finding($0).utf8 }
        self.writeNoteMessage = writeNoteMessage ?? { $1 += note($0).utf8 }
    }

    public init(
        findings: [Diagnostic], articlesChecked: Int, baselined: Int, localize: @escaping Localize,
        localizeFinding: (@Sendable (Diagnostic) -> String)? = nil,
        localizeNote: (@Sendable (Diagnostic.Note) -> String)? = nil,
        writeFindingMessage: (@Sendable (Diagnostic, inout [UInt8]) -> Void)? = nil,
        writeNoteMessage: (@Sendable (Diagnostic.Note, inout [UInt8]) -> Void)? = nil
    ) {
        self.init(
            findings: FindingList(findings), articlesChecked: articlesChecked, baselined: baselined,
            localize: localize, localizeFinding: localizeFinding, localizeNote: localizeNote,
            writeFindingMessage: writeFindingMessage, writeNoteMessage: writeNoteMessage)
    }

    public func count(_ severity: Severity) -> Int { findings.count(severity) }

    public func message(_ finding: Diagnostic) -> String { localizeFinding(finding) }

    /// The summary line: `3 files checked: 1 error, no warnings, no notes`.
    public var summary: String {
        var line = localize(
            ValidationText.summary.rawValue,
            [
                "articles": String(articlesChecked), "errors": String(count(.error)),
                "warnings": String(count(.warning)), "notes": String(count(.note)),
            ])
        if baselined > 0 {
            line += "; " + localize(ValidationText.summaryBaseline.rawValue, ["count": String(baselined)])
        }
        return line
    }
}

/// The output formats of `waymark validate --format`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github

    public func render(_ report: Report, color: Bool = false, toolVersion: String = "0") -> String {
        String(decoding: bytes(report, color: color, toolVersion: toolVersion), as: UTF8.self)
    }

    /// The report as UTF-8, ready for a file or a pipe.
    public func bytes(_ report: Report, color: Bool = false, toolVersion: String = "0") -> [UInt8] {
        var out: [UInt8] = []
        write(report, color: color, toolVersion: toolVersion) { out += $0 }
        return out
    }

    /// `bytes` handed to `emit` piece by piece as they are made, in every format: a long report
    /// is never held whole, and neither are its findings (each is read from the run's lists when
    /// its slice is written).
    public func write<E: Error>(
        _ report: Report, color: Bool = false, toolVersion: String = "0", to emit: ([UInt8]) throws(E) -> Void
    ) throws(E) {
        switch self {
        case .text: try TextReport.write(report, color: color, to: emit)
        case .json: try JSONReport.write(report, to: emit)
        case .sarif: try SARIFReport.write(report, toolVersion: toolVersion, to: emit)
        case .junit: try JUnitReport.write(report, to: emit)
        case .github: try GitHubReport.write(report, to: emit)
        }
        if usesMemo { report.memo?.finish() }
    }

    /// Whether the format writes each finding on its own, a file's one after another, so that a
    /// file's text can be kept and copied (`Report.memo`); JUnit groups findings by rule.
    public var usesMemo: Bool {
        switch self {
        case .text, .json, .sarif, .github: true
        case .junit: false
        }
    }

    /// Whether the format shows the source line a finding starts on (the text format's excerpt,
    /// SARIF's columns in code points): a run for another format need not keep the lines.
    public var showsSourceLines: Bool {
        switch self {
        case .text, .sarif: true
        case .json, .junit, .github: false
        }
    }
}
