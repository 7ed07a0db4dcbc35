import Foundation
import Synchronization
import WaymarkCore

/// An article's step facts as bytes, in the fact cache's encoding, with each step's line kept
/// as the string the findings quoting it share.
///
/// A step's facts are a dozen fields, six of them lists and two strings: about 300 bytes in
/// several allocations each, where its bytes are a fraction of that in one list per article.
/// They are decoded for the few rules that read them, one source article and its translations
/// at a time.
///
/// A run that holds every article's facts until the corpus rules end keeps them, lines and all,
/// in a `StepSpill` instead: out of its memory, and read back for the group that needs them. The
/// steps of a check the fact cache gave stay in the cache's file (`CachedChecks`) the same way.
struct EncodedSteps: Sendable {
    typealias StepFacts = DocumentFacts.StepFacts

    let count: Int
    private let bytes: [UInt8]
    private let lines: [String?]
    /// Where the steps are in a spill, as `encode` writes them; `bytes` and `lines` then empty.
    /// With `check`, the hash the bytes read back must have (they are in a file this run did not
    /// write: the fact cache's).
    private let spilled: Spilled?
    /// The steps themselves, not encoded (`bytes` and `lines` then empty): in a small tree's run,
    /// where their bytes would save a megabyte or two and cost the encoding and every decoding.
    private let plain: [StepFacts]?

    struct Spilled: Sendable {
        let spill: any StepStore
        let offset: Int
        let length: Int
        var check: UInt64?

        /// The bytes, or nil when they cannot be read or are not what was put there (which the
        /// store is told of: a run that met it does not report what it made of them).
        func load() -> [UInt8]? {
            guard let bytes = spill.load(offset: offset, count: length) else {
                spill.failed(offset: offset)
                return nil
            }
            if let check, FactCache.hash(bytes) != check {
                spill.failed(offset: offset)
                return nil
            }
            return bytes
        }
    }

    /// `count` steps that stay where they are in the fact cache's file, `length` bytes at
    /// `offset` as `encode` writes them, whose hash `check` is read back when a rule asks.
    static func inFile(count: Int, _ file: any StepStore, offset: Int, length: Int, check: UInt64) -> EncodedSteps {
        guard count > 0 else { return EncodedSteps(count: 0, bytes: [], lines: [], spilled: nil) }
        return EncodedSteps(
            count: count, bytes: [], lines: [],
            spilled: Spilled(spill: file, offset: offset, length: length, check: check))
    }

    /// The steps as `encode` writes them, with their number: what the fact cache keeps after a
    /// check's first part.
    func encoded() -> (count: Int, bytes: [UInt8]) {
        var e = FactEncoder(capacity: bytes.count + 16 + lines.count * 80)
        encode(into: &e)
        let written = (try? FactDecoder.reading(e.bytes) { d throws(FactDecoder.Damaged) in try d.count() }) ?? 0
        return (written, e.bytes)
    }

    /// `steps` as bytes (in `spill` when there is one), or as they are with `keepsDecoded`.
    init(_ steps: [StepFacts], spill: StepSpill? = nil, keepsDecoded: Bool = false) {
        guard !steps.isEmpty else {
            self.init(count: 0, bytes: [], lines: [], spilled: nil)
            return
        }
        if keepsDecoded {
            self.init(count: steps.count, bytes: [], lines: [], spilled: nil, plain: steps)
            return
        }
        let kept = EncodedSteps(
            count: steps.count, bytes: Self.encoded(steps), lines: steps.map(\.line), spilled: nil)
        self = spill.map { kept.spilling(to: $0) } ?? kept
    }

    private init(count: Int, bytes: [UInt8], lines: [String?], spilled: Spilled?, plain: [StepFacts]? = nil) {
        self.count = count
        self.bytes = bytes
        self.lines = lines
        self.spilled = spilled
        self.plain = plain
    }

    /// The steps' fields, one step after another, without their lines.
    private static func encoded(_ steps: [StepFacts]) -> [UInt8] {
        var e = FactEncoder(capacity: steps.count * 64)
        for step in steps { Self.encode(step, into: &e) }
        return Array(exactly: e.bytes)
    }

    /// The same steps, written to `spill` (as they are when it could not take them).
    private func spilling(to spill: StepSpill) -> EncodedSteps {
        var e = FactEncoder(capacity: bytes.count + 16 + lines.count * 80)
        encode(into: &e)
        guard let offset = spill.store(e.bytes) else { return self }
        return EncodedSteps(
            count: count, bytes: [], lines: [], spilled: Spilled(spill: spill, offset: offset, length: e.bytes.count))
    }

    /// As the fact cache keeps it: the count, the bytes as they are, and the lines.
    func encode(into e: inout FactEncoder) {
        if let spilled {
            // Read back as written; bytes that cannot be read are kept as no steps.
            guard let written = spilled.load() else {
                e.unsigned(0)
                e.unsigned(0)
                return
            }
            e.raw(written)
            return
        }
        // Steps kept as they are: written as the same steps' bytes are.
        let (bytes, lines) = plain.map { (Self.encoded($0), $0.map(\.line)) } ?? (bytes, lines)
        e.unsigned(UInt64(count))
        e.unsigned(UInt64(bytes.count))
        e.raw(bytes)
        for line in lines { e.optional(line) { $0.string($1) } }
    }

    /// What `encode` wrote. The bytes are read only when the steps are decoded, and bytes that do
    /// not read back then give no steps; each step takes at least one byte, which bounds the count.
    init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
        let start = d.offset
        let count = try d.count()
        if count > 0, let spill = d.stepSpill {
            // Going to the spill as they are: the bytes `encode` writes are these, so the
            // fields are stepped over with the checks decoding makes, then copied at once (a
            // large tree's lines would otherwise each be made a string, then written again).
            let length = try d.count()
            guard count <= length else { throw FactDecoder.Damaged() }
            try d.skip(length)
            for _ in 0..<count {
                if try d.bool() { try d.skip(try d.count()) }
            }
            let written = d.bytes(since: start)
            if let offset = spill.store(written) {
                self.init(
                    count: count, bytes: [], lines: [],
                    spilled: Spilled(spill: spill, offset: offset, length: d.offset - start))
                return
            }
            // Not taken: decoded from the start, kept in memory (the rest of the file's facts
            // still go to the spill).
            d = FactDecoder(rewinding: d, to: start)
            d.stepSpill = nil
            try self.init(from: &d)
            d.stepSpill = spill
            return
        }
        let bytes = try d.bytes()
        guard count <= bytes.count else { throw FactDecoder.Damaged() }
        var lines: [String?] = []
        lines.reserveCapacity(count)
        for _ in 0..<count { lines.append(try d.optionalString()) }
        self.init(count: count, bytes: bytes, lines: lines, spilled: nil)
    }

    /// The steps as they were given.
    func decoded() -> [StepFacts] {
        guard count > 0 else { return [] }
        if let plain { return plain }
        if let spilled {
            // In the spill or the fact cache's file: the bytes read back (none when they cannot
            // be read, or are not the ones the cache's check held).
            guard let written = spilled.load() else { return [] }
            let steps = written.withUnsafeBytes { raw -> EncodedSteps? in
                var d = FactDecoder(raw)
                return try? EncodedSteps(from: &d)
            }
            return steps?.decoded() ?? []
        }
        // The bytes were written by `init`, here or in the run that wrote the fact cache (whose
        // checksum was checked): they read back. Bytes that do not give no steps rather than stop
        // the run.
        let steps = bytes.withUnsafeBytes { raw -> [StepFacts]? in
            var d = FactDecoder(raw)
            var out: [StepFacts] = []
            out.reserveCapacity(count)
            do {
                for index in 0..<count { out.append(try Self.decode(&d, line: lines[index])) }
            } catch {
                return nil
            }
            return out
        }
        return steps ?? []
    }

    private static func encode(_ step: StepFacts, into e: inout FactEncoder) {
        e.string(step.id)
        e.range(step.range)
        e.string(step.kind.rawValue)
        e.int(step.depth)
        e.array(step.alertKinds) { $0.string($1.rawValue) }
        e.array(step.alertRanges) { $0.range($1) }
        e.strings(step.uiLabels)
        e.array(step.labelRanges) { $0.optionalRange($1) }
        e.strings(step.linkTargets)
        e.strings(step.code)
        e.string(step.text)
    }

    private static func decode(_ d: inout FactDecoder, line: String?) throws(FactDecoder.Damaged) -> StepFacts {
        StepFacts(
            id: try d.string(), range: try d.range(), kind: try d.raw(StepKind.self), depth: try d.int(),
            alertKinds: try d.array { d throws(FactDecoder.Damaged) in try d.raw(AlertKind.self) },
            alertRanges: try d.array { d throws(FactDecoder.Damaged) in try d.range() },
            uiLabels: try d.strings(),
            labelRanges: try d.array { d throws(FactDecoder.Damaged) in try d.optionalRange() },
            linkTargets: try d.strings(), code: try d.strings(), text: try d.string(), line: line)
    }
}

/// A file that holds articles' steps as `EncodedSteps.encode` writes them, read back by range.
protocol StepStore: AnyObject, Sendable {
    /// The `count` bytes at `offset`, or nil when they cannot be read.
    func load(offset: Int, count: Int) -> [UInt8]?
    /// The bytes at `offset` could not be read, or were not the ones put there.
    func failed(offset: Int)
}

extension StepStore {
    func failed(offset: Int) {}
}

/// Where a run keeps its articles' step facts while the rules that compare steps wait for them:
/// a temporary file, removed as soon as it is made, so that the bytes stay in the system's file
/// cache, not in the process's memory. (A large tree's steps, with the lines that findings quote,
/// were a third of its facts at the run's peak.)
final class StepSpill: StepStore {
    private let descriptor: Int32
    /// Where the next bytes go: each writer takes its range here and writes it on its own.
    private let end = Mutex<Int>(0)

    /// A spill in `folder`, or nil when no file can be made there.
    init?(in folder: String = NSTemporaryDirectory()) {
        var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast())
        template += Array("waymark-steps-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        // Closed on exec: the programs a run starts (git) have no use for it.
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Writes `bytes` at the end; where they start, or nil when they could not all be written.
    func store(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBytes { store($0) } }

    func store(_ raw: UnsafeRawBufferPointer) -> Int? {
        let offset = end.withLock { end in
            defer { end += raw.count }
            return end
        }
        var done = 0
        while done < raw.count {
            let n = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return offset
    }

    /// The `count` bytes written at `offset`, or nil when they cannot be read.
    func load(offset: Int, count: Int) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            failed = done < count
            initialized = done
        }
        return failed ? nil : bytes
    }
}
