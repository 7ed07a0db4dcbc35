import FuzzSupport
import WaymarkContent
import WaymarkCore

/// Front matter, Markdown, DocFX extensions and the step graph, from arbitrary bytes. The path
/// points into a folder that does not exist, so includes are attempted and fail cleanly.
func fuzzArticle(_ bytes: [UInt8]) {
    let parser = ArticleParser(options: ArticleParser.Options(root: "/nonexistent-fuzz-root"))
    let article = parser.parse(bytes: bytes, path: "/nonexistent-fuzz-root/tr-tr/article.md")
    _ = article.stepGraph.stepIDs
    _ = article.json.serialized(pretty: false)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzArticle(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzArticle) }
    }
#endif
