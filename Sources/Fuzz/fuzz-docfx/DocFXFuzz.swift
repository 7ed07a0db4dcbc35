import Foundation
import FuzzSupport
import WaymarkValidation

/// The `docfx.json` reader (build.content, build.globalMetadata, build.fileMetadata and their
/// globs) on arbitrary bytes, then asked for the keys, values and article status of a few paths,
/// globs matched against them.
func fuzzDocFX(_ bytes: [UInt8]) {
    var metadata = DocFXMetadata()
    metadata.add(json: Data(bytes), at: "docs/docfx.json")
    for path in ["docs/a.md", "docs/includes/b.md", "docs/x/y/z/c.md", "other/d.md"] {
        _ = metadata.keys(for: path)
        _ = metadata.supplied(for: path).map(\.origin)
        _ = metadata.isArticle(path)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzDocFX(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzDocFX) }
    }
#endif
