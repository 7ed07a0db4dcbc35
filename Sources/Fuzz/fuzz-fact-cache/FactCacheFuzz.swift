import Foundation
import FuzzSupport
import WaymarkValidation

/// The cache folder's readers on arbitrary bytes: as a run reads a fact cache file (magic, key,
/// listing, entries, checksum), a memo of cross-locale findings (magic, checksum, checks, each
/// file's findings), the index of a memo of report texts (magic, checksum, entries) and a memo of
/// a tree's listing (magic, key, the order and the articles, checksum), then
/// again without the checksum, so that every decoder (the findings, the facts, the includes, the
/// index's entries) meets bytes no run wrote; each check also as a run that reuses it reads it,
/// its first part alone, its steps and details read from the file when asked for.
func fuzzFactCache(_ bytes: [UInt8]) {
    _ = FactCache.read(bytes)
    _ = FactCache.read(bytes, checked: false)
    _ = CorpusMemo.read(bytes)
    _ = CorpusMemo.read(bytes, checked: false)
    _ = ReportMemo.readIndex(bytes)
    _ = ReportMemo.readIndex(bytes, checked: false)
    _ = ListingMemo.readListing(bytes)
    _ = ListingMemo.readListing(bytes, checked: false)
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
