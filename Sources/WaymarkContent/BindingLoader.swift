import Foundation
import WaymarkCore
internal import Yams

/// Reads procedure bindings (YAML) into `ProcedureBinding`, with every error located in the file.
///
/// ```yaml
/// article: partner-center/remove-a-relationship.md
/// procedure: how-to-remove-a-relationship
/// roles: [global-admin, admin-agent, sales-agent]
/// prerequisites: { forEach: activeReservationsAndPurchases, action: cancelItem }
/// steps:
///   how-to-remove-a-relationship/1: { forEach: activeSubscriptions }
/// ```
public enum BindingLoader {
    public static func load(path: String) throws -> (ProcedureBinding?, [Diagnostic]) {
        switch try ArticleParser.read(path, limit: YAMLDocument.maximumBytes) {
        case .bytes(let bytes): return parse(bytes, path: path)
        case .tooLarge(let size):
            throw ContentError.unreadable(
                path: path, reason: "\(size) bytes, more than the \(YAMLDocument.maximumBytes) allowed")
        }
    }

    /// Reads and parses the binding at `path`; a file that cannot be read is a diagnostic too.
    public static func read(path: String) -> (ProcedureBinding?, [Diagnostic]) {
        do {
            return try load(path: path)
        } catch {
            let reason = (error as? ContentError).map(\.reason) ?? "\(error)"
            return (
                nil,
                [BindingDiagnostic.unreadable.make(SourceRange(line: 1, column: 1), file: path, ["reason": reason])]
            )
        }
    }

    /// Parses binding YAML; returns `nil` with diagnostics when it cannot be used.
    public static func parse(_ bytes: [UInt8], path: String) -> (ProcedureBinding?, [Diagnostic]) {
        let source = SourceText(bytes: bytes)
        var diagnostics = source.diagnostics.map { $0.located(path: path, sourceLine: nil, severity: $0.severity) }
        func fail(_ kind: BindingDiagnostic, _ range: SourceRange?, _ args: [String: String] = [:]) {
            diagnostics.append(kind.make(range ?? SourceRange(line: 1, column: 1), file: path, args))
        }
        if let problem = FrontMatterParser.complexityProblem(source.text) {
            fail(.syntax, nil, ["problem": problem])
            return (nil, diagnostics)
        }
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
        let converter = NodeConverter(lines: lines, lineOffset: 0)
        let root: Node?
        do {
            root = try LocatedYAML.compose(source.text, converter)
        } catch {
            fail(.syntax, error.range, ["problem": error.problem])
            return (nil, diagnostics)
        }
        guard let mapping = root?.mapping else {
            fail(.notMapping, nil)
            return (nil, diagnostics)
        }
        func string(_ key: String, required: Bool = true) -> String? {
            guard let node = mapping[key] else {
                if required { fail(.missingKey, nil, ["key": key]) }
                return nil
            }
            guard let s = node.scalar?.string, !s.isEmpty else {
                fail(.wrongType, converter.range(of: node.mark), ["key": key, "expected": "text"])
                return nil
            }
            return s
        }
        func stringList(_ node: Node?, key: String) -> [String] {
            guard let node else { return [] }
            if let s = node.scalar?.string { return [s] }
            guard let seq = node.sequence else {
                fail(.wrongType, converter.range(of: node.mark), ["key": key, "expected": "a list"])
                return []
            }
            return seq.compactMap { $0.scalar?.string }
        }
        func step(_ name: String, _ node: Node, keyMark: Mark?) -> StepBinding? {
            guard let map = node.mapping else {
                fail(.wrongType, converter.range(of: node.mark), ["key": name, "expected": "a mapping"])
                return nil
            }
            let known: Set<String> = ["forEach", "requires", "action", "irreversible"]
            for (key, _) in map {
                let k = key.string ?? ""
                if !known.contains(k) { fail(.unknownKey, converter.range(of: key.mark), ["key": k]) }
            }
            return StepBinding(
                step: name, forEach: map["forEach"]?.scalar?.string,
                requires: stringList(map["requires"], key: "requires"),
                action: map["action"]?.scalar?.string, irreversible: map["irreversible"]?.scalar?.string == "true",
                range: converter.range(of: keyMark))
        }
        let article = string("article")
        let procedure = string("procedure")
        let roles = stringList(mapping["roles"], key: "roles")
        var prerequisites: StepBinding?
        if let node = mapping["prerequisites"] {
            prerequisites = step("prerequisites", node, keyMark: node.mark)
        }
        var steps: [StepBinding] = []
        if let stepsNode = mapping["steps"] {
            if let map = stepsNode.mapping {
                for (key, value) in map {
                    let name = key.string ?? ""
                    if StepID(name) == nil {
                        fail(.badStepID, converter.range(of: key.mark), ["step": name])
                        continue
                    }
                    if let s = step(name, value, keyMark: key.mark) { steps.append(s) }
                }
            } else {
                fail(.wrongType, converter.range(of: stepsNode.mark), ["key": "steps", "expected": "a mapping"])
            }
        }
        guard let article, let procedure else { return (nil, diagnostics) }
        return (
            ProcedureBinding(
                path: path, article: article, procedure: procedure, roles: roles, prerequisites: prerequisites,
                steps: steps),
            diagnostics
        )
    }
}

/// Diagnostics of binding files, all under the validation rule that checks bindings
/// (`binding-unknown-name`); the raw values are their message keys.
enum BindingDiagnostic: String, CaseIterable {
    case syntax = "binding.syntax"
    case notMapping = "binding.not-mapping"
    case missingKey = "binding.missing-key"
    case wrongType = "binding.wrong-type"
    case unknownKey = "binding.unknown-key"
    case badStepID = "binding.bad-step-id"
    case unreadable = "binding.unreadable"

    var template: String {
        switch self {
        case .syntax: "YAML syntax error in binding: {problem}"
        case .unreadable: "binding file cannot be read: {reason}"
        case .notMapping: "a binding is a mapping of keys: article, procedure, roles, prerequisites, steps"
        case .missingKey: "binding has no \"{key}\""
        case .wrongType: "\"{key}\" must be {expected}"
        case .unknownKey: "unknown key \"{key}\"; a step takes forEach, requires, action and irreversible"
        case .badStepID: "\"{step}\" is not a StepID (anchor/1.2.a)"
        }
    }

    func make(_ range: SourceRange, file: String, _ arguments: [String: String]) -> Diagnostic {
        Diagnostic(
            id: ProblemID.bindingUnknownName, severity: .error, path: file, range: range, messageKey: rawValue,
            arguments: arguments, message: MessageTemplate.render(template, arguments))
    }
}
