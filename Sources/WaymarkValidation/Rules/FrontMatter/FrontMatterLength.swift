import WaymarkCore

/// The check the title and description length rules share: the value of `key`, trimmed, counted in
/// characters, against the profile's limits.
enum FrontMatterLength {
    static func check(
        _ rule: any Rule.Type, key: String, limits: ClosedRange<Int>, _ document: ValidationDocument,
        _ findings: inout FindingSink
    ) {
        guard let entry = document.frontMatter.entry(key), let text = entry.value.string,
            !text.isBlank
        else { return }
        let length = text.trimmingSpaces.count
        if !limits.contains(length) {
            findings.report(
                rule, at: entry.range ?? document.frontMatterRange,
                ["length": String(length), "minimum": String(limits.lowerBound), "maximum": String(limits.upperBound)])
        }
    }
}
