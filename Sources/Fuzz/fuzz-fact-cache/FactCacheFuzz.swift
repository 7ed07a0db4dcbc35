import Foundation
import FuzzSupport
import WaymarkValidation

/// The cache folder's readers on arbitrary bytes: as a run reads a fact cache file (magic, key,
/// listing, entries, checksum), a memo of cross-locale findings (magic, checksum, checks, each
/// file's findings) and the index of a memo of report texts (magic, checksum, entries), then
/// again without the checksum, so that every decoder (the findings, the facts, the includes, the
/// index's entries) meets bytes no run wrote.
func fuzzFactCache(_ bytes: [UInt8]) {
    _ = FactCache.read(bytes)
    _ = FactCache.read(bytes, checked: false)
    _ = CorpusMemo.read(bytes)
    _ = CorpusMemo.read(bytes, checked: false)
    _ = ReportMemo.readIndex(bytes)
    _ = ReportMemo.readIndex(bytes, checked: false)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzFactCache(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzFactCache) }
    }
#endif
