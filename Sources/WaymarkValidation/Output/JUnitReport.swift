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

    /// Escaped for XML text and attributes; characters XML 1.0 forbids are dropped (controls but
    /// tab, line feed and carriage return, and U+FFFE and U+FFFF, `EF BF BE` and `EF BF BF`).
    /// Over the UTF-8 bytes: a report escapes several texts of every finding.
    static func attr(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var kept = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                i += 1
                continue
            }
            if byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
                i += 3
                continue
            }
            bytes[kept] = byte
            kept += 1
            i += 1
        }
        let allowed = kept == bytes.count ? text : String(decoding: bytes[0..<kept], as: UTF8.self)
        return allowed.markupEscaped(apostrophes: true)
    }
}
