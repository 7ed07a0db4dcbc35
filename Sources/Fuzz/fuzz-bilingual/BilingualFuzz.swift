import FuzzSupport
import WaymarkContent
import WaymarkTranslation

/// `waymark import bilingual` on arbitrary page text, aligned against a small English article;
/// the article written must parse.
let english = """
    ---
    title: Remove a relationship
    ---
    # Remove a relationship

    Removing a relationship has consequences.

    ## Remove it

    1. Go to **Customers** and select a customer.
    2. Select **Remove reseller relationship**.
       a. Confirm the [removal](removal.md).

    | Setting | Value |
    |---|---|
    | Notice | Sent to the customer |
    """

func fuzzBilingual(_ bytes: [UInt8]) {
    let (article, text) = ArticleParser().parseKeepingText(bytes: Array(english.utf8), path: "fuzz/en-us/a.md")
    let page = String(decoding: bytes, as: UTF8.self)
    let result = BilingualImport.align(page: page, source: article, text: text)
    let markdown = BilingualImport.article(source: article, text: text, pairs: result.pairs, locale: "hu-HU")
    _ = ArticleParser().parse(bytes: Array(markdown.utf8), path: "fuzz/hu-hu/a.md")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzBilingual(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzBilingual) }
    }
#endif
