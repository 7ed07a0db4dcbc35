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

extension Array where Element == StepCues {
    /// The kind of a step from its text: repeat before navigate before select.
    func kind(of text: String) -> StepKind {
        let lower = text.cueFolded
        if contains(where: { $0.stepKinds.repeat.contains(where: { lower.containsText($0) }) }) { return .repeat }
        if contains(where: { $0.stepKinds.navigate.contains(where: { lower.containsText($0) }) }) { return .navigate }
        if contains(where: { $0.stepKinds.select.contains(where: { lower.containsText($0) }) }) { return .select }
        return .action
    }

    func matches(_ text: String, _ list: KeyPath<StepCues, [String]>) -> Bool {
        let lower = text.cueFolded
        return contains { $0[keyPath: list].contains(where: { lower.containsText($0) }) }
    }

    /// True when `text`, stripped of a trailing colon, is exactly one of the cues.
    func equals(_ text: String, _ list: KeyPath<StepCues, [String]>) -> Bool {
        equals(folded: StepCues.fold(text), list)
    }

    /// `equals` for text already passed through `StepCues.fold`.
    func equals(folded: String, _ list: KeyPath<StepCues, [String]>) -> Bool {
        contains { $0[keyPath: list].contains(folded) }
    }

    var roleSeparators: [String] { flatMap(\.roleSeparators) }
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
