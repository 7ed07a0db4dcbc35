import WaymarkCore
internal import Yams

/// The front matter that is not plain `key: value` lines, read with Yams.
extension FrontMatterParser {
    static func readWithYams(
        yaml: String, lines: [Substring], lineOffset: Int, diagnostics: inout [Diagnostic]
    ) -> FrontMatter {
        var converter = NodeConverter(lines: lines, lineOffset: lineOffset)
        let root: Node?
        do {
            root = try LocatedYAML.compose(yaml, converter)
        } catch {
            // Duplicate keys are reported key by key below, with both positions.
            if error.duplicateKeys == nil {
                diagnostics.append(
                    ContentDiagnostic.frontMatterSyntax.make(
                        error.range ?? SourceRange(line: lineOffset + 1, column: 1), ["problem": error.problemInContext]
                    )
                )
            }
            let fm = FrontMatter(entries: readKeyByKey(lines: lines, converter: &converter, diagnostics: &diagnostics))
            checkDates(fm, &diagnostics)
            return fm
        }
        guard let root else { return FrontMatter() }
        guard let mapping = root.mapping else {
            diagnostics.append(
                ContentDiagnostic.frontMatterNotMapping.make(
                    converter.range(of: root.mark) ?? SourceRange(line: lineOffset + 1, column: 1)))
            return FrontMatter()
        }
        do {
            var entries: [MetadataEntry] = []
            for (key, value) in mapping {
                entries.append(
                    MetadataEntry(
                        key: key.string ?? "", value: try converter.value(value), range: converter.range(of: key.mark)))
            }
            let fm = FrontMatter(entries: entries)
            checkDates(fm, &diagnostics)
            return fm
        } catch {
            diagnostics.append(
                ContentDiagnostic.frontMatterTooComplex.make(
                    SourceRange(line: lineOffset + 1, column: 1), ["reason": error.reason]))
            return FrontMatter()
        }
    }

    /// Reads each top-level `key:` line and its continuation lines on their own, so that one bad
    /// or repeated key does not hide the others.
    private static func readKeyByKey(
        lines: [Substring], converter: inout NodeConverter, diagnostics: inout [Diagnostic]
    ) -> [MetadataEntry] {
        var starts: [Int] = []
        for (i, line) in lines.enumerated() {
            guard let first = line.first, first != " ", first != "\t", first != "#", first != "-", line.contains(":")
            else { continue }
            starts.append(i)
        }
        var entries: [MetadataEntry] = []
        var firstLine: [String: Int] = [:]
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : lines.count
            let chunk = lines[start..<end].joined(separator: "\n")
            var chunkConverter = NodeConverter(
                lines: Array(lines[start..<end]), lineOffset: converter.lineOffset + start)
            guard let node = try? LocatedYAML.compose(chunk, chunkConverter), let mapping = node.mapping else {
                continue
            }
            for (key, value) in mapping {
                guard let converted = try? chunkConverter.value(value) else { continue }
                let name = key.string ?? ""
                let range = chunkConverter.range(of: key.mark)
                if let first = firstLine[name] {
                    diagnostics.append(
                        ContentDiagnostic.duplicateKey.make(range, ["key": name, "firstLine": String(first)]))
                } else {
                    firstLine[name] = range?.start.line ?? 0
                }
                entries.append(MetadataEntry(key: name, value: converted, range: range))
            }
        }
        return entries
    }
}
