import WaymarkLocalization

/// One problem found in a catalog, as a message key and its arguments.
struct CatalogFinding {
    var path: String
    var line: Int
    /// `nil` when the problem was already printed (an unreadable catalog).
    var key: String?
    var arguments: [String: MessageArgument]

    init(path: String, line: Int, key: DocsText?, arguments: [String: MessageArgument]) {
        self.path = path
        self.line = line
        self.key = key?.rawValue
        self.arguments = arguments
    }

    /// A file the command could not read.
    init(unreadable file: String) {
        self.init(path: file, line: 1, key: nil, arguments: ["path": .string(file)])
        key = UIString.fileNotFound.rawValue
    }

    func formatted(_ localizer: Localizer) -> String {
        guard let key else { return "\(path):\(line):1: error" }
        return "\(path):\(line):1: error: \(localizer.text(key: key, arguments)) [\(key)]"
    }
}

/// Checks translations against the source catalog: every key present, no unknown keys, the same
/// source text, the same placeholders, the plural categories the target language needs, valid
/// message syntax. With `checkingProgramKeys`, the source catalog must also hold exactly the texts
/// the program uses.
struct CatalogChecker {
    let programTexts: [String: String]

    func check(_ catalogs: [Catalog], checkingProgramKeys: Bool) -> [CatalogFinding] {
        var findings: [CatalogFinding] = []
        guard let source = catalogs.first(where: { $0.targetLocale == nil }) else {
            return catalogs.isEmpty
                ? [] : [CatalogFinding(path: catalogs[0].path ?? "", line: 1, key: .stringsNoSource, arguments: [:])]
        }
        let sourcePath = source.path ?? ""
        if checkingProgramKeys {
            for (key, text) in programTexts.sorted(by: { $0.key < $1.key }) {
                guard let unit = source.unit(key) else {
                    findings.append(
                        CatalogFinding(
                            path: sourcePath, line: 1, key: .stringsMissingKey, arguments: ["key": .string(key)]))
                    continue
                }
                if unit.source != text {
                    findings.append(
                        CatalogFinding(
                            path: sourcePath, line: unit.line, key: .stringsSourceChanged,
                            arguments: ["key": .string(key)]))
                }
            }
        }
        for unit in source.units {
            findings += syntax(unit.source, unit: unit, path: sourcePath, language: "en")
        }
        for catalog in catalogs where catalog.targetLocale != nil {
            let path = catalog.path ?? ""
            let language = LocaleTag(catalog.locale)?.language ?? "en"
            let ids = Set(catalog.units.map(\.id))
            for unit in source.units where !ids.contains(unit.id) {
                findings.append(
                    CatalogFinding(path: path, line: 1, key: .stringsMissingKey, arguments: ["key": .string(unit.id)]))
            }
            for unit in catalog.units {
                guard let sourceUnit = source.unit(unit.id) else {
                    findings.append(
                        CatalogFinding(
                            path: path, line: unit.line, key: .stringsExtraKey, arguments: ["key": .string(unit.id)]))
                    continue
                }
                if unit.source != sourceUnit.source {
                    findings.append(
                        CatalogFinding(
                            path: path, line: unit.line, key: .stringsSourceChanged,
                            arguments: ["key": .string(unit.id)]))
                }
                guard let target = unit.target else { continue }
                let targetFindings = syntax(target, unit: unit, path: path, language: language)
                findings += targetFindings
                for (form, hint) in CatalogChecker.grammarForms(in: target) {
                    findings.append(
                        CatalogFinding(
                            path: path, line: unit.line, key: .stringsGrammarForm,
                            arguments: ["key": .string(unit.id), "form": .string(form), "hint": .string(hint)]))
                }
                guard targetFindings.isEmpty, let s = try? MessageParser.parse(sourceUnit.source),
                    let t = try? MessageParser.parse(target)
                else { continue }
                let expected = s.placeholders.keys.sorted()
                let found = t.placeholders.keys.sorted()
                if expected != found {
                    findings.append(
                        CatalogFinding(
                            path: path, line: unit.line, key: .stringsPlaceholders,
                            arguments: [
                                "key": .string(unit.id), "expected": .string(list(expected)),
                                "found": .string(list(found)),
                            ]))
                }
            }
        }
        return findings
    }

    /// Forms that print every choice and leave the reader to pick one: the Hungarian `a(z)`, and
    /// Turkish suffixes written with their optional letters or alternatives (`'(y)e`, `(n)in`,
    /// `'a/e`). Each is found with what to write instead: the value's own article or suffix.
    static func grammarForms(in target: String) -> [(form: String, hint: String)] {
        let letters = "a-zçğıöşüáéíóőúű"
        let patterns: [(String, String)] = [
            ("[Aa]\\([Zz]\\)", "{name, article}"),
            ("'?\\([ynsş]\\)[\(letters)]+", "{name, suffix, <case>}"),
            ("'[\(letters)]{1,4}/[\(letters)]{1,4}\\b", "{name, suffix, <case>}"),
        ]
        var found: [(String, String)] = []
        for (pattern, hint) in patterns {
            guard let expression = try? Regex(pattern) else { continue }
            for match in target.matches(of: expression) { found.append((String(target[match.range]), hint)) }
        }
        return found
    }

    private func list(_ names: [String]) -> String {
        names.isEmpty ? "∅" : names.map { "{\($0)}" }.joined(separator: " ")
    }

    /// Syntax errors and missing plural categories of one message.
    private func syntax(_ text: String, unit: CatalogUnit, path: String, language: String) -> [CatalogFinding] {
        let message: Message
        do {
            message = try MessageParser.parse(text)
        } catch {
            return [
                CatalogFinding(
                    path: path, line: unit.line, key: .stringsSyntax,
                    arguments: [
                        "key": .string(unit.id), "column": .int(error.column), "problem": .string(error.problem),
                    ])
            ]
        }
        var findings: [CatalogFinding] = []
        func visit(_ parts: [Message.Part]) {
            for part in parts {
                switch part {
                case .plural(let name, let ordinal, _, let cases):
                    let needed = PluralRules(language: language, kind: ordinal ? .ordinal : .cardinal).categories
                    let present = Set(cases.compactMap(\.category))
                    let missing = needed.filter { !present.contains($0) }
                    if !missing.isEmpty {
                        findings.append(
                            CatalogFinding(
                                path: path, line: unit.line, key: .stringsPluralCategories,
                                arguments: [
                                    "key": .string(unit.id), "name": .string(name), "locale": .string(language),
                                    "missing": .string(missing.map(\.rawValue).joined(separator: ", ")),
                                ]))
                    }
                    for c in cases { visit(c.parts) }
                case .select(_, let cases):
                    for c in cases { visit(c.parts) }
                default: break
                }
            }
        }
        visit(message.parts)
        return findings
    }
}
