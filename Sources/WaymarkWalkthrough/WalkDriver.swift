import Foundation
import WaymarkCore
import WaymarkRelationships

/// Runs a walkthrough: shows the current stop, reads what the operator wants, applies it through
/// the engine and the store, and saves the session after every transition (so `q` or `kill -9`
/// loses at most the keypress in flight).
public final class WalkDriver {
    public enum Ending: Sendable, Equatable {
        case saved, finished
        /// Saved and stopped by a signal.
        case signalled(Int32)
    }

    let controller: WalkController
    let store: RelationshipStore
    let screen: WalkScreen
    let terminal: any WalkTerminal
    let strings: any MessageProvider

    public init(
        engine: WalkEngine, record: WalkSessionRecord, store: RelationshipStore, actor: Operator, screen: WalkScreen,
        terminal: any WalkTerminal, strings: any MessageProvider, lease: String? = nil
    ) {
        self.controller = WalkController(
            engine: engine, record: record, store: store, actor: actor, strings: strings, lease: lease)
        self.store = store
        self.screen = screen
        self.terminal = terminal
        self.strings = strings
    }

    public var state: WalkState { controller.state }
    var engine: WalkEngine { controller.engine }

    func t(_ key: String, _ args: [String: MessageValue] = [:]) -> String {
        strings.text(key, args, locale: engine.state.locale)
    }

    func t(_ key: WalkText, _ args: [String: MessageValue] = [:]) -> String { t(key.rawValue, args) }

    /// Saves the engine state; `audit` names the step just completed.
    public func save(audit: (String, [String])? = nil) throws(StoreError) {
        try controller.save(audit: audit)
    }

    /// The loop: returns when the operator quits (saved) or the procedure is finished.
    public func run(initialMessage: [Styled]? = nil) throws(StoreError) -> Ending {
        var message = initialMessage
        while true {
            let account = try store.account(controller.record.customerID)
            terminal.show(screen.lines(engine: engine, account: account, message: message, width: terminal.width))
            let shown = message
            message = nil
            if engine.state.phase == .finished { return .finished }
            switch terminal.read() {
            case .next where engine.state.phase == .confirming:
                // Only y or n answers the question on the screen.
                let prompt = engine.state.current.map(screen.confirmationPrompt(for:)) ?? WalkText.confirmKeysOnly
                message = [Styled(t(terminal.interactive ? WalkText.confirmKeysOnly : prompt), .blocked)]
            case .next:
                message = try controller.next(account)
            case .yes:
                message = try controller.confirm(account)
            case .no:
                try controller.cancel()
            case .back:
                try controller.back()
            case .cycleLocale:
                try controller.cycleLocale()
            case .setLocale(let locale):
                if try !controller.setLocale(locale) {
                    message = [
                        Styled(
                            t(
                                WalkText.noLocale,
                                [
                                    "locale": .string(locale),
                                    "locales": .string(engine.state.locales.joined(separator: ", ")),
                                ]), .blocked)
                    ]
                    try save()
                }
            case .source:
                try controller.toggleSource()
            case .help:
                message = [Styled(t(WalkText.help))]
            case .quit, .end:
                try save()
                return .saved
            case .signal(let number):
                try save()
                return .signalled(number)
            case .resize:
                // The same screen, message and all, drawn again at the new width.
                message = shown
            case .tooLong:
                message = [
                    Styled(t(WalkText.lineTooLong, ["limit": .int(LineTerminal.maximumLine)]), .blocked)
                ]
            case .unknown(let command):
                message = [Styled(t(WalkText.unknownCommand, ["command": .string(command)]), .blocked)]
            }
        }
    }
}
