import Foundation
import WaymarkCore
internal import Yams

/// The words that mark step kinds, the roles line and well-known sections in one language.
///
/// Cue lists are data (`Cues/<language>.yml` in this module's resources): a new language needs a
/// new file, not new code.
struct StepCues: Decodable, Sendable {
    struct Kinds: Decodable, Sendable {
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
        guard let folder = Bundle.module.url(forResource: "Cues", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        else { return [:] }
        var result: [String: StepCues] = [:]
        for file in files where file.pathExtension == "yml" {
            guard let text = try? String(contentsOf: file, encoding: .utf8),
                let cues = try? YAMLDecoder().decode(StepCues.self, from: text)
            else { continue }
            result[cues.language] = cues.lowercased()
        }
        return result
    }()

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
    private let repeatCues: [[UInt8]]
    private let navigateCues: [[UInt8]]
    private let selectCues: [[UInt8]]
    private let consequenceSentences: [[UInt8]]
    let rolesLabels: Set<String>
    /// What each well-known (folded) heading introduces: one lookup per section.
    let headings: [String: HeadingRole]
    let roleSeparators: [String]

    struct HeadingRole: OptionSet, Sendable {
        let rawValue: UInt8
        static let consequences = HeadingRole(rawValue: 1)
        static let nextSteps = HeadingRole(rawValue: 2)
        static let prerequisites = HeadingRole(rawValue: 4)
    }

    init(_ list: [StepCues]) {
        let bytes = { (cues: [String]) in cues.map { Array($0.utf8) } }
        repeatCues = bytes(list.flatMap(\.stepKinds.repeat))
        navigateCues = bytes(list.flatMap(\.stepKinds.navigate))
        selectCues = bytes(list.flatMap(\.stepKinds.select))
        consequenceSentences = bytes(list.flatMap(\.consequenceSentences))
        rolesLabels = Set(list.flatMap(\.rolesLabels))
        var headings: [String: HeadingRole] = [:]
        for (role, texts) in [
            (HeadingRole.consequences, list.flatMap(\.consequenceHeadings)),
            (.nextSteps, list.flatMap(\.nextStepsHeadings)), (.prerequisites, list.flatMap(\.prerequisiteHeadings)),
        ] {
            for text in texts { headings[text, default: []].insert(role) }
        }
        self.headings = headings
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

    /// What a folded heading introduces; empty for any other heading.
    func role(ofHeading folded: String) -> HeadingRole {
        headings[folded] ?? []
    }

    /// The kind of a step from its text: repeat before navigate before select.
    func kind(of text: String) -> StepKind {
        var lower = text.cueFolded
        return lower.withUTF8 { h in
            if CueMatcher.any(repeatCues, in: h) { return .repeat }
            if CueMatcher.any(navigateCues, in: h) { return .navigate }
            if CueMatcher.any(selectCues, in: h) { return .select }
            return .action
        }
    }

    /// True when the text holds one of the consequence sentences.
    func mentionsConsequences(_ text: String) -> Bool {
        var lower = text.cueFolded
        return lower.withUTF8 { CueMatcher.any(consequenceSentences, in: $0) }
    }

    private static func any(_ cues: [[UInt8]], in h: UnsafeBufferPointer<UInt8>) -> Bool {
        cues.contains { cue in
            cue.withUnsafeBufferPointer { ByteSearch.first($0, in: h, from: 0, before: h.count) != nil }
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
