import FuzzSupport
import WaymarkWebInput

/// What browsers and scripts send the web app, on arbitrary bytes: forms and query strings,
/// cookies, `Accept-Language`, JSON bodies, and the escaping every page text passes through.
/// None of them may trap; a decoded form encodes back to the same fields; escaped text holds no
/// markup character.
func fuzzHTTPInput(_ bytes: [UInt8]) {
    if let fields = WebInput.form(bytes) {
        precondition(fields.count <= WebInput.maximumFields, "more fields than the limit")
        let encoded = fields.sorted { $0.key < $1.key }.map {
            WebInput.percentEncoded($0.key) + "=" + WebInput.percentEncoded($0.value)
        }
        .joined(separator: "&")
        precondition(WebInput.form(Array(encoded.utf8)) == fields, "a form does not read back")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    _ = WebInput.cookies(text)
    if let chosen = WebInput.preferredLocale(text, offered: ["en-US", "tr-TR", "hu-HU"]) {
        precondition(["en-US", "tr-TR", "hu-HU"].contains(chosen), "a locale that was not offered")
    }
    _ = WebInput.jsonStrings(bytes)
    let escaped = WebInput.escapeHTML(text)
    precondition(!escaped.contains(where: { "<>\"'".contains($0) }), "escaped text holds markup")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzHTTPInput(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzHTTPInput) }
    }
#endif
