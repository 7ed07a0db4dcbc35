/// One UI concept of the glossary and its terms in each language (the preferred term first).
public struct GlossaryConcept: Sendable, Hashable {
    public var id: String
    public var definition: String
    /// Language (`en`, `tr`, `hu`) → terms.
    public var terms: [String: [String]]

    public init(id: String, definition: String, terms: [String: [String]]) {
        self.id = id
        self.definition = definition
        self.terms = terms
    }
}

/// How a label matched a glossary term.
public struct GlossaryMatch: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// The same words, ignoring case.
        case exact
        /// The term with a case or possessive suffix (`Hesabı` for `Hesap`, `fiókot` for `Fiók`).
        case inflected
        /// The term found among more words (`Előfizetések alatt`).
        case partial
    }

    public var concept: GlossaryConcept
    public var term: String
    public var kind: Kind
}

/// The UI glossary (`Resources/Glossary/*.tbx`, TBX-Basic): Partner Center labels in en, tr, hu.
public struct Glossary: Sendable {
    public var concepts: [GlossaryConcept]

    public init(concepts: [GlossaryConcept]) {
        self.concepts = concepts
    }

    static let tbxNamespace = "urn:iso:std:iso:30042:ed-2"
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// Reads a TBX-Basic file.
    public static func read(_ bytes: [UInt8], path: String) throws(CatalogError) -> Glossary {
        let root: XMLElement
        do {
            root = try SafeXMLReader.parse(bytes)
        } catch {
            throw CatalogError(path: path, line: error.line, column: error.column, message: error.message)
        }
        guard root.name == "tbx", root.namespace == tbxNamespace else {
            throw CatalogError(
                path: path, line: root.line, column: 1,
                message: "root element must be <tbx> in the namespace \(tbxNamespace)")
        }
        var concepts: [GlossaryConcept] = []
        let entries = root.elements("text").flatMap { $0.elements("body") }.flatMap { $0.elements("conceptEntry") }
        for entry in entries {
            guard let id = entry.attribute("id") else {
                throw CatalogError(path: path, line: entry.line, column: 1, message: "<conceptEntry> needs an id")
            }
            var terms: [String: [String]] = [:]
            for langSec in entry.elements("langSec") {
                guard let lang = langSec.attribute("lang", namespace: xmlNamespace) else {
                    throw CatalogError(path: path, line: langSec.line, column: 1, message: "<langSec> needs xml:lang")
                }
                let language = LocaleTag(lang)?.language ?? lang.lowercased()
                terms[language, default: []] += langSec.elements("termSec").compactMap {
                    $0.elements("term").first?.text.trimmingSpaces
                }
            }
            let definition = entry.elements("descrip").first { $0.attribute("type") == "definition" }?.text ?? ""
            concepts.append(GlossaryConcept(id: id, definition: definition, terms: terms))
        }
        return Glossary(concepts: concepts)
    }

    public func concept(_ id: String) -> GlossaryConcept? { concepts.first { $0.id == id } }

    /// The preferred term of a concept in a language, falling back to English.
    public func term(_ conceptID: String, language: String) -> String? {
        guard let concept = concept(conceptID) else { return nil }
        return concept.terms[language]?.first ?? concept.terms["en"]?.first
    }

    /// The concept a label from an article names, tolerant of how the language inflects it:
    /// `**Hesabı**` finds `Hesap`, `**müşteriler** ' e` finds `Müşteriler`, `**fiókot**` finds `Fiók`.
    /// Exact matches win over inflected ones, and both over matches on part of the label.
    public func lookup(_ label: String, language: String) -> GlossaryMatch? {
        let words = Inflection.words(of: label)
        guard !words.isEmpty else { return nil }
        var best: GlossaryMatch?
        var bestScore = -1
        for concept in concepts {
            for term in concept.terms[language] ?? [] {
                let termWords = Inflection.words(of: term)
                guard !termWords.isEmpty else { continue }
                // Every window of the label with as many words as the term.
                for start in 0...max(0, words.count - termWords.count) where start + termWords.count <= words.count {
                    let window = Array(words[start..<(start + termWords.count)])
                    guard let kind = Inflection.match(window, termWords, language: language) else { continue }
                    let whole = window.count == words.count
                    let matchKind: GlossaryMatch.Kind = whole ? kind : .partial
                    let score = (whole ? 1000 : 0) + (kind == .exact ? 100 : 0) + termWords.count
                    if score > bestScore {
                        bestScore = score
                        best = GlossaryMatch(concept: concept, term: term, kind: matchKind)
                    }
                }
            }
        }
        return best
    }
}
