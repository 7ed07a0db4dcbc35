import WaymarkWebInput

/// Page text escaped for element content and quoted attribute values (`WebInput.escapeHTML`):
/// every text the pages show passes through here.
func esc(_ text: String) -> String { WebInput.escapeHTML(text) }

/// A percent-encoded path segment or query value.
func urlEncoded(_ text: String) -> String { WebInput.percentEncoded(text) }

/// What every page has around its content: the language, the header with the navigation, the
/// operator and the language switch, and the main landmark.
struct PageFrame {
    var locale: String
    var title: String
    /// The signed-in operator and what the header needs, or nil on the sign-in page.
    var signedIn: (name: String, role: String, formToken: String)?
    var locales: [String]
    var strings: WebStrings
    /// The page's own path, where the language switch comes back to.
    var path: String = "/customers"

    func render(_ body: String) -> String {
        let t = strings
        var html = """
            <!doctype html>
            <html lang="\(esc(locale))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title)) · \(esc(t(.appName)))</title>
            <link rel="stylesheet" href="/static/app.css">
            <script src="/static/app.js" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">\(esc(t(.skipToContent)))</a>
            <header class="top">
            <p class="brand">\(esc(t(.appName)))</p>

            """
        if let signedIn {
            html += """
                <nav aria-label="\(esc(t(.navigation)))">
                <ul>
                <li><a href="/customers">\(esc(t(.navCustomers)))</a></li>
                <li><a href="/search">\(esc(t(.navSearch)))</a></li>
                </ul>
                </nav>
                <div class="who">
                <p>\(esc(t(.signedInAs, ["operator": .string(signedIn.name), "role": .string(signedIn.role)])))</p>
                <form method="post" action="/language" class="inline">
                \(csrfField(signedIn.formToken))<input type="hidden" name="back" value="\(esc(path))">
                <label for="ui-language">\(esc(t(.language)))</label>
                <select id="ui-language" name="locale">\(localeOptions(selected: locale))</select>
                <button type="submit">\(esc(t(.languageApply)))</button>
                </form>
                <form method="post" action="/sign-out" class="inline">
                \(csrfField(signedIn.formToken))
                <button type="submit">\(esc(t(.signOut)))</button>
                </form>
                </div>

                """
        }
        html += "</header>\n<main id=\"main\" tabindex=\"-1\">\n" + body + "\n</main>\n</body>\n</html>\n"
        return html
    }

    func localeOptions(selected: String) -> String {
        locales.map { tag in
            "<option value=\"\(esc(tag))\" lang=\"\(esc(tag))\"\(tag == selected ? " selected" : "")>"
                + esc(WebLocales.name(of: tag)) + "</option>"
        }.joined()
    }
}

func csrfField(_ token: String) -> String {
    "<input type=\"hidden\" name=\"csrf\" value=\"\(esc(token))\">"
}

/// The languages the web app speaks, each named in itself.
enum WebLocales {
    static let offered = ["en-US", "tr-TR", "hu-HU"]

    static func name(of tag: String) -> String {
        switch tag.lowercased() {
        case "en-us": "English"
        case "tr-tr": "Türkçe"
        case "hu-hu": "Magyar"
        default: tag
        }
    }
}
