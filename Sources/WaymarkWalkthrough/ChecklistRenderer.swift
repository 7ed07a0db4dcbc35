import WaymarkCore

/// A printable checklist of an article's procedures: text, Markdown, self-contained HTML or JSON.
///
/// ```
/// [ ] 1. Suspend any active subscriptions.
///     [ ] 1.1 From the Partner Center, go to Customers and select a customer
/// ```
public struct ChecklistRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, html, json
    }

    public let article: Article
    public let locale: String
    public let strings: any MessageProvider

    public init(article: Article, locale: String, strings: any MessageProvider) {
        self.article = article
        self.locale = locale
        self.strings = strings
    }

    func t(_ key: String, _ args: [String: MessageValue] = [:]) -> String { strings.text(key, args, locale: locale) }
    func t(_ key: WalkText, _ args: [String: MessageValue] = [:]) -> String { t(key.rawValue, args) }

    var machineNotice: String? {
        article.frontMatter.translationType == .machine
            ? LanguageCase.sentence(t("article.machine-translated", ["locale": .string(locale)]), locale: locale)
            : nil
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: text()
        case .markdown: markdown()
        case .html: html()
        case .json: json().serialized() + "\n"
        }
    }

    // MARK: Text

    /// Plain text for a terminal: every value from the article shows its terminal controls.
    func text() -> String {
        let v = TerminalText.visible
        var out: [String] = [v(article.title ?? "", .nothing)]
        if let notice = machineNotice { out.append("(\(notice))") }
        if !article.roles.isEmpty {
            out.append(t("render.roles", ["roles": .string(article.roles.joined(separator: ", "))]))
        }
        for procedure in article.stepGraph.procedures {
            out.append("")
            out.append(v(procedure.title, .nothing))
            for p in procedure.prerequisites { out.append("  " + v(p, .nothing)) }
            Step.walk(procedure.steps) { s, depth in
                let pad = String(repeating: "    ", count: depth)
                out.append(pad + "[ ] " + s.id.path.joined(separator: ".") + ". " + v(s.text, .nothing))
                for alert in s.alerts {
                    out.append(pad + "    " + t(.alert(alert.kind)) + ": " + v(alert.text, .nothing))
                }
            }
        }
        if !article.consequences.isEmpty {
            out.append("")
            out.append(t("render.consequences"))
            out += article.consequences.map { "  - " + v($0, .nothing) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Markdown

    /// Markdown in which nothing from the article is live: its text is escaped (raw HTML, also
    /// what entities decoded into, stays text), and `javascript:`, `vbscript:` and `data:` links
    /// keep only their text.
    func markdown() -> String {
        let m = MarkdownText.escaped
        var out: [String] = ["# " + m(article.title ?? "")]
        if let notice = machineNotice { out += ["", "> " + m(notice)] }
        if !article.roles.isEmpty {
            out += ["", t("render.roles", ["roles": .string(m(article.roles.joined(separator: ", ")))])]
        }
        for procedure in article.stepGraph.procedures {
            out += ["", "## " + m(procedure.title), ""]
            for p in procedure.prerequisites { out += [m(p), ""] }
            Step.walk(procedure.steps) { s, depth in
                let pad = String(repeating: "  ", count: depth)
                out.append(pad + "- [ ] **" + s.id.path.joined(separator: ".") + ".** " + MarkdownText.runs(s.runs))
                for alert in s.alerts {
                    out.append(
                        pad + "  > **" + m(t(.alert(alert.kind))) + ":** "
                            + MarkdownText.runs(alert.runs))
                }
            }
        }
        if !article.consequences.isEmpty {
            out += ["", "## " + m(t("render.consequences")), ""]
            out += article.consequences.map { "- " + m($0) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: HTML

    static func escape(_ text: String) -> String { text.markupEscaped(apostrophes: true) }

    func html() -> String {
        let e = ChecklistRenderer.escape
        var body: [String] = ["<h1>\(e(article.title ?? ""))</h1>"]
        if let notice = machineNotice { body.append("<p class=\"mt\">\(e(notice))</p>") }
        if !article.roles.isEmpty {
            body.append("<p>\(e(t("render.roles", ["roles": .string(article.roles.joined(separator: ", "))])))</p>")
        }
        for procedure in article.stepGraph.procedures {
            body.append("<h2 id=\"\(e(procedure.id))\">\(e(procedure.title))</h2>")
            for p in procedure.prerequisites { body.append("<p>\(e(p))</p>") }
            func runs(_ s: Step) -> String { html(s.runs) }
            func html(_ runs: [InlineRun]) -> String {
                runs.map { r in
                    switch r.kind {
                    case .uiLabel: "<strong>\(e(r.text))</strong>"
                    case .code: "<code>\(e(r.text))</code>"
                    default: e(r.text)
                    }
                }.joined()
            }
            var list = ""
            Step.walk(
                procedure.steps,
                enter: { s, _ in
                    list +=
                        "<li><label><input type=\"checkbox\"> <b>\(e(s.id.path.joined(separator: "."))).</b> \(runs(s))</label>"
                    for alert in s.alerts {
                        list +=
                            "<div class=\"alert \(alert.kind.rawValue)\"><b>\(e(t(.alert(alert.kind))))</b> \(html(alert.runs))</div>"
                    }
                    if !s.children.isEmpty { list += "<ul>" }
                },
                leave: { s, _ in list += s.children.isEmpty ? "</li>" : "</ul></li>" })
            body.append("<ul class=\"steps\">" + list + "</ul>")
        }
        if !article.consequences.isEmpty {
            body.append(
                "<h2>\(e(t("render.consequences")))</h2><ul>"
                    + article.consequences.map { "<li>\(e($0))</li>" }.joined() + "</ul>")
        }
        return """
            <!DOCTYPE html>
            <html lang="\(e(locale))">
            <head>
            <meta charset="utf-8">
            <title>\(e(article.title ?? ""))</title>
            <style>
            body { font-family: sans-serif; max-width: 48em; margin: 2em auto; line-height: 1.4; }
            ul.steps, ul.steps ul { list-style: none; padding-left: 1.5em; }
            .alert { border-left: 4px solid #c90; padding: .3em .8em; margin: .3em 0; background: #fff8e1; }
            .mt { color: #555; font-style: italic; }
            @media print { input[type=checkbox] { width: 1em; height: 1em; } }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    // MARK: JSON

    func json() -> JSONValue {
        .object([
            ("locale", .string(locale)),
            ("title", .string(article.title ?? "")),
            ("machineTranslated", .bool(article.frontMatter.translationType == .machine)),
            ("roles", .array(article.roles.map(JSONValue.string))),
            ("procedures", .array(article.stepGraph.procedures.map(\.json))),
            ("consequences", .array(article.consequences.map(JSONValue.string))),
        ])
    }
}
