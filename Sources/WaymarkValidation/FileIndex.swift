import Foundation
import WaymarkCore

/// Every file of the tree, for resolving relative links without touching the disk again, and the
/// redirections DocFX publishes (`.openpublishing.redirection.json`).
struct FileIndex: Sendable {
    /// Tree-relative paths (`tr-tr/partner-center/x.md`).
    private(set) var files: Set<String> = []
    /// Lower-cased path → the path as it is on disk.
    private(set) var folded: [String: String] = [:]
    /// Lower-cased tree-relative source path → where it redirects.
    private(set) var redirections: [String: String] = [:]
    /// Lower-cased tree-relative source path → the folder of the redirection file that names it,
    /// where the site's paths (`/partner-center/x`) start.
    private(set) var redirectionFolders: [String: String] = [:]

    init() {}

    /// An index with room for `capacity` files.
    init(capacity: Int) {
        files.reserveCapacity(capacity)
        folded.reserveCapacity(capacity)
    }

    /// Front-matter keys that `docfx.json` files supply.
    var docfx = DocFXMetadata()

    /// Every folder that holds a file, tree-relative.
    private(set) var folders: Set<String> = []

    mutating func add(_ path: String) {
        files.insert(path)
        folded[path.latinLowercased] = path
        // A tree is listed a folder at a time: a file in the folder of the one before needs no
        // look-up of its folders.
        let folderLength = path.lastUTF8Offset(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        if folderLength > 0, folderLength == lastFolder.utf8.count, path.hasBytePrefix(lastFolder) { return }
        lastFolder = path.utf8Slice(0..<folderLength)
        var folder = TreePath.parent(of: path)
        while !folder.isEmpty, folders.insert(folder).inserted { folder = TreePath.parent(of: folder) }
    }

    /// The folder of the file `add` was last given, with its slash ("" for none): its folders are
    /// in `folders` already.
    private var lastFolder = ""

    func contains(_ path: String) -> Bool { files.contains(path) }

    /// The file that matches `path` when case is ignored, if it differs from `path`.
    func caseVariant(of path: String) -> String? {
        guard let found = folded[path.latinLowercased], found != path else { return nil }
        return found
    }

    func redirection(of path: String) -> String? { redirections[path.latinLowercased] }

    /// Reads a redirection file at `treePath` whose entries are relative to its folder.
    mutating func addRedirections(json data: Data, at treePath: String) {
        var read = Redirections()
        read.add(json: data, at: treePath)
        add(read)
    }

    /// Redirection files read apart from the files' index (on another thread than the one that
    /// lists the files), then added to it.
    struct Redirections: Sendable {
        fileprivate var targets: [String: String] = [:]
        fileprivate var folders: [String: String] = [:]

        init() {}

        /// Reads a redirection file at `treePath` whose entries are relative to its folder: read
        /// as `JSONReader` reads (the values as written), not through Foundation's objects of
        /// `Any`, which took several times as long for these, a tree's largest JSON files. A file
        /// that is not JSON, or has no `redirections` list, adds nothing; nor does an entry whose
        /// `source_path` is not text.
        mutating func add(json data: Data, at treePath: String) {
            var bytes = [UInt8](data)
            // A byte-order mark, which Foundation's reading skipped.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            guard let root = try? JSONReader.read(bytes), case .array(let entries)? = root["redirections"]?.value
            else { return }
            let folder = TreePath.parent(of: treePath)
            for entry in entries {
                guard case .string(let source)? = entry["source_path"]?.value else { continue }
                var target = ""
                if case .string(let url)? = entry["redirect_url"]?.value { target = url }
                let path = TreePath.normalize(TreePath.join(folder, source)).latinLowercased
                targets[path] = target
                folders[path] = folder
            }
        }
    }

    /// Adds redirections read apart: a later file's entry for a path replaces an earlier one's,
    /// as when each file is added in turn.
    mutating func add(_ read: Redirections) {
        if redirections.isEmpty {
            (redirections, redirectionFolders) = (read.targets, read.folders)
            return
        }
        redirections.merge(read.targets) { _, later in later }
        redirectionFolders.merge(read.folders) { _, later in later }
    }

    /// The file of the tree a removed page redirects to, when the redirection names a page of
    /// the same site (`/partner-center/x`, or a Learn URL) that is in the tree: its tree-relative
    /// path and the fragment the redirection adds.
    func redirectionFile(of path: String) -> (path: String, fragment: String?)? {
        let key = path.latinLowercased
        guard var url = redirections[key], let folder = redirectionFolders[key] else { return nil }
        for host in ["https://docs.microsoft.com", "https://learn.microsoft.com"] where url.hasPrefix(host + "/") {
            url.removeFirst(host.count)
        }
        guard url.hasPrefix("/"), !url.hasPrefix("//") else { return nil }
        var fragment: String?
        if let hash = url.firstIndex(of: "#") {
            fragment = String(url[url.index(after: hash)...])
            url = String(url[..<hash])
        }
        if let query = url.firstIndex(of: "?") { url = String(url[..<query]) }
        var parts = url.split(separator: "/").map(String.init)
        // A Learn URL may name a locale first (`/en-us/hololens/x`): the tree's own folder stands for it.
        if let first = parts.first, first.count == 5, first.dropFirst(2).first == "-" { parts.removeFirst() }
        guard !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else { return nil }
        let base = TreePath.join(folder, parts.joined(separator: "/"))
        for candidate in [base + ".md", TreePath.join(base, "index.md")] where files.contains(candidate) {
            return (candidate, fragment)
        }
        return nil
    }
}

/// `/`-separated relative paths inside the tree, handled as text.
enum TreePath {
    static func parent(of path: String) -> String {
        guard let slash = path.lastUTF8Offset(of: UInt8(ascii: "/")) else { return "" }
        return path.utf8Slice(0..<slash)
    }

    static func join(_ folder: String, _ relative: String) -> String {
        guard !folder.isEmpty else { return relative }
        var joined = folder
        joined.reserveCapacity(folder.utf8.count + 1 + relative.utf8.count)
        joined += "/"
        joined += relative
        return joined
    }

    /// Removes `.` and `..` components; `nil` when `..` climbs above the tree root.
    static func normalizeOrNil(_ path: String) -> String? {
        var path = path
        let normal: String?? = path.withUTF8 { bytes in
            let slash = UInt8(ascii: "/")
            let dot = UInt8(ascii: ".")
            // Already normal (no empty, `.` or `..` component) in the common case: nothing to rebuild.
            var clean = true
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == slash {
                let length = i - start
                if length == 0 || length <= 2 && bytes[start] == dot && (length == 1 || bytes[start + 1] == dot) {
                    clean = false
                    break
                }
                start = i + 1
            }
            if clean { return .none }
            // The components kept so far, as bytes, and where each starts.
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var starts: [Int] = []
            start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == slash {
                defer { start = i + 1 }
                let length = i - start
                if length == 0 || length == 1 && bytes[start] == dot { continue }
                if length == 2 && bytes[start] == dot && bytes[start + 1] == dot {
                    guard let last = starts.popLast() else { return .some(nil) }
                    out.removeSubrange(max(0, last - 1)...)
                    continue
                }
                if !out.isEmpty { out.append(slash) }
                starts.append(out.count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            }
            return .some(String(decoding: out, as: UTF8.self))
        }
        return normal ?? path
    }

    static func normalize(_ path: String) -> String { normalizeOrNil(path) ?? path }

    /// The relative path from `folder` to `path`, both tree-relative (`a/b`, `a/c/x.md` → `../c/x.md`).
    static func relative(from folder: String, to path: String) -> String {
        let from = folder.split(separator: "/")
        let to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let up = Array(repeating: "..", count: from.count - common)
        return (up + to[common...].map(String.init)).joined(separator: "/")
    }

    /// Whether the path ends in `.md`, in any case (`A.MD`).
    static func isMarkdown(_ path: String) -> Bool {
        let bytes = path.utf8
        guard bytes.count >= 3 else { return false }
        let end = bytes.suffix(3)
        var i = end.startIndex
        guard end[i] == UInt8(ascii: ".") else { return false }
        i = end.index(after: i)
        guard end[i] | 0x20 == UInt8(ascii: "m") else { return false }
        return end[end.index(after: i)] | 0x20 == UInt8(ascii: "d")
    }

    /// Whether `path` matches a glob: `**` any run of folders, `*` any text without `/`, `?` one character.
    static func matches(_ path: String, glob: String) -> Bool {
        var (path, glob) = (path, glob)
        // Read in place, the table on the stack when it is small: a tree's listing is matched
        // against its docsets' globs file by file, and three allocations a match were most of it.
        return path.withUTF8 { p in
            glob.withUTF8 { g in
                if let shaped = matchesByShape(p, g) { return shaped }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: (p.count + 1) * (g.count + 1)) { memo in
                    memo.initialize(repeating: 0)
                    return GlobMatcher(p: p, g: g, memo: memo).match(0, 0)
                }
            }
        }
    }

    /// `matches` for the three shapes most globs have, without the matcher's table: a glob without
    /// wildcards (`README.md`) matches that path alone; `**/*SUFFIX` (a file name ending in
    /// `SUFFIX`, which holds no wildcard or `/`) matches a path that ends in `SUFFIX`; `**/NAME/**`
    /// (`NAME` without wildcards) matches a path that starts with `NAME/` or holds `/NAME/`. `nil`
    /// for any other glob.
    private static func matchesByShape(_ p: UnsafeBufferPointer<UInt8>, _ g: UnsafeBufferPointer<UInt8>) -> Bool? {
        let (star, question, slash) = (UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "/"))
        if !g.contains(where: { $0 == star || $0 == question }) {
            return p.count == g.count && (p.isEmpty || memcmp(p.baseAddress!, g.baseAddress!, p.count) == 0)
        }
        guard g.count > 3, g[0] == star, g[1] == star, g[2] == slash else { return nil }
        let rest = UnsafeBufferPointer(rebasing: g[3...])
        if rest[0] == star {
            let suffix = UnsafeBufferPointer(rebasing: rest[1...])
            guard !suffix.contains(where: { $0 == star || $0 == question || $0 == slash }) else { return nil }
            guard p.count >= suffix.count else { return false }
            guard let end = p.baseAddress.map({ $0 + p.count - suffix.count }), let s = suffix.baseAddress else {
                return true
            }
            return memcmp(end, s, suffix.count) == 0
        }
        guard rest.count > 3, rest[rest.count - 3] == slash, rest[rest.count - 2] == star, rest[rest.count - 1] == star
        else { return nil }
        // NAME and the `/` after it.
        let name = UnsafeBufferPointer(rebasing: rest[..<(rest.count - 2)])
        guard name[0] != slash, !name.contains(where: { $0 == star || $0 == question }) else { return nil }
        guard p.count >= name.count, let base = p.baseAddress else { return false }
        if memcmp(base, name.baseAddress!, name.count) == 0 { return true }
        var from = 0
        while from + name.count < p.count, let hit = memchr(base + from, Int32(slash), p.count - from - name.count) {
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
            if memcmp(base + at, name.baseAddress!, name.count) == 0 { return true }
            from = at
        }
        return false
    }
}

/// Matches a path against a glob by trying each way a star can end, remembering in a flat table
/// which (path offset, glob offset) pairs match, so no pair is tried twice.
private struct GlobMatcher {
    let p: UnsafeBufferPointer<UInt8>
    let g: UnsafeBufferPointer<UInt8>
    /// By `i * (g.count + 1) + j`: 0 not tried yet, 1 no match, 2 a match.
    let memo: UnsafeMutableBufferPointer<UInt8>

    func match(_ i: Int, _ j: Int) -> Bool {
        let key = i * (g.count + 1) + j
        if memo[key] != 0 { return memo[key] == 2 }
        var result: Bool
        if j == g.count {
            result = i == p.count
        } else if g[j] == UInt8(ascii: "*"), j + 1 < g.count, g[j + 1] == UInt8(ascii: "*") {
            // `**/` matches zero or more folders; a trailing `**` matches everything.
            var next = j + 2
            if next < g.count, g[next] == UInt8(ascii: "/") { next += 1 }
            result = match(i, next)
            var k = i
            while !result, k < p.count {
                k += 1
                if k == p.count || p[k - 1] == UInt8(ascii: "/") || next == g.count { result = match(k, next) }
            }
        } else if g[j] == UInt8(ascii: "*") {
            result = match(i, j + 1)
            var k = i
            while !result, k < p.count, p[k] != UInt8(ascii: "/") {
                k += 1
                result = match(k, j + 1)
            }
        } else if i < p.count, g[j] == UInt8(ascii: "?") ? p[i] != UInt8(ascii: "/") : g[j] == p[i] {
            result = match(i + 1, j + 1)
        } else {
            result = false
        }
        memo[key] = result ? 2 : 1
        return result
    }
}
