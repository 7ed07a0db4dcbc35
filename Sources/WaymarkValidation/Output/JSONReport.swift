import Foundation
import WaymarkCore

/// `--format json`: every finding with its rule, severity, place, localized message, message key
/// and arguments, and fingerprint; then the counts.
enum JSONReport {
    static func bytes(_ report: Report) -> [UInt8] {
        var out: [UInt8] = []
        write(report) { out += $0 }
        return out
    }

    /// The report handed to `emit` piece by piece, in order (`ReportSlices`): memory stays a few
    /// slices large however long the report is.
    static func write<E: Error>(_ report: Report, to emit: ([UInt8]) throws(E) -> Void) throws(E) {
        try emit(Array("{\n  \"version\": 1,\n  \"findings\": [".utf8))
        let findings = report.findings
        let localize = report.localize
        let messages = Messages(finding: report.writeFindingMessage, note: report.writeNoteMessage)
        try ReportSlices.write(
            count: findings.count, grouping: report.memoGrouping,
            memo: report.memo, separator: [UInt8(ascii: ",")], to: emit
        ) { index, out, scratch in
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.newLine(4, to: &out)
            write(findings[index], localize: localize, messages: messages, scratch: &scratch, to: &out)
        }
        var tail: [UInt8] = []
        if !findings.isEmpty { JSONValue.newLine(2, to: &tail) }
        tail += Array("],\n  \"summary\": ".utf8)
        let summary: JSONValue = .object([
            ("files", .int(report.articlesChecked)), ("errors", .int(report.count(.error))),
            ("warnings", .int(report.count(.warning))), ("notes", .int(report.count(.note))),
            ("baselined", .int(report.baselined)),
        ])
        summary.write(to: &tail, indent: 2)
        tail += Array("\n}\n".utf8)
        try emit(tail)
    }

    /// How a finding's and a note's messages are written as UTF-8.
    private struct Messages: Sendable {
        let finding: @Sendable (Diagnostic, inout [UInt8]) -> Void
        let note: @Sendable (Diagnostic.Note, inout [UInt8]) -> Void
    }

    /// One finding as an object at depth 4, written straight as bytes: the same text as the
    /// `JSONValue` of its fields, without building that tree for each of thousands of findings.
    /// Messages are formatted into `scratch`, then escaped into `out`.
    private static func write(
        _ f: borrowing Diagnostic, localize: Localize, messages: Messages, scratch: inout [UInt8],
        to out: inout [UInt8]
    ) {
        append("{\n      \"rule\": ", to: &out)
        JSONValue.writeString(f.id, to: &out)
        append(",\n      \"severity\": ", to: &out)
        JSONValue.writeString(f.severity.rawValue, to: &out)
        append(",\n      \"path\": ", to: &out)
        JSONValue.writeString(f.path ?? "", to: &out)
        if let r = f.range {
            append(",\n      \"line\": ", to: &out)
            JSONValue.writeInt(r.start.line, to: &out)
            append(",\n      \"column\": ", to: &out)
            JSONValue.writeInt(r.start.column, to: &out)
            append(",\n      \"endLine\": ", to: &out)
            JSONValue.writeInt(r.end.line, to: &out)
            append(",\n      \"endColumn\": ", to: &out)
            JSONValue.writeInt(r.end.column, to: &out)
        }
        append(",\n      \"message\": ", to: &out)
        scratch.removeAll(keepingCapacity: true)
        messages.finding(copy f, &scratch)
        scratch.withUnsafeBufferPointer { JSONValue.writeString(utf8: $0, to: &out) }
        append(",\n      \"messageKey\": ", to: &out)
        JSONValue.writeString(f.messageKey, to: &out)
        append(",\n      \"arguments\": {", to: &out)
        if f.hasArguments {
            var first = true
            f.forEachArgument { key, value in
                append(first ? "\n        " : ",\n        ", to: &out)
                first = false
                JSONValue.writeString(key, to: &out)
                append(": ", to: &out)
                JSONValue.writeString(value, to: &out)
            }
            append("\n      ", to: &out)
        }
        out.append(UInt8(ascii: "}"))
        append(",\n      \"fingerprint\": ", to: &out)
        JSONValue.writeString(f.fingerprint, to: &out)
        // Notes and fix-its as bytes too: the same text as their `JSONValue`s.
        let notes = f.notes
        if !notes.isEmpty {
            append(",\n      \"notes\": [", to: &out)
            for (index, note) in notes.enumerated() {
                append(
                    index == 0 ? "\n        {\n          \"path\": " : ",\n        {\n          \"path\": ", to: &out)
                JSONValue.writeString(note.path ?? "", to: &out)
                if let r = note.range {
                    append(",\n          \"line\": ", to: &out)
                    JSONValue.writeInt(r.start.line, to: &out)
                    append(",\n          \"column\": ", to: &out)
                    JSONValue.writeInt(r.start.column, to: &out)
                }
                append(",\n          \"message\": ", to: &out)
                scratch.removeAll(keepingCapacity: true)
                messages.note(note, &scratch)
                scratch.withUnsafeBufferPointer { JSONValue.writeString(utf8: $0, to: &out) }
                append(",\n          \"messageKey\": ", to: &out)
                JSONValue.writeString(note.messageKey, to: &out)
                append("\n        }", to: &out)
            }
            append("\n      ]", to: &out)
        }
        let fixIts = f.fixIts
        if !fixIts.isEmpty {
            append(",\n      \"fixIts\": [", to: &out)
            for (index, fix) in fixIts.enumerated() {
                append(
                    index == 0 ? "\n        {\n          \"message\": " : ",\n        {\n          \"message\": ",
                    to: &out)
                JSONValue.writeString(localize(fix.messageKey, fix.arguments), to: &out)
                append(",\n          \"messageKey\": ", to: &out)
                JSONValue.writeString(fix.messageKey, to: &out)
                append(",\n          \"edits\": [", to: &out)
                for (number, edit) in fix.edits.enumerated() {
                    append(number == 0 ? "\n            {" : ",\n            {", to: &out)
                    if let path = edit.path {
                        append("\n              \"path\": ", to: &out)
                        JSONValue.writeString(path, to: &out)
                        out.append(UInt8(ascii: ","))
                    }
                    append("\n              \"line\": ", to: &out)
                    JSONValue.writeInt(edit.range.start.line, to: &out)
                    append(",\n              \"column\": ", to: &out)
                    JSONValue.writeInt(edit.range.start.column, to: &out)
                    append(",\n              \"endLine\": ", to: &out)
                    JSONValue.writeInt(edit.range.end.line, to: &out)
                    append(",\n              \"endColumn\": ", to: &out)
                    JSONValue.writeInt(edit.range.end.column, to: &out)
                    append(",\n              \"replacement\": ", to: &out)
                    JSONValue.writeString(edit.replacement, to: &out)
                    append("\n            }", to: &out)
                }
                append(fix.edits.isEmpty ? "]\n        }" : "\n          ]\n        }", to: &out)
            }
            append("\n      ]", to: &out)
        }
        append("\n    }", to: &out)
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
