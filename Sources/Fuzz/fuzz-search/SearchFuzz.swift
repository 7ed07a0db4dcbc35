import Foundation
import FuzzSupport
import WaymarkLibrary
import WaymarkLocalization

/// Search queries on arbitrary bytes, in the three languages, against a small index made once:
/// whatever is typed is words, never search syntax, and every result is a real article.
nonisolated(unsafe) let fixture: (SearchIndex, Set<String>)? = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-fuzz-search-\(getpid())")
    // The folder goes when the process exits (libFuzzer ends a timed run with `exit`), so that
    // runs of `make fuzz` do not pile them up in the temporary folder.
    fixtureFolder = dir.path
    atexit {
        if let folder = fixtureFolder { try? FileManager.default.removeItem(atPath: folder) }
    }
    let files = [
        "en-us/a/remove.md": "Remove a relationship\n\n1. Suspend every **Subscription**.",
        "tr-tr/a/remove.md": "İlişkiyi kaldırma\n\n1. Tüm **Abonelikleri** askıya alın.",
        "hu-hu/a/remove.md": "A kapcsolat eltávolítása\n\n1. Függessze fel az **előfizetéseket**.",
        "en-us/b/sandbox.md": "Sandbox orders\n\nCancel an order from the integration sandbox.",
    ]
    for (path, text) in files {
        let url = dir.appendingPathComponent("docs/" + path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(("---\ntitle: T\nms.date: 01/02/2024\n---\n# " + text + "\n").utf8).write(to: url)
    }
    guard let tree = DocsTree(path: dir.appendingPathComponent("docs").path),
        let index = try? SearchIndex(path: dir.appendingPathComponent("index.sqlite").path),
        (try? index.update(tree.files())) != nil
    else { return nil }
    return (index, Set(tree.files().map(\.docsPath)))
}()

/// The fixture's folder, for the exit handler (which cannot capture it).
nonisolated(unsafe) var fixtureFolder: String?

func fuzzSearch(_ bytes: [UInt8]) {
    guard let (index, paths) = fixture else { fatalError("could not build the fixture index") }
    let query = String(decoding: bytes, as: UTF8.self)
    for locale in ["tr-TR", "hu-HU", "en-US"] {
        let results = (try? index.search(query, locale: LocaleTag(locale)!, limit: 5)) ?? []
        for r in results { precondition(paths.contains(r.path), "a result that is not an article: \(r.path)") }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzSearch(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzSearch) }
    }
#endif
