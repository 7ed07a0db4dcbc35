import WaymarkCore

/// A relative link whose file exists only under another spelling of upper and lower case.
struct LinkCaseMismatch: DocumentRule {
    static let category = RuleCategory.links
    static let defaultSeverity = Severity.error
    static let texts: KeyValuePairs<String, String> = [
        "summary": "A relative link matches a file only when case is ignored.",
        "explanation":
            "It works on a laptop with a case-insensitive file system and breaks on the Linux build servers and web hosts that publish the docs. Spell the path as the file is named.",
        "message": "link target \"{target}\" differs only in case from \"{actual}\"",
        "fix": "spell the link \"{fixed}\"",
    ]

    static func check(_ document: ValidationDocument, _ context: ValidationContext, _ findings: inout FindingSink) {
        for (reference, check) in LinkCheck.links(of: document, context, kind: .link) {
            if case .caseMismatch(let onDisk) = check {
                let name = onDisk.split(separator: "/").last.map(String.init) ?? onDisk
                var fixIts: [Diagnostic.FixIt] = []
                if reference.file == nil, let fixed = respelled(reference.target, as: onDisk),
                    let edit = document.edit(replacing: reference.target, from: reference.range, with: fixed)
                {
                    fixIts = [Diagnostic.FixIt(messageKey: key("fix"), arguments: ["fixed": fixed], edits: [edit])]
                }
                findings.report(
                    Self.self, at: reference.range, file: reference.file, ["target": reference.target, "actual": name],
                    fixIts: fixIts)
            }
        }
    }

    /// `target` with its path's names spelled as in `onDisk` (the tree-relative path it resolves
    /// to), from the last name back to the first `..`: `../Agreements.md#x` → `../agreements.md#x`.
    static func respelled(_ target: String, as onDisk: String) -> String? {
        let cut = target.firstIndex { $0 == "#" || $0 == "?" } ?? target.endIndex
        var names = target[..<cut].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let disk = onDisk.split(separator: "/").map(String.init)
        var k = disk.count - 1
        for i in names.indices.reversed() {
            let name = names[i]
            if name == ".." || name == "." || name.isEmpty || k < 0 { break }
            guard name.lowercased() == disk[k].lowercased() else { return nil }
            names[i] = disk[k]
            k -= 1
        }
        let fixed = names.joined(separator: "/") + target[cut...]
        return fixed == target ? nil : fixed
    }
}
