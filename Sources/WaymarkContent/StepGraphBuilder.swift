import WaymarkCore

/// Builds the step graph and the extracted parts (roles, consequences, prerequisites, next steps)
/// from an article's blocks.
///
/// A section is a heading and the blocks up to the next heading. A section whose body holds an
/// ordered list is a procedure; the list's items are its steps, nested ordered lists and
/// `a.`/`i.` markers its child steps. A later list in the same section that continues the
/// numbering extends the procedure; one that starts again makes a new procedure `<key>~2`.
///
/// A section's key is its heading's explicit `<a name>`, else the DocFX slug of its text; the
/// second section with the same key is `<key>-1`, the third `<key>-2` (`SectionKeys`), the way
/// DocFX numbers repeated heading ids. English `admin-1` and a translation's second
/// `<a name="admin">` so name the same section.
struct StepGraphBuilder {
    let cues: CueMatcher
    /// Names the section before the first heading (the file name's slug).
    let fallbackAnchor: String

    struct Output {
        var procedures: [Procedure] = []
        /// The id each procedure had before section keys were numbered like DocFX's (`admin~2`
        /// for the second section anchored `admin`), where it differs: stored StepIDs go on working.
        var legacyIDs: [String: String] = [:]
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
        var keys = SectionKeys()
        var legacyUses: [String: Int] = [:]
        var heading: Heading?
        var key = fallbackAnchor
        var start = all.startIndex
        func section(ending end: Int) {
            let section = Section(heading: heading, body: all[start..<end])
            extractParts(of: section, into: &output)
            let first = output.procedures.count
            buildProcedures(of: section, key: key, into: &output)
            // The ids the same procedures had when only `~N` told repeated anchors apart.
            let legacy = heading.map { $0.anchor.isEmpty ? ($0.explicitAnchor ?? "") : $0.anchor } ?? fallbackAnchor
            for index in first..<output.procedures.count {
                let count = legacyUses[legacy, default: 0] + 1
                legacyUses[legacy] = count
                let old = count == 1 ? legacy : "\(legacy)~\(count)"
                if old != output.procedures[index].id { output.legacyIDs[old] = output.procedures[index].id }
            }
        }
        for index in all.indices {
            guard case .heading(let h) = all[index] else { continue }
            section(ending: index)
            heading = h
            key = keys.register(h)
            start = index + 1
        }
        section(ending: all.endIndex)
        // An old id that names a procedure today is that procedure.
        for procedure in output.procedures { output.legacyIDs[procedure.id] = nil }
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

    private func buildProcedures(of section: Section, key anchor: String, into output: inout Output) {
        guard !anchor.isEmpty else { return }
        var lists = 0
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
                    lists += 1
                    let id = lists == 1 ? anchor : "\(anchor)~\(lists)"
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
        for block in StepGraphBuilder.flattenIncludes(StepGraphBuilder.mergingInlineIncludes(blocks)) {
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
            case .list(let list):
                // A bullet list is the step's content; an alert in one of its items is the step's.
                let (kept, alerts) = StepGraphBuilder.liftingAlerts(from: list)
                step.content.append(.list(kept))
                step.alerts += alerts
            default:
                step.content.append(block)
            }
        }
        step.kind = cues.kind(of: step.text)
        step.isLoop = step.children.contains { $0.kind == .repeat }
        return step
    }
}

extension StepGraphBuilder {
    /// `blocks` with each inline include put back into the sentence it was written in: the
    /// paragraph pieces around it (cut from one source paragraph, so with one range) and the
    /// included text become one paragraph again. What the included file holds besides
    /// paragraphs follows that paragraph.
    static func mergingInlineIncludes(_ blocks: [Block]) -> [Block] {
        guard blocks.contains(where: { if case .include(let i) = $0 { i.isInline } else { false } }) else {
            return blocks
        }
        var out: [Block] = []
        var joinsNext: SourceRange?
        for block in blocks {
            switch block {
            case .include(let include) where include.isInline:
                var inlines: [Inline] = []
                var rest: [Block] = []
                for included in flattenIncludes(include.blocks) {
                    if case .paragraph(let p) = included {
                        if !inlines.isEmpty { inlines.append(.softBreak(nil)) }
                        inlines += p.content
                    } else {
                        rest.append(included)
                    }
                }
                if case .paragraph(var last)? = out.last, last.range == include.range {
                    last.content += inlines
                    out[out.count - 1] = .paragraph(last)
                } else {
                    out.append(.paragraph(Paragraph(content: inlines, range: include.range)))
                }
                out += rest
                joinsNext = rest.isEmpty ? include.range : nil
            case .paragraph(let p) where joinsNext == p.range:
                if case .paragraph(var last)? = out.last {
                    last.content += p.content
                    out[out.count - 1] = .paragraph(last)
                } else {
                    out.append(block)
                }
                joinsNext = nil
            default:
                out.append(block)
                joinsNext = nil
            }
        }
        return out
    }

    /// `list` without the alerts of its items (and of bullet lists within them), and those alerts
    /// in document order.
    static func liftingAlerts(from list: List) -> (List, [Alert]) {
        var list = list
        var alerts: [Alert] = []
        for i in list.items.indices {
            var kept: [Block] = []
            for block in list.items[i].blocks {
                switch block {
                case .alert(let alert): alerts.append(alert)
                case .list(let inner) where !inner.ordered:
                    let (innerKept, innerAlerts) = liftingAlerts(from: inner)
                    kept.append(.list(innerKept))
                    alerts += innerAlerts
                default: kept.append(block)
                }
            }
            list.items[i].blocks = kept
        }
        return (list, alerts)
    }
}

/// Section keys the way DocFX numbers heading ids: a key met before gets `-1`, `-2`, … (the first
/// of those not taken), whether it came from an explicit `<a name>` or from the heading's text.
struct SectionKeys {
    private var taken = TakenNames()

    /// The key of the section `heading` starts; empty for a heading with neither anchor nor text.
    mutating func register(_ heading: Heading) -> String {
        let base = heading.explicitAnchor.flatMap { $0.isEmpty ? nil : $0 } ?? SlugRegistry.slug(heading.text)
        guard !base.isEmpty else { return "" }
        return taken.numbered(base)
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
