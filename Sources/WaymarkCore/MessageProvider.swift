/// A value for a message placeholder, as the modules that do not know the catalogs pass it.
public enum MessageValue: Sendable, Hashable {
    case string(String)
    case int(Int)
}

/// The port through which modules get localized text without knowing the catalogs: the
/// localization layer implements it, tests pass fakes.
public protocol MessageProvider: Sendable {
    /// The message `key` in `locale`, with `arguments` filled in.
    func text(_ key: String, _ arguments: [String: MessageValue], locale: String) -> String
}
