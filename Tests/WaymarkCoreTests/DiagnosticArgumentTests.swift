import Testing

@testable import WaymarkCore

/// A finding keeps its arguments as one list in name order rather than a dictionary; what a reader
/// sees of them, and the fingerprint made of them, must not depend on that.
@Suite struct DiagnosticArgumentTests {
    static let arguments = ["suffix": "i", "fixed": "abonelikler'i", "count": "3", "a": "", "zeta": "last"]

    @Test func argumentsReadBackAsGivenAndInNameOrder() {
        let d = Diagnostic(
            id: "rule", severity: .warning, path: "a.md", range: nil, messageKey: "rule.message",
            arguments: Self.arguments)
        #expect(d.arguments == Self.arguments)
        #expect(d.argumentCount == 5)
        #expect(d.hasArguments)
        var names: [String] = []
        var values: [String] = []
        d.forEachArgument { name, value in
            names.append(name)
            values.append(value)
        }
        #expect(names == ["a", "count", "fixed", "suffix", "zeta"])
        #expect(values == ["", "3", "abonelikler'i", "i", "last"])
        for (name, value) in Self.arguments { #expect(d.argument(name) == value) }
        #expect(d.argument("missing") == nil)
        #expect(d.argument("") == nil)

        let none = Diagnostic(id: "rule", severity: .note, range: nil, messageKey: "rule.message")
        #expect(none.arguments.isEmpty)
        #expect(!none.hasArguments)
        #expect(none.argumentCount == 0)
    }

    @Test func equalArgumentsMakeEqualFindingsWhateverTheirOrder() {
        // Dictionaries with the same pairs can list them in different orders (different
        // capacities hash them into different buckets).
        var grown: [String: String] = [:]
        grown.reserveCapacity(64)
        for key in Self.arguments.keys.sorted(by: >) { grown[key] = Self.arguments[key] }
        let a = Diagnostic(id: "r", severity: .error, path: "p", range: nil, messageKey: "k", arguments: Self.arguments)
        let b = Diagnostic(id: "r", severity: .error, path: "p", range: nil, messageKey: "k", arguments: grown)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.fingerprint == b.fingerprint)
        let other = Diagnostic(
            id: "r", severity: .error, path: "p", range: nil, messageKey: "k",
            arguments: Self.arguments.merging(["zeta": "changed"]) { $1 })
        #expect(a != other)
        #expect(a.fingerprint != other.fingerprint)
    }

    /// The fingerprint as its documentation states it: FNV-1a over the id, path, message key,
    /// trimmed line and each argument's name and value in name order, each followed by 0xff.
    @Test func theFingerprintIsTheDocumentedHash() {
        var hash = FNV1a()
        for text in ["rule", "docs/a.md", "rule.message", "Select **Save**."]
            + ["a", "", "count", "3", "fixed", "abonelikler'i", "suffix", "i", "zeta", "last"]
        {
            hash.mix(text.utf8)
            hash.mix(0xff)
        }
        let d = Diagnostic(
            id: "rule", severity: .warning, path: "docs/a.md", range: SourceRange(line: 2, column: 1, endColumn: 4),
            messageKey: "rule.message", arguments: Self.arguments, sourceLine: "   Select **Save**.  ")
        #expect(d.fingerprintValue == hash.value)
        // Moved to another file and line, it keeps its arguments and is hashed anew.
        let moved = d.located(path: "docs/b.md", sourceLine: "Select **Save**.", severity: .error)
        #expect(moved.arguments == Self.arguments)
        #expect(moved.severity == .error)
        #expect(moved.path == "docs/b.md")
        #expect(moved.fingerprint != d.fingerprint)
        #expect(
            moved.fingerprint
                == Diagnostic(
                    id: "rule", severity: .error, path: "docs/b.md", range: d.range, messageKey: "rule.message",
                    arguments: Self.arguments, sourceLine: "Select **Save**."
                ).fingerprint)
    }

    /// A large run holds its findings in lists that are sorted and merged: each byte of a finding
    /// is a few hundred kilobytes there.
    @Test func aFindingIsNoLargerThanItWas() {
        #expect(MemoryLayout<Diagnostic>.stride <= 128)
    }

    @Test func aNoteKeepsItsArgumentsAndTakesNewOnes() {
        var note = Diagnostic.Note(path: "a.md", range: nil, messageKey: "note", arguments: Self.arguments)
        #expect(note.arguments == Self.arguments)
        note.arguments = ["only": "one"]
        #expect(note.arguments == ["only": "one"])
        #expect(note == Diagnostic.Note(path: "a.md", range: nil, messageKey: "note", arguments: ["only": "one"]))
    }
}
