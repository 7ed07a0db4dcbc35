import WaymarkCore

/// Builds the step graph and the extracted parts (roles, consequences, prerequisites, next steps)
/// from an article's blocks.
///
/// A section is a heading and the blocks up to the next heading. A section whose body holds an
/// ordered list is a procedure; the list's items are its steps, nested ordered lists and
/// `a.`/`i.` markers its child steps. A later list in the same section that continues the
/// numbering extends the procedure; one that starts again makes a new procedure `<anchor>~2`.
struct StepGraphBuilder {
    let cues: CueMatcher
    /// Names the section before the first heading (the file name's slug).
    let fallbackAnchor: String

    struct Output {
        var procedures: [Procedure] = []
        var roles: [String] = []
        var consequences: [String] = []
        var prerequisites: [String] = []
        var nextSteps: [LinkReference] = []
    }

    private struct Section {
        var heading: Heading?
        /// The blocks after the heading, up to the next one.
        var body: ArraySlice<Block>
    }

    func build(_ blocks: [Block]) -> Output {
        var output = Output()
        let all = StepGraphBuilder.flattenIncludes(blocks)
        var usedIDs: [String: Int] = [:]
        var heading: Heading?
        var start = all.startIndex
        func section(ending end: Int) {
            let section = Section(heading: heading, body: all[start..<end])
            extractParts(of: section, into: &output)
            buildProcedures(of: section, usedIDs: &usedIDs, into: &output)
        }
        for index in all.indices {
            guard case .heading(let h) = all[index] else { continue }
            section(ending: index)
            heading = h
            start = index + 1
        }
        section(ending: all.endIndex)
        return output
    }

    static func flattenIncludes(_ blocks: [Block]) -> [Block] {
        // Most block runs hold no include: the array itself, not a copy.
        guard blocks.contains(where: { if case .include = $0 { true } else { false } }) else { return blocks }
        return blocks.flatMap { block -> [Block] in
            if case .include(let i) = block { return flattenIncludes(i.blocks) }
            return [block]
        }
    }

    // MARK: - Roles, consequences, prerequisites, next steps

    private func extractParts(of section: Section, into output: inout Output) {
        var role: CueMatcher.HeadingRole = []
        if let heading = section.heading { role = cues.role(ofHeading: StepCues.fold(heading.text)) }
        for index in section.body.indices {
            guard case .paragraph(let p) = section.body[index] else { continue }
            if output.roles.isEmpty, case .strong? = p.content.first, let roles = roles(in: p.content) {
                output.roles = roles
            }
            if output.consequences.isEmpty, index + 1 < section.body.endIndex,
                case .list(let list) = section.body[index + 1], !list.ordered,
                cues.mentionsConsequences(p.content.plainText)
            {
                output.consequences = list.items.map { $0.blocks.plainText }
            }
        }
        if output.consequences.isEmpty, role.contains(.consequences),
            let list = section.body.lazy.compactMap({ b -> List? in
                if case .list(let l) = b, !l.ordered { l } else { nil }
            }).first
        {
            output.consequences = list.items.map { $0.blocks.plainText }
        }
        if role.contains(.prerequisites) {
            for block in section.body {
                switch block {
                case .list(let l): output.prerequisites += l.items.map { $0.blocks.plainText }
                case .paragraph(let p): output.prerequisites.append(p.content.plainText.trimmingSpaces)
                default: break
                }
            }
        }
        if let anchor = section.heading?.anchor, anchor == "next-steps" || role.contains(.nextSteps) {
            var collector = LinkCollector()
            Block.walk(Array(section.body), with: &collector)
            output.nextSteps += collector.links
        }
    }

    /// `**Appropriate roles**: Global admin` → `["Global admin"]`.
    func roles(in content: [Inline]) -> [String]? {
        guard
            case .strong(let label, _)? = content.first(where: {
                if case .text(let s, _) = $0 { !s.isBlank } else { true }
            }),
            cues.rolesLabels.contains(StepCues.fold(label.plainText))
        else { return nil }
        guard let labelIndex = content.firstIndex(where: { if case .strong = $0 { true } else { false } }) else {
            return nil
        }
        var rest = Array(content[(labelIndex + 1)...]).plainText.trimmingSpaces
        while rest.hasPrefix(":") { rest = String(rest.dropFirst()).trimmingSpaces }
        var parts = [rest]
        for separator in cues.roleSeparators {
            parts = parts.flatMap { $0.pieces(separatedBy: separator) }
        }
        let roles = parts.map(\.trimmingSpaces).filter { !$0.isEmpty }
        return roles.isEmpty ? nil : roles
    }

    // MARK: - Procedures

    private func buildProcedures(of section: Section, usedIDs: inout [String: Int], into output: inout Output) {
        let anchor = section.heading.map { $0.anchor.isEmpty ? ($0.explicitAnchor ?? "") : $0.anchor } ?? fallbackAnchor
        guard !anchor.isEmpty else { return }
        // Paragraphs before the first list: the procedure's prerequisites, read only if one starts.
        var intro: [Paragraph] = []
        var current: Procedure?
        var nextNumber = 1
        func finish() {
            if let p = current {
                output.procedures.append(p)
                output.prerequisites += p.prerequisites
            }
            current = nil
        }
        for block in section.body {
            switch block {
            case .list(let list) where list.ordered:
                if current == nil || list.start != nextNumber {
                    finish()
                    let count = usedIDs[anchor, default: 0] + 1
                    usedIDs[anchor] = count
                    let id = count == 1 ? anchor : "\(anchor)~\(count)"
                    current = Procedure(
                        id: id, title: section.heading?.text ?? "", prerequisites: introTexts(intro), steps: [],
                        range: section.heading?.range ?? list.range)
                    intro = []
                }
                for (k, item) in list.items.enumerated() {
                    let id = StepID(procedure: current!.id, path: [String(list.start + k)])
                    current!.steps.append(step(from: item.blocks, id: id, range: item.range))
                }
                nextNumber = list.start + list.items.count
            case .paragraph(let p) where current != nil:
                let (lead, segments) = SubStepMarker.split(p.content, range: p.range)
                if !segments.isEmpty, lead.plainText.isBlank {
                    // Marker lines that lost their indentation still belong to the last step.
                    var last = current!.steps.removeLast()
                    var state = MarkerState()
                    state.lastLetterIndex = last.children.lastIndex { $0.id.path.last?.count == 1 }
                    for segment in segments { state.add(segment, to: &last, builder: self) }
                    last.isLoop = last.children.contains { $0.kind == .repeat }
                    current!.steps.append(last)
                }
            case .paragraph(let p):
                intro.append(p)
            default:
                break
            }
        }
        finish()
    }

    /// The text of each intro paragraph that is not the roles line and not blank.
    private func introTexts(_ paragraphs: [Paragraph]) -> [String] {
        paragraphs.compactMap { p in
            guard roles(in: p.content) == nil else { return nil }
            let text = p.content.plainText.trimmingSpaces
            return text.isEmpty ? nil : text
        }
    }

    struct MarkerState {
        var lastLetterIndex: Int?

        mutating func add(_ segment: SubStepMarker.Segment, to parent: inout Step, builder: StepGraphBuilder) {
            let previous = lastLetterIndex.flatMap { parent.children[$0].id.path.last }
            let runs = InlineRun.step(segment.content.runs)
            if SubStepMarker.isRoman(segment.marker, afterLetter: previous), let index = lastLetterIndex {
                var letter = parent.children[index]
                let child = Step(
                    id: letter.id.appending(segment.marker), kind: builder.cues.kind(of: runs.map(\.text).joined()),
                    runs: runs, range: segment.range)
                letter.children.append(child)
                letter.isLoop = letter.children.contains { $0.kind == .repeat }
                parent.children[index] = letter
                return
            }
            parent.children.append(
                Step(
                    id: parent.id.appending(segment.marker), kind: builder.cues.kind(of: runs.map(\.text).joined()),
                    runs: runs, range: segment.range))
            if !SubStepMarker.romanNumerals.contains(segment.marker) || segment.marker.count == 1 {
                lastLetterIndex = parent.children.count - 1
            }
        }
    }

    /// A step from the blocks of a list item.
    func step(from blocks: [Block], id: StepID, range: SourceRange) -> Step {
        var step = Step(id: id, kind: .action, runs: [], range: range)
        var haveText = false
        var markers = MarkerState()
        for block in StepGraphBuilder.flattenIncludes(blocks) {
            switch block {
            case .paragraph(let p):
                let (lead, segments) = SubStepMarker.split(p.content, range: p.range)
                if !haveText {
                    step.runs = InlineRun.step(lead.runs)
                    haveText = true
                } else if !lead.plainText.isBlank {
                    step.content.append(.paragraph(Paragraph(content: lead, range: p.range)))
                }
                for segment in segments { markers.add(segment, to: &step, builder: self) }
            case .list(let list) where list.ordered:
                for (k, item) in list.items.enumerated() {
                    step.children.append(
                        self.step(from: item.blocks, id: id.appending(String(list.start + k)), range: item.range))
                }
            case .alert(let alert):
                step.alerts.append(alert)
            default:
                step.content.append(block)
            }
        }
        step.kind = cues.kind(of: step.text)
        step.isLoop = step.children.contains { $0.kind == .repeat }
        return step
    }
}

/// Collects every link of a block tree in document order.
struct LinkCollector: BlockVisitor {
    var links: [LinkReference] = []

    mutating func visit(_ block: Block, depth: Int) -> Bool {
        block.forEachInlineRun { collect($0) }
        return true
    }

    private mutating func collect(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .link(let target, _, let children, let range):
                links.append(LinkReference(text: children.plainText.trimmingSpaces, target: target, range: range))
            case .strong(let c, _), .emphasis(let c, _), .strikethrough(let c, _): collect(c)
            default: break
            }
        }
    }
}

/// Both collectors in one walk.
struct LinksAndAnchors: BlockVisitor {
    var links = LinkCollector()
    var anchors = AnchorCollector()

    mutating func visit(_ block: Block, depth: Int) -> Bool {
        _ = links.visit(block, depth: depth)
        return anchors.visit(block, depth: depth)
    }
}

/// Collects every anchor: heading anchors and `<a name>`/`<a id>` in HTML.
struct AnchorCollector: BlockVisitor {
    var anchors: [String] = []

    mutating func visit(_ block: Block, depth: Int) -> Bool {
        switch block {
        case .heading(let h):
            anchors.append(h.anchor)
            // DocFX also gives the heading an id made from its text beside an explicit `<a name>`.
            if h.explicitAnchor != nil {
                if !h.textAnchor.isEmpty, h.textAnchor != h.anchor { anchors.append(h.textAnchor) }
            }
            // A heading may carry several `<a name>`s (an old slug kept beside a new one).
            for inline in h.content {
                if case .html(let html, _) = inline {
                    anchors += HTMLAnchor.names(in: html).filter { $0 != h.anchor }
                }
            }
        case .htmlBlock(let html): anchors += HTMLAnchor.names(in: html.html)
        default:
            block.forEachInlineRun { inlines in
                for inline in inlines {
                    if case .html(let html, _) = inline { anchors += HTMLAnchor.names(in: html) }
                }
            }
        }
        return true
    }
}
