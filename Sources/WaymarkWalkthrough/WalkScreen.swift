import WaymarkCore
import WaymarkRelationships

/// Builds what the walkthrough shows for the engine's current stop: the header with the progress
/// bar, the step in the walk's language with UI labels highlighted, its alerts boxed, what blocks
/// it, what Enter will do, and, on request, the English original underneath.
public struct WalkScreen {
    public let articles: [String: Article]
    public let source: Article
    public let customer: String
    public let strings: any MessageProvider
    /// Line mode: a confirmation is the typed word `yes`, and the prompt says so.
    public var typedConfirmation = false
    /// The article has no binding: each step is a checkpoint, done in the partner portal and
    /// recorded here.
    public var checkpoints = false

    public init(articles: [String: Article], source: Article, customer: String, strings: any MessageProvider) {
        self.articles = articles
        self.source = source
        self.customer = customer
        self.strings = strings
    }

    func t(_ key: String, _ args: [String: MessageValue] = [:], _ locale: String) -> String {
        strings.text(key, args, locale: locale)
    }

    func t(_ key: WalkText, _ args: [String: MessageValue] = [:], _ locale: String) -> String {
        t(key.rawValue, args, locale)
    }

    /// A stop whose irreversible action cancels an item (not the removal of the relationship).
    static func isCancellation(_ stop: WalkStop) -> Bool {
        stop.action?.hasPrefix("cancel") == true
    }

    /// What to press (or, in line mode, type) to confirm this stop's irreversible action.
    public func confirmationPrompt(for stop: WalkStop) -> WalkText {
        switch (WalkScreen.isCancellation(stop), typedConfirmation) {
        case (true, true): WalkText.confirmCancelPromptTyped
        case (true, false): WalkText.confirmCancelPrompt
        case (false, true): WalkText.confirmPromptTyped
        case (false, false): WalkText.confirmPrompt
        }
    }

    /// One line of the completion summary: what was done, to which item, or to the customer for
    /// an action on the whole relationship. `entry` is as the state keeps it: the action's name
    /// (an identifier, never shown), a space, the item's name.
    func done(_ entry: String, _ locale: String) -> String {
        var action = String(entry.prefix { $0 != " " })
        var item = String(entry.dropFirst(action.count).drop { $0 == " " })
        if let separator = item.firstIndex(of: "\u{1F}") {
            let kind = LoopItem.Kind(rawValue: String(item[..<separator]))
            item = String(item[item.index(after: separator)...])
            // Cancelling "an item" is cancelling a reservation, a purchase or a subscription.
            if action == "cancelItem" {
                switch kind {
                case .reservation?: action = "cancelReservation"
                case .softwarePurchase?: action = "cancelPurchase"
                case .subscription?: action = "cancelSubscription"
                case nil: break
                }
            }
        }
        return t(
            WalkText.done(action), ["item": .string(item.isEmpty ? customer : item), "customer": .string(customer)],
            locale)
    }

    /// The footer's key hints (`Enter/→ next · ← back · …`) with the spaces inside each hint made
    /// no-break, so the footer wraps between hints, never inside one.
    static func keyHints(_ text: String) -> String {
        // By the standard library, not Foundation's `replacingOccurrences`, whose first use (the
        // first screen's) costs a million instructions.
        text.split(separator: " · ", omittingEmptySubsequences: false)
            .map { String($0.map { $0 == " " ? "\u{A0}" : $0 }) }
            .joined(separator: "\u{A0}· ")
    }

    /// The runs of a step's text: UI labels as labels.
    static func runs(_ step: Step) -> [Styled] { styled(step.runs) }

    static func styled(_ runs: [InlineRun]) -> [Styled] {
        runs.map { run in
            switch run.kind {
            case .uiLabel: Styled(run.text, .label)
            case .code: Styled(run.text, .label)
            default: Styled(run.text)
            }
        }
    }

    public func lines(engine: WalkEngine, account: CustomerAccount, message: [Styled]?, width: Int) -> [[Styled]] {
        let state = engine.state
        let locale = state.locale
        let article = articles[locale] ?? source
        var out: [[Styled]] = []
        /// Wrapped to the width; lines after the first start `hang` columns further in.
        func add(_ runs: [Styled], indent: Int = 0, hang: Int = 0) {
            for (i, line) in Wrapper.wrap(runs, width: width, indent: indent, hang: hang).enumerated() {
                let pad = i == 0 ? indent : indent + hang
                out.append(pad == 0 ? line : [Styled(String(repeating: " ", count: pad))] + line)
            }
        }
        /// A bullet whose text wraps under its text.
        func bullet(_ text: String, _ style: Styled.Style = .plain, indent: Int) {
            add([Styled("• " + text, style)], indent: indent, hang: 2)
        }
        let procedure = article.stepGraph.procedure(state.procedure)
        add([Styled("\(customer) — \(procedure?.title ?? article.title ?? "")", .heading)])
        let (index, total) = engine.progress
        let barWidth = 20
        let filled = total == 0 ? barWidth : barWidth * index / total
        add([
            Styled(t(WalkText.progress, ["index": .int(index), "total": .int(total)], locale)),
            Styled(
                "  [" + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
                    + "]  ", .dim),
            Styled(locale, .dim),
        ])
        if article.frontMatter.translationType == .machine {
            let notice = t("article.machine-translated", ["locale": .string(locale)], locale)
            add([Styled(LanguageCase.sentence(notice, locale: locale), .dim)])
        }
        out.append([])
        guard let stop = state.current else { return out }
        if state.phase == .finished {
            add([Styled(t(WalkText.finished, ["count": .int(state.performed.count)], locale), .good)])
            for entry in state.performed { add([Styled("✓ " + done(entry, locale))], indent: 2, hang: 2) }
            out.append([])
            add([Styled(t(WalkText.keysFinished, [:], locale), .dim)])
            return out
        }
        let done = state.completed.contains(stop.key)
        // Shown in the source language, the step is its own original: say so instead of
        // repeating it.
        let isOriginal = articles[locale].map { $0 == source } ?? true
        if state.showSource, isOriginal {
            add([Styled(t(WalkText.sourceIsThis, ["locale": .string(locale)], locale), .dim)])
            out.append([])
        }
        if stop.step == WalkStop.prerequisites {
            add([Styled(t(WalkText.prerequisitesTitle, [:], locale), .heading)] + (done ? [Styled("  ✓", .good)] : []))
            for text in procedure?.prerequisites ?? [] { add([Styled(text)], indent: 2) }
            if state.showSource, !isOriginal,
                let src = source.stepGraph.procedure(state.procedure)
            {
                add([Styled(t(WalkText.source, [:], locale), .dim)], indent: 2)
                for text in src.prerequisites { add([Styled(text, .dim)], indent: 4) }
            }
        } else if let id = StepID(stop.step) {
            let step = article.stepGraph.step(id) ?? source.stepGraph.step(id)
            let number = id.path.joined(separator: ".")
            add(
                [Styled(number + "  ", .heading)] + (step.map(WalkScreen.runs) ?? [])
                    + (done ? [Styled("  ✓", .good)] : []), hang: DisplayWidth.of(number) + 2)
            // The box: two columns in, as wide as the screen up to 60 columns, its top and bottom
            // borders the same width.
            let box = min(width, 60) - 2
            for alert in step?.alerts ?? [] {
                let label = t(.alert(alert.kind), [:], locale)
                let rule = max(1, box - 4 - DisplayWidth.of(label))
                add([Styled("┌─ " + label + " " + String(repeating: "─", count: rule), .alert)], indent: 2)
                for line in Wrapper.wrap(WalkScreen.styled(alert.runs), width: box - 2) {
                    out.append([Styled("  "), Styled("│ ", .alert)] + line)
                }
                add([Styled("└" + String(repeating: "─", count: box - 1), .alert)], indent: 2)
            }
            if state.showSource, !isOriginal, let original = source.stepGraph.step(id) {
                add(
                    [Styled(t(WalkText.source, [:], locale) + " ", .dim)]
                        + WalkScreen.runs(original).map { Styled($0.text, .dim) }, indent: 2)
            }
        }
        if let item = stop.item {
            add([Styled(t(.item(item.kind), ["name": .string(item.name)], locale), .label)], indent: 2)
        }
        if let count = stop.loopCount {
            add([Styled(t(WalkText.loopCount, ["count": .int(count)], locale), .dim)], indent: 2)
        }
        let blockers = engine.blockers(account)
        if !blockers.isEmpty {
            add([Styled(t(WalkText.blocked, [:], locale), .blocked)], indent: 2)
            let reasons = ReasonText(strings: strings)
            for reason in blockers { bullet(reasons.describe(reason, locale: locale), .blocked, indent: 4) }
        } else if state.phase == .confirming {
            if WalkScreen.isCancellation(stop) {
                add(
                    [
                        Styled(
                            t(WalkText.confirmCancelTitle, ["item": .string(stop.item?.name ?? "")], locale), .blocked)
                    ],
                    indent: 2)
            } else {
                add([Styled(t(WalkText.confirmTitle, [:], locale), .blocked)], indent: 2)
                for consequence in article.consequences { bullet(consequence, indent: 4) }
            }
            add([Styled(t(confirmationPrompt(for: stop), [:], locale), .key)], indent: 2)
        } else if let action = stop.action, !done {
            // What the action will warn of comes before it is done, beside what Enter does.
            if action == "suspendSubscription",
                let subscription = account.subscriptions.first(where: { $0.id == stop.item?.id })
            {
                for warning in RelationshipRules().warningsForSuspending(subscription) {
                    add(
                        [Styled(t(warning.rawValue, ["item": .string(subscription.offerName)], locale), .alert)],
                        indent: 2)
                }
            }
            let key = state.mode == .confirm ? WalkText.confirmMode : WalkText.will(action) ?? .confirmMode
            add([Styled(t(key, ["item": .string(stop.item?.name ?? "")], locale), .good)], indent: 2)
        } else if checkpoints, !done {
            add([Styled(t(WalkText.confirmMode, ["item": .string("")], locale), .good)], indent: 2)
        }
        if blockers.isEmpty, state.phase == .walking, let (ahead, reasons) = engine.blockedAhead(account),
            let id = StepID(ahead.step)
        {
            out.append([])
            add([Styled(t(WalkText.aheadBlocked, ["step": .string(id.path.joined(separator: "."))], locale), .blocked)])
            let text = ReasonText(strings: strings)
            for reason in reasons { bullet(text.describe(reason, locale: locale), .blocked, indent: 2) }
        }
        if let message {
            out.append([])
            add(message)
        }
        out.append([])
        // The keys (or, in line mode, the words) that do something now.
        let keys: WalkText =
            switch (state.phase == .confirming, typedConfirmation) {
            case (true, false): WalkText.keysConfirming
            case (true, true): WalkText.keysConfirmingLine
            case (false, true): WalkText.keysLine
            case (false, false): WalkText.keys
            }
        add([Styled(WalkScreen.keyHints(t(keys, [:], locale)), .dim)])
        return out
    }
}
