import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkLocalization

/// `--help` in the user's language, headings and all. ArgumentParser writes its own help with
/// fixed English headings (`USAGE:`, `OPTIONS:`), so Waymark renders help itself from the
/// command's metadata: ArgumentParser's description of the command (the same JSON as
/// `--experimental-dump-help`), whose texts are already localized, laid out with headings from
/// the catalogs.
enum HelpFormatter {
    /// The subcommand path `arguments` ask help for, or nil when they do not ask for help:
    /// `-h`/`--help` anywhere, or `help` followed by a path.
    static func request(_ arguments: [String]) -> [String]? {
        if arguments.first == "help" { return Array(arguments.dropFirst().prefix { !$0.hasPrefix("-") }) }
        // After `--`, everything is an argument.
        let options = arguments.prefix { $0 != "--" }
        guard options.contains("-h") || options.contains("--help") else { return nil }
        return Array(options.prefix { !$0.hasPrefix("-") })
    }

    /// The help of the command at `path` (as far as its words name subcommands), or nil when
    /// ArgumentParser cannot describe it.
    static func render(_ path: [String], width: Int = 80) -> String? {
        guard let (command, known) = resolve(path) else { return nil }
        return render(command, path: ["waymark"] + known, width: width)
    }

    /// The description of the deepest command that `words` name, and the words that name it
    /// (the rest are its arguments).
    static func resolve(_ words: [String]) -> (command: [String: Any], path: [String])? {
        var known: [String] = []
        guard var command = describe(known) else { return nil }
        for word in words {
            let names = ((command["subcommands"] as? [[String: Any]]) ?? []).compactMap { $0["commandName"] as? String }
            guard names.contains(word), let next = describe(known + [word]) else { break }
            known.append(word)
            command = next
        }
        return (command, known)
    }

    /// A usage error in the user's language: ArgumentParser's message (its common forms
    /// translated, Waymark's own already are), the command's usage line, and where its help is.
    static func usageError(_ error: any Error, arguments: [String], width: Int = 80) -> String {
        let l = Localizer.current
        let message = translated(WaymarkCommand.message(for: error))
        var out = [Present.line(.errorPrefix, message, l)]
        if let (command, known) = resolve(arguments.filter { !$0.hasPrefix("-") }) {
            let page = render(command, path: ["waymark"] + known, width: width)
            let usage = l.text(.helpUsage)
            // The usage lines of the page: the first starts with the heading, the rest are indented.
            let lines = page.components(separatedBy: "\n")
            if let first = lines.firstIndex(where: { $0.hasPrefix(usage) }) {
                out += lines[first...].prefix { $0 == lines[first] || $0.hasPrefix(" ") }
            }
            out.append(
                l.text(
                    .helpSeeSubcommand, ["command": .string((["waymark"] + known + ["--help"]).joined(separator: " "))])
            )
        }
        return out.joined(separator: "\n")
    }

    /// ArgumentParser's usage messages in the catalog's words, for the forms it writes most;
    /// any other message is kept as it is.
    static func translated(_ message: String) -> String {
        let l = Localizer.current
        let forms: [(String, UIString, [String])] = [
            (
                #"^Unknown option '([^']+)'\. Did you mean '([^']+)'\?$"#, .usageUnknownOptionSuggestion,
                ["option", "suggestion"]
            ),
            (#"^Unknown option '([^']+)'$"#, .usageUnknownOption, ["option"]),
            (#"^Missing expected argument '([^']+)'$"#, .usageMissingArgument, ["argument"]),
            (#"^Missing value for '([^']+)'$"#, .usageMissingValue, ["option"]),
            (#"^Unexpected argument '([^']+)'$"#, .usageUnexpectedArgument, ["argument"]),
            (
                #"^The value '([^']*)' is invalid for '([^']+)'\. Please provide one of (.+)\.$"#,
                .usageInvalidValueChoices, ["value", "option", "choices"]
            ),
            (#"^The value '([^']*)' is invalid for '([^']+)'.*$"#, .usageInvalidValue, ["value", "option"]),
        ]
        for (pattern, key, names) in forms {
            guard let expression = try? NSRegularExpression(pattern: pattern),
                let match = expression.firstMatch(in: message, range: NSRange(message.startIndex..., in: message))
            else { continue }
            var arguments: [String: MessageArgument] = [:]
            for (index, name) in names.enumerated() {
                guard let range = Range(match.range(at: index + 1), in: message) else { continue }
                var value = String(message[range])
                // `'tree' and 'json'`: the quoted choices, listed without the English `and`.
                if name == "choices" {
                    value = value.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter {
                        $0.offset % 2 == 1
                    }.map(\.element)
                        .joined(separator: ", ")
                }
                arguments[name] = .string(value)
            }
            return l.text(key, arguments)
        }
        return message
    }

    /// ArgumentParser's description of the command at `path` (what `--experimental-dump-help`
    /// prints), as JSON objects.
    private static func describe(_ path: [String]) -> [String: Any]? {
        let text: String
        do {
            _ = try WaymarkCommand.parseAsRoot(path + ["--experimental-dump-help"])
            return nil
        } catch {
            text = WaymarkCommand.fullMessage(for: error)
        }
        guard text.hasPrefix("{"), let tool = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else { return nil }
        return tool["command"] as? [String: Any]
    }

    static func render(_ command: [String: Any], path: [String], width: Int) -> String {
        let l = Localizer.current
        var out: [String] = []
        if let abstract = command["abstract"] as? String, !abstract.isEmpty {
            out += wrap(l.text(.helpOverview) + " " + abstract, width: width)
            out.append("")
        }
        if let discussion = command["discussion"] as? String, !discussion.isEmpty {
            for paragraph in discussion.components(separatedBy: "\n") { out += wrap(paragraph, width: width) }
            out.append("")
        }
        // ArgumentParser's own --help, --version and `help` come with English texts: they are
        // listed here with the catalog's.
        let all = ((command["arguments"] as? [[String: Any]]) ?? []).filter { ($0["shouldDisplay"] as? Bool) ?? true }
        let builtIn = { (argument: [String: Any]) -> String? in
            let names = ((argument["names"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
            return names.contains("help") ? "help" : names.contains("version") ? "version" : nil
        }
        let arguments = all.filter { builtIn($0) == nil }
        let hasVersion = all.contains { builtIn($0) == "version" }
        let subcommands = ((command["subcommands"] as? [[String: Any]]) ?? []).filter {
            ($0["commandName"] as? String) != "help" && (($0["shouldDisplay"] as? Bool) ?? true)
        }
        var usage = path
        for argument in arguments { usage.append(synopsis(argument)) }
        if !subcommands.isEmpty { usage.append("<" + l.text(.helpSubcommandValue) + ">") }
        // The usage line wraps under its first word after the heading.
        let heading = l.text(.helpUsage) + " "
        var line = heading
        let hang = String(repeating: " ", count: min(heading.count + path.joined(separator: " ").count + 1, width / 2))
        for (index, word) in usage.enumerated() {
            if index > path.count - 1, line.count + 1 + word.count > width, line.count > hang.count {
                out.append(line)
                line = hang + word
            } else {
                line += (index == 0 ? "" : " ") + word
            }
        }
        out.append(line)
        var rows: [(heading: UIString, label: String, text: String)] = []
        for argument in arguments {
            var text = (argument["abstract"] as? String) ?? ""
            if let value = argument["defaultValue"] as? String, !value.isEmpty {
                text += (text.isEmpty ? "" : " ") + l.text(.helpDefault, ["value": .string(value)])
            }
            let heading: UIString = (argument["kind"] as? String) == "positional" ? .helpArguments : .helpOptions
            rows.append((heading, label(argument), text))
        }
        if hasVersion { rows.append((.helpOptions, "--version", l.text(.helpShowVersion))) }
        rows.append((.helpOptions, "-h, --help", l.text(.helpShowHelp)))
        for subcommand in subcommands {
            rows.append(
                (
                    .helpSubcommands, (subcommand["commandName"] as? String) ?? "",
                    (subcommand["abstract"] as? String) ?? ""
                ))
        }
        let column = min(30, (rows.map { $0.label.count }.max() ?? 0) + 4)
        for heading in [UIString.helpArguments, .helpOptions, .helpSubcommands] {
            let section = rows.filter { $0.heading == heading }
            guard !section.isEmpty else { continue }
            out.append("")
            out.append(l.text(heading))
            for row in section { out += lines(label: row.label, text: row.text, column: column, width: width) }
        }
        if !subcommands.isEmpty {
            out.append("")
            out.append(
                l.text(
                    .helpSeeSubcommand,
                    [
                        "command": .string(
                            (path + ["help", "<" + l.text(.helpSubcommandValue) + ">"]).joined(separator: " "))
                    ])
            )
        }
        return out.joined(separator: "\n")
    }

    /// `--format <format>`, `-h, --help`, `<file>`.
    static func label(_ argument: [String: Any]) -> String {
        let value = "<" + ((argument["valueName"] as? String) ?? "value") + ">"
        switch argument["kind"] as? String {
        case "positional": return value
        case "flag": return names(argument)
        default: return names(argument) + " " + value
        }
    }

    static func names(_ argument: [String: Any]) -> String {
        let names = (argument["names"] as? [[String: Any]]) ?? []
        return names.map { name in
            let text = (name["name"] as? String) ?? ""
            switch name["kind"] as? String {
            case "short": return "-" + text
            case "longWithSingleDash": return "-" + text
            default: return "--" + text
            }
        }.joined(separator: ", ")
    }

    /// How an argument shows in the usage line: `[--db <db>]`, `<file>`, `<item> ...`.
    static func synopsis(_ argument: [String: Any]) -> String {
        let preferred = (argument["preferredName"] as? [String: Any]).map { name -> String in
            let text = (name["name"] as? String) ?? ""
            return (name["kind"] as? String) == "long" ? "--" + text : "-" + text
        }
        let value = "<" + ((argument["valueName"] as? String) ?? "value") + ">"
        var text: String
        switch argument["kind"] as? String {
        case "positional": text = value
        case "flag": text = preferred ?? ""
        default: text = (preferred ?? "") + " " + value
        }
        if (argument["isRepeating"] as? Bool) == true { text += " ..." }
        return (argument["isOptional"] as? Bool) == true ? "[" + text + "]" : text
    }

    /// A paragraph wrapped to `width` at spaces (a word longer than a line stands alone).
    static func wrap(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                out.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        out.append(line)
        return out
    }

    /// A label and its text, the text wrapped to `width` in its column.
    static func lines(label: String, text: String, column: Int, width: Int) -> [String] {
        let head = "  " + label
        var body = wrap(text, width: max(20, width - column))[...]
        var out: [String] = []
        // A label too long for its column stands on a line of its own.
        if head.count + 2 > column {
            out.append(head)
        } else {
            out.append(head.padding(toLength: column, withPad: " ", startingAt: 0) + (body.popFirst() ?? ""))
        }
        out += body.map { String(repeating: " ", count: column) + $0 }
        return out.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    }
}
