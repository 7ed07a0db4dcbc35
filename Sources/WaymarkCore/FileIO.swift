#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
    private let systemWrite = Darwin.write
#endif

/// Reads whole files without the ways a path can hang or mislead a reader: a FIFO or device is
/// refused instead of blocking, a link loop is named as one, and an oversized file is refused
/// before any of it is read.
///
/// ```swift
/// let bytes = try FileReader.read("docs/tr-tr/article.md", limit: 16 << 20)
/// ```
public enum FileReader {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notFound
        case isDirectory
        /// A FIFO, socket or device.
        case notRegularFile
        case linkLoop
        case permissionDenied
        case tooLarge(size: Int, limit: Int)
        case system(String)

        public var description: String {
            switch self {
            case .notFound: "no such file"
            case .isDirectory: "is a directory"
            case .notRegularFile: "not a regular file (a pipe, socket or device)"
            case .linkLoop: "too many levels of symbolic links (a link loop)"
            case .permissionDenied: "permission denied"
            case .tooLarge(let size, let limit): "\(size) bytes, more than the \(limit) allowed"
            case .system(let reason): reason
            }
        }

        static func from(errno code: Int32) -> Failure {
            switch code {
            case ENOENT, ENOTDIR: .notFound
            case EISDIR: .isDirectory
            case ELOOP: .linkLoop
            case EACCES, EPERM: .permissionDenied
            default: .system(String(cString: strerror(code)))
            }
        }
    }

    /// The file's bytes; throws when it is missing, not a regular file, or larger than `limit`.
    public static func read(_ path: String, limit: Int = Int.max) throws(Failure) -> [UInt8] {
        let fd = try openForReading(path)
        defer { close(fd) }
        return try read(descriptor: fd, limit: limit)
    }

    /// A descriptor of the file at `path` for `read(descriptor:limit:)`, closed by the caller.
    public static func openForReading(_ path: String) throws(Failure) -> Int32 {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .from(errno: errno) }
        return fd
    }

    /// The bytes of the open file `fd` from where it stands; throws as `read(_:limit:)` does.
    public static func read(descriptor fd: Int32, limit: Int = Int.max) throws(Failure) -> [UInt8] {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .from(errno: errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .isDirectory
        default: throw .notRegularFile
        }
        let size = Int(info.st_size)
        if size > limit { throw .tooLarge(size: size, limit: limit) }
        // Read straight into the array, one byte beyond the size to notice a file that grew.
        var failure: Failure?
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, filled in
            while filled < buffer.count {
                let count = systemRead(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if count == 0 { break }
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = .from(errno: errno)
                    return
                }
                filled += count
            }
        }
        if let failure { throw failure }
        guard bytes.count > size else { return bytes }
        // The file grew while being read: follow it only as far as the limit.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if bytes.count > limit { throw .tooLarge(size: bytes.count, limit: limit) }
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .from(errno: errno)
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        if bytes.count > limit { throw .tooLarge(size: bytes.count, limit: limit) }
        return bytes
    }
}

/// Replaces a file's contents all at once: the bytes go to a new file beside it, which is then
/// renamed over the old one, so a reader never sees half a report and a failed write leaves the
/// old file as it was.
///
/// ```swift
/// try FileWriter.replace("reports/waymark.json", with: bytes)
/// ```
public enum FileWriter {
    public static func replace(_ path: String, with bytes: [UInt8]) throws(FileReader.Failure) {
        try replace(path) { (write) throws(FileReader.Failure) in try write(bytes) }
    }

    /// `replace(_:with:)` for pieces made while the file is written: `body` gets a function that
    /// writes the next piece, so that pieces need not all be held at once.
    public static func replace(
        _ path: String,
        streaming body: (_ write: ([UInt8]) throws(FileReader.Failure) -> Void) throws(FileReader.Failure) -> Void
    ) throws(FileReader.Failure) {
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
        do throws(FileReader.Failure) {
            try body { (bytes) throws(FileReader.Failure) in try write(bytes, to: fd) }
        } catch {
            failure = error
        }
        if close(fd) != 0, failure == nil { failure = .from(errno: errno) }
        if failure == nil, rename(temporary, path) != 0 { failure = .from(errno: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// Writes `bytes` into what is already at `path` without replacing it: for a device or a pipe
    /// such as `/dev/null` or `/dev/stdout`, which cannot be renamed over.
    public static func overwrite(_ path: String, with bytes: [UInt8]) throws(FileReader.Failure) {
        try overwrite(path) { (write) throws(FileReader.Failure) in try write(bytes) }
    }

    /// `overwrite(_:with:)` for pieces made while they are written, as `replace(_:streaming:)`.
    public static func overwrite(
        _ path: String,
        streaming body: (_ write: ([UInt8]) throws(FileReader.Failure) -> Void) throws(FileReader.Failure) -> Void
    ) throws(FileReader.Failure) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .from(errno: errno) }
        defer { close(fd) }
        try body { (bytes) throws(FileReader.Failure) in try write(bytes, to: fd) }
    }

    /// Writes all of `bytes` to the open descriptor `fd`, through short writes and interruptions.
    public static func write(_ bytes: [UInt8], to fd: Int32) throws(FileReader.Failure) {
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
        if let failure { throw failure }
    }
}
