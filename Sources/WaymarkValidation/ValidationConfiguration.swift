import WaymarkCore

/// How a documentation tree is validated: its locales and how their paths line up, the
/// front-matter profile, rule severities and what to skip. Read from `.waymark.yml`
/// (`ValidationConfiguration+Loading.swift`); every field has a default.
public struct ValidationConfiguration: Sendable {
    /// One locale's folder and how its paths map onto the source locale's.
    public struct LocaleRoot: Sendable, Hashable {
        public var locale: String
        /// Folder of this locale, relative to the tree root (`tr-tr`).
        public var root: String
        /// Path prefixes rewritten to the source layout, longest first
        /// (`marketplace/` → `partner-center/marketplace/`).
        public var pathMap: [(from: String, to: String)]

        public init(locale: String, root: String, pathMap: [(from: String, to: String)] = []) {
            self.locale = locale
            self.root = root
            self.pathMap = pathMap.sorted { $0.from.count > $1.from.count }
        }

        public static func == (a: LocaleRoot, b: LocaleRoot) -> Bool {
            a.locale == b.locale && a.root == b.root && a.pathMap.map(\.from) == b.pathMap.map(\.from)
                && a.pathMap.map(\.to) == b.pathMap.map(\.to)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(locale)
            hasher.combine(root)
        }
    }

    /// Front-matter expectations.
    public struct Profile: Sendable, Hashable {
        public var name: String
        public var requiredKeys: [String]
        /// Keys an include file must have when it has front matter at all.
        public var requiredInIncludes: [String]
        public var deprecatedKeys: [String]
        /// Keys that are neither required nor deprecated but known; typos are judged against all.
        public var knownKeys: [String]
        public var titleLength: ClosedRange<Int>
        public var descriptionLength: ClosedRange<Int>

        /// Microsoft Learn's metadata requirements.
        public static let learn = Profile(
            name: "learn",
            requiredKeys: ["title", "description", "ms.date", "ms.topic", "author", "ms.author", "ms.service"],
            requiredInIncludes: ["title", "ms.date", "ms.topic", "author", "ms.author"],
            deprecatedKeys: ["ms.prod", "ms.technology"],
            knownKeys: [
                "ms.subservice", "ms.custom", "ms.localizationpriority", "ms.reviewer", "ms.collection",
                "ms.assetid", "ms.contentlocale", "ms.translationtype", "ms.openlocfilehash",
                "ms.sourcegitcommit", "ms.lasthandoff", "ms.locfileid", "manager", "keywords", "ms.devlang",
                "ms.search.region", "ms.search.scope", "ms.search.validFrom", "ms.dyn365.ops.version",
                "searchScope", "titleSuffix", "robots", "ROBOTS", "zone_pivot_groups", "recommendations",
                "adobe-target", "audience", "ms.workload", "ms.tgt_pltfrm", "ms.suite", "ms.update-cycle",
                "uid", "layout", WaymarkKey.sourceHash,
            ],
            titleLength: 1...120, descriptionLength: 40...300)

        /// No required keys; only the structural checks.
        public static let minimal = Profile(
            name: "minimal", requiredKeys: ["title"], requiredInIncludes: [],
            deprecatedKeys: ["ms.prod", "ms.technology"],
            knownKeys: Profile.learn.knownKeys + Profile.learn.requiredKeys, titleLength: 1...200,
            descriptionLength: 0...1000)

        public init(
            name: String, requiredKeys: [String], requiredInIncludes: [String], deprecatedKeys: [String],
            knownKeys: [String],
            titleLength: ClosedRange<Int>, descriptionLength: ClosedRange<Int>
        ) {
            self.name = name
            self.requiredKeys = requiredKeys
            self.requiredInIncludes = requiredInIncludes
            self.deprecatedKeys = deprecatedKeys
            self.knownKeys = knownKeys
            self.titleLength = titleLength
            self.descriptionLength = descriptionLength
        }

        public static func named(_ name: String) -> Profile? {
            switch name {
            case "learn": .learn
            case "minimal": .minimal
            default: nil
            }
        }
    }

    /// A rule's setting in the configuration.
    public enum RuleSetting: Sendable, Hashable {
        case off
        case severity(Severity)
    }

    /// The locale translations are made from.
    public var sourceLocale: String = "en-US"
    /// Locale folders; empty: found from folder names that are locale tags.
    public var locales: [LocaleRoot] = []
    public var profile: Profile = .learn
    public var rules: [String: RuleSetting] = [:]
    /// Glob patterns (`**`, `*`, `?`) of paths, relative to the tree root, that are not validated.
    public var ignore: [String] = []
    /// Folder names whose Markdown files are includes: checked for what they contain, but not
    /// articles themselves (no step graph, not compared across locales, front matter optional).
    public var includeFolders: [String] = ["includes"]
    /// Whether image targets are checked in translations (localized trees usually carry none).
    public var imagesInTranslations = false
    /// A TBX glossary (relative to the configuration file); `nil`: Waymark's own.
    public var glossary: String?
    /// A folder of procedure bindings (relative to the configuration file) to check against every locale.
    public var bindings: String?
    /// Where this configuration was read from, for resolving its relative paths.
    public var directory: String?
    /// The file it was read from, for `--changed-since` to compare with its text at a revision.
    public var file: String?
    /// A folder for the fact cache (relative to the configuration file); `nil`: no cache unless
    /// `validate --cache` names one.
    public var cache: String?
    /// The most the fact cache's folder may hold, in megabytes.
    public var cacheLimit = 1024

    public init() {}

    /// A hash of everything in the configuration that can change a finding (not where the cache
    /// is, nor how large it may grow): part of the fact cache's key.
    var fingerprint: UInt64 {
        var h = Hasher64()
        func mix(_ parts: [String]) {
            h.mix(UInt64(parts.count))
            for part in parts { h.mix(part) }
        }
        mix([sourceLocale])
        for root in locales { mix([root.locale, root.root] + root.pathMap.flatMap { [$0.from, $0.to] }) }
        mix([profile.name])
        mix(profile.requiredKeys)
        mix(profile.requiredInIncludes)
        mix(profile.deprecatedKeys)
        mix(profile.knownKeys)
        mix(
            [profile.titleLength, profile.descriptionLength].map { "\($0.lowerBound)-\($0.upperBound)" })
        for (rule, setting) in rules.sorted(by: { $0.key < $1.key }) {
            switch setting {
            case .off: mix([rule, "off"])
            case .severity(let s): mix([rule, s.rawValue])
            }
        }
        mix(ignore)
        mix(includeFolders)
        mix([imagesInTranslations ? "images" : "", glossary ?? "", bindings ?? "", directory ?? ""])
        return h.value
    }

    /// The severity a rule runs with, or `nil` when it is off.
    public func severity(of rule: any Rule.Type) -> Severity? {
        switch rules[rule.id] {
        case .off: nil
        case .severity(let s): s
        case nil: rule.enabledByDefault ? rule.defaultSeverity : nil
        }
    }
}

/// Front-matter keys that Waymark itself defines.
public enum WaymarkKey {
    /// In a translation: the `ms.openlocfilehash` of the source revision it was translated from.
    /// When the source's hash changes, `translation-stale` reports the translation.
    public static let sourceHash = "waymark.source-hash"
}
