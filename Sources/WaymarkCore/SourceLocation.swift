/// A position in a source file: 1-based line, 1-based column counted in UTF-8 bytes.
///
/// Byte columns are what cmark-gfm, swift-markdown, gcc and clang report; for ASCII text they equal
/// character columns.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, as used in `path:line:col` diagnostics.
    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A half-open span of source text, from `start` to `end` (inclusive end column as cmark reports it).
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    public init(line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
        start = SourceLocation(line: line, column: column)
        end = SourceLocation(line: endLine ?? line, column: endColumn ?? column)
    }

    /// `l:c-l:c`, the form used in tree dumps.
    public var description: String { "\(start)-\(end)" }

    /// Shifts both ends down by `lines` (used to map positions of a fragment back into its file).
    public func offset(lines: Int) -> SourceRange {
        SourceRange(
            start: SourceLocation(line: start.line + lines, column: start.column),
            end: SourceLocation(line: end.line + lines, column: end.column))
    }
}
