extension Article {
    /// The machine-readable form of the article printed by `waymark inspect --format json`.
    public var json: JSONValue {
        .object([
            ("path", .string(path)),
            ("locale", locale.map(JSONValue.string) ?? .null),
            ("title", title.map(JSONValue.string) ?? .null),
            ("metadata", frontMatter.json),
            ("roles", .array(roles.map(JSONValue.string))),
            ("prerequisites", .array(prerequisites.map(JSONValue.string))),
            ("consequences", .array(consequences.map(JSONValue.string))),
            (
                "nextSteps",
                .array(nextSteps.map { .object([("text", .string($0.text)), ("target", .string($0.target))]) })
            ),
            ("procedures", .array(stepGraph.procedures.map(\.json))),
            ("diagnostics", .array(diagnostics.map(\.json))),
        ])
    }
}

extension Procedure {
    public var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("title", .string(title)),
            ("line", .int(range.start.line)),
            ("prerequisites", .array(prerequisites.map(JSONValue.string))),
            ("steps", .array(steps.map(\.json))),
        ])
    }
}

extension Step {
    public var json: JSONValue {
        .object([
            ("id", .string(id.description)),
            ("kind", .string(kind.rawValue)),
            ("loop", .bool(isLoop)),
            ("line", .int(range.start.line)),
            ("column", .int(range.start.column)),
            ("text", .string(text)),
            ("runs", .array(runs.map(\.json))),
            ("children", .array(children.map(\.json))),
            (
                "alerts",
                .array(alerts.map { .object([("kind", .string($0.kind.rawValue)), ("text", .string($0.text))]) })
            ),
        ])
    }
}

extension InlineRun {
    public var json: JSONValue {
        switch kind {
        case .plain: .object([("kind", .string("plain")), ("text", .string(text))])
        case .uiLabel: .object([("kind", .string("uiLabel")), ("text", .string(text))])
        case .code: .object([("kind", .string("code")), ("text", .string(text))])
        case .link(let target):
            .object([("kind", .string("link")), ("text", .string(text)), ("target", .string(target))])
        }
    }
}

extension Diagnostic {
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(id)),
            ("severity", .string(severity.rawValue)),
        ]
        if let path { pairs.append(("file", .string(path))) }
        pairs.append(("line", range.map { .int($0.start.line) } ?? .null))
        pairs.append(("column", range.map { .int($0.start.column) } ?? .null))
        pairs.append(("messageKey", .string(messageKey)))
        pairs.append(("message", .string(message ?? messageKey)))
        return .object(pairs)
    }
}
