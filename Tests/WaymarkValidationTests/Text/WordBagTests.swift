import Testing
import WaymarkTestSupport

@testable import WaymarkValidation

@Suite struct WordBagTests {
    /// Every two-byte letter the scan can meet (lead bytes C3–C5), alone and in words, folds over
    /// bytes as `TurkishText.fold` does, or is left to it.
    @Test func byteFoldMatchesTurkishTextFold() {
        var out: [UInt8] = []
        for lead in UInt8(0xC3)...0xC5 {
            for trail in UInt8(0x80)...0xBF {
                for word in [[lead, trail], [UInt8(ascii: "i"), lead, trail, UInt8(ascii: "K")]] {
                    let text = String(decoding: word, as: UTF8.self)
                    if word.withUnsafeBufferPointer({ TurkishWords.fold($0, into: &out) }) {
                        #expect(String(decoding: out, as: UTF8.self) == TurkishText.fold(text), "\(word)")
                    }
                }
            }
        }
        var random = SeededNumbers()
        let letters = Array("iIİıçÇğĞöÖşŞüÜâÂîÎûÛaZmxÀÞß".unicodeScalars)
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<(1 + random.next(10)) { text.unicodeScalars.append(letters[random.next(letters.count)]) }
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { TurkishWords.fold($0, into: &out) }, "\(text)")
            #expect(String(decoding: out, as: UTF8.self) == TurkishText.fold(text), "\(text), seed \(random.seed)")
        }
        // Letters whose lower case the byte fold leaves to `TurkishText.fold`.
        for text in ["iŐ", "iĀ", "iŸ"] {
            #expect(!Array(text.utf8).withUnsafeBufferPointer { TurkishWords.fold($0, into: &out) })
        }
    }

    @Test func indexFindsExactlyTheWordsOfItsBags() {
        func bag(_ words: [String]) -> WordBag {
            var bag = WordBag()
            for word in words { Array(word.utf8).withUnsafeBufferPointer { bag.append($0) } }
            return bag
        }
        let index = WordIndex([bag(["iş", "ilişki", "iş"]), bag([]), bag(["ışık", "i"])])
        for word in ["iş", "ilişki", "ışık", "i"] { #expect(index.contains(word), "\(word)") }
        for word in ["", "is", "iş ", "ilişk", "ilişkiler", "Iş"] { #expect(!index.contains(word), "\(word)") }
        #expect(bag(["a", "bc"]).word(1) == ArraySlice("bc".utf8))
    }

    /// An article's bag holds each of its words once, in the order they first come, whatever
    /// their length; the index finds them as before.
    @Test func aScannedBagHoldsEachWordOnce() {
        var bag = WordBag()
        var seen: [UInt64: Int] = [:]
        let words = ["iş", "ilişki", "iş", "i", "ilişki", "ilişkiler", "iş", "i"]
        for word in words { Array(word.utf8).withUnsafeBufferPointer { TurkishWords.insert($0, into: &bag, &seen) } }
        #expect(bag.count == 4)
        #expect(
            (0..<bag.count).map { String(decoding: bag.word($0), as: UTF8.self) } == ["iş", "ilişki", "i", "ilişkiler"])
        let index = WordIndex([bag])
        for word in words { #expect(index.contains(word), "\(word)") }
        #expect(!index.contains("ilişk"))
    }
}
