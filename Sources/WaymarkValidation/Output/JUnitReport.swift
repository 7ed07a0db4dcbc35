import WaymarkCore

/// `--format junit`: one test suite per rule that found something, one failing test case per
/// finding (named by its place), for CI systems that show JUnit results. A clean run is one
/// passing test case.
enum JUnitReport {
    static func render(_ report: Report) -> String {
        var byRule: [String: [Diagnostic]] = [:]
        for f in report.findings { byRule[f.id, default: []].append(f) }
        let total = max(1, report.findings.count)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"waymark validate\" tests=\"\(total)\" failures=\"\(report.findings.count)\">\n"
        if report.findings.isEmpty {
            out += "  <testsuite name=\"waymark\" tests=\"1\" failures=\"0\">\n"
            out += "    <testcase classname=\"waymark\" name=\"\(attr(report.summary))\"/>\n  </testsuite>\n"
        }
        for rule in byRule.keys.sorted() {
            let findings = byRule[rule] ?? []
            let name = report.localize(ValidationText.junitSuite.rawValue, ["rule": rule])
            out += "  <testsuite name=\"\(attr(name))\" tests=\"\(findings.count)\" failures=\"\(findings.count)\">\n"
            for f in findings {
                var place = f.path ?? ""
                if let r = f.range { place += ":\(r.start.line):\(r.start.column)" }
                let message = report.message(f)
                out += "    <testcase classname=\"\(attr(rule))\" name=\"\(attr(place))\">\n"
                out += "      <failure type=\"\(f.severity.rawValue)\" message=\"\(attr(message))\">"
                out += "\(attr(place)): \(f.severity.rawValue): \(attr(message)) [\(attr(rule))]"
                for line in report.noteLines(f) { out += "\n" + attr(line) }
                out += "</failure>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// Escaped for XML text and attributes; characters XML 1.0 forbids are dropped.
    static func attr(_ text: String) -> String {
        let allowed = String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter {
                    $0.value == 0x9 || $0.value == 0xA || $0.value == 0xD
                        || ($0.value >= 0x20 && $0.value != 0xFFFE && $0.value != 0xFFFF)
                }))
        return allowed.markupEscaped(apostrophes: true)
    }
}
