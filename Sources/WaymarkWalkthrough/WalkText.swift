import WaymarkCore

/// Every text the walkthrough shows (the terminal screen, the checklist renderers, the walk
/// command's own messages and the web app's step page), by stable key with its English source
/// text, which `Localizations/en-US.xlf` repeats (a test checks it). Texts that depend on an alert
/// kind, a loop item or an action are chosen through the functions below, never by building a key.
public enum WalkText: String, CaseIterable, Sendable {
    case aheadBlocked = "walk.ahead-blocked"
    case alertCaution = "walk.alert.caution"
    case alertImportant = "walk.alert.important"
    case alertNote = "walk.alert.note"
    case alertTip = "walk.alert.tip"
    case alertWarning = "walk.alert.warning"
    case articleMissing = "walk.article-missing"
    case bindingUnknownName = "walk.binding-unknown-name"
    case bindingUnknownStep = "walk.binding-unknown-step"
    case blocked = "walk.blocked"
    case confirmMode = "walk.confirm-mode"
    case confirmPrompt = "walk.confirm.prompt"
    case confirmTitle = "walk.confirm.title"
    case confirmCancelTitle = "walk.confirm.cancel-title"
    case confirmCancelPrompt = "walk.confirm.cancel-prompt"
    case confirmCancelPromptTyped = "walk.confirm.cancel-prompt-typed"
    case finished = "walk.finished"
    case doneCancelItem = "walk.done.cancelItem"
    case doneCancelPurchase = "walk.done.cancelPurchase"
    case doneCancelReservation = "walk.done.cancelReservation"
    case doneCancelSubscription = "walk.done.cancelSubscription"
    case doneOther = "walk.done.other"
    case doneRemoveRelationship = "walk.done.removeRelationship"
    case doneSuspendSubscription = "walk.done.suspendSubscription"
    case help = "walk.help"
    case itemReservation = "walk.item.reservation"
    case itemSoftwarePurchase = "walk.item.softwarePurchase"
    case itemSubscription = "walk.item.subscription"
    case keys = "walk.keys"
    case keysConfirming = "walk.keys.confirming"
    case keysConfirmingLine = "walk.keys.confirming-line"
    case keysLine = "walk.keys.line"
    case confirmKeysOnly = "walk.confirm.keys-only"
    case keysFinished = "walk.keys.finished"
    case loopCount = "walk.loop-count"
    case noBinding = "walk.no-binding"
    case noLocale = "walk.no-locale"
    case noProcedure = "walk.no-procedure"
    case openElsewhere = "walk.open-elsewhere"
    case prerequisitesTitle = "walk.prerequisites-title"
    case progress = "walk.progress"
    case resumed = "walk.resumed"
    case saved = "walk.saved"
    case demoFinished = "walk.demo-finished"
    case demoNotReset = "walk.demo-not-reset"
    case demoReset = "walk.demo-reset"
    case source = "walk.source"
    case sourceIsThis = "walk.source-is-this"
    case started = "walk.started"
    case unknownCommand = "walk.unknown-command"
    case willCancelItem = "walk.will.cancelItem"
    case willCancelPurchase = "walk.will.cancelPurchase"
    case willCancelReservation = "walk.will.cancelReservation"
    case willCancelSubscription = "walk.will.cancelSubscription"
    case willRemoveRelationship = "walk.will.removeRelationship"
    case willSuspendSubscription = "walk.will.suspendSubscription"
    case confirmPromptTyped = "walk.confirm.prompt-typed"
    case lineTooLong = "walk.line-too-long"
    case leaseHeld = "walk.lease-held"
    case leaseLost = "walk.lease-lost"
    case sessionEnded = "walk.session-ended"
    case tookOver = "walk.took-over"
    case sessionStateDeleted = "walk.session-state.deleted"
    case firstProcedure = "walk.first-procedure"
    case chooseProcedure = "walk.choose-procedure"

    /// The English source text; `{name}` marks an argument.
    public var english: String {
        switch self {
        case .aheadBlocked: "Step {step} is blocked until:"
        case .alertCaution: "Caution"
        case .alertImportant: "Important"
        case .alertNote: "Note"
        case .alertTip: "Tip"
        case .alertWarning: "Warning"
        case .articleMissing: "article {article} not found under Resources/Articles"
        case .bindingUnknownName: "unknown {kind} \"{name}\"; known: {known}"
        case .bindingUnknownStep: "step \"{step}\" is not in {article} ({locale})"
        case .blocked: "This step is blocked:"
        case .confirmMode: "Do this in Partner Center, then press Enter to record it."
        case .confirmPrompt: "Press y to remove the relationship, n to go back."
        case .confirmTitle: "This cannot be undone. Removing the relationship:"
        case .confirmCancelTitle: "This cannot be undone. Cancelling {item}."
        case .confirmCancelPrompt: "Press y to cancel it, n to go back."
        case .confirmCancelPromptTyped: "Type yes to cancel it, or no to go back."
        case .finished:
            "Finished: {count, plural, =0 {no actions were needed} one {# action done} other {# actions done}}."
        case .doneCancelItem: "Cancelled: {item}"
        case .doneCancelPurchase: "Software purchase cancelled: {item}"
        case .doneCancelReservation: "Azure reservation cancelled: {item}"
        case .doneCancelSubscription: "Subscription cancelled: {item}"
        case .doneOther: "Done: {item}"
        case .doneRemoveRelationship: "Reseller relationship removed: {customer}"
        case .doneSuspendSubscription: "Subscription suspended: {item}"
        case .help:
            "Enter or → completes the step and performs its action; ← goes back; l switches between Turkish, Hungarian and English on the same step; o shows the English original; q saves and quits, and the same command resumes. In line mode type: next, back, lang hu-HU, source, help, quit, yes, no."
        case .itemReservation: "Azure reservation: {name}"
        case .itemSoftwarePurchase: "Software purchase: {name}"
        case .itemSubscription: "Subscription: {name}"
        case .keys: "Enter/→ next · ← back · l language · o English original · ? help · q save and quit"
        case .keysConfirming: "y confirm · n go back · ? help · q save and quit"
        case .keysConfirmingLine: "Type: yes · no · help · quit"
        case .keysLine: "Type: next · back · lang LOCALE · source · help · quit"
        case .confirmKeysOnly: "Press y to confirm or n to go back."
        case .keysFinished: "The session is closed; waymark audit shows what was done."
        case .loopCount:
            "{count, plural, =0 {Nothing to repeat: there are no items.} one {The steps below are done for # item.} other {The steps below are done for each of # items.}}"
        case .noBinding: "no procedure binding for {article} (Resources/Procedures/{file})"
        case .noLocale: "No {locale} version; languages: {locales}"
        case .noProcedure: "{article} has no procedure \"{procedure}\""
        case .openElsewhere:
            "{customer} has an open session for {article}; abandon it first: waymark sessions abandon {session}"
        case .prerequisitesTitle: "Before you begin"
        case .progress: "Step {index} of {total}"
        case .resumed: "Resuming session {session} at step {index} of {total}."
        case .saved: "Progress saved at step {index} of {total}. Resume with: {command}"
        case .demoFinished:
            "The demo walk for {customer} is finished. To walk it again, load the demo data again: {command}"
        case .demoNotReset:
            "The demo walk for {customer} is finished, but this store holds other customers too: loading the demo data again would replace them, so nothing was changed."
        case .demoReset: "The demo walk for {customer} was finished; the demo data is loaded again."
        case .source: "English original:"
        case .sourceIsThis: "This is the original ({locale}); there is no other to show."
        case .started: "Session {session} started for {customer}."
        case .unknownCommand: "Unknown command \"{command}\"; type help"
        case .willCancelItem: "Enter: cancel {item}"
        case .willCancelPurchase: "Enter: cancel {item}"
        case .willCancelReservation: "Enter: cancel {item}"
        case .willCancelSubscription: "Enter: cancel {item}"
        case .willRemoveRelationship: "Enter: remove the reseller relationship (you will be asked to confirm)"
        case .willSuspendSubscription: "Enter: suspend {item}"
        case .confirmPromptTyped: "Type yes to remove the relationship, or no to go back."
        case .lineTooLong: "That line is longer than {limit} bytes; it was ignored."
        case .leaseHeld:
            "{customer} is being walked by {holder} on {host} since {since} (session {session}); wait for that walk to end, or take it over with --take-over"
        case .leaseLost:
            "session {session} was taken over by {holder} at {since}; this walk stopped without changing anything more"
        case .sessionEnded:
            "session {session} was ended elsewhere ({state}); this walk stopped without changing anything more"
        case .tookOver: "Took the session over from {holder} (holding it since {since})."
        case .sessionStateDeleted: "deleted"
        case .firstProcedure:
            "the article has {count} procedures; walking the first, {procedure} (choose another with --procedure)"
        case .chooseProcedure: "Which procedure? (1–{count})"
        }
    }

    /// The label of an alert of `kind` (`Note`, `Warning`).
    public static func alert(_ kind: AlertKind) -> WalkText {
        switch kind {
        case .note: .alertNote
        case .tip: .alertTip
        case .important: .alertImportant
        case .caution: .alertCaution
        case .warning: .alertWarning
        }
    }

    /// How a loop item is named (`Subscription: {name}`).
    public static func item(_ kind: LoopItem.Kind) -> WalkText {
        switch kind {
        case .subscription: .itemSubscription
        case .reservation: .itemReservation
        case .softwarePurchase: .itemSoftwarePurchase
        }
    }

    /// What a step's action will do, said before it is done; `nil` for an action the walkthrough
    /// does not know (validation refuses such a binding).
    public static func will(_ action: String) -> WalkText? {
        switch action {
        case "suspendSubscription": .willSuspendSubscription
        case "cancelSubscription": .willCancelSubscription
        case "cancelReservation": .willCancelReservation
        case "cancelPurchase": .willCancelPurchase
        case "cancelItem": .willCancelItem
        case "removeRelationship": .willRemoveRelationship
        default: nil
        }
    }

    /// The summary line of a done action.
    public static func done(_ action: String) -> WalkText {
        switch action {
        case "suspendSubscription": .doneSuspendSubscription
        case "cancelSubscription": .doneCancelSubscription
        case "cancelReservation": .doneCancelReservation
        case "cancelPurchase": .doneCancelPurchase
        case "cancelItem": .doneCancelItem
        case "removeRelationship": .doneRemoveRelationship
        default: .doneOther
        }
    }

    /// Every key with its English text, for the catalog checks.
    public static var sourceTexts: [(id: String, text: String)] { allCases.map { ($0.rawValue, $0.english) } }
}
