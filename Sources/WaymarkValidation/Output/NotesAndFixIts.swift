import WaymarkCore

/// How every report format shows a diagnostic's notes and fix-its.
extension Diagnostic.Note {
    /// `path:line:col` of the note, or its path alone.
    var place: String {
        let path = self.path ?? ""
        guard let range else { return path }
        return "\(path):\(range.start.line):\(range.start.column)"
    }

    /// `place: note:`, or `note:` alone for a note that has no place (a count of the rest).
    var lead: String { path == nil && range == nil ? "note:" : "\(place): note:" }
}

extension Report {
    /// A diagnostic's notes and fix-its as lines of text, for the formats that have no place of
    /// their own for them (JUnit, GitHub annotations).
    func noteLines(_ d: Diagnostic) -> [String] {
        d.notes.map { "\($0.lead) \(localizeNote($0))" }
            + d.fixIts.map { "fix-it: \(localize($0.messageKey, $0.arguments))" }
    }
}
