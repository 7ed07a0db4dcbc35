#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lists the files under a folder with `readdir`, without following symbolic links to folders.
///
/// ```swift
/// TreeWalker.files(under: "docs") { relative in print(relative) }  // "tr-tr/a.md", ...
/// ```
///
/// Regular files and symbolic links to things that are not folders are reported, by their path
/// relative to `root` with `/` separators; hidden files and folders are included. Folders that
/// cannot be opened are skipped. The order is the file system's; sort when it matters.
public enum TreeWalker {
    /// `entering` is asked about each folder (its relative path, without the trailing `/`) before
    /// it is read; a folder it refuses is skipped with everything in it.
    public static func files(
        under root: String, entering: (String) -> Bool = { _ in true }, _ body: (String) -> Void
    ) {
        let base = root.hasSuffix("/") ? root : root + "/"
        var pending: [String] = [""]
        while let folder = pending.popLast() {
            guard let dir = opendir(base + folder) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let relative = folder + name
                // (The file's whole path is made only for a type the entry does not tell.)
                switch kind(Int32(entry.pointee.d_type), base + relative) {
                case .folder: if entering(relative) { pending.append(relative + "/") }
                case .file: body(relative)
                case .other: continue
                }
            }
        }
    }

    private enum Kind { case folder, file, other }

    private static func kind(_ type: Int32, _ path: @autoclosure () -> String) -> Kind {
        switch type {
        case Int32(DT_DIR): return .folder
        case Int32(DT_REG): return .file
        case Int32(DT_LNK):
            // Followed only to tell a linked file from a linked folder, which is not entered.
            var info = stat()
            guard stat(path(), &info) == 0 else { return .other }
            return info.st_mode & S_IFMT == S_IFDIR ? .other : .file
        case Int32(DT_UNKNOWN):
            var info = stat()
            let path = path()
            guard lstat(path, &info) == 0 else { return .other }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: return .folder
            case S_IFREG: return .file
            case S_IFLNK: return kind(Int32(DT_LNK), path)
            default: return .other
            }
        default: return .other
        }
    }
}
