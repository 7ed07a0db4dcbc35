import WaymarkCore

/// An English sentence left in a Turkish or Hungarian article.
struct UntranslatedEnglish: DocumentRule {
    static let category = RuleCategory.language
    static let defaultSeverity = Severity.warning
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A paragraph of a Turkish or Hungarian article is an English sentence.",
        "explanation":
            "A sentence the translation skipped. A paragraph, list item or heading is reported when it has at least six words, none of the letters Turkish or Hungarian need, and English function words (the, and, to, you…), at least three different ones, make up at least a quarter of it. Product names, code and link targets are not counted.",
        "message": "this looks like untranslated English: \"{excerpt}\"",
    ]

    static let functionWords: Set<String> = [
        "the", "and", "to", "of", "an", "in", "is", "are", "you", "your", "for", "on", "with", "that", "this",
        "be", "can", "or", "if", "from", "as", "by", "it", "not", "will", "have", "has", "was", "at", "which",
        "when", "then", "into", "about", "more", "how", "what", "they", "their", "there", "these", "those", "must",
        "should", "select", "do", "does",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        let language = document.language
        guard language == "tr" || language == "hu", !document.isSource else { return }
        let native = ProseText.Letters(language == "tr" ? "çğıöşüÇĞİÖŞÜ" : "áéíóöőúüűÁÉÍÓÖŐÚÜŰ")
        struct Paragraphs: BlockVisitor {
            let native: ProseText.Letters
            var found: [(String, SourceRange)] = []
            mutating func visit(_ block: Block, depth: Int) -> Bool {
                switch block {
                // Most of a translation's paragraphs have one of its letters, found in the text
                // in place: only the others are joined into one text and counted.
                case .paragraph(let p) where !hasNative(p.content): found.append((p.content.prose, p.range))
                case .heading(let h) where !hasNative(h.content): found.append((h.content.prose, h.range))
                case .include: return false
                default: break
                }
                return true
            }

            /// Whether the prose of `inlines` has a letter of the language.
            func hasNative(_ inlines: [Inline]) -> Bool {
                inlines.contains { inline in
                    switch inline {
                    case .text(let s, _): ProseText.hasLetter(of: native, in: s)
                    case .emphasis(let c, _), .strong(let c, _), .strikethrough(let c, _), .link(_, _, let c, _):
                        hasNative(c)
                    case .softBreak, .lineBreak, .code, .image, .html: false
                    }
                }
            }
        }
        var paragraphs = Paragraphs(native: native)
        Block.walk(document.article.blocks, with: &paragraphs)
        for (text, range) in paragraphs.found {
            let words = ProseText.words(text)
            guard words.count >= 6 else { continue }
            let function = words.filter { functionWords.contains($0) }
            // Three different function words: product names ("Dynamics 365 for Finance and
            // Operations") have one or two.
            guard function.count * 4 >= words.count, Set(function).count >= 3 else { continue }
            let excerpt = words.count > 8 ? text.split(separator: " ").prefix(8).joined(separator: " ") + "…" : text
            findings.report(Self.self, at: range, ["excerpt": excerpt.trimmingSpaces])
        }
    }

}

extension Array where Element == Inline {
    /// The running text, leaving out code, link targets and HTML.
    var prose: String {
        var out = ""
        for inline in self {
            switch inline {
            case .text(let s, _): out += s
            case .emphasis(let c, _), .strong(let c, _), .strikethrough(let c, _): out += c.prose
            case .link(_, _, let c, _): out += c.prose
            case .softBreak, .lineBreak, .code: out += " "
            case .image, .html: break
            }
        }
        return out
    }
}
