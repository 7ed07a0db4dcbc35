import Foundation
import Synchronization
import WaymarkCore

/// Replaces each `Include` block's (empty) body with the parsed blocks of the file it names.
///
/// Paths are relative to the including file. A target outside the docs root (after resolving
/// `..` and symbolic links), a cycle, or nesting deeper than the limit is refused with an error
/// diagnostic; a missing file is a warning.
struct IncludeResolver {
    let root: String
    let parser: ArticleParser
    let maximumDepth: Int
    var diagnostics: [Diagnostic] = []
    /// Resolved on first use: most articles include nothing, and resolving costs system calls.
    private lazy var resolvedRoot: String = {
        let resolve = { [root] in ArticleParser.absolute(root) }
        return cache?.roots.value(for: root, resolve) ?? resolve()
    }()
    private var cache: IncludeCache? { parser.options.cachesIncludes ? parser.includeCache : nil }

    init(root: String, parser: ArticleParser, maximumDepth: Int) {
        self.root = root
        self.parser = parser
        self.maximumDepth = maximumDepth
    }

    /// `chain`: absolute paths of the files being included, outermost first.
    mutating func resolve(_ blocks: [Block], from path: String, chain: [String]) -> [Block] {
        guard blocks.contains(where: IncludeResolver.mayHoldInclude) else { return blocks }
        return blocks.map { resolve($0, from: path, chain: chain) }
    }

    private static func mayHoldInclude(_ block: Block) -> Bool {
        switch block {
        case .include, .list, .blockQuote, .alert: true
        default: false
        }
    }

    private mutating func resolve(_ block: Block, from path: String, chain: [String]) -> Block {
        switch block {
        case .include(var include):
            include = resolveInclude(include, from: path, chain: chain)
            return .include(include)
        case .list(var list):
            for i in list.items.indices {
                list.items[i].blocks = resolve(list.items[i].blocks, from: path, chain: chain)
            }
            return .list(list)
        case .blockQuote(var q):
            q.blocks = resolve(q.blocks, from: path, chain: chain)
            return .blockQuote(q)
        case .alert(var a):
            a.blocks = resolve(a.blocks, from: path, chain: chain)
            return .alert(a)
        default:
            return block
        }
    }

    private mutating func resolveInclude(_ include: Include, from path: String, chain: [String]) -> Include {
        let fileForDiagnostics = chain.count > 1 ? path : nil
        let target = include.target.percentDecoded ?? include.target
        let relative: String
        if target.hasPrefix("~/") {
            // Relative to the docset: the folder of the `docfx.json` nearest above the file.
            relative = (IncludeResolver.docsetRoot(of: path, within: root) as NSString).appendingPathComponent(
                String(target.dropFirst(2)))
        } else {
            relative = IncludeResolver.sibling(target, of: path)
        }
        let locate = { [cache] in
            (
                IncludeCache.byFolder(relative, cache?.shownFolders) { ($0 as NSString).standardizingPath },
                IncludeCache.byFolder(relative, cache?.absoluteFolders, ArticleParser.absolute)
            )
        }
        let (displayPath, absolute) = cache?.places.value(for: relative, locate) ?? locate()
        guard
            absolute == resolvedRoot
                || absolute.hasPrefix(resolvedRoot.hasSuffix("/") ? resolvedRoot : resolvedRoot + "/")
        else {
            diagnostics.append(
                ContentDiagnostic.includeOutsideRoot.make(
                    include.range, file: fileForDiagnostics, ["target": include.target, "root": root]))
            return include
        }
        if chain.contains(absolute) {
            let names = (chain + [absolute]).map { ($0 as NSString).lastPathComponent }
            diagnostics.append(
                ContentDiagnostic.includeCycle.make(
                    include.range, file: fileForDiagnostics, ["chain": names.joined(separator: " -> ")]))
            return include
        }
        if chain.count > maximumDepth {
            diagnostics.append(
                ContentDiagnostic.includeTooDeep.make(
                    include.range, file: fileForDiagnostics, ["limit": String(maximumDepth), "target": include.target]))
            return include
        }
        if let parsed = cache?.files[displayPath] {
            return finish(include, parsed, displayPath: displayPath, chain: chain + [absolute])
        }
        let bytes: [UInt8]
        do {
            switch try ArticleParser.read(absolute, limit: parser.options.maximumFileSize) {
            case .bytes(let b): bytes = b
            case .tooLarge(let size):
                diagnostics.append(
                    ContentDiagnostic.includeUnreadable.make(
                        include.range, file: fileForDiagnostics,
                        ["target": include.target, "reason": "\(size) bytes is too large"]))
                return include
            }
        } catch ContentError.notFound {
            diagnostics.append(
                ContentDiagnostic.includeMissing.make(
                    include.range, file: fileForDiagnostics, ["target": include.target]))
            return include
        } catch {
            diagnostics.append(
                ContentDiagnostic.includeUnreadable.make(
                    include.range, file: fileForDiagnostics, ["target": include.target, "reason": "\(error)"]))
            return include
        }
        let parsed = parser.parseInclude(bytes: bytes, path: displayPath, lineDiagnosticsFile: displayPath)
        cache?.files.store(parsed, for: displayPath)
        return finish(include, parsed, displayPath: displayPath, chain: chain + [absolute])
    }

    /// `target` in the folder of `path`, as `NSString` joins them: by bytes for the paths articles
    /// have (a folder, no doubled or trailing slash), through `NSString` for anything else. (Its
    /// path methods cost tens of thousands of instructions a call, and every include takes one.)
    static func sibling(_ target: String, of path: String) -> String {
        let slash = UInt8(ascii: "/")
        func plain(_ text: String) -> Bool {
            var previous: UInt8 = 0
            for byte in text.utf8 {
                if byte == slash, previous == slash { return false }
                previous = byte
            }
            return previous != slash
        }
        if let last = path.utf8.lastIndex(of: slash), last != path.utf8.startIndex, !target.isEmpty,
            target.utf8.first != slash, target.utf8.first != UInt8(ascii: "~"), plain(path), plain(target)
        {
            return String(path[..<last]) + "/" + target
        }
        return ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
    }

    /// The folder of the `docfx.json` nearest above `path` (its own folder first), not above
    /// `root`; `root` when there is none.
    static func docsetRoot(of path: String, within root: String) -> String {
        var folder = (path as NSString).deletingLastPathComponent
        let top = (root as NSString).standardizingPath
        while true {
            if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("docfx.json")) {
                return folder
            }
            let standard = (folder as NSString).standardizingPath
            let parent = (folder as NSString).deletingLastPathComponent
            guard standard != top, !parent.isEmpty, parent != folder, standard.count > top.count else { return root }
            folder = parent
        }
    }

    private mutating func finish(
        _ include: Include, _ parsed: IncludeCache.Parsed, displayPath: String, chain: [String]
    ) -> Include {
        var include = include
        diagnostics += parsed.diagnostics
        include.resolvedPath = displayPath
        include.blocks = resolve(parsed.blocks, from: displayPath, chain: chain)
        return include
    }
}

/// Include files met by one parser and its copies: where each written path leads, and what each
/// file parsed to (before its own includes are resolved, which depends on the chain).
final class IncludeCache: Sendable {
    typealias Parsed = (blocks: [Block], diagnostics: [Diagnostic])
    /// Written include path → shown and absolute path.
    let places = Memo<(display: String, absolute: String)>()
    /// Docs root as given → absolute.
    let roots = Memo<String>()
    /// Shown path → the file's parse; only files that could be read are kept. At most a few
    /// hundred: the articles that include a file are mostly its neighbours, parsed one after
    /// another, and a large tree's includes would otherwise stay parsed until its last article.
    let files = Memo<Parsed>(limit: 256)
    /// Folder as written → as shown (`standardizingPath`), and → absolute (`ArticleParser.absolute`).
    let shownFolders = Memo<String>()
    let absoluteFolders = Memo<String>()

    /// Forgets every include: the next parse reads them again.
    func removeAll() {
        places.removeAll()
        roots.removeAll()
        files.removeAll()
        shownFolders.removeAll()
        absoluteFolders.removeAll()
    }

    /// `resolve(path)`, made from the resolved folder and the file's name when the name is a plain
    /// one that is no symbolic link (`resolve` would follow it). Resolving asks the file system
    /// about every component of a path; the includes of a docs set sit in a few folders, so each
    /// folder is resolved once (with `folders`) and each file costs one `lstat`.
    static func byFolder(_ path: String, _ folders: Memo<String>?, _ resolve: (String) -> String) -> String {
        guard let folders, let slash = path.lastUTF8Offset(of: UInt8(ascii: "/")), slash > 0 else {
            return resolve(path)
        }
        let name = path.utf8Slice((slash + 1)..<path.utf8.count)
        var info = stat()
        guard !name.isEmpty, name != ".", name != "..",
            lstat(path, &info) != 0 || info.st_mode & S_IFMT != S_IFLNK
        else { return resolve(path) }
        let folder = path.utf8Slice(0..<slash)
        let resolved = folders.value(for: folder) { resolve(folder) }
        guard !resolved.isEmpty else { return resolve(path) }
        return resolved.hasSuffix("/") ? resolved + name : resolved + "/" + name
    }

    /// Values by string key, safe to share between threads.
    final class Memo<Value: Sendable>: Sendable {
        private struct State {
            var values: [String: Value] = [:]
            /// Keys in the order they were stored, from `oldest` on: kept only under a limit.
            var order: [String] = []
            var oldest = 0
        }
        private let state = Mutex(State())
        /// The most values kept: past it the value stored first is forgotten, and made again
        /// when it is asked for.
        let limit: Int

        init(limit: Int = .max) { self.limit = limit }

        subscript(key: String) -> Value? {
            get { state.withLock { $0.values[key] } }
        }

        func store(_ value: Value, for key: String) {
            let limit = self.limit
            state.withLock { s in
                guard s.values.updateValue(value, forKey: key) == nil, limit < .max else { return }
                s.order.append(key)
                guard s.values.count > limit else { return }
                s.values[s.order[s.oldest]] = nil
                s.oldest += 1
                if s.oldest >= limit {
                    s.order.removeFirst(s.oldest)
                    s.oldest = 0
                }
            }
        }

        func removeAll() {
            state.withLock { $0 = State() }
        }

        /// The value kept for `key`, or `make`'s, kept from now on.
        func value(for key: String, _ make: () -> Value) -> Value {
            if let known = self[key] { return known }
            let made = make()
            store(made, for: key)
            return made
        }
    }
}
