/// A BCP 47 language tag in canonical form: `tr-TR`, `hu`, `en-US`.
///
/// Reads the forms people and systems write: `tr_TR.UTF-8`, `tr-tr`, `TR-tr`, `hu_HU@euro`.
public struct LocaleTag: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let language: String
    public let script: String?
    public let region: String?

    /// The locale Waymark's source texts are written in.
    public static let source = LocaleTag(language: "en", script: nil, region: "US")

    public init(language: String, script: String?, region: String?) {
        self.language = language
        self.script = script
        self.region = region
    }

    /// `nil` for text that is not a language tag (and for the POSIX `C` locale).
    public init?(_ text: String) {
        var t = Substring(text.trimmingSpaces)
        if let cut = t.firstIndex(where: { $0 == "." || $0 == "@" }) { t = t[..<cut] }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: "_", omittingEmptySubsequences: false)
        }
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }),
            first.uppercased() != "C"
        else { return nil }
        var script: String?
        var region: String?
        for part in parts.dropFirst() {
            if part.count == 4, script == nil, region == nil, part.allSatisfy({ $0.isASCII && $0.isLetter }) {
                script = part.prefix(1).uppercased() + part.dropFirst().lowercased()
            } else if region == nil,
                (part.count == 2 && part.allSatisfy({ $0.isASCII && $0.isLetter }))
                    || (part.count == 3 && part.allSatisfy({ $0.isASCII && $0.isNumber }))
            {
                region = part.uppercased()
            } else if !part.isEmpty, part.count <= 8, part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                continue  // variants and extensions are accepted and dropped
            } else {
                return nil
            }
        }
        self.init(language: first.lowercased(), script: script, region: region)
    }

    public var description: String {
        [language, script, region].compactMap { $0 }.joined(separator: "-")
    }

    /// The language alone (`tr-TR` → `tr`).
    public var languageOnly: LocaleTag { LocaleTag(language: language, script: nil, region: nil) }

    /// `tr-TR → tr → en-US`: the locales to try, most specific first, ending with the source locale.
    public var fallbackChain: [LocaleTag] {
        var chain = [self]
        if script != nil || region != nil { chain.append(languageOnly) }
        if !chain.contains(LocaleTag.source) { chain.append(LocaleTag.source) }
        return chain
    }

    /// True when `self` can serve a fallback-chain step `candidate`: the same tag, or, for a
    /// language-only step (`tr`), any tag of that language (`tr-TR` serves `tr-CY`'s `tr` step).
    public func serves(_ candidate: LocaleTag) -> Bool {
        candidate.script == nil && candidate.region == nil ? language == candidate.language : self == candidate
    }

    public static func < (lhs: LocaleTag, rhs: LocaleTag) -> Bool { lhs.description < rhs.description }
}

/// How the user's locale was chosen, so that it can be reported.
public struct LocaleChoice: Sendable, Hashable {
    public var tag: LocaleTag
    /// `--locale`, `LC_ALL`, `LC_MESSAGES`, `LANG`, or `default`.
    public var source: String

    public init(tag: LocaleTag, source: String) {
        self.tag = tag
        self.source = source
    }
}

public enum LocaleNegotiation {
    /// `--locale`, else `LC_ALL`, `LC_MESSAGES`, `LANG` (the first that is set and not `C`/`POSIX`),
    /// else `en-US`. An explicit `--locale` that is not a language tag returns `nil`.
    public static func choose(option: String?, environment: [String: String]) -> LocaleChoice? {
        if let option {
            guard let tag = LocaleTag(option) else { return nil }
            return LocaleChoice(tag: tag, source: "--locale")
        }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            if let tag = LocaleTag(value) { return LocaleChoice(tag: tag, source: variable) }
            if value == "C" || value == "POSIX" || value.hasPrefix("C.") { break }
        }
        return LocaleChoice(tag: .source, source: "default")
    }
}
