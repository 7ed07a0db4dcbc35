import WaymarkCore

/// An article's step facts as bytes, in the fact cache's encoding, with each step's line kept
/// as the string the findings quoting it share.
///
/// A step's facts are a dozen fields, six of them lists and two strings: about 300 bytes in
/// several allocations each, where its bytes are a fraction of that in one list per article.
/// They are decoded for the few rules that read them, one source article and its translations
/// at a time.
struct EncodedSteps: Sendable {
    typealias StepFacts = DocumentFacts.StepFacts

    let count: Int
    private let bytes: [UInt8]
    private let lines: [String?]

    init(_ steps: [StepFacts]) {
        count = steps.count
        guard !steps.isEmpty else {
            bytes = []
            lines = []
            return
        }
        var e = FactEncoder(capacity: steps.count * 64)
        for step in steps { Self.encode(step, into: &e) }
        bytes = Array(exactly: e.bytes)
        lines = steps.map(\.line)
    }

    /// As the fact cache keeps it: the count, the bytes as they are, and the lines.
    func encode(into e: inout FactEncoder) {
        e.unsigned(UInt64(count))
        e.unsigned(UInt64(bytes.count))
        e.raw(bytes)
        for line in lines { e.optional(line) { $0.string($1) } }
    }

    /// What `encode` wrote. The bytes are read only when the steps are decoded, and bytes that do
    /// not read back then give no steps; each step takes at least one byte, which bounds the count.
    init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
        let count = try d.count()
        let bytes = try d.bytes()
        guard count <= bytes.count else { throw FactDecoder.Damaged() }
        var lines: [String?] = []
        lines.reserveCapacity(count)
        for _ in 0..<count { lines.append(try d.optionalString()) }
        self.count = count
        self.bytes = bytes
        self.lines = lines
    }

    /// The steps as they were given.
    func decoded() -> [StepFacts] {
        guard count > 0 else { return [] }
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
