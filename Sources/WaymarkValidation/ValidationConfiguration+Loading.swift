import Foundation
import WaymarkContent
import WaymarkCore
import WaymarkLocalization

/// A configuration file that cannot be used, located in the file.
public struct ConfigurationError: Error, Sendable, Hashable {
    public var path: String
    public var range: SourceRange?
    public var text: ValidationText
    public var arguments: [String: String]
}

extension ValidationConfiguration {
    /// The file looked for in the tree root and then in the working directory.
    public static let fileName = ".waymark.yml"

    /// Reads a `.waymark.yml`:
    ///
    /// ```yaml
    /// sourceLocale: en-US
    /// locales:
    ///   en-US: { root: en-us }
    ///   tr-TR: { root: tr-tr, paths: { marketplace/: partner-center/marketplace/ } }
    /// profile: learn              # or a mapping: { base: learn, required: [...], titleLength: [1, 70] }
    /// rules: { translation-missing: note, language-bold-label-unknown: off }
    /// ignore: ["**/includes/**"]
    /// imagesInTranslations: false
    /// glossary: glossary.tbx
    /// bindings: procedures/
    /// ```
    public static func load(path: String) throws(ConfigurationError) -> ValidationConfiguration {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(path, limit: YAMLDocument.maximumBytes)
        } catch {
            guard case .tooLarge = error else {
                throw ConfigurationError(path: path, range: nil, text: .configUnreadable, arguments: [:])
            }
            throw ConfigurationError(
                path: path, range: nil, text: .configSyntax,
                arguments: ["problem": "more than \(YAMLDocument.maximumBytes) bytes"])
        }
        return try parse(bytes, path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(ConfigurationError) -> ValidationConfiguration {
        let root: MetadataValue
        do {
            root = try YAMLDocument.read(bytes, path: path)
        } catch {
            throw ConfigurationError(
                path: path, range: error.range, text: .configSyntax, arguments: ["problem": error.description])
        }
        var config = ValidationConfiguration()
        config.directory = (path as NSString).deletingLastPathComponent
        config.file = path
        guard case .mapping(let entries) = root else {
            throw ConfigurationError(path: path, range: nil, text: .configNotMapping, arguments: [:])
        }
        var sourceEntry: MetadataEntry?
        var localesEntry: MetadataEntry?
        func fail(_ text: ValidationText, _ entry: MetadataEntry, _ args: [String: String] = [:]) -> ConfigurationError
        {
            var arguments = args
            arguments["key"] = arguments["key"] ?? entry.key
            return ConfigurationError(path: path, range: entry.range, text: text, arguments: arguments)
        }
        func scalar(_ entry: MetadataEntry) throws(ConfigurationError) -> String {
            guard let s = entry.value.string else { throw fail(.configWrongType, entry, ["expected": "text"]) }
            return s
        }
        func list(_ entry: MetadataEntry) throws(ConfigurationError) -> [String] {
            switch entry.value {
            case .scalar(let s): return [s]
            case .sequence(let items): return items.compactMap(\.string)
            case .mapping: throw fail(.configWrongType, entry, ["expected": "a list"])
            }
        }
        func bool(_ entry: MetadataEntry) throws(ConfigurationError) -> Bool {
            switch try scalar(entry).lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: throw fail(.configWrongType, entry, ["expected": "true or false"])
            }
        }
        for entry in entries {
            switch entry.key {
            case "sourceLocale":
                let value = try scalar(entry)
                guard LocaleTag(value) != nil else { throw fail(.configBadLocale, entry, ["value": value]) }
                config.sourceLocale = ArticleParser.canonicalLocale(value)
                sourceEntry = entry
            case "locales":
                guard case .mapping(let locales) = entry.value else {
                    throw fail(.configWrongType, entry, ["expected": "a mapping of locale to folder"])
                }
                guard !locales.isEmpty else { throw fail(.configNoLocales, entry) }
                localesEntry = entry
                for localeEntry in locales {
                    guard LocaleTag(localeEntry.key) != nil else {
                        throw fail(.configBadLocale, localeEntry, ["value": localeEntry.key])
                    }
                    let root = try localeRoot(localeEntry, fail: fail)
                    // A locale's folder lies inside the tree: relative, with no `..` climbing out.
                    let parts = root.root.split(separator: "/")
                    if root.root.hasPrefix("/") || root.root.isEmpty || parts.contains("..") {
                        throw fail(.configRootOutside, localeEntry, ["value": root.root])
                    }
                    config.locales.append(root)
                }
            case "profile":
                config.profile = try profile(entry, fail: fail)
            case "rules":
                guard case .mapping(let settings) = entry.value else {
                    throw fail(.configWrongType, entry, ["expected": "a mapping of rule to severity"])
                }
                for setting in settings {
                    // A former id of a problem that kept a rule of its own names that rule.
                    let rule = ProblemID.renamed[setting.key] ?? setting.key
                    guard RuleCatalog.rule(rule) != nil else {
                        throw fail(.configUnknownRule, setting, ["rule": setting.key])
                    }
                    let value = (setting.value.string ?? "").lowercased()
                    switch value {
                    case "off", "false", "none": config.rules[rule] = .off
                    case "on", "true": config.rules[rule] = nil
                    default:
                        guard let severity = Severity(rawValue: value) else {
                            throw fail(.configBadSeverity, setting, ["value": value])
                        }
                        config.rules[rule] = .severity(severity)
                    }
                }
            case "ignore": config.ignore = try list(entry)
            case "includeFolders": config.includeFolders = try list(entry)
            case "imagesInTranslations": config.imagesInTranslations = try bool(entry)
            case "glossary": config.glossary = try scalar(entry)
            case "bindings": config.bindings = try scalar(entry)
            case "cache": config.cache = try scalar(entry)
            case "cacheLimit":
                guard let megabytes = Int(try scalar(entry)), megabytes > 0, megabytes <= 1 << 20 else {
                    throw fail(.configWrongType, entry, ["key": entry.key, "expected": "a number of megabytes"])
                }
                config.cacheLimit = megabytes
            default:
                throw fail(.configUnknownKey, entry)
            }
        }
        // Translations are compared with the source locale's articles: it must be one of the locales.
        if let localesEntry, !config.locales.contains(where: { $0.locale == config.sourceLocale }) {
            throw fail(
                .configSourceNotListed, sourceEntry ?? localesEntry,
                ["value": config.sourceLocale, "locales": config.locales.map(\.locale).joined(separator: ", ")])
        }
        return config
    }

    private static func localeRoot(
        _ entry: MetadataEntry, fail: (ValidationText, MetadataEntry, [String: String]) -> ConfigurationError
    ) throws(ConfigurationError) -> LocaleRoot {
        let locale = ArticleParser.canonicalLocale(entry.key)
        switch entry.value {
        case .scalar(let folder):
            return LocaleRoot(locale: locale, root: folder)
        case .mapping(let fields):
            var root = entry.key
            var map: [(from: String, to: String)] = []
            for field in fields {
                switch field.key {
                case "root":
                    guard let s = field.value.string else {
                        throw fail(.configWrongType, field, ["key": field.key, "expected": "text"])
                    }
                    root = s
                case "paths":
                    guard case .mapping(let pairs) = field.value else {
                        throw fail(.configWrongType, field, ["key": field.key, "expected": "a mapping of prefixes"])
                    }
                    map = pairs.map { ($0.key, $0.value.string ?? "") }
                default:
                    throw fail(.configUnknownKey, field, ["key": field.key])
                }
            }
            return LocaleRoot(locale: locale, root: root, pathMap: map)
        case .sequence:
            throw fail(.configWrongType, entry, ["expected": "a folder or a mapping"])
        }
    }

    private static func profile(
        _ entry: MetadataEntry, fail: (ValidationText, MetadataEntry, [String: String]) -> ConfigurationError
    ) throws(ConfigurationError) -> Profile {
        if let name = entry.value.string {
            guard let p = Profile.named(name) else { throw fail(.configUnknownProfile, entry, ["value": name]) }
            return p
        }
        guard case .mapping(let fields) = entry.value else {
            throw fail(.configWrongType, entry, ["expected": "a profile name or a mapping"])
        }
        var p = Profile.learn
        func range(_ field: MetadataEntry) throws(ConfigurationError) -> ClosedRange<Int> {
            if case .sequence(let items) = field.value, items.count == 2, let lo = items[0].string.flatMap({ Int($0) }),
                let hi = items[1].string.flatMap({ Int($0) }), lo <= hi
            {
                return lo...hi
            }
            throw fail(.configWrongType, field, ["key": field.key, "expected": "[minimum, maximum]"])
        }
        for field in fields {
            let items: [String]
            switch field.value {
            case .sequence(let seq): items = seq.compactMap(\.string)
            case .scalar(let s): items = [s]
            case .mapping: items = []
            }
            switch field.key {
            case "base":
                guard let base = Profile.named(items.first ?? "") else {
                    throw fail(.configUnknownProfile, field, ["key": field.key, "value": items.first ?? ""])
                }
                let keep = p
                p = base
                if keep.name != "learn" { p.name = keep.name }
            case "name": p.name = items.first ?? p.name
            case "required": p.requiredKeys = items
            case "requiredInIncludes": p.requiredInIncludes = items
            case "deprecated": p.deprecatedKeys = items
            case "known": p.knownKeys += items
            case "titleLength": p.titleLength = try range(field)
            case "descriptionLength": p.descriptionLength = try range(field)
            default: throw fail(.configUnknownKey, field, ["key": field.key])
            }
        }
        return p
    }
}
