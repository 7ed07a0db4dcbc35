import FuzzSupport
import WaymarkContent
import WaymarkTranslation

/// `waymark xliff merge` on arbitrary bytes: the XML reader, the skeleton's marks, the inline codes
/// of every unit; what merges must parse as an article.
func fuzzXLIFFMerge(_ bytes: [UInt8]) {
    guard let merged = try? ArticleXLIFF.merge(bytes) else { return }
    _ = ArticleParser().parse(bytes: Array(merged.markdown.utf8), path: "fuzz/tr-tr/merged.md")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzXLIFFMerge(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzXLIFFMerge) }
    }
#endif
