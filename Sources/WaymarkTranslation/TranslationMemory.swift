import WaymarkCore

/// A TMX 1.4b translation memory of aligned units: each translation unit is one article unit (a
/// step by its StepID, other blocks by section and position) in the source language first, then
/// in every language that has the same unit. Markdown syntax is TMX inline markup (`<bpt>`/`<ept>`
/// around emphasis and link text, `<ph>` for code, images and HTML), so a CAT tool matches on text.
public enum TranslationMemory {
    /// One article in one language.
    public struct Version: Sendable {
        public var locale: String
        public var article: Article
        public var text: String
        public init(locale: String, article: Article, text: String) {
            self.locale = locale
            self.article = article
            self.text = text
        }
    }

    /// The TMX document for `articles` (key → its versions), `sourceLocale` first in every unit.
    public static func tmx(_ articles: [(key: String, versions: [Version])], sourceLocale: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n"
        out += "  <header creationtool=\"waymark\" creationtoolversion=\"1\" datatype=\"markdown\" segtype=\"block\""
        out += " adminlang=\"en-US\" srclang=\"\(sourceLocale.markupEscaped())\" o-tmf=\"waymark\"/>\n  <body>\n"
        for (key, versions) in articles.sorted(by: { $0.key < $1.key }) {
            guard let source = versions.first(where: { $0.locale == sourceLocale }) else { continue }
            let others = versions.filter { $0.locale != sourceLocale }.map { v in
                (
                    v.locale,
                    Dictionary(
                        ArticleUnits.of(v.article, text: v.text).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
                )
            }
            for unit in ArticleUnits.of(source.article, text: source.text) {
                let translations = others.compactMap { locale, units in units[unit.key].map { (locale, $0) } }
                guard !translations.isEmpty else { continue }
                out += "    <tu tuid=\"\((key + "#" + unit.key).markupEscaped())\">\n"
                out += "      <prop type=\"x-waymark-kind\">\(unit.kind)</prop>\n"
                for (locale, u) in [(sourceLocale, unit)] + translations {
                    out += "      <tuv xml:lang=\"\(locale.markupEscaped())\"><seg>\(seg(u.content))</seg></tuv>\n"
                }
                out += "    </tu>\n"
            }
        }
        return out + "  </body>\n</tmx>\n"
    }

    /// Inlines as TMX segment content.
    static func seg(_ inlines: [Inline]) -> String {
        var next = 0
        func walk(_ inlines: [Inline]) -> String {
            var out = ""
            for inline in inlines {
                switch inline {
                case .text(let s, _): out += s.markupEscaped()
                case .softBreak: out += " "
                case .lineBreak: out += "<ph type=\"lb\">\\</ph>"
                case .code(let c, _): out += "<ph type=\"code\">\(InlineCodes.codeSpan(c).markupEscaped())</ph>"
                case .html(let h, _): out += "<ph type=\"html\">\(h.markupEscaped())</ph>"
                case .image(let source, let title, let alt, _):
                    let md = "![" + InlineCodes.markdown(alt) + "](" + InlineCodes.destination(source, title) + ")"
                    out += "<ph type=\"image\">\(md.markupEscaped())</ph>"
                case .strong(let c, _): out += pair("**", "**", "bold", c)
                case .emphasis(let c, _): out += pair("*", "*", "italic", c)
                case .strikethrough(let c, _): out += pair("~~", "~~", "strike", c)
                case .link(let d, let t, let c, _):
                    out += pair("[", "](" + InlineCodes.destination(d, t) + ")", "link", c)
                }
            }
            return out
        }
        func pair(_ start: String, _ end: String, _ type: String, _ children: [Inline]) -> String {
            next += 1
            let i = next
            return "<bpt i=\"\(i)\" type=\"\(type)\">\(start.markupEscaped())</bpt>" + walk(children)
                + "<ept i=\"\(i)\">\(end.markupEscaped())</ept>"
        }
        return walk(inlines)
    }
}
