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
        #expect(PlainFrontMatter.entries("list:\n  - a\n".lineSlices, lineOffset: 1) == nil)
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

    @Test(arguments: ["", "\n", "a", "a\n", "a\nb", "\n\nx\n\n", "ş\nğ\r\n", String(repeating: "line\n", count: 50)])
    func lineSlicesMatchSplit(_ text: String) {
        // By bytes: a CR before the LF stays on its line (the parser turned CR LF into LF earlier).
        let expected = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            Substring($0)
        }
        #expect(text.lineSlices == expected)
    }

    @Test(arguments: ["plain", "a%20b", "%C3%BC", "%c3%bc%2F", "100%", "%zz", "%C3", "%FF%FE", "a+b%2Bc", ""])
    func percentDecodingMatchesFoundation(_ text: String) {
        #expect(text.percentDecoded == text.removingPercentEncoding)
    }
}
