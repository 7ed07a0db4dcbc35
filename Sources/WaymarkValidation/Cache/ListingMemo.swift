import Foundation
import WaymarkCore

/// What `validate --cache DIR` keeps of a tree's listing: the order its files sort in and which
/// of them are articles, for one listing as the walk gave it (every path, in the walk's order) and
/// for what decides which files are articles (the configuration's ignore globs and include
/// folders, the `docfx.json` files' bytes). A run whose walk gives that listing again takes both
/// from here instead of sorting the paths and matching every Markdown file against the ignore
/// globs and the docsets' globs: after an edit, the listing is nearly always the one before.
///
/// It holds nothing but a function of its key: a listing that changed in any way (a file added,
/// removed or renamed, or the walk's order moved) or another configuration is another key, and
/// the run works both out again. One small file per tree, written whole and renamed into place:
/// magic, format, key, the number of files, the sorted order (each file's index in the walk's
/// order), the articles' indices, and a checksum. A file that is damaged, cut short, made for
/// another key or another number of files, or whose order is not an order of those files, is
/// not used.
///
/// ```swift
/// let key = ListingMemo.key(listing: listed, deciding: [fingerprint, docfxHash])
/// if let memo = ListingMemo.read(file, key: key, count: listed.count) { … memo.order … }
/// ```
package struct ListingMemo: Equatable {
    static let magic = Array("WAYMARK-LISTING\n".utf8)
    static let format: UInt64 = 1

    /// Each file's index in the walk's listing, in sorted order (`TextOrder.indices(of:)`).
    var order: [Int]
    /// The indices in the walk's listing of the files that are articles, ascending.
    var articles: [Int]

    /// The memo of the tree at `root` (absolute) in `directory`.
    static func file(directory: String, root: String) -> String {
        var slot = Hasher64()
        slot.mix(root)
        return directory + "/waymark-listing-" + String(slot.value, radix: 16) + ".bin"
    }

    /// Whether `name` is a listing memo's file, for the cache's limit.
    static func isFile(named name: String) -> Bool {
        name.hasPrefix("waymark-listing-") && name.hasSuffix(".bin")
    }

    /// The key of a listing: its paths in the walk's order, and `deciding`, the hashes of what
    /// decides which of them are articles.
    static func key(listing: [String], deciding: [UInt64]) -> UInt64 {
        var key = Hasher64()
        key.mix(format)
        key.mix(UInt64(listing.count))
        for path in listing {
            key.mix(path)
            key.mix(UInt64(path.utf8.count))
        }
        for hash in deciding { key.mix(hash) }
        return key.value
    }

    /// The articles among `listing` (the walk's), sorted: `order` with the files that are not
    /// articles left out. The same list as `TextOrder.sorted` of the articles: the order of a
    /// sorted list's members does not depend on the others (ASCII text sorts the same by its
    /// bytes and by `<`, and equal strings keep the walk's order either way).
    func sortedArticles(of listing: [String]) -> [String] {
        var isArticle = [Bool](repeating: false, count: listing.count)
        for index in articles { isArticle[index] = true }
        return order.lazy.filter { isArticle[$0] }.map { listing[$0] }
    }

    /// The memo at `path` when it was written for `key` and a listing of `count` files and reads
    /// whole; `nil` otherwise.
    static func read(_ path: String, key: UInt64, count: Int) -> ListingMemo? {
        // Four bytes or fewer a file in each list, and the rest.
        let limit = 64 + 12 * count
        guard let bytes = try? FileReader.read(path, limit: limit) else { return nil }
        return try? parse(bytes, key: key, count: count)
    }

    /// The memo `bytes` hold; throws when they are not one whole memo (or, with `key` and
    /// `count`, one for another key or number of files). With `checksum` false the checksum is
    /// not compared, for the fuzz target.
    static func parse(_ bytes: [UInt8], key wanted: UInt64? = nil, count wantedCount: Int? = nil, checksum: Bool = true)
        throws(FactDecoder.Damaged) -> ListingMemo
    {
        typealias Damaged = FactDecoder.Damaged
        guard bytes.count > magic.count + 8, bytes.starts(with: magic) else { throw Damaged() }
        let body = bytes.count - 8
        let sum = try FactDecoder.reading(bytes, from: body) { d throws(Damaged) in try d.fixed() }
        var check = Hasher64()
        bytes.withUnsafeBytes { check.mix(UnsafeRawBufferPointer(rebasing: $0[0..<body])) }
        guard sum == check.value || !checksum else { throw Damaged() }
        return try FactDecoder.reading(Array(bytes[0..<body]), from: magic.count) { d throws(Damaged) in
            guard try d.unsigned() == format else { throw Damaged() }
            let key = try d.fixed()
            if let wanted, wanted != key { throw Damaged() }
            let count = try d.count()
            if let wantedCount, wantedCount != count { throw Damaged() }
            // Every index once: an order of the listing.
            var seen = [Bool](repeating: false, count: count)
            var order: [Int] = []
            order.reserveCapacity(count)
            for _ in 0..<count {
                let index = try d.unsigned()
                guard index < UInt64(count), !seen[Int(index)] else { throw Damaged() }
                seen[Int(index)] = true
                order.append(Int(index))
            }
            // Ascending, each within the listing.
            let articleCount = try d.count()
            guard articleCount <= count else { throw Damaged() }
            var articles: [Int] = []
            articles.reserveCapacity(articleCount)
            for _ in 0..<articleCount {
                let index = try d.unsigned()
                guard index < UInt64(count), articles.last.map({ $0 < Int(index) }) ?? true else { throw Damaged() }
                articles.append(Int(index))
            }
            guard d.isAtEnd else { throw Damaged() }
            return ListingMemo(order: order, articles: articles)
        }
    }

    /// The memo's bytes for `key`.
    func encoded(key: UInt64) -> [UInt8] {
        var e = FactEncoder(capacity: 64 + 3 * (order.count + articles.count))
        e.raw(ListingMemo.magic)
        e.unsigned(ListingMemo.format)
        e.fixed(key)
        e.unsigned(UInt64(order.count))
        for index in order { e.unsigned(UInt64(index)) }
        e.unsigned(UInt64(articles.count))
        for index in articles { e.unsigned(UInt64(index)) }
        var check = Hasher64()
        e.bytes.withUnsafeBytes { check.mix($0) }
        e.fixed(check.value)
        return e.bytes
    }

    /// Writes the memo for `key` to `path` (a temporary file renamed into place, its folder made
    /// when a first run has not made it yet); `false` when it could not be written (any file
    /// there is then removed).
    @discardableResult
    func write(to path: String, key: UInt64) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        do {
            try FileWriter.replace(path, with: encoded(key: key))
            return true
        } catch {
            unlink(path)
            return false
        }
    }
}

extension ListingMemo {
    /// Reads `bytes` as a listing memo the way a run does (magic, key, both lists, checksum);
    /// with `checked` false the checksum is not compared, so that the reader meets arbitrary
    /// bytes (for the fuzz target). The number of files listed, or `nil` when it is refused.
    package static func readListing(_ bytes: [UInt8], checked: Bool = true) -> Int? {
        (try? parse(bytes, checksum: checked))?.order.count
    }
}
