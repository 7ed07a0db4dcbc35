import WaymarkCore

/// A Turkish word written with a dotless capital I where Turkish spells it with İ (`Iş` for `İş`).
struct TurkishDotlessCapitalI: CorpusRule {
    static let category = RuleCategory.language
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A Turkish word starts with I where Turkish writes İ (\"Iş Ortağı\" for \"İş Ortağı\").",
        "explanation":
            "Turkish has two capital i's: I (lower case ı) and İ (lower case i). Capitalising a word that starts with i by an English rule gives I, which is another letter and reads as another word. A word is reported only with evidence: the glossary or another place in the tree spells it with İ or i, and, for words that could be English, it contains a Turkish letter. Abbreviations (IP, ID) and words attested with ı are left alone.",
        "message": "\"{word}\" is written with a dotless I; Turkish spells it \"{fixed}\"",
        "fix": "write \"{fixed}\"",
    ]

    static func check(_ corpus: CorpusFacts, _ context: ValidationContext, _ findings: inout CorpusFindingSink) {
        func isTurkish(_ doc: DocumentFacts) -> Bool { doc.locale.lowercased().hasPrefix("tr") }
        // The articles this run reports in that have a word to decide: often none in a run that
        // reports in a few files, and then the tree's words are not indexed at all.
        let reported = corpus.reportedDocuments.filter { isTurkish($0) && !$0.dotlessWords.isEmpty }
        guard !reported.isEmpty else { return }
        let turkish = corpus.documents.filter(isTurkish)
        let dotted = WordIndex(turkish.map(\.dottedWords))
        let dotlessLower = WordIndex(turkish.map(\.dotlessLowerWords))
        var glossary = Set<String>()
        for term in context.glossaryWords["tr"] ?? [] {
            for word in TurkishText.words(term) { glossary.insert(String(word)) }
        }
        var verdicts: [String: String?] = [:]
        for doc in reported {
            for candidate in doc.dotlessWords {
                let verdict: String?
                if let known = verdicts[candidate.word] {
                    verdict = known
                } else {
                    verdict = fix(candidate.word, glossary: glossary, dotted: dotted, dotlessLower: dotlessLower)
                    verdicts[candidate.word] = verdict
                }
                guard let fixed = verdict else { continue }
                // The word's first letter, the one byte of I, becomes İ.
                let start = candidate.range.start
                let edit = Diagnostic.TextEdit(
                    range: SourceRange(line: start.line, column: start.column, endColumn: start.column + 1),
                    replacement: "İ")
                findings.report(
                    Self.self, in: doc, at: candidate.range, line: candidate.line,
                    ["word": candidate.word, "fixed": fixed],
                    fixIts: [Diagnostic.FixIt(messageKey: key("fix"), arguments: ["fixed": fixed], edits: [edit])])
            }
        }
    }

    /// The spellings of a dotless-capital `word` elsewhere in the tree that decide it: with a
    /// dotted i (`iş…`, evidence for İ) and with a lower-case ı (`ış…`, evidence against), folded
    /// as the word bags hold them.
    static func evidence(for word: String) -> (dotted: String, dotlessLower: String) {
        let rest = TurkishText.fold(String(String.UnicodeScalarView(word.unicodeScalars.dropFirst())))
        return ("i" + rest, "ı" + rest)
    }

    /// The İ spelling of `word` when the evidence supports it, else `nil`.
    static func fix(_ word: String, glossary: Set<String>, dotted: WordIndex, dotlessLower: WordIndex) -> String? {
        let restText = String(String.UnicodeScalarView(word.unicodeScalars.dropFirst()))
        let (folded, dotlessFolded) = evidence(for: word)
        if dotlessLower.contains(dotlessFolded) { return nil }
        let attested = glossary.contains(folded) || dotted.contains(folded)
        guard attested else { return nil }
        // "Is", "Id", "Intune": English-looking words need a Turkish letter to count.
        guard glossary.contains(folded) || TurkishText.hasTurkishLetter(Substring(restText)) else { return nil }
        return "İ" + restText
    }
}
