import Foundation
import WaymarkCore
internal import Yams

/// The words that mark step kinds, the roles line and well-known sections in one language.
///
/// Cue lists are data (`Cues/<language>.yml` in this module's resources): a new language needs a
/// new file, not new code.
struct StepCues: Sendable {
    struct Kinds: Sendable {
        var `repeat`: [String]
        var navigate: [String]
        var select: [String]
    }

    var language: String
    var stepKinds: Kinds
    var rolesLabels: [String]
    var roleSeparators: [String]
    var consequenceSentences: [String]
    var consequenceHeadings: [String]
    var nextStepsHeadings: [String]
    var prerequisiteHeadings: [String]

    /// Every cue file shipped with the module, by language (`en`, `tr`, `hu`).
    static let all: [String: StepCues] = {
        guard let folder = cueFolder, let files = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return [:] }
        var result: [String: StepCues] = [:]
        let constructor = Constructor.default
        for file in files where file.hasSuffix(".yml") {
            guard let bytes = try? FileReader.read(folder + "/" + file),
                let cues = StepCues(yaml: String(decoding: bytes, as: UTF8.self), constructor)
            else { continue }
            result[cues.language] = cues.lowercased()
        }
        return result
    }()

    /// The module's `Cues` folder: beside the program, where SwiftPM builds the module's resources
    /// and `make install` copies them, found without Foundation's `Bundle` (whose first use, the
    /// main bundle's, costs the walkthrough's first screen milliseconds); else where `Bundle`
    /// finds it.
    static var cueFolder: String? {
        if let program = ResourceLocator.executableURL() {
            let folder = program.deletingLastPathComponent().path + "/Waymark_WaymarkContent.resources/Cues"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
                return folder
            }
        }
        return Bundle.module.url(forResource: "Cues", withExtension: nil)?.path
    }

    /// The cues of one file, or `nil` when it is not YAML or lacks `language`. Read from the
    /// document's nodes with the basic resolver (every value is a list of text), not through
    /// `Decodable` and Yams' default resolver: the walkthrough's first screen waits for this, and
    /// their first use (the decoder's types, the resolver's regular expressions) costs far more
    /// than the reading.
    init?(yaml: String, _ constructor: Constructor) {
        guard let root = try? Yams.compose(yaml: yaml, .basic, constructor, .utf8)?.mapping,
            let language = root["language"]?.string
        else {
            return nil
        }
        func list(_ node: Node?) -> [String] { node?.sequence?.compactMap(\.string) ?? [] }
        let kinds = root["stepKinds"]?.mapping
        self.language = language
        stepKinds = Kinds(
            repeat: list(kinds?["repeat"]), navigate: list(kinds?["navigate"]), select: list(kinds?["select"]))
        rolesLabels = list(root["rolesLabels"])
        roleSeparators = list(root["roleSeparators"])
        consequenceSentences = list(root["consequenceSentences"])
        consequenceHeadings = list(root["consequenceHeadings"])
        nextStepsHeadings = list(root["nextStepsHeadings"])
        prerequisiteHeadings = list(root["prerequisiteHeadings"])
    }

    /// The cues for an article's locale, merged with English (translations often keep English).
    static func forLocale(_ locale: String?) -> [StepCues] {
        let language = locale.map { String($0.prefix { $0 != "-" }).lowercased() } ?? "en"
        var list: [StepCues] = []
        if let own = all[language] { list.append(own) }
        if language != "en", let english = all["en"] { list.append(english) }
        return list
    }

    /// Lower case, trimmed, without trailing colons: the form labels and headings are compared in.
    static func fold(_ text: String) -> String {
        // ASCII text (every English heading and label): trimmed, colons dropped and lower-cased in
        // one pass over its bytes, the same steps in the same order.
        var text = text
        if let folded = text.withUTF8({ bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var start = 0
            var end = bytes.count
            while start < end, String.isASCIISpace(bytes[start]) { start += 1 }
            while end > start, String.isASCIISpace(bytes[end - 1]) { end -= 1 }
            while end > start, bytes[end - 1] == UInt8(ascii: ":") { end -= 1 }
            while end > start, String.isASCIISpace(bytes[end - 1]) { end -= 1 }
            return String(asciiLowercasing: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }) {
            return folded
        }
        var lower = text.cueFolded.trimmingSpaces
        while lower.hasSuffix(":") { lower.removeLast() }
        return lower.trimmingSpaces
    }

    private func lowercased() -> StepCues {
        var copy = self
        let lower = { (list: [String]) in list.map { $0.lowercased() } }
        copy.stepKinds = Kinds(
            repeat: lower(stepKinds.repeat), navigate: lower(stepKinds.navigate), select: lower(stepKinds.select))
        copy.rolesLabels = lower(rolesLabels)
        copy.consequenceSentences = lower(consequenceSentences)
        copy.consequenceHeadings = lower(consequenceHeadings)
        copy.nextStepsHeadings = lower(nextStepsHeadings)
        copy.prerequisiteHeadings = lower(prerequisiteHeadings)
        return copy
    }
}

/// The cues of an article's languages, ready for matching: lower-case byte patterns for the
/// substring cues, sets for the cues a whole (folded) text must equal. Made once per language.
struct CueMatcher: Sendable {
    /// The step-kind cues, looked for in one pass over a step's text.
    private let stepKinds: CueSet
    private let consequenceSentences: CueSet
    let rolesLabels: Set<String>
    /// What each well-known (folded) heading introduces: one lookup per section.
    let headings: [String: HeadingRole]
    /// Bit n is set when a heading of `headings` is n bytes long, for n below 64 (longer headings
    /// are always looked up).
    private let headingLengths: UInt64
    /// Whether a heading of `headings` starts with each byte.
    private let headingStarts: [Bool]
    let roleSeparators: [String]

    struct HeadingRole: OptionSet, Sendable {
        let rawValue: UInt8
        static let consequences = HeadingRole(rawValue: 1)
        static let nextSteps = HeadingRole(rawValue: 2)
        static let prerequisites = HeadingRole(rawValue: 4)
    }

    init(_ list: [StepCues]) {
        stepKinds = CueSet([
            list.flatMap(\.stepKinds.repeat), list.flatMap(\.stepKinds.navigate), list.flatMap(\.stepKinds.select),
        ])
        consequenceSentences = CueSet([list.flatMap(\.consequenceSentences)])
        rolesLabels = Set(list.flatMap(\.rolesLabels))
        var headings: [String: HeadingRole] = [:]
        for (role, texts) in [
            (HeadingRole.consequences, list.flatMap(\.consequenceHeadings)),
            (.nextSteps, list.flatMap(\.nextStepsHeadings)), (.prerequisites, list.flatMap(\.prerequisiteHeadings)),
        ] {
            for text in texts { headings[text, default: []].insert(role) }
        }
        self.headings = headings
        headingLengths = headings.keys.reduce(0) { $1.utf8.count < 64 ? $0 | 1 << UInt64($1.utf8.count) : $0 }
        var starts = [Bool](repeating: false, count: 256)
        for key in headings.keys { if let first = key.utf8.first { starts[Int(first)] = true } }
        headingStarts = starts
        roleSeparators = list.flatMap(\.roleSeparators)
    }

    private static let byLanguage: [String: CueMatcher] = StepCues.all.keys.reduce(into: [:]) { result, language in
        result[language] = CueMatcher(StepCues.forLocale(language))
    }

    /// The matcher for an article's locale (its language's cues and English).
    static func forLocale(_ locale: String?) -> CueMatcher {
        let language = locale.map { String($0.prefix { $0 != "-" }).lowercased() } ?? "en"
        return byLanguage[language] ?? byLanguage["en"] ?? CueMatcher([])
    }

    /// What a folded heading introduces; empty for any other heading. Most headings are not of a
    /// length any known heading has, and are not looked up.
    func role(ofHeading folded: String) -> HeadingRole {
        let length = folded.utf8.count
        guard let first = folded.utf8.first else { return headings[folded] ?? [] }
        guard headingStarts[Int(first)], length >= 64 || headingLengths & (1 << UInt64(length)) != 0 else { return [] }
        return headings[folded] ?? []
    }

    /// The kind of a step from its text: repeat before navigate before select.
    func kind(of text: String) -> StepKind {
        switch stepKinds.firstGroup(inFolded: text) {
        case 0: return .repeat
        case 1: return .navigate
        case 2: return .select
        default: return .action
        }
    }

    /// True when the text holds one of the consequence sentences.
    func mentionsConsequences(_ text: String) -> Bool {
        consequenceSentences.firstGroup(inFolded: text) != nil
    }
}

/// Groups of byte patterns, each group ranked above the next, found in one pass over a text:
/// at each byte only the patterns that start with that byte are compared.
struct CueSet: Sendable {
    /// Every pattern's bytes, one after another.
    private let bytes: [UInt8]
    /// Each pattern's place in `bytes` and its group, ordered by first byte.
    private let patterns: [(start: Int32, count: Int32, group: Int32)]
    /// `patterns[first[b]..<first[b + 1]]` start with byte `b`.
    private let first: [Int32]

    init(_ groups: [[String]]) {
        var byFirstByte = [[(pattern: [UInt8], group: Int)]](repeating: [], count: 256)
        for (group, cues) in groups.enumerated() {
            for cue in cues {
                let bytes = Array(cue.utf8)
                guard let first = bytes.first else { continue }
                byFirstByte[Int(first)].append((bytes, group))
            }
        }
        var bytes: [UInt8] = []
        var patterns: [(start: Int32, count: Int32, group: Int32)] = []
        var first: [Int32] = [0]
        for list in byFirstByte {
            for (pattern, group) in list {
                patterns.append((Int32(bytes.count), Int32(pattern.count), Int32(group)))
                bytes += pattern
            }
            first.append(Int32(patterns.count))
        }
        self.bytes = bytes
        self.patterns = patterns
        self.first = first
    }

    /// `firstGroup(in:)` of the text's `cueFolded` form. ASCII text is folded while it is
    /// searched, byte by byte, and never copied.
    func firstGroup(inFolded text: String) -> Int? {
        var text = text
        let ascii = text.withUTF8 { bytes -> Int?? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return .none }
            return .some(search(bytes, foldsASCII: true))
        }
        if let ascii { return ascii }
        var lower = text.latinLowercased
        return lower.withUTF8 { search($0, foldsASCII: false) }
    }

    /// The best-ranked (lowest) group with a pattern anywhere in `text`, or `nil`.
    func firstGroup(in text: UnsafeBufferPointer<UInt8>) -> Int? {
        search(text, foldsASCII: false)
    }

    /// The search, with the text's A–Z compared as a–z when `foldsASCII` (the patterns are lower
    /// case). The tables are read through pointers: no reference counting in the byte loop.
    private func search(_ text: UnsafeBufferPointer<UInt8>, foldsASCII: Bool) -> Int? {
        @inline(__always) func fold(_ byte: UInt8) -> UInt8 { foldsASCII ? byte.asciiLowercased : byte }
        return bytes.withUnsafeBufferPointer { all in
            patterns.withUnsafeBufferPointer { patterns in
                first.withUnsafeBufferPointer { first in
                    var best = Int32.max
                    for i in 0..<text.count {
                        let b = fold(text[i])
                        var p = Int(first[Int(b)])
                        let end = Int(first[Int(b) + 1])
                        while p < end {
                            let (start, count, group) = patterns[p]
                            p += 1
                            guard group < best, Int(count) <= text.count - i else { continue }
                            var same = true
                            for k in 1..<Int(count) {
                                if fold(text[i + k]) != all[Int(start) + k] {
                                    same = false
                                    break
                                }
                            }
                            if same {
                                if group == 0 { return 0 }
                                best = group
                            }
                        }
                    }
                    return best == .max ? nil : Int(best)
                }
            }
        }
    }
}

extension String {
    /// Lower case for cue matching: a byte loop for ASCII text, `lowercased()` otherwise.
    var cueFolded: String {
        if utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return latinLowercased
    }
}
