import Foundation
import Testing
import WaymarkCore
import WaymarkTestSupport

@testable import WaymarkContent

/// The shortcuts taken for speed must give what the general path gives.
@Suite struct FastPathTests {
    /// Front matter read line by line equals what Yams reads, diagnostics included; shapes the
    /// line reader does not take go to Yams.
    @Test(arguments: [
        "title: Başlık\nms.date: 06/05/2020\n",
        "title:   spaced value   \nempty:\nquoted: \"a 'b' c\"\nsingle: 'it''s'\n",
        "# comment\n\ntitle: T\n  # indented comment\n",
        "title: a: b\n",
        "title: x #comment\n",
        "title: \"esc\\\"aped\"\n",
        "title: 'open\n",
        "title: T\ntitle: again\n",
        "key:value\n",
        "list:\n  - a\n  - b\n",
        "flow: [a, b]\n",
        "anchor: &a x\nalias: *a\n",
        "block: |\n  text\n",
        "tail: ends with colon:\n",
        "ctl: a\u{7}b\n",
        "c1: a\u{85}b\u{86}\n",
        "nbsp: a\u{A0}b\n",
        "- just a list\n",
        "",
        "\n\n",
        "ms.date: 13/45/2020\n",
        "dq: \"\"\nsq: ''\n",
        "path/like_key-1.x: v\n",
        "%YAML 1.1\n",
        "appliesto:\n- HoloLens (1st gen)\n- HoloLens 2\nms.date: 06/05/2020\n",
        "list:\n  - a\n  - 'b''s'\n  - \"c\"\n\nnext: v\n",
        "list:\n\n- a\n\n- b\n",
        "list:\n  - a\n    continued\n",
        "list:\n- a\n  - b\n",
        "list:\n  - a\n - b\n",
        "list:\n-\n",
        "list:\n- \n",
        "list:\n-a\n",
        "list:\n- a: b\n",
        "list:\n- - a\n",
        "list:\n- a # c\n",
        "list:\n- a\n# c\n- b\n",
        "list:\n  # c\n  - a\n",
        "list: x\n- a\n",
        "list: ''\n- a\n",
        "list:   \n  - a\n",
        "list:\n- [a]\n",
        "list:\n- İş Ortağı\n- a\u{7}b\n",
        "a:\n- x\nb:\n- y\nc:\n",
        "list:\n- a\nlist:\n- b\n",
        "list:\n" + String(repeating: "- item\n", count: 64),
        "list:\n" + String(repeating: "- item\n", count: 65),
    ])
    func plainFrontMatterMatchesYams(_ yaml: String) {
        var fastDiagnostics: [Diagnostic] = []
        var yamsDiagnostics: [Diagnostic] = []
        let fast = FrontMatterParser.read(yaml: yaml, lineOffset: 1, diagnostics: &fastDiagnostics)
        let yams = FrontMatterParser.read(yaml: yaml, lineOffset: 1, diagnostics: &yamsDiagnostics, plainLines: false)
        #expect(fast == yams)
        #expect(fastDiagnostics == yamsDiagnostics)
    }

    @Test func plainLinesAreTakenWithoutYams() {
        let lines = "title: T\n# note\nquoted: \"q\"\n".lineSlices
        #expect(PlainFrontMatter.entries(lines, lineOffset: 1)?.map(\.key) == ["title", "quoted"])
        #expect(PlainFrontMatter.entries("list:\n  - a\n    b\n".lineSlices, lineOffset: 1) == nil)
        #expect(
            PlainFrontMatter.entries("list:\n- a\n- b\nnext: c\n".lineSlices, lineOffset: 1)?.map(\.value) == [
                .sequence([.scalar("a"), .scalar("b")]), .scalar("c"),
            ])
    }

    /// Past `maximumKeys` the line reader stands aside, and Yams reads the same entries, a repeated
    /// key among them included.
    @Test(arguments: [PlainFrontMatter.maximumKeys, PlainFrontMatter.maximumKeys + 1])
    func manyKeysGiveWhatYamsGives(_ count: Int) {
        let yaml = (0..<count).map { "key\($0): v\($0)\n" }.joined()
        #expect(
            PlainFrontMatter.entries(yaml.lineSlices, lineOffset: 1)?.count
                == (count <= PlainFrontMatter.maximumKeys ? count : nil))
        for text in [yaml, yaml + "key0: again\n"] {
            var fastDiagnostics: [Diagnostic] = []
            var yamsDiagnostics: [Diagnostic] = []
            let fast = FrontMatterParser.read(yaml: text, lineOffset: 1, diagnostics: &fastDiagnostics)
            let yams = FrontMatterParser.read(
                yaml: text, lineOffset: 1, diagnostics: &yamsDiagnostics, plainLines: false)
            #expect(fast == yams)
            #expect(fastDiagnostics == yamsDiagnostics)
        }
    }

    /// The scalar loop for text below U+0300 gives what the character loop gives.
    @Test(arguments: [
        "Bir ilişkiyi kaldırma", "Kapcsolat eltávolítása — ügyfél", "İş ortağı Ilık", "ÉÁŐŰ öüó 123",
        "tab\there_under-score", "e\u{301}clair", "emoji 👍🏽 ok", "İstanbul", "Ω ω ß", "a\u{200D}b",
    ])
    func slugScalarsMatchCharacters(_ text: String) {
        var expected = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber || ch == "_" || ch == "-" {
                expected.append(ch)
            } else if ch == " " || ch == "\t" {
                expected.append("-")
            }
        }
        #expect(SlugRegistry.slug(text) == expected)
    }

    @Test func slugOfEveryScalarBelowU0300MatchesCharacters() {
        for value in UInt32(0)..<0x300 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            slugScalarsMatchCharacters("x" + String(scalar) + "y z")
        }
    }

    /// General punctuation, which the scalar loop drops, and the scalars around it that it leaves
    /// to the character loop (joiners, combining marks, letter-like symbols), alone and next to
    /// letters and marks they could join.
    @Test func slugOfGeneralPunctuationMatchesCharacters() {
        for value in UInt32(0x1FF0)..<0x2130 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in ["x" + String(scalar) + "y z", "ş" + String(scalar) + "\u{301}", String(scalar) + "İ"] {
                slugScalarsMatchCharacters(text)
            }
        }
    }

    @Test(arguments: ["", "\n", "a", "a\n", "a\nb", "\n\nx\n\n", "ş\nğ\r\n", String(repeating: "line\n", count: 50)])
    func lineSlicesMatchSplit(_ text: String) {
        // By bytes: a CR before the LF stays on its line (the parser turned CR LF into LF earlier).
        let expected = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            Substring($0)
        }
        #expect(text.lineSlices == expected)
        // The table cuts the same lines, each made when asked for, in any order.
        let table = LineTable(text)
        #expect(table.count == expected.count)
        #expect(Array(table) == expected)
        #expect(table.indices.reversed().map { table[$0] } == expected.reversed())
    }

    @Test(arguments: ["plain", "a%20b", "%C3%BC", "%c3%bc%2F", "100%", "%zz", "%C3", "%FF%FE", "a+b%2Bc", ""])
    func percentDecodingMatchesFoundation(_ text: String) {
        #expect(text.percentDecoded == text.removingPercentEncoding)
    }
}

extension FastPathTests {
    @Test(arguments: [
        ("Global admin, Account admin", ", "), ("a ve b ve c", " ve "), ("none", ", "), ("", ", "), (", , ", ", "),
        ("ş, ğ", ", "), ("abc", "abcd"),
    ])
    func piecesMatchFoundation(_ text: String, _ separator: String) {
        #expect(text.pieces(separatedBy: separator) == text.components(separatedBy: separator))
    }

    @Test(arguments: [
        "<a name=\"one\"></a>", "<a id='two' />", "<a href=\"x\" name=three>", "<a  id=\"x\">", "<a xname=\"n\">",
        "<a name=\"a\"><a id=\"b\">", "<a name=\"unclosed", "no anchor", "<a >", "<a name=",
        "<a data-id=\"z\" id=\"y\">",
    ])
    func anchorNamesMatchTheCharacterReading(_ html: String) {
        #expect(HTMLAnchor.names(in: html) == FastPathTests.characterAnchorNames(html))
    }

    /// The earlier reading, by characters, kept here as the reference.
    static func characterAnchorNames(_ html: String) -> [String] {
        guard html.containsText("<a ") else { return [] }
        var result: [String] = []
        var rest = Substring(html)
        while let open = rest.byteOffset(of: "<a ") {
            let afterOpen = rest.utf8.index(rest.utf8.startIndex, offsetBy: open + 3)
            let tail = rest[afterOpen...]
            let tagEnd = tail.firstIndex(of: ">") ?? tail.endIndex
            let tag = tail[..<tagEnd]
            for attribute in ["name=", "id="] {
                guard let offset = tag.byteOffset(of: attribute) else { continue }
                let start = tag.utf8.index(tag.utf8.startIndex, offsetBy: offset)
                guard start == tag.startIndex || tag[tag.index(before: start)] == " " else { continue }
                var value = tag[tag.utf8.index(start, offsetBy: attribute.utf8.count)...]
                if let quote = value.first, quote == "\"" || quote == "'" {
                    value = value.dropFirst()
                    result.append(String(value.prefix { $0 != quote }))
                } else {
                    result.append(String(value.prefix { $0 != " " && $0 != "/" }))
                }
                break
            }
            rest = tail[tagEnd...]
        }
        return result
    }

    /// One pass over the text finds the same best group as looking for every pattern of each
    /// group in turn, on random texts made of pieces of the patterns.
    @Test func cueSetFindsWhatASearchPerPatternFinds() {
        let groups = [
            ["repeat these steps", "repeat", "bu adımları"], ["go to", "open the", "gidin", "lépjen"],
            ["select", "seç", "válassza", "s"],
        ]
        let set = CueSet(groups)
        let pieces = groups.flatMap { $0 } + ["re", "peat", "go", " ", "to", "the", "ş", "é", "x", "sel", "ect", ""]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement()! }.joined()
            let expected = groups.firstIndex { $0.contains { text.utf8.firstRange(of: $0.utf8) != nil } }
            var bytes = text
            #expect(bytes.withUTF8 { set.firstGroup(in: $0) } == expected, "\(text)")
            // In any case: folded while searched (ASCII) or folded first, as the copy would be.
            let mixed = String(text.map { Bool.random(using: &generator) ? Character($0.uppercased()) : $0 })
            let folded = groups.firstIndex { $0.contains { mixed.cueFolded.utf8.firstRange(of: $0.utf8) != nil } }
            #expect(set.firstGroup(inFolded: mixed) == folded, "\(mixed)")
        }
    }

    /// An article's taken names, compared in turn while they are few and hashed once they are
    /// many, answer as a set would, across the switch; canonically equal spellings are one name.
    @Test func takenNamesAnswerAsASetWould() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let names = (0..<30).map { "name-\($0 % 7)\(String(repeating: "x", count: $0 % 3))" } + ["é", "e\u{301}", "İş"]
        var taken = TakenNames()
        var set: Set<String> = []
        for _ in 0..<200 {
            let name = names[numbers.next(names.count)]
            let first = taken.insert(name)
            #expect(first == set.insert(name).inserted, "\(name), seed \(seed)")
        }
        var accents = TakenNames()
        let plain = accents.insert("é")
        let combined = accents.insert("e\u{301}")
        #expect(plain && !combined)
    }
}

/// A quote's marker read over the bytes equals the marker read over the characters.
@Suite struct QuoteMarkerFastPathTests {
    static func same(_ text: String) -> Bool {
        let slow = DocFXRecognizer.markerTextByCharacters(text)
        guard let fast = DocFXRecognizer.asciiMarkerText(text) else { return true }
        guard let fast, let slow else { return fast == nil && slow == nil }
        return fast.marker == slow.marker && fast.inner == slow.inner && fast.after == slow.after
    }

    @Test(arguments: [
        "[!NOTE]", "  [!note] text", "[!Tip]\n", "[!WARNING ]", "[!VIDEO https://x/y]", "[!video  a ]b",
        "[!div class=\"x\"]", "[!DIV]", "[!divx]", "[!INCLUDE [a](b.md)]", "[!]", "[!", "[]", "x [!NOTE]",
        "[!NOTE]\u{301}", "[!NO\u{301}TE]", "[!NOTE]\r\n", "[!NO\rTE]", "[!IMPORTANT]ş", "[!nöte]",
    ])
    func markers(_ text: String) {
        #expect(Self.same(text), "\(text.debugDescription)")
    }

    @Test func randomTexts() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let pieces = [
            "[", "!", "]", " ", "NOTE", "note", "Tip", "div", "VIDEO ", "video", "x", "\u{301}", "\r\n", "\r", "ş",
            "\n", "include", "=",
        ]
        for _ in 0..<5_000 {
            var text = numbers.next(3) == 0 ? "" : "[!"
            for _ in 0..<numbers.next(7) { text += pieces[numbers.next(pieces.count)] }
            #expect(Self.same(text), "\(text.debugDescription) (seed \(seed))")
        }
    }
}

/// The last `[!INCLUDE` of a text, found through `memchr`, is where a scan back from the end finds it.
@Suite struct IncludeMarkerFastPathTests {
    /// Every offset tried from the end, in any letter case.
    static func reference(_ text: String) -> Int? {
        let b = Array(text.utf8)
        let word = Array("INCLUDE".utf8)
        guard b.count >= 9 else { return nil }
        for i in stride(from: b.count - 9, through: 0, by: -1)
        where b[i] == UInt8(ascii: "[") && b[i + 1] == UInt8(ascii: "!")
            && (0..<7).allSatisfy({ b[i + 2 + $0] & 0xDF == word[$0] })
        {
            return i
        }
        return nil
    }

    @Test func randomTextsFindTheSameMarker() {
        var numbers = SeededNumbers()
        let seed = numbers.seed
        let pieces = [
            "[!INCLUDE", "[!include", "[!InClUdE", "[!INCLUD", "[", "!", "[[!", "x", " ", "é", "ş", "]", "(a.md)",
        ]
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<numbers.next(9) { text += pieces[numbers.next(pieces.count)] }
            #expect(
                DocFXRecognizer.includeMarker(in: text) == Self.reference(text),
                "\(text.debugDescription) (seed \(seed))")
        }
    }
}
