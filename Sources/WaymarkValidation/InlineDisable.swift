import WaymarkCore

/// Rules turned off by HTML comments in an article:
///
/// ```markdown
/// <!-- waymark-disable turkish-dotless-capital-i -->   off from here (every rule when none is named)
/// <!-- waymark-enable turkish-dotless-capital-i -->    on again
/// <!-- waymark-disable-next-line link-missing-target -->
/// ```
///
/// Several rules are separated by spaces or commas.
struct InlineDisable: Sendable, Hashable {
    private struct Span: Sendable, Hashable {
        var rule: String?  // nil: every rule
        var from: Int
        var to: Int  // inclusive; Int.max while open
    }

    private var spans: [Span] = []

    var isEmpty: Bool { spans.isEmpty }

    init() {}

    /// Reads the directives of `lines` (line 1 is `lines[0]`).
    init(lines: LineTable, text: String) {
        let marker = "<!-- waymark-"
        // Most articles have no directive: one byte search over the whole text settles it.
        guard text.containsText(marker) else { return }
        for (index, line) in lines.enumerated() {
            guard let offset = line.byteOffset(of: marker) else { continue }
            let rest = line[line.utf8.index(line.utf8.startIndex, offsetBy: offset + marker.utf8.count)...]
            guard let close = rest.range(of: "-->") else { continue }
            let words = rest[..<close.lowerBound].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
            guard let verb = words.first else { continue }
            let rules: [String?] = words.count > 1 ? words.dropFirst().map { String($0) } : [nil]
            let number = index + 1
            switch verb {
            case "disable":
                for rule in rules { spans.append(Span(rule: rule, from: number, to: .max)) }
            case "enable":
                for i in spans.indices where spans[i].to == .max && (rules == [nil] || rules.contains(spans[i].rule)) {
                    spans[i].to = number
                }
            case "disable-next-line":
                for rule in rules { spans.append(Span(rule: rule, from: number + 1, to: number + 1)) }
            case "disable-line":
                for rule in rules { spans.append(Span(rule: rule, from: number, to: number)) }
            default:
                continue
            }
        }
    }

    /// Whether `rule` is off on `line` (1-based); findings without a line count as line 1.
    func isDisabled(_ rule: String, line: Int?) -> Bool {
        let l = line ?? 1
        return spans.contains { ($0.rule == nil || $0.rule == rule) && $0.from <= l && l <= $0.to }
    }
}
