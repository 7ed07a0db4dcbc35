import WaymarkCore

/// The text of a Markdown file after decoding: UTF-8 checked (bad sequences replaced and reported,
/// the first NUL byte reported),
/// a leading byte-order mark dropped, CR LF and lone CR line ends turned into LF. Line numbers are
/// unchanged by these steps, so positions still point into the file as an editor shows it.
struct SourceText {
    var text: String
    var diagnostics: [Diagnostic] = []

    init(bytes: some Collection<UInt8>) {
        var body = Array(bytes)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body.removeFirst(3)
            diagnostics.append(ContentDiagnostic.byteOrderMark.make(SourceRange(line: 1, column: 1)))
        }
        if let decoded = body.withUnsafeBufferPointer(UTF8Text.validated) {
            text = decoded
        } else {
            if let (line, column) = SourceText.firstInvalidUTF8(in: body) {
                diagnostics.append(ContentDiagnostic.invalidUTF8.make(SourceRange(line: line, column: column)))
            }
            text = String(decoding: body, as: UTF8.self)
        }
        if let nul = body.firstOffset(of: [0]) {
            let line = 1 + body[..<nul].count { $0 == 0x0A }
            let lineStart = body[..<nul].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            diagnostics.append(ContentDiagnostic.nulByte.make(SourceRange(line: line, column: nul - lineStart + 1)))
        }
        if body.firstOffset(of: [0x0D]) != nil {
            text = text.replacingCRLF()
        }
    }

    /// Line and byte column of the first byte that does not start a valid UTF-8 sequence.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> (Int, Int)? {
        guard let offset = bytes.withUnsafeBufferPointer(UTF8Text.firstInvalidOffset) else { return nil }
        let before = bytes[..<offset]
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return (1 + before.count { $0 == 0x0A }, offset - lineStart + 1)
    }
}

extension String {
    /// The string with CR LF and lone CR line ends replaced by LF.
    func replacingCRLF() -> String {
        var out = [UInt8]()
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for b in utf8 {
            if b == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if b == 0x0A, previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
