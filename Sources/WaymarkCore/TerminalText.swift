import CWaymarkText

/// Text from outside (articles, names, file names, standard input, imports) made safe for a
/// terminal: every character that could move the cursor, change modes, set the clipboard or the
/// window title, or reorder what is shown is replaced by a visible form, as `cat -v` and `less` do.
///
/// ```
/// "a\u{1B}]52;c;ZXZpbA==\u{07}b"  →  "a^[]52;c;ZXZpbA==^Gb"
/// "evil\u{202E}txt.md"            →  "evil<U+202E>txt.md"
/// ```
///
/// - C0 controls and DEL in caret notation (`^[`, `^J`, `^@`, `^?`);
/// - C1 controls (U+0080–U+009F, among them the one-byte CSI U+009B) and the invisible characters
///   that change direction or break lines (U+061C, U+200E, U+200F, U+2028, U+2029, U+202A–U+202E,
///   U+2066–U+2069) as `<U+XXXX>`.
///
/// Only the program's own styling sequences, added after this, reach the terminal.
public enum TerminalText {
    /// What may stay as it is.
    public enum Keeping: Sendable {
        /// One value on one line: line feeds and tabs are shown too, so a value cannot start a line.
        case nothing
        /// A block the program laid out itself: its line feeds and tabs stay.
        case lineBreaks
    }

    /// `text` with every terminal control made visible.
    public static func visible(_ text: String, keeping: Keeping = .nothing) -> String {
        guard needsEscaping(text, keeping: keeping) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if let shown = visibleForm(scalar, keeping: keeping) {
                out += shown
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `text` holds anything `visible` would change; reads the UTF-8 bytes once.
    public static func needsEscaping(_ text: String, keeping: Keeping = .nothing) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x20 {
                    if keeping == .lineBreaks, b == 0x0A || b == 0x09 {
                        i += 1
                        continue
                    }
                    return true
                }
                if b == 0x7F { return true }
                // U+0080–U+009F are C2 80–C2 9F; U+061C is D8 9C; the others are E2 80 xx or E2 81 xx.
                if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] < 0xA0 { return true }
                if b == 0xD8, i + 1 < bytes.count, bytes[i + 1] == 0x9C { return true }
                if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 {
                    let scalar = 0x2000 + (UInt32(bytes[i + 1] & 0x3F) << 6) + UInt32(bytes[i + 2] & 0x3F)
                    if isInvisibleLayout(scalar) { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether `bytes` are well-formed UTF-8 that `visible(_:keeping: .lineBreaks)` would leave
    /// as they are: what a report this program wrote holds (its texts escaped or made visible),
    /// checked before bytes kept from an earlier run are written again. Checked in C
    /// (`waymark_shown_as_is`): the runs of printable ASCII, line feeds and tabs sixteen bytes at
    /// a time, the characters between them one by one in the same loop.
    public static func isShownAsIs(utf8 bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
        return waymark_shown_as_is(base, bytes.count) != 0
    }

    /// `isShownAsIs` without the vector instructions chosen when the program runs (AVX2), for
    /// the tests to hold both to the definition on any machine.
    static func isShownAsIsPortably(utf8 bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
        return waymark_shown_as_is_portable(base, bytes.count) != 0
    }

    /// The visible form of `scalar`, or `nil` when it is shown as it is.
    static func visibleForm(_ scalar: Unicode.Scalar, keeping: Keeping) -> String? {
        let v = scalar.value
        if v < 0x20 {
            if keeping == .lineBreaks, v == 0x0A || v == 0x09 { return nil }
            return "^" + String(UnicodeScalar(UInt8(v + 0x40)))
        }
        if v == 0x7F { return "^?" }
        if (0x80...0x9F).contains(v) || v == 0x061C || isInvisibleLayout(v) { return codePoint(v) }
        return nil
    }

    /// Direction marks, embeddings, overrides and isolates, and the Unicode line and paragraph
    /// separators.
    static func isInvisibleLayout(_ v: UInt32) -> Bool {
        v == 0x200E || v == 0x200F || (0x2028...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    private static func codePoint(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
}

extension String {
    /// This text with every terminal control made visible, for one value on one line
    /// (see `TerminalText`).
    public var terminalSafe: String { TerminalText.visible(self) }
}
