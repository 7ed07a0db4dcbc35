import WaymarkCore

/// `--format junit`: one test suite per rule that found something, one failing test case per
/// finding (named by its place), for CI systems that show JUnit results. A clean run is one
/// passing test case.
enum JUnitReport {
    static func write<E: Error>(_ report: Report, to emit: ([UInt8]) throws(E) -> Void) throws(E) {
        let findings = report.findings
        // A suite's findings by their place in the report, read by rule (their ids alone).
        var byRule: [String: [Int32]] = [:]
        for position in findings.indices { byRule[findings.ruleID(at: position), default: []].append(Int32(position)) }
        let total = max(1, findings.count)
        var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        head += "<testsuites name=\"waymark validate\" tests=\"\(total)\" failures=\"\(findings.count)\">\n"
        if findings.isEmpty {
            head += "  <testsuite name=\"waymark\" tests=\"1\" failures=\"0\">\n"
            head += "    <testcase classname=\"waymark\" name=\"\(attr(report.summary))\"/>\n  </testsuite>\n"
        }
        try emit(Array(head.utf8))
        for rule in byRule.keys.sorted() {
            let positions = byRule[rule] ?? []
            let name = report.localize(ValidationText.junitSuite.rawValue, ["rule": rule])
            try emit(
                Array(
                    "  <testsuite name=\"\(attr(name))\" tests=\"\(positions.count)\" failures=\"\(positions.count)\">\n"
                        .utf8))
            try ReportSlices.write(count: positions.count, bytesPerItem: 400, to: emit) { k, out, _ in
                out += testCase(findings[Int(positions[k])], rule: rule, report: report).utf8
            }
            try emit(Array("  </testsuite>\n".utf8))
        }
        try emit(Array("</testsuites>\n".utf8))
    }

    /// One failing test case for a finding.
    private static func testCase(_ f: Diagnostic, rule: String, report: Report) -> String {
        var place = f.path ?? ""
        if let r = f.range { place += ":\(r.start.line):\(r.start.column)" }
        let message = report.message(f)
        var out = "    <testcase classname=\"\(attr(rule))\" name=\"\(attr(place))\">\n"
        out += "      <failure type=\"\(f.severity.rawValue)\" message=\"\(attr(message))\">"
        out += "\(attr(place)): \(f.severity.rawValue): \(attr(message)) [\(attr(rule))]"
        for line in report.noteLines(f) { out += "\n" + attr(line) }
        out += "</failure>\n"
        out += "    </testcase>\n"
        return out
    }

    /// Escaped for XML text and attributes; characters XML 1.0 forbids are dropped.
    static func attr(_ text: String) -> String {
        // Most texts have nothing to escape or drop: no markup character, no control but tab or
        // line break, and not U+FFFE or U+FFFF (EF BF BE, EF BF BF).
        let plain = text.utf8.allSatisfy { byte in
            switch byte {
            case 0x09, 0x0A, 0x0D: true
            case 0..<0x20, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""),
                UInt8(ascii: "'"), 0xEF:
                false
            default: true
            }
        }
        if plain { return text }
        let allowed = String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter {
                    $0.value == 0x9 || $0.value == 0xA || $0.value == 0xD
                        || ($0.value >= 0x20 && $0.value != 0xFFFE && $0.value != 0xFFFF)
                }))
        return allowed.markupEscaped(apostrophes: true)
    }
}
