#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Replaces a file's contents all at once: the bytes go to a new file beside it, which is then
/// renamed over the old one, so a reader never sees half a report and a failed write leaves the
/// old file as it was.
///
/// ```swift
/// try FileWriter.replace("reports/waymark.json", with: bytes)
/// ```
public enum FileWriter {
    public static func replace(_ path: String, with bytes: [UInt8]) throws(FileReader.Failure) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { String(path[..<$0]) + "/" } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        // A file that is already there keeps its permissions; a new one gets the umask's.
        var info = stat()
        let replacing = stat(path, &info) == 0
        var fd: Int32 = -1
        var temporary = ""
        for attempt in 0..<100 {
            temporary = folder + ".\(name).\(getpid()).\(attempt).tmp"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw .from(errno: errno) }
        if replacing { fchmod(fd, info.st_mode & 0o7777) }
        var failure: FileReader.Failure?
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = systemWrite(fd, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = .from(errno: errno)
                    return
                }
                written += count
            }
        }
        if close(fd) != 0, failure == nil { failure = .from(errno: errno) }
        if failure == nil, rename(temporary, path) != 0 { failure = .from(errno: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }
}
