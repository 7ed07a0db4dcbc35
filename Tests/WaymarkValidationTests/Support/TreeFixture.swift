import Foundation
import WaymarkCore
import WaymarkTestSupport
import WaymarkValidation

/// A documentation tree written to a temporary folder from inline files, validated, and removed.
///
/// Emoji markers (1️⃣) in a file's text are taken out before writing and remembered, so that tests
/// can ask whether a finding points exactly there.
struct TreeFixture {
    var files: [String: String]
    /// `.waymark.yml` text, written at the tree root when given.
    var config: String?

    init(_ files: [String: String], config: String? = nil) {
        self.files = files
        self.config = config
    }

    struct Outcome {
        var findings: [Diagnostic]
        /// Marker → (tree-relative path, line, column).
        var markers: [String: (path: String, line: Int, column: Int)]

        func of(_ rule: String) -> [Diagnostic] { findings.filter { $0.id == rule } }

        /// Whether a finding of `rule` starts at `marker`.
        func has(_ rule: String, at marker: String) -> Bool {
            guard let place = markers[marker] else { return false }
            return of(rule).contains {
                ($0.path ?? "").hasSuffix(place.path) && $0.range?.start.line == place.line
                    && $0.range?.start.column == place.column
            }
        }
    }

    static let today = CalendarDate(year: 2026, month: 11, day: 21)!

    /// Writes the tree and validates it; `throughLink`: through a symbolic link to its folder, as
    /// a checkout reached through a linked folder is.
    func validate(throughLink: Bool = false) throws -> Outcome {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-tree-\(UUID().uuidString)")
        let link = dir.appendingPathExtension("link")
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: link)
        }
        var markers: [String: (path: String, line: Int, column: Int)] = [:]
        for (path, marked) in files {
            let source = MarkedSource(marked)
            for (marker, place) in source.locations { markers[marker] = (path, place.line, place.column) }
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(source.text.utf8).write(to: url)
        }
        var configuration = ValidationConfiguration()
        if let config {
            let path = dir.appendingPathComponent(ValidationConfiguration.fileName).path
            try Data(config.utf8).write(to: URL(fileURLWithPath: path))
            configuration = try ValidationConfiguration.load(path: path)
        }
        if throughLink { try FileManager.default.createSymbolicLink(at: link, withDestinationURL: dir) }
        let result = try Validator(configuration: configuration, options: .init(jobs: 2, today: TreeFixture.today))
            .run(root: throughLink ? link.path : dir.path)
        return Outcome(findings: result.findings, markers: markers)
    }
}

/// Article texts for fixtures: a complete Learn front matter and a two-step procedure.
enum Doc {
    static func frontMatter(
        title: String = "Remove a reseller relationship", locale: String? = nil, extra: String = "",
        omit: Set<String> = []
    ) -> String {
        var lines = [
            "title: \(title)",
            "description: How a direct partner removes the reseller relationship with one of its customers.",
            "ms.date: 06/05/2020", "ms.topic: how-to", "author: someone", "ms.author: someone",
            "ms.service: partner-dashboard",
        ].filter { line in !omit.contains(String(line.prefix { $0 != ":" })) }
        if let locale { lines.append("ms.contentlocale: \(locale)") }
        if !extra.isEmpty { lines.append(extra) }
        return "---\n" + lines.joined(separator: "\n") + "\n---\n"
    }

    static let englishBody = """
        # Remove a relationship

        **Appropriate roles**: Global admin

        ## <a name="remove"></a>Remove the relationship

        1. Go to **Customers** and select the customer.
        2. Select **Remove reseller relationship**.

           > [!NOTE]
           > The link is disabled while a subscription is active.

        """

    static let turkishBody = """
        # İlişkiyi kaldırma

        **Uygun roller**: Genel yönetici

        ## <a name="remove"></a>İlişkiyi kaldırın

        1. **Müşteriler**'e gidin ve müşteriyi seçin.
        2. **Satıcı ilişkisini kaldır**'ı seçin.

           > [!NOTE]
           > Bir abonelik etkin olduğu sürece bağlantı devre dışıdır.

        """

    static let hungarianBody = """
        # Kapcsolat eltávolítása

        **Megfelelő szerepkörök**: Globális rendszergazda

        ## <a name="remove"></a>A kapcsolat eltávolítása

        1. Lépjen az **Ügyfelek** lapra, és válassza ki az ügyfelet.
        2. Válassza a **Viszonteladói kapcsolat eltávolítása** lehetőséget.

           > [!NOTE]
           > A hivatkozás le van tiltva, amíg egy előfizetés aktív.

        """

    static func english(_ body: String = englishBody, extra: String = "") -> String {
        frontMatter(extra: extra) + body
    }

    static func turkish(_ body: String = turkishBody, extra: String = "") -> String {
        frontMatter(title: "Satıcı ilişkisini kaldırma", locale: "tr-TR", extra: extra) + body
    }

    static func hungarian(_ body: String = hungarianBody, extra: String = "") -> String {
        frontMatter(title: "Viszonteladói kapcsolat eltávolítása", locale: "hu-HU", extra: extra) + body
    }

    /// A three-locale tree of one article.
    static func tree(en: String = english(), tr: String = turkish(), hu: String = hungarian()) -> [String: String] {
        ["en-us/x.md": en, "tr-tr/x.md": tr, "hu-hu/x.md": hu]
    }
}
