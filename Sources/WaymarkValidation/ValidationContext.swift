import Foundation
import Synchronization
import WaymarkCore
import WaymarkLocalization

/// What every rule may read: the configuration, the files of the tree, the glossary, the bindings
/// and today's date. Shared read-only by all workers.
struct ValidationContext: Sendable {
    var configuration: ValidationConfiguration
    var files: FileIndex
    var glossary: Glossary?
    /// Glossary terms by language, folded for matching (`tr` → ["iş ortağı merkezi", …]).
    var glossaryWords: [String: Set<String>] {
        didSet { turkishNames = ValidationContext.names(glossaryWords["tr"]) }
    }
    /// The words of the Turkish terms (`merkezi` of "iş ortağı merkezi"): names, which a suffix
    /// joins with an apostrophe. Made once, not for each Turkish article.
    private(set) var turkishNames: Set<String> = []
    var bindings: [(binding: ProcedureBinding, displayPath: String)]
    var bindingDiagnostics: [Diagnostic]
    var today: CalendarDate
    /// Tree-relative paths of every file this run checks on its own: what an article shows from
    /// such a file (an include) is reported once, by that file's own check.
    var checkedPaths: Set<String>
    /// The revision each source article is at, for the cross-locale findings; and the tree's
    /// git work tree, when it is one.
    let revisions: SourceRevisions
    /// Severity per rule id after configuration; a missing id means the rule is off.
    var severities: [String: Severity]
    /// The profile's front-matter keys, made once for every article's front-matter rules:
    /// required, known and deprecated keys in that order, and the same as sets.
    let profileKeys: [String]
    let profileKeySet: Set<String>
    let deprecatedKeySet: Set<String>
    /// One string for each text the articles' facts repeat (link targets, anchors, keys).
    let interned = StringInterner()
    /// Whether the articles' facts keep their steps as they are rather than as bytes: in a small
    /// tree's run (`Validator.Options.keepsStepsDecodedUpTo`), where the bytes save little memory.
    var keepsStepsDecoded = false
    /// The known key each unknown front-matter key is a misspelling of, worked out once a run:
    /// every article of a docset repeats its custom keys.
    let keyTypos = KeyTypoMemo()

    init(
        configuration: ValidationConfiguration, files: FileIndex, glossary: Glossary?,
        bindings: [(binding: ProcedureBinding, displayPath: String)] = [], bindingDiagnostics: [Diagnostic] = [],
        today: CalendarDate, checkedPaths: Set<String> = [], treeRoot: String = "."
    ) {
        self.checkedPaths = checkedPaths
        self.revisions = SourceRevisions(root: treeRoot)
        self.configuration = configuration
        self.files = files
        self.glossary = glossary
        self.bindings = bindings
        self.bindingDiagnostics = bindingDiagnostics
        self.today = today
        var words: [String: Set<String>] = [:]
        for concept in glossary?.concepts ?? [] {
            for (language, terms) in concept.terms {
                let lang = String(language.prefix { $0 != "-" }).lowercased()
                for term in terms {
                    words[lang, default: []].insert(TurkishText.fold(term))
                }
            }
        }
        glossaryWords = words
        turkishNames = ValidationContext.names(words["tr"])
        var severities: [String: Severity] = [:]
        for rule in RuleCatalog.all {
            if let s = configuration.severity(of: rule) { severities[rule.id] = s }
        }
        self.severities = severities
        let profile = configuration.profile
        profileKeys = profile.requiredKeys + profile.knownKeys + profile.deprecatedKeys
        profileKeySet = Set(profileKeys)
        deprecatedKeySet = Set(profile.deprecatedKeys)
    }

    func isOn(_ rule: any Rule.Type) -> Bool { severities[rule.id] != nil }

    private static func names(_ terms: Set<String>?) -> Set<String> {
        Set((terms ?? []).flatMap { TurkishText.words($0).map(String.init) })
    }

    /// Whether what an article shows from `file` (an absolute path) is reported by that file's own check.
    func isCheckedOnItsOwn(_ file: String, treeRoot: String) -> Bool {
        let prefix = treeRoot.hasSuffix("/") ? treeRoot : treeRoot + "/"
        return file.hasPrefix(prefix) && checkedPaths.contains(String(file.dropFirst(prefix.count)))
    }
}

/// `FrontMatterKeyTypo`'s answers by key, shared by the workers.
final class KeyTypoMemo: Sendable {
    private let answers = Mutex<[String: String?]>([:])

    /// The answer for `key`, `find` working it out the first time it is asked.
    func suggestion(for key: String, _ find: (String) -> String?) -> String? {
        if let known = answers.withLock({ $0[key] }) { return known }
        let found = find(key)
        answers.withLock { $0[key] = .some(found) }
        return found
    }
}
