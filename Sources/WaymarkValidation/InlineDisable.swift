import WaymarkCore

/// Rules turned off by HTML comments in an article:
///
/// ```markdown
/// <!-- waymark-disable turkish-dotless-capital-i -->   off from here (every rule when none is named)
/// <!-- waymark-enable turkish-dotless-capital-i -->    on again
/// <!-- waymark-disable-next-line link-missing-target -->
/// ```
///
/// Several rules are separated by spaces or commas. Ids that problems had before they had one id
/// everywhere (`content.invalid-date`) still work: ``ProblemID/resolve(_:)`` says what they mean now.
struct InlineDisable: Sendable, Hashable {
    private struct Span: Sendable, Hashable {
        var rule: String?  // nil: every rule
        var messageKey: String?  // nil: every message of the rule
        var from: Int
        var to: Int  // inclusive; Int.max while open
    }

    private var spans: [Span] = []

    private static func span(_ rule: String?, _ key: String?, from: Int, to: Int) -> Span {
        Span(rule: rule, messageKey: key, from: from, to: to)
    }

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
            let rules: [(id: String, messageKey: String?)?] =
                words.count > 1 ? words.dropFirst().map { ProblemID.resolve(String($0)) } : [nil]
            let number = index + 1
            switch verb {
            case "disable":
                for rule in rules { spans.append(Self.span(rule?.id, rule?.messageKey, from: number, to: .max)) }
            case "enable":
                for i in spans.indices where spans[i].to == .max {
                    let span = spans[i]
                    if rules.contains(where: { $0 == nil || ($0?.id == span.rule && $0?.messageKey == span.messageKey) }
                    ) {
                        spans[i].to = number
                    }
                }
            case "disable-next-line":
                for rule in rules {
                    spans.append(Self.span(rule?.id, rule?.messageKey, from: number + 1, to: number + 1))
                }
            case "disable-line":
                for rule in rules { spans.append(Self.span(rule?.id, rule?.messageKey, from: number, to: number)) }
            default:
                continue
            }
        }
    }

    /// Whether the message `key` of `rule` is off on `line` (1-based); findings without a line
    /// count as line 1.
    func isDisabled(_ rule: String, key: String, line: Int?) -> Bool {
        guard !spans.isEmpty else { return false }
        let l = line ?? 1
        return spans.contains {
            ($0.rule == nil || ($0.rule == rule && ($0.messageKey == nil || $0.messageKey == key)))
                && $0.from <= l && l <= $0.to
        }
    }
}

extension InlineDisable {
    func encode(into e: inout FactEncoder) {
        e.array(spans) { e, span in
            e.optional(span.rule) { $0.string($1) }
            e.optional(span.messageKey) { $0.string($1) }
            e.int(span.from)
            e.int(span.to)
        }
    }

    init(from d: inout FactDecoder) throws(FactDecoder.Damaged) {
        spans = try d.array { d throws(FactDecoder.Damaged) in
            Span(rule: try d.optionalString(), messageKey: try d.optionalString(), from: try d.int(), to: try d.int())
        }
    }
}
