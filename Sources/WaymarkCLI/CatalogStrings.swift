import WaymarkCore
import WaymarkLocalization

/// The catalogs as the message port other modules use (the walkthrough), in any locale.
struct CatalogStrings: MessageProvider {
    let catalogs: MessageCatalogs?

    func text(_ key: String, _ arguments: [String: MessageValue], locale: String) -> String {
        let localizer = Localizer(locale: LocaleTag(locale) ?? .source, catalogs: catalogs)
        var converted: [String: MessageArgument] = [:]
        for (name, value) in arguments {
            switch value {
            case .string(let s): converted[name] = .string(s)
            case .int(let n): converted[name] = .int(n)
            }
        }
        return localizer.text(key: key, converted)
    }
}
