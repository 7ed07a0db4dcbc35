import WaymarkContent
import WaymarkCore
import WaymarkLocalization

/// An article as an XLIFF 2.0 document for translators, and back.
///
/// `extract` writes one `<file>` whose `<skeleton>` is the source Markdown with each translatable
/// piece replaced by `{{wm:ID}}`, and one `<unit>` per piece: a step's unit is named by its StepID,
/// the others by section and position. Unit ids are XML name tokens, so a StepID's `/` is written
/// `:` and `~` `.` in the id; the `name` attribute holds the StepID as it is. `merge` puts the
/// targets (Markdown rebuilt from the inline codes) into the skeleton: it needs no other file.
public enum ArticleXLIFF {
    static let namespace = "urn:oasis:names:tc:xliff:document:2.0"
    static let waymark = "urn:waymark:xliff:article"
    static let mark = "{{wm:"
    static let matches = "urn:oasis:names:tc:xliff:matches:2.0"
    static let glossaryNS = "urn:oasis:names:tc:xliff:glossary:2.0"

    /// A unit id: the key with the characters a name token cannot hold replaced.
    static func unitID(_ key: String) -> String {
        String(
            key.map { ch -> Character in
                switch ch {
                case "/": ":"
                case "~": "."
                default: ch.isLetter || ch.isNumber || "-_.:".contains(ch) ? ch : "_"
                }
            })
    }

    public struct Options: Sendable {
        public var sourceLocale: String
        public var targetLocale: String
        /// The source's path as the translation project knows it (`partner-center/x.md`).
        public var original: String
        /// Leave out the units whose translation is up to date.
        public var onlyChanged: Bool
        /// Glossary entries for a UI label (its English text): the target language's terms.
        public var glossary: @Sendable (String) -> [String]
        public init(
            sourceLocale: String = "en-US", targetLocale: String, original: String, onlyChanged: Bool = false,
            glossary: @escaping @Sendable (String) -> [String] = { _ in [] }
        ) {
            self.sourceLocale = sourceLocale
            self.targetLocale = targetLocale
            self.original = original
            self.onlyChanged = onlyChanged
            self.glossary = glossary
        }
    }

    /// What the source was when the translation was made, as far as it is known.
    public enum PreviousSource: Sendable {
        /// The source has not changed since (the recorded source hash is today's).
        case unchanged
        /// The source's text then (from the recorded commit, or given): units are compared one by one.
        case text(Article, String)
        /// It changed, but its text then is unknown: every unit may have changed.
        case changedUnknown
        /// Nothing is recorded: the translation is taken as current.
        case unknown
    }

    /// How `translation` relates to today's `sourceText`: its `waymark.source-hash`, else
    /// `previous` (the source at `ms.sourcegitcommit`, or a file the user named).
    public static func previousSource(
        translation: Article, sourceText: String, previous: (Article, String)?
    ) -> PreviousSource {
        if let previous {
            return sourceHash(previous.1) == sourceHash(sourceText) ? .unchanged : .text(previous.0, previous.1)
        }
        guard let recorded = translation.frontMatter["waymark.source-hash"] else { return .unknown }
        return recorded == sourceHash(sourceText) ? .unchanged : .changedUnknown
    }

    /// The XLIFF document for `source` (parsed from `text`). With `translation`, units get the
    /// aligned translated text as their target.
    public static func extract(
        source: Article, text: String, translation: (article: Article, text: String)? = nil,
        previous: PreviousSource = .unknown, plainTargets: [String: String] = [:], options: Options
    ) -> String {
        let units = ArticleUnits.of(source, text: text)
        // The source's units when the translation was made, to tell which changed since.
        let before: [String: ArticleUnit]? =
            if case .text(let article, let oldText) = previous {
                Dictionary(
                    ArticleUnits.of(article, text: oldText).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            } else { nil }
        func changed(_ unit: ArticleUnit) -> Bool {
            switch previous {
            case .unchanged, .unknown: false
            case .changedUnknown: true
            case .text: before?[unit.key].map { $0.content.plainText != unit.content.plainText } ?? true
            }
        }
        let translated = translation.map { t in
            Dictionary(ArticleUnits.of(t.article, text: t.text).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        }
        // Each unit's target (the translation's text, when its codes are the source's) and
        // whether the source changed under it.
        struct Plan {
            var unit: ArticleUnit
            var codes: InlineCodes
            var sourceXML: String
            var target: String?
            var stale: Bool
            /// Left out (`onlyChanged`): the translation's own Markdown goes into the skeleton.
            var kept: [UInt8]?
        }
        let translationBytes = translation.map { Array($0.text.utf8) }
        var plans: [Plan] = []
        for unit in units {
            var codes = InlineCodes()
            codes.indent = unit.indent
            let sourceXML = codes.xml(unit.content)
            var target: String?
            var translatedUnit: ArticleUnit?
            if let t = translated?[unit.key] {
                var targetCodes = InlineCodes()
                targetCodes.indent = unit.indent
                let xml = targetCodes.xml(t.content)
                // A target whose codes are not the source's cannot be expressed with them: it is
                // left for the translator.
                if targetCodes.codes.map(\.code) == codes.codes.map(\.code) {
                    target = xml
                    translatedUnit = t
                }
            }
            // A plain-text target (a bilingual page's sentence) fits a unit whose codes may all be dropped.
            if target == nil, let plain = plainTargets[unit.key],
                !codes.codes.contains(where: {
                    if case .paired(_, _, "link") = $0.code {
                        true
                    } else if case .placeholder = $0.code {
                        true
                    } else {
                        false
                    }
                })
            {
                target = plain.markupEscaped()
            }
            let stale = target != nil && changed(unit)
            var kept: [UInt8]?
            if options.onlyChanged, target != nil, !stale, let span = translatedUnit?.span,
                let bytes = translationBytes, unit.span != nil
            {
                kept = Array(bytes[span])
            }
            plans.append(Plan(unit: unit, codes: codes, sourceXML: sourceXML, target: target, stale: stale, kept: kept))
        }
        // The skeleton: the source with each unit's span replaced by its mark.
        var bytes = Array(text.utf8)
        for plan in plans.reversed() {
            guard let span = plan.unit.span else { continue }
            bytes.replaceSubrange(span, with: plan.kept ?? Array((mark + unitID(plan.unit.key) + "}}").utf8))
        }
        let skeleton = String(decoding: bytes, as: UTF8.self)

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<xliff xmlns=\"\(namespace)\" xmlns:wm=\"\(waymark)\" xmlns:mtc=\"\(matches)\""
        out += " xmlns:gls=\"\(glossaryNS)\" version=\"2.0\""
        out +=
            " srcLang=\"\(options.sourceLocale.markupEscaped())\" trgLang=\"\(options.targetLocale.markupEscaped())\">\n"
        out += "  <file id=\"f1\" original=\"\(options.original.markupEscaped())\""
        out += " wm:sourceHash=\"\(sourceHash(text))\">\n"
        out += "    <skeleton>\(skeleton.markupEscaped())</skeleton>\n"
        for plan in plans {
            let (unit, codes, sourceXML, target, stale) = (
                plan.unit, plan.codes, plan.sourceXML, plan.target, plan.stale
            )
            // Up to date and left out: its text is in the skeleton already. (The title and
            // description have no place there and are always sent.)
            if plan.kept != nil { continue }
            out +=
                "    <unit id=\"\(unitID(unit.key))\" name=\"\(unit.key.markupEscaped())\" type=\"wm:\(unit.kind)\">\n"
            if stale, let target {
                // The old translation is offered as a candidate, not kept as the target.
                let old = before?[unit.key].map { u -> String in
                    var c = InlineCodes()
                    c.indent = unit.indent
                    return c.xml(u.content)
                }
                out += "      <mtc:matches><mtc:match ref=\"#s1\" type=\"tm\" origin=\"previous translation\">"
                out += "<source>\(old ?? sourceXML)</source><target>\(target)</target></mtc:match></mtc:matches>\n"
            }
            let terms = Self.glossaryEntries(unit.content, options.glossary)
            if !terms.isEmpty {
                out += "      <gls:glossary>"
                for (label, translations) in terms {
                    out += "<gls:glossEntry><gls:term source=\"Resources/Glossary\">\(label.markupEscaped())</gls:term>"
                    for t in translations { out += "<gls:translation>\(t.markupEscaped())</gls:translation>" }
                    out += "</gls:glossEntry>"
                }
                out += "</gls:glossary>\n"
            }
            var notes = ["\(unit.kind)" + (unit.stepKind.map { ": \($0)" } ?? "")]
            if unit.kind == "step" { notes.append("StepID \(unit.key)") }
            if stale { notes.append("the source changed since this unit was translated") }
            out += "      <notes>"
            for note in notes { out += "<note category=\"context\">\(note.markupEscaped())</note>" }
            out += "</notes>\n"
            if !codes.originalData.isEmpty { out += "      " + codes.originalData + "\n" }
            let state = target == nil || stale ? "initial" : "translated"
            out += "      <segment id=\"s1\" state=\"\(state)\">"
            out += "<source>\(sourceXML)</source>"
            if let target, !stale { out += "<target>\(target)</target>" }
            out += "</segment>\n    </unit>\n"
        }
        out += "  </file>\n</xliff>\n"
        return out
    }

    /// The UI labels (bold text) of `content` that the glossary knows, with their translations.
    static func glossaryEntries(_ content: [Inline], _ glossary: (String) -> [String]) -> [(String, [String])] {
        var seen: Set<String> = []
        var out: [(String, [String])] = []
        for run in InlineRun.step(content.runs) where run.kind == .uiLabel {
            let label = run.text.trimmingSpaces
            guard seen.insert(label).inserted else { continue }
            let translations = glossary(label)
            if !translations.isEmpty { out.append((label, translations)) }
        }
        return out
    }

    /// The hash `validate` compares a translation's `waymark.source-hash` with.
    public static func sourceHash(_ text: String) -> String { FNV1a.contentHash(of: text) }

    // MARK: - Merge

    typealias Fail = (XMLElement, MergeProblem, [String: String]) -> MergeError

    /// A problem that stops a merge, with the line of the XLIFF where it is.
    public struct MergeError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var problem: MergeProblem
        public var arguments: [String: String]

        /// The English message.
        public var message: String {
            var text = problem.template
            for (name, value) in arguments { text = text.replacingAll("{\(name)}", with: value) }
            return text
        }
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// The translated article: the skeleton with every unit's target (its source where a unit
    /// has no target yet), and the front matter's locale and source hash set.
    public static func merge(_ bytes: [UInt8], expectedLocale: String? = nil) throws(MergeError) -> (
        markdown: String, locale: String
    ) {
        let root: XMLElement
        do {
            root = try SafeXMLReader.parse(bytes)
        } catch {
            throw MergeError(
                line: error.line, column: error.column, problem: .unreadable, arguments: ["reason": error.message])
        }
        func fail(_ element: XMLElement, _ problem: MergeProblem, _ arguments: [String: String] = [:]) -> MergeError {
            MergeError(line: element.line, column: 1, problem: problem, arguments: arguments)
        }
        guard root.name == "xliff", root.namespace == namespace, root.attribute("version") == "2.0" else {
            throw fail(root, .notXLIFF)
        }
        // A language tag, or nothing: the value goes into the article's front matter.
        guard let written = root.attribute("trgLang"), let tag = LocaleTag(written) else {
            throw fail(root, .noTargetLanguage)
        }
        let locale = tag.description
        if let expectedLocale, expectedLocale.lowercased() != locale.lowercased() {
            throw fail(root, .wrongLanguage, ["locale": locale, "expected": expectedLocale])
        }
        let files = root.elements("file")
        guard files.count == 1, let file = files.first else {
            throw fail(root, .fileCount, ["count": String(files.count)])
        }
        guard let skeletonElement = file.elements("skeleton").first else {
            throw fail(file, .noSkeleton)
        }
        var markdownByID: [String: String] = [:]
        var texts: [(key: String, value: String)] = []
        for unit in file.elements("unit") {
            guard let id = unit.attribute("id") else { throw fail(unit, .unitWithoutID) }
            guard markdownByID[id] == nil else { throw fail(unit, .unitTwice, ["unit": id]) }
            let type = unit.attribute("type")
            if type == "wm:title" || type == "wm:description" {
                // Front-matter values are plain text, written back as YAML.
                let segment = unit.elements("segment").first
                let text = (segment?.elements("target").first ?? segment?.elements("source").first)?.text ?? ""
                texts.append((String(type!.dropFirst(3)), text.trimmingSpaces))
                markdownByID[id] = ""
                continue
            }
            markdownByID[id] = try unitMarkdown(unit, fail)
        }
        // Every mark of the skeleton must have its unit.
        let skeleton = Array(skeletonElement.text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(skeleton.count * 2)
        let open = Array(mark.utf8)
        var i = 0
        while i < skeleton.count {
            if skeleton[i] == open[0], i + open.count <= skeleton.count, Array(skeleton[i..<(i + open.count)]) == open,
                let close = (i + open.count..<skeleton.count).first(where: {
                    skeleton[$0] == UInt8(ascii: "}") && $0 + 1 < skeleton.count
                        && skeleton[$0 + 1] == UInt8(ascii: "}")
                })
            {
                let id = String(decoding: skeleton[(i + open.count)..<close], as: UTF8.self)
                guard let markdown = markdownByID[id] else {
                    throw fail(skeletonElement, .missingUnit, ["unit": id])
                }
                out += Array(markdown.utf8)
                i = close + 2
                continue
            }
            out.append(skeleton[i])
            i += 1
        }
        let hash = file.attribute("sourceHash", namespace: waymark)
        let markdown = FrontMatterEditor.localized(
            String(decoding: out, as: UTF8.self), locale: locale, sourceHash: hash, texts: texts)
        return (markdown, locale)
    }

    /// A unit's target (else its source) as Markdown, its inline codes checked against the source's.
    static func unitMarkdown(_ unit: XMLElement, _ fail: Fail) throws(MergeError)
        -> String
    {
        let id = unit.attribute("id") ?? ""
        var data: [String: String] = [:]
        for d in unit.elements("originalData").first?.elements("data") ?? [] {
            if let dataID = d.attribute("id") { data[dataID] = d.text }
        }
        var parts: [String] = []
        for segment in unit.elements("segment") + unit.elements("ignorable") {
            guard let source = segment.elements("source").first else {
                throw fail(segment, .segmentWithoutSource, ["unit": id])
            }
            var codes = CodeTable()
            try codes.learn(source.children, data: data, unit: id, fail)
            let target = segment.elements("target").first
            var writer = MarkdownWriter(codes: codes)
            parts.append(try writer.markdown(target ?? source, unit: id, fail))
            if target != nil {
                for (code, info) in codes.byID where info.required && !writer.used.contains(code) {
                    throw fail(target!, .codeDropped, ["unit": id, "code": code, "kind": info.kind])
                }
            }
        }
        return parts.joined()
    }
}
