/// Front-matter changes a merged translation needs, made line by line so that every other key
/// keeps its text: `ms.contentlocale` set to the target locale, the source hash recorded.
enum FrontMatterEditor {
    static func localized(
        _ markdown: String, locale: String, sourceHash: String?, texts: [(key: String, value: String)] = []
    ) -> String {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") else { return markdown }
        var set: [(key: String, value: String)] = texts.map { ($0.key, quoted($0.value)) }
        set.append(("ms.contentlocale", locale))
        if let sourceHash { set.append(("waymark.source-hash", sourceHash)) }
        var end = close
        for (key, value) in set {
            if let at = lines[1..<end].firstIndex(where: { $0.hasPrefix(key + ":") }) {
                lines[at] = "\(key): \(value)"
                // A value written over several lines (folded or quoted) goes with its key.
                while at + 1 < end, lines[at + 1].hasPrefix(" ") || lines[at + 1].hasPrefix("\t") {
                    lines.remove(at: at + 1)
                    end -= 1
                }
            } else {
                lines.insert("\(key): \(value)", at: end)
                end += 1
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r", "\t": out += " "
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}
