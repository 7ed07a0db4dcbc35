import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkValidation

@Suite struct ContentHashTests {
    @Test(arguments: ["", "\n", "\n\n", "one line", "a\nb", "a\nb\n", "a\r\nb\r\n", "İş\n\nOrtağı\n\n\n", "x\u{0}y\n"])
    func textGivesWhatItsLinesGive(_ text: String) {
        #expect(ContentHash.of(text: text) == lineByLine(text.lineSlices))
    }

    /// The hash as `waymark.source-hash` defines it: each line, then LF.
    private func lineByLine(_ lines: [Substring]) -> String {
        var hash = FNV1a()
        for line in lines {
            hash.mix(line.utf8)
            hash.mix(0x0A)
        }
        return hash.hex
    }

    /// Sixteen lower-case digits, zeros in front, as `String(radix: 16)` writes the value.
    @Test func hexIsTheValuePaddedToSixteenDigits() {
        #expect(FNV1a().hex == "cbf29ce484222325")
        var random = SeededNumbers()
        for round in 0..<2_000 {
            var hash = FNV1a()
            for _ in 0..<random.next(round % 3 == 0 ? 2 : 40) { hash.mix(UInt8(random.next(256))) }
            let digits = String(hash.value, radix: 16)
            #expect(hash.hex == String(repeating: "0", count: 16 - digits.count) + digits, "seed \(random.seed)")
        }
    }

    /// The fact cache's hash tells bytes apart wherever they differ: a long input goes through
    /// four lanes, then the sixteen-byte steps, then the tail, and a change in any of them, or a
    /// byte more or fewer, is another hash. Inputs shorter than the lanes hash as one lane.
    @Test func theCachesHashSeesEveryByteOfALongInput() {
        var random = SeededNumbers()
        for length in [15, 16, 63, 64, 65, 79, 80, 127, 128, 200, 4_099] {
            let bytes = (0..<length).map { _ in UInt8(random.next(256)) }
            let hash = Self.hash(bytes)
            #expect(Self.hash(bytes) == hash)
            #expect(Self.hash(bytes + [0]) != hash && Self.hash(Array(bytes.dropLast())) != hash, "length \(length)")
            let positions = Set([0, 7, 8, 15, 16, 31, 32, 47, 48, 63, 64, length / 2, length - 1])
            for position in positions where position < length {
                var changed = bytes
                changed[position] ^= 0x01
                #expect(Self.hash(changed) != hash, "seed \(random.seed), length \(length), byte \(position)")
            }
        }
        // The four lanes are not interchangeable: two blocks of sixteen swapped, another hash.
        let block = (0..<64).map { UInt8($0) }
        let swapped = Array(block[16..<32] + block[0..<16] + block[32...])
        #expect(Self.hash(block) != Self.hash(swapped))
        let zeros = [UInt8](repeating: 0, count: 64)
        var moved = zeros
        moved[5] = 1
        var other = zeros
        other[21] = 1
        #expect(Self.hash(moved) != Self.hash(other))
    }

    /// A number mixed as a number is mixed as its eight bytes, little-endian, after anything.
    @Test func aNumberMixesAsItsBytes() {
        var random = SeededNumbers()
        for round in 0..<2_000 {
            let before = (0..<random.next(round % 2 == 0 ? 3 : 90)).map { _ in UInt8(random.next(256)) }
            var number = UInt64(random.next(1 << 30)) << 34 ^ UInt64(random.next(1 << 30))
            if round % 5 == 0 { number = UInt64(round) }
            var (direct, bytes) = (Hasher64(), Hasher64())
            before.withUnsafeBytes {
                direct.mix($0)
                bytes.mix($0)
            }
            direct.mix(number)
            withUnsafeBytes(of: number.littleEndian) { bytes.mix($0) }
            #expect(direct.value == bytes.value, "seed \(random.seed), number \(number)")
        }
    }

    private static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h = Hasher64()
        bytes.withUnsafeBytes { h.mix($0) }
        return h.value
    }

    @Test func differentTextDifferentHash() {
        #expect(ContentHash.of(text: "a\nb") != ContentHash.of(text: "a\nb\n"))
        #expect(ContentHash.of(text: "").count == 16)
    }
}

/// `translation-stale` compares a translation's `waymark.source-hash` with the hash of the source
/// as it is on disk, read again only when some translation records one.
@Suite struct SourceHashTests {
    /// A source with a byte-order mark and CRLF line ends: the hash is of the text as parsed.
    static let source = "\u{FEFF}" + Doc.english().replacingOccurrences(of: "\n", with: "\r\n")
    static var current: String { ContentHash.of(text: Doc.english()) }

    func stale(recording hash: String?) throws -> [Diagnostic] {
        let extra = hash.map { "waymark.source-hash: \($0)" } ?? ""
        let tree = Doc.tree(en: SourceHashTests.source, tr: Doc.turkish(extra: extra), hu: Doc.hungarian(extra: extra))
        return try TreeFixture(tree).validate().of("translation-stale")
    }

    @Test func aMatchingHashIsQuiet() throws {
        #expect(try stale(recording: SourceHashTests.current).isEmpty)
        #expect(try stale(recording: nil).isEmpty)
    }

    @Test func anOldHashNamesTheCurrentOne() throws {
        let findings = try stale(recording: "0123456789abcdef")
        #expect(findings.count == 2)
        #expect(
            findings.allSatisfy { ($0.path ?? "").hasSuffix("hu-hu/x.md") || ($0.path ?? "").hasSuffix("tr-tr/x.md") })
        for finding in findings {
            #expect(finding.messageKey.hasSuffix("translation-stale.hash"))
            #expect(finding.arguments["current"] == SourceHashTests.current)
            #expect(finding.arguments["recorded"] == "0123456789abcdef")
            #expect(finding.arguments["source"] == "en-US")
        }
    }

    @Test func aFileIsHashedAsParsed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-hash-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: path) }
        try Data(SourceHashTests.source.utf8).write(to: path)
        #expect(ContentHash.of(fileAt: path.path) == SourceHashTests.current)
        #expect(ContentHash.of(fileAt: path.path + ".missing") == nil)
    }
}
