import FuzzSupport
import WaymarkContent

/// The procedure-binding loader (YAML through Yams) on arbitrary bytes.
func fuzzBinding(_ bytes: [UInt8]) {
    _ = BindingLoader.parse(bytes, path: "fuzz.binding.yml")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzBinding(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzBinding) }
    }
#endif
