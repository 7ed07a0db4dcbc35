import WaymarkCore
import WaymarkRelationships

/// What a walk shows at its current stop, as data rather than terminal lines: the web app renders
/// it as a page and as the API's JSON. Every text is already in the walk's language.
public struct WalkView: Sendable {
    public struct Run: Sendable, Hashable {
        /// `text`, `label` (a UI label, bold in the article), `code` or `link`.
        public var kind: String
        public var text: String
        public var target: String?
    }

    public struct Callout: Sendable, Hashable {
        /// The alert kind (`note`, `tip`, `important`, `caution`, `warning`).
        public var kind: String
        /// Its name in the walk's language.
        public var label: String
        public var runs: [Run]
        public var text: String { runs.map(\.text).joined() }
    }

    /// A step's text in one language.
    public struct StepText: Sendable, Hashable {
        public var runs: [Run]
        public var alerts: [Callout]
        public var text: String { runs.map(\.text).joined() }
    }

    public struct Blocker: Sendable, Hashable {
        /// The reason's stable id (`refusal.active-subscriptions`).
        public var id: String
        /// Why, in the walk's language.
        public var reason: String
        public var items: [String]
    }

    public var session: String
    public var customerID: String
    public var customer: String
    public var article: String
    public var title: String
    public var locale: String
    public var locales: [String]
    /// The notice that the article in this language is a machine translation.
    public var machineTranslation: String?
    /// The StepID, or `prerequisites`.
    public var stepID: String?
    /// `1.2`, for people.
    public var stepNumber: String?
    public var stepKind: String?
    public var step: StepText?
    /// The prerequisites' paragraphs, on the prerequisites stop.
    public var prerequisites: [String] = []
    /// The English original when it is shown and differs from the step's language.
    public var original: StepText?
    public var originalPrerequisites: [String] = []
    public var showSource: Bool
    public var stepDone: Bool
    /// The loop item this stop is on: kind, name, and the label ("Subscription: Azure plan").
    public var item: (kind: String, name: String, label: String)?
    public var loopCount: String?
    public var progress: (done: Int, index: Int, total: Int)
    public var blocked: [Blocker]
    public var awaitingConfirmation: Bool
    public var confirmationTitle: String?
    public var consequences: [String]
    /// What "next" will do here (an action or a checkpoint), with the warnings that go with it.
    public var willDo: String?
    public var warnings: [String]
    /// The first stop ahead that is blocked: its number and why.
    public var aheadBlocked: (step: String, reasons: [Blocker])?
    public var finished: Bool
    public var summary: [String]
    public var summaryTitle: String?

    /// The view of `engine`'s current stop for `record`, in the walk's language.
    public init(
        engine: WalkEngine, record: WalkSessionRecord, screen: WalkScreen, account: CustomerAccount
    ) {
        let state = engine.state
        let locale = state.locale
        let article = screen.articles[locale] ?? screen.source
        let t = { (key: String, args: [String: MessageValue]) in screen.strings.text(key, args, locale: locale) }
        let w = { (key: WalkText, args: [String: MessageValue]) in t(key.rawValue, args) }
        let reasons = ReasonText(strings: screen.strings)
        func blockers(_ list: [RefusalReason]) -> [Blocker] {
            list.map { Blocker(id: $0.id, reason: reasons.describe($0, locale: locale), items: $0.items) }
        }
        let procedure = article.stepGraph.procedure(state.procedure)
        let sourceProcedure = screen.source.stepGraph.procedure(state.procedure)
        session = record.id
        customerID = record.customerID
        customer = screen.customer
        self.article = record.article
        title = procedure?.title ?? article.title ?? record.article
        self.locale = locale
        locales = state.locales
        machineTranslation =
            article.frontMatter.translationType == .machine
            ? LanguageCase.sentence(t("article.machine-translated", ["locale": .string(locale)]), locale: locale) : nil
        let (index, total) = engine.progress
        progress = (min(state.completed.count, total), index, total)
        showSource = state.showSource
        finished = state.phase == .finished
        summary = finished ? state.performed.map { screen.done($0, locale) } : []
        summaryTitle = finished ? w(WalkText.finished, ["count": .int(state.performed.count)]) : nil
        blocked = []
        awaitingConfirmation = false
        consequences = []
        warnings = []
        stepDone = false
        guard let stop = state.current, !finished else { return }
        stepDone = state.completed.contains(stop.key)
        let isOriginal = screen.articles[locale].map { $0 == screen.source } ?? true
        stepID = stop.step
        if stop.step == WalkStop.prerequisites {
            stepNumber = nil
            stepKind = "prerequisites"
            prerequisites = procedure?.prerequisites ?? []
            if state.showSource, !isOriginal { originalPrerequisites = sourceProcedure?.prerequisites ?? [] }
        } else if let id = StepID(stop.step) {
            stepNumber = id.path.joined(separator: ".")
            let shown = article.stepGraph.step(id) ?? screen.source.stepGraph.step(id)
            stepKind = shown?.kind.rawValue
            step = shown.map { WalkView.text($0, t) }
            if state.showSource, !isOriginal, let source = screen.source.stepGraph.step(id) {
                original = WalkView.text(source, t)
            }
        }
        if let loopItem = stop.item {
            item = (
                loopItem.kind.rawValue, loopItem.name,
                w(.item(loopItem.kind), ["name": .string(loopItem.name)])
            )
        }
        loopCount = stop.loopCount.map { w(WalkText.loopCount, ["count": .int($0)]) }
        blocked = blockers(engine.blockers(account))
        if blocked.isEmpty, state.phase == .confirming {
            awaitingConfirmation = true
            if WalkScreen.isCancellation(stop) {
                confirmationTitle = w(WalkText.confirmCancelTitle, ["item": .string(stop.item?.name ?? "")])
            } else {
                confirmationTitle = w(WalkText.confirmTitle, [:])
                consequences = article.consequences
            }
        } else if blocked.isEmpty, let action = stop.action, !stepDone {
            if action == "suspendSubscription",
                let subscription = account.subscriptions.first(where: { $0.id == stop.item?.id })
            {
                warnings = RelationshipRules().warningsForSuspending(subscription).map {
                    t($0.rawValue, ["item": .string(subscription.offerName)])
                }
            }
            let key = state.mode == .confirm ? WalkText.confirmMode : WalkText.will(action) ?? .confirmMode
            willDo = w(key, ["item": .string(stop.item?.name ?? "")])
        } else if blocked.isEmpty, screen.checkpoints, !stepDone {
            willDo = w(WalkText.confirmMode, ["item": .string("")])
        }
        if blocked.isEmpty, state.phase == .walking, let (ahead, list) = engine.blockedAhead(account),
            let id = StepID(ahead.step)
        {
            aheadBlocked = (id.path.joined(separator: "."), blockers(list))
        }
    }

    static func runs(_ runs: [InlineRun]) -> [Run] {
        runs.map { run in
            switch run.kind {
            case .plain: Run(kind: "text", text: run.text)
            case .uiLabel: Run(kind: "label", text: run.text)
            case .code: Run(kind: "code", text: run.text)
            case .link(let target): Run(kind: "link", text: run.text, target: target)
            }
        }
    }

    static func text(_ step: Step, _ t: (String, [String: MessageValue]) -> String) -> StepText {
        StepText(
            runs: runs(step.runs),
            alerts: step.alerts.map {
                Callout(kind: $0.kind.rawValue, label: t(WalkText.alert($0.kind).rawValue, [:]), runs: runs($0.runs))
            })
    }
}

extension WalkView {
    /// The walk as the API writes it (`GET /api/v1/walks/{id}`).
    public var json: JSONValue {
        func runs(_ list: [Run]) -> JSONValue {
            .array(
                list.map {
                    .object(
                        [("kind", .string($0.kind)), ("text", .string($0.text))]
                            + ($0.target.map { [("target", JSONValue.string($0))] } ?? []))
                })
        }
        func alerts(_ list: [Callout]) -> JSONValue {
            .array(
                list.map {
                    .object([
                        ("kind", .string($0.kind)), ("label", .string($0.label)), ("text", .string($0.text)),
                        ("runs", runs($0.runs)),
                    ])
                })
        }
        func stepText(_ s: StepText?, prerequisites: [String]) -> JSONValue {
            if let s {
                return .object([("text", .string(s.text)), ("runs", runs(s.runs)), ("alerts", alerts(s.alerts))])
            }
            if !prerequisites.isEmpty {
                let text = prerequisites.joined(separator: "\n")
                return .object([
                    ("text", .string(text)), ("runs", runs([Run(kind: "text", text: text)])), ("alerts", .array([])),
                ])
            }
            return .null
        }
        func blockers(_ list: [Blocker]) -> JSONValue {
            .array(
                list.map {
                    .object([
                        ("id", .string($0.id)), ("reason", .string($0.reason)),
                        ("items", .array($0.items.map(JSONValue.string))),
                    ])
                })
        }
        let optional = { (s: String?) in s.map(JSONValue.string) ?? .null }
        var stepObject: JSONValue = .null
        if let stepID {
            var fields: [(String, JSONValue)] = [
                ("id", .string(stepID)), ("number", optional(stepNumber)), ("kind", optional(stepKind)),
            ]
            if case .object(let text) = stepText(step, prerequisites: prerequisites) {
                fields += text
            } else {
                fields += [("text", .string("")), ("runs", .array([])), ("alerts", .array([]))]
            }
            fields.append(("original", showSource ? stepText(original, prerequisites: originalPrerequisites) : .null))
            fields.append(("done", .bool(stepDone)))
            stepObject = .object(fields)
        }
        return .object([
            ("id", .string(session)), ("customer", .string(customerID)), ("customerName", .string(customer)),
            ("article", .string(article)), ("title", .string(title)), ("locale", .string(locale)),
            ("locales", .array(locales.map(JSONValue.string))), ("machineTranslation", optional(machineTranslation)),
            ("step", stepObject),
            (
                "item",
                item.map {
                    .object([("kind", .string($0.kind)), ("name", .string($0.name)), ("label", .string($0.label))])
                }
                    ?? .null
            ),
            ("progress", .object([("done", .int(progress.done)), ("total", .int(progress.total))])),
            ("blocked", blockers(blocked)),
            (
                "aheadBlocked",
                aheadBlocked.map { .object([("step", .string($0.step)), ("reasons", blockers($0.reasons))]) } ?? .null
            ),
            ("awaitingConfirmation", .bool(awaitingConfirmation)),
            ("consequences", .array(consequences.map(JSONValue.string))), ("willDo", optional(willDo)),
            ("warnings", .array(warnings.map(JSONValue.string))), ("finished", .bool(finished)),
            ("summary", .array(summary.map(JSONValue.string))),
        ])
    }
}
