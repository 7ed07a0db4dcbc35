/// A command's usual arguments, read without ArgumentParser. Its parse finds a command's options
/// by reflection, and the Swift runtime's protocol conformance look-ups that takes cost more than
/// a third of a short command's instructions. This reads only the plain forms: `--name VALUE`,
/// `--name=VALUE`, `--flag`, the short names given, and positional arguments. Anything else (help,
/// `--`, an unknown or combined short option, a flag given a value or given twice, a single-valued
/// option given twice, a value that is empty or reads as an option) gives `nil`, and the command
/// is left to ArgumentParser, which parses and explains as before.
struct PlainArguments {
    private(set) var positional: [String] = []
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []

    /// `flags` and `options` are long names without their dashes; `repeatable` options may be
    /// given more than once; `short` maps a one-letter name to a long one.
    init?(
        _ arguments: some Collection<String>, flags flagNames: Set<String>, options: Set<String>,
        repeatable: Set<String> = [], short: [String: String] = [:]
    ) {
        var rest = arguments.makeIterator()
        while let argument = rest.next() {
            guard argument.hasPrefix("-") else {
                positional.append(argument)
                continue
            }
            var name: Substring
            var value: String?
            if argument.hasPrefix("--"), argument.count > 2 {
                name = argument.dropFirst(2)
                if let equals = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: equals)...])
                    name = name[..<equals]
                }
            } else if let long = short[String(argument.dropFirst())] {
                name = Substring(long)
            } else {
                return nil
            }
            let key = String(name)
            if flagNames.contains(key) {
                guard value == nil, flags.insert(key).inserted else { return nil }
            } else if options.contains(key) {
                if value == nil { value = rest.next() }
                guard let value, !value.isEmpty, !value.hasPrefix("-") else { return nil }
                if values[key] != nil, !repeatable.contains(key) { return nil }
                values[key, default: []].append(value)
            } else {
                return nil
            }
        }
    }

    /// The value of a single-valued option.
    func value(_ name: String) -> String? { values[name]?.last }
}
