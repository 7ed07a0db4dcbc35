import FuzzSupport
import WaymarkRelationships

/// `--db` and `WAYMARK_DB` on arbitrary bytes: `PostgresURL.parse` and `redact`. Whatever the
/// input, neither crashes, a URL read back without its password never holds it, and a refusal
/// never repeats it.
func fuzzDatabaseURL(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = PostgresURL.isPostgres(text)
    _ = PostgresURL.redact(text)
    _ = PostgresURL.redact(text, marker: nil)
    do {
        let url = try PostgresURL.parse(text)
        if let password = url.password, password.count >= 4 {
            precondition(!url.redacted.contains(":" + password + "@"), "redacted URL holds the password")
        }
    } catch {
        if case .invalidLocation(let shown, _) = error,
            let at = text.range(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound <= at.lowerBound
        {
            let info = text[scheme.upperBound..<at.lowerBound]
            if let colon = info.firstIndex(of: ":"), info.distance(from: colon, to: info.endIndex) > 4,
                !info[info.index(after: colon)...].contains("@")
            {
                precondition(!shown.contains(String(info[colon...]) + "@"), "a refusal repeats the password")
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzDatabaseURL(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzDatabaseURL) }
    }
#endif
