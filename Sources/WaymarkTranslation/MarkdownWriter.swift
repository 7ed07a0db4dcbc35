import WaymarkLocalization

/// The inline codes of a unit's source: each code's Markdown (from `originalData`), whether it is
/// paired, and whether a translation may drop it.
struct CodeTable {
    struct Info {
        var paired: Bool
        var start: String
        var end: String
        var kind: String
        var required: Bool
    }

    var byID: [String: Info] = [:]

    mutating func learn(
        _ nodes: [XMLNode], data: [String: String], unit: String, _ fail: ArticleXLIFF.Fail
    ) throws(ArticleXLIFF.MergeError) {
        for node in nodes {
            guard case .element(let e) = node else { continue }
            guard let id = e.attribute("id") else { throw fail(e, .codeWithoutID, ["unit": unit]) }
            guard byID[id] == nil else { throw fail(e, .codeTwiceInSource, ["unit": unit, "code": id]) }
            let required = e.attribute("canDelete") == "no"
            let kind = e.attribute("subType") ?? e.name
            switch e.name {
            case "pc":
                guard let s = e.attribute("dataRefStart").flatMap({ data[$0] }),
                    let end = e.attribute("dataRefEnd").flatMap({ data[$0] })
                else { throw fail(e, .codeWithoutData, ["unit": unit, "code": id]) }
                byID[id] = Info(paired: true, start: s, end: end, kind: kind, required: required)
                try learn(e.children, data: data, unit: unit, fail)
            case "ph":
                guard let d = e.attribute("dataRef").flatMap({ data[$0] }) else {
                    throw fail(e, .codeWithoutData, ["unit": unit, "code": id])
                }
                byID[id] = Info(paired: false, start: d, end: "", kind: kind, required: required)
            default:
                throw fail(e, .unknownElement, ["unit": unit, "element": e.name])
            }
        }
    }
}

/// A target's text and inline codes as Markdown. Each code must be one of the source's, of the same
/// form (paired or not), used once.
struct MarkdownWriter {
    let codes: CodeTable
    var used: Set<String> = []
    private var atStart = true

    init(codes: CodeTable) {
        self.codes = codes
    }

    mutating func markdown(
        _ element: XMLElement, unit: String, _ fail: ArticleXLIFF.Fail
    ) throws(ArticleXLIFF.MergeError) -> String {
        var out = ""
        for node in element.children {
            switch node {
            case .text(let t):
                // Line ends in a target would cut the article's structure: a space instead.
                let flat = String(t.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
                out += InlineCodes.escaped(flat, atLineStart: atStart && out.isEmpty)
                if !flat.isEmpty { atStart = false }
            case .element(let e):
                guard let id = e.attribute("id"), let info = codes.byID[id] else {
                    throw fail(e, .codeNotInSource, ["unit": unit, "code": e.attribute("id") ?? "?"])
                }
                guard used.insert(id).inserted else { throw fail(e, .codeUsedTwice, ["unit": unit, "code": id]) }
                switch (e.name, info.paired) {
                case ("pc", true):
                    atStart = false
                    out += info.start + (try markdown(e, unit: unit, fail)) + info.end
                case ("ph", false):
                    atStart = false
                    out += info.start
                default:
                    throw fail(e, .codeChangedForm, ["unit": unit, "code": id, "form": info.paired ? "<pc>" : "<ph>"])
                }
            }
        }
        return out
    }
}
