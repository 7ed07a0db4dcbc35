import Foundation
import WaymarkCore
import WaymarkLocalization

/// The catalogs as the message port other modules use (the walkthrough), in any locale.
struct CatalogStrings: MessageProvider {
    let catalogs: MessageCatalogs?
    /// One localizer per locale, with its parsed messages: the web app asks for dozens of texts
    /// per page.
    private let localizers = Localizers()

    init(catalogs: MessageCatalogs?) {
        self.catalogs = catalogs
    }

    func text(_ key: String, _ arguments: [String: MessageValue], locale: String) -> String {
        let localizer = localizers.localizer(locale, catalogs)
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

/// Localizers by locale, made once each.
private final class Localizers: @unchecked Sendable {
    private let lock = NSLock()
    private var byLocale: [String: Localizer] = [:]

    func localizer(_ locale: String, _ catalogs: MessageCatalogs?) -> Localizer {
        lock.lock()
        defer { lock.unlock() }
        if let made = byLocale[locale] { return made }
        let made = Localizer(locale: LocaleTag(locale) ?? .source, catalogs: catalogs)
        byLocale[locale] = made
        return made
    }
}
