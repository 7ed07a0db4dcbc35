import WaymarkCore

/// What one file's check leaves for the run: its facts (articles only), its findings, the
/// includes it names and the tree paths its relative links and images resolve to.
struct CheckedFile: Sendable {
    var facts: DocumentFacts?
    var findings: [Diagnostic]
    var includes: [Includers.Directive]
    var targets: EncodedStrings = []
    /// The findings kept as bytes, `findings` then empty: for a run that reads them back only
    /// once the articles' facts are gone.
    var spilled: SpilledFindings?

    /// The file with its findings kept as bytes, sorted and without repeats, ready for the merge.
    consuming func spillingFindings(keepsLines: Bool) -> CheckedFile {
        var file = self
        file.spillFindings(keepsLines: keepsLines)
        return file
    }

    /// Keeps the findings as bytes, sorted and without repeats, ready for the merge (in place:
    /// a copy of a check counts every one of its references up and down).
    mutating func spillFindings(keepsLines: Bool) {
        // From the fact cache, already so.
        if spilled != nil { return }
        let list = findings
        findings = []
        spilled = SpilledFindings(Validator.deduplicated(list), keepsLines: keepsLines)
    }
}

/// Which files include which: a finding in an include is reported once, at the include, with
/// notes at the places that include it, so that the reader sees which articles it reaches.
struct Includers {
    /// `[!INCLUDE …]` in `container` (an absolute path) at `range`, naming `included`.
    struct Directive: Sendable, Hashable {
        var included: String
        var container: String
        var range: SourceRange
    }

    /// Notes at this many including places at most; the rest are counted.
    static let listed = 5

    private var byIncluded: [String: [Directive]] = [:]

    var isEmpty: Bool { byIncluded.isEmpty }

    mutating func add(_ directives: [Directive]) {
        for directive in directives where !(byIncluded[directive.included]?.contains(directive) ?? false) {
            byIncluded[directive.included, default: []].append(directive)
        }
    }

    /// The include directives of an article at `path` and of the includes inside them.
    static func directives(in article: Article, path: String) -> [Directive] {
        struct Finder: BlockVisitor {
            var found: [Directive] = []
            var containers: [String]
            mutating func visit(_ block: Block, depth: Int) -> Bool {
                guard case .include(let include) = block, let included = include.resolvedPath else { return true }
                found.append(Directive(included: included, container: containers.last ?? "", range: include.range))
                // What the include holds is written in the include: walked with it as container.
                containers.append(included)
                Block.walk(include.blocks, with: &self)
                containers.removeLast()
                return false
            }
        }
        var finder = Finder(containers: [path])
        Block.walk(article.blocks, with: &finder)
        return finder.found
    }

    /// Whether `article` names an include that did not resolve to a file: its check then
    /// depends on files it could not name.
    static func hasUnresolved(in article: Article) -> Bool {
        struct Finder: BlockVisitor {
            var found = false
            mutating func visit(_ block: Block, depth: Int) -> Bool {
                guard case .include(let include) = block else { return !found }
                if include.resolvedPath == nil { found = true }
                return !found
            }
        }
        var finder = Finder()
        Block.walk(article.blocks, with: &finder)
        return finder.found
    }

    /// Adds to each finding in an included file the places that include it.
    func annotate(_ findings: inout [Diagnostic], displayPathOf: (String) -> String) {
        let notes = notesByDisplayPath(displayPathOf: displayPathOf)
        for index in findings.indices {
            guard let path = findings[index].path, let added = notes[path] else { continue }
            findings[index].notes += added
        }
    }

    /// The notes `annotate` adds to a finding in an included file, by the file's path as shown.
    func notesByDisplayPath(displayPathOf: (String) -> String) -> [String: [Diagnostic.Note]] {
        var notesOf: [String: [Diagnostic.Note]] = [:]
        for (included, directives) in byIncluded {
            let sorted = directives.sorted { ($0.container, $0.range.start) < ($1.container, $1.range.start) }
            var notes = sorted.prefix(Self.listed).map { directive in
                Diagnostic.Note(
                    path: displayPathOf(directive.container),
                    range: SourceRange(start: directive.range.start, end: directive.range.start),
                    messageKey: ValidationText.includedHere.rawValue)
            }
            if sorted.count > Self.listed {
                notes.append(
                    Diagnostic.Note(
                        path: nil, range: nil, messageKey: ValidationText.includedByMore.rawValue,
                        arguments: ["count": String(sorted.count - Self.listed)]))
            }
            notesOf[displayPathOf(included)] = notes
        }
        return notesOf
    }
}
