import FuzzSupport
import WaymarkLocalization

/// The XLIFF 2.0 reader (libxml2 with DTDs, entities and the network refused) on arbitrary bytes; a
/// catalog it accepts must survive being written and read back.
func fuzzXLIFF(_ bytes: [UInt8]) {
    guard let catalog = try? XLIFF.read(bytes, path: "fuzz.xlf") else { return }
    let written = XLIFF.write(catalog)
    guard (try? XLIFF.read(Array(written.utf8), path: "fuzz-rewritten.xlf")) != nil else {
        fatalError("a catalog XLIFF.read accepted does not read back after XLIFF.write")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzXLIFF(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzXLIFF) }
    }
#endif
