import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

/// An article's step facts are kept as bytes and decoded when the cross-locale rules compare
/// them: what comes back is what went in, and the fact cache's copy of them reads back the same.
@Suite struct EncodedStepsTests {
    static func steps(_ numbers: inout SeededNumbers, count: Int) -> [DocumentFacts.StepFacts] {
        let texts = ["", "Partner Center", "İş Ortağı Merkezi", "https://learn.microsoft.com/{locale}/x", "`az`"]
        func text() -> String { texts[numbers.next(texts.count)] }
        func range() -> SourceRange {
            SourceRange(line: numbers.next(5_000) + 1, column: numbers.next(80) + 1, endColumn: numbers.next(200) + 1)
        }
        return (0..<count).map { index in
            let alerts = (0..<numbers.next(3)).map { _ in AlertKind.allCases[numbers.next(AlertKind.allCases.count)] }
            let labels = (0..<numbers.next(4)).map { _ in text() }
            return DocumentFacts.StepFacts(
                id: "procedure-\(numbers.next(3))/\(index + 1)", range: range(),
                kind: StepKind.allCases[numbers.next(StepKind.allCases.count)], depth: numbers.next(3),
                alertKinds: alerts, alertRanges: alerts.map { _ in range() }, uiLabels: labels,
                labelRanges: labels.map { _ in numbers.next(2) == 0 ? nil : range() },
                linkTargets: (0..<numbers.next(3)).map { _ in text() }, code: (0..<numbers.next(2)).map { _ in text() },
                text: text(), line: numbers.next(4) == 0 ? nil : "1. Select **\(text())**.")
        }
    }

    @Test(arguments: [0, 1, 40])
    func stepsComeBackAsTheyWentIn(_ count: Int) throws {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let steps = Self.steps(&numbers, count: count)
        let encoded = EncodedSteps(steps)
        #expect(encoded.count == count)
        #expect(encoded.decoded() == steps, "seed \(seed)")

        // Through the fact cache's encoding.
        var e = FactEncoder()
        encoded.encode(into: &e)
        let bytes = e.bytes
        let read = try bytes.withUnsafeBytes { raw throws(FactDecoder.Damaged) in
            var d = FactDecoder(raw)
            let read = try EncodedSteps(from: &d)
            #expect(d.isAtEnd)
            return read
        }
        #expect(read.decoded() == steps, "seed \(seed)")
    }

    /// A small tree's run keeps its steps as they are: they come back as they went in, and go to
    /// the fact cache as the same bytes as the encoded ones, which read back as the same steps.
    @Test(arguments: [0, 1, 40])
    func stepsKeptAsTheyAreGoToTheCacheAsEncodedOnesDo(_ count: Int) throws {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let steps = Self.steps(&numbers, count: count)
        let plain = EncodedSteps(steps, keepsDecoded: true)
        #expect(plain.count == count)
        #expect(plain.decoded() == steps, "seed \(seed)")
        var fromPlain = FactEncoder()
        plain.encode(into: &fromPlain)
        var fromBytes = FactEncoder()
        EncodedSteps(steps).encode(into: &fromBytes)
        #expect(fromPlain.bytes == fromBytes.bytes, "seed \(seed)")
        let bytes = fromPlain.bytes
        let read = try bytes.withUnsafeBytes { raw throws(FactDecoder.Damaged) in
            var d = FactDecoder(raw)
            return try EncodedSteps(from: &d)
        }
        #expect(read.decoded() == steps, "seed \(seed)")
    }

    /// Steps kept in a run's temporary file come back as they went in, and go to the fact cache
    /// as the same bytes as steps kept in memory; many articles' steps share the file.
    @Test func stepsKeptInTheSpillComeBackAsTheyWentIn() throws {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let spill = try #require(StepSpill())
        let articles = (0..<50).map { _ in Self.steps(&numbers, count: numbers.next(12)) }
        let spilled = articles.map { EncodedSteps($0, spill: spill) }
        for (steps, encoded) in zip(articles, spilled) {
            #expect(encoded.count == steps.count)
            #expect(encoded.decoded() == steps, "seed \(seed)")
            var inMemory = FactEncoder()
            EncodedSteps(steps).encode(into: &inMemory)
            var fromSpill = FactEncoder()
            encoded.encode(into: &fromSpill)
            #expect(fromSpill.bytes == inMemory.bytes, "seed \(seed)")
        }
        // Read twice, the same; and bytes that are not there are not made up.
        #expect(spilled.last?.decoded() == articles.last)
        #expect(spill.load(offset: 1 << 40, count: 8) == nil)
        #expect(spill.load(offset: 0, count: 0) == [])
    }

    /// Steps of a check reused from the fact cache's file are left there: they come back as they
    /// went in, go to a new cache as the same bytes, and bytes changed in the file after the check
    /// was read give no steps rather than other ones, and are noted as damage, which the run
    /// starts again for (`CachedChecks.damaged`).
    @Test func stepsLeftInTheCacheFileComeBackAsTheyWentIn() throws {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let steps = Self.steps(&numbers, count: 1 + numbers.next(12))
        var e = FactEncoder()
        EncodedSteps(steps).encode(into: &e)
        let payload = e.bytes
        let file = try CacheFileFixture(holding: payload)
        let read = EncodedSteps.inFile(
            count: steps.count, file.cached, offset: file.offset, length: payload.count, check: FactCache.hash(payload))
        #expect(read.count == steps.count)
        #expect(read.decoded() == steps, "seed \(seed)")
        #expect(file.cached.damaged.isEmpty)
        var again = FactEncoder()
        read.encode(into: &again)
        #expect(again.bytes == payload, "seed \(seed)")

        // One byte of the steps changed in the file: no steps, and none written on.
        let byte = payload[payload.count - 1] ^ 0x5A
        file.change(at: payload.count - 1, to: byte)
        #expect(read.decoded() == [], "seed \(seed)")
        var damaged = FactEncoder()
        read.encode(into: &damaged)
        #expect(damaged.bytes == [0, 0])
        #expect(file.cached.damaged.contains(file.offset))
    }

    /// Lines a finding may quote, kept in the spill: each comes back as it went in, missing ones
    /// stay missing; without a spill they are kept as they are.
    @Test func linesKeptInTheSpillComeBackAsTheyWentIn() throws {
        let spill = try #require(StepSpill())
        let lines: [String?] = ["See [the steps](#to-add).", nil, "", "İş Ortağı Merkezi'nde", nil, "x"]
        let kept = DocumentFacts.KeptLine.keep(lines, in: spill)
        #expect(kept.map { $0?.text } == lines)
        let spilledCount = kept.filter { if case .spilled = $0 { true } else { false } }.count
        #expect(spilledCount == 4)
        let inMemory = DocumentFacts.KeptLine.keep(lines, in: nil)
        #expect(inMemory.map { $0?.text } == lines)
        #expect(DocumentFacts.KeptLine.keep([nil, nil], in: spill).allSatisfy { $0 == nil })
    }

    /// A folder where no file can be made gives no spill: the steps then stay in memory.
    @Test func noSpillWhereNoFileCanBeMade() {
        #expect(StepSpill(in: "/nonexistent-folder-for-waymark") == nil)
        let steps: [DocumentFacts.StepFacts] = []
        #expect(EncodedSteps(steps, spill: nil).decoded().isEmpty)
    }

    /// Steps read from the fact cache by a run that spills them go to the spill as the cache
    /// holds them: they come back as they went in, and the decoder stops where they end.
    @Test func stepsReadFromTheCacheIntoTheSpillComeBackAsTheyWentIn() throws {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let spill = try #require(StepSpill())
        for count in [1, 7, 30] {
            let steps = Self.steps(&numbers, count: count)
            var e = FactEncoder()
            EncodedSteps(steps).encode(into: &e)
            e.unsigned(42)
            let bytes = e.bytes
            var after: UInt64?
            let read = try #require(
                bytes.withUnsafeBytes { raw -> EncodedSteps? in
                    var d = FactDecoder(raw)
                    d.stepSpill = spill
                    let read = try? EncodedSteps(from: &d)
                    after = try? d.unsigned()
                    return read
                })
            #expect(after == 42, "seed \(seed)")
            #expect(read.count == count)
            #expect(read.decoded() == steps, "seed \(seed)")
            var again = FactEncoder()
            read.encode(into: &again)
            #expect(again.bytes == Array(bytes.dropLast()), "seed \(seed)")
        }
    }

    /// A cache entry that claims more steps than it has bytes is damaged, not read; so is one
    /// whose lines run past its end or are not marked as there or not. With a spill or without.
    @Test(arguments: [false, true])
    func aCountLargerThanItsBytesIsDamage(spilling: Bool) throws {
        let spill = try #require(StepSpill())
        var tooMany = FactEncoder()
        tooMany.unsigned(5)
        tooMany.unsigned(2)
        tooMany.raw([0, 0])
        var longLine = FactEncoder()
        longLine.unsigned(1)
        longLine.unsigned(1)
        longLine.raw([0, 1, 40, 65])
        var badMark = FactEncoder()
        badMark.unsigned(1)
        badMark.unsigned(1)
        badMark.raw([0, 2])
        for bytes in [tooMany.bytes, longLine.bytes, badMark.bytes] {
            let failed = bytes.withUnsafeBytes { raw in
                var d = FactDecoder(raw)
                if spilling { d.stepSpill = spill }
                do {
                    _ = try EncodedSteps(from: &d)
                    return false
                } catch {
                    return true
                }
            }
            #expect(failed, "\(bytes)")
        }
    }
}

/// A fact cache's file for a test: `payload` at an offset of it, after other bytes, as the cache
/// keeps a check after its header, open as a run holds it (`CachedChecks`); removed when let go.
final class CacheFileFixture {
    let cached: CachedChecks
    /// Where the payload starts in the file.
    let offset = 4_099
    private let path: String
    private let descriptor: Int32

    init(holding payload: [UInt8]) throws {
        path = NSTemporaryDirectory() + "/waymark-check-\(UUID().uuidString).cache"
        try FileWriter.replace(path, with: [UInt8](repeating: 7, count: offset) + payload)
        descriptor = open(path, O_RDWR)
        guard descriptor >= 0, let cached = CachedChecks(duplicating: descriptor) else {
            if descriptor >= 0 { close(descriptor) }
            unlink(path)
            throw CocoaError(.fileReadUnknown)
        }
        self.cached = cached
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Changes the payload's byte at `index` in the file, as another program might.
    func change(at index: Int, to byte: UInt8) {
        var byte = byte
        #expect(pwrite(descriptor, &byte, 1, off_t(offset + index)) == 1)
    }
}
