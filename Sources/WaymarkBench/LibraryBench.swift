import Foundation
import WaymarkLibrary
import WaymarkLocalization

/// The help library on a copy of the corpus's partner-center tree: building its search index from
/// nothing (the release `waymark index`, a new process, beside `waymark validate` of the same tree),
/// bringing it up to date after one file is edited, and queries (in process, p50 and p99 over a
/// fixed list of 100 in Turkish, Hungarian and English).
enum LibraryBench {
    static func run(corpus: URL, rounds: Int, results: inout [String: Any]) {
        let binary = PeerBench.siblingWaymark
        let source = corpus.appendingPathComponent("partner-center")
        guard FileManager.default.isExecutableFile(atPath: binary),
            FileManager.default.fileExists(atPath: source.path)
        else {
            print("library: skipped (needs the release waymark beside waymark-bench, and the corpus)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-library-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("partner-center")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: tree)
        } catch {
            print("library: skipped (cannot copy the tree: \(error))")
            return
        }
        let cache = dir.appendingPathComponent("cache").path
        setenv("XDG_CACHE_HOME", cache, 1)
        defer { unsetenv("XDG_CACHE_HOME") }
        var full: [Double] = []
        var validate: [Double] = []
        for _ in 0..<max(rounds, 3) {
            try? FileManager.default.removeItem(atPath: cache)
            full.append(PeerBench.spawn(binary, ["index", "--docs", tree.path]).seconds)
            validate.append(
                PeerBench.spawn(binary, ["validate", tree.path, "--format", "json", "--output", "/dev/null"]).seconds)
        }
        // One edit, then an update: only that file is read and indexed again.
        var incremental: [Double] = []
        let edited = tree.appendingPathComponent("tr-tr/partner-center/remove-a-relationship.md")
        for round in 0..<max(rounds, 3) {
            if var text = try? String(contentsOf: edited, encoding: .utf8) {
                text += "\nEdit \(round).\n"
                try? text.write(to: edited, atomically: false, encoding: .utf8)
            }
            incremental.append(PeerBench.spawn(binary, ["index", "--docs", tree.path]).seconds)
        }
        // Queries, in process, on the index just built.
        let library = DocsLibrary(trees: [DocsTree(path: tree.path)].compactMap { $0 })
        let path = SearchIndex.defaultPath(for: library, environment: ["XDG_CACHE_HOME": cache])
        guard let index = try? SearchIndex(path: path), (try? index.update(library.files())) != nil else {
            print("library: could not open the index")
            return
        }
        // Each query 11 times (the first, which warms the cache, not counted); p50 and p99 over all
        // runs, and the queries slowest at their median.
        var times: [Double] = []
        var byQuery: [(String, [Double])] = queries().map { ("\($0.0) \($0.1)", []) }
        for round in 0..<11 {
            for (number, (locale, query)) in queries().enumerated() {
                let t = now()
                _ = try? index.search(query, locale: locale, limit: 10)
                if round > 0 {
                    times.append(now() - t)
                    byQuery[number].1.append(now() - t)
                }
            }
        }
        let slowest = byQuery.map { ($0.0, median($0.1)) }.sorted { $0.1 > $1.1 }
        print(
            "library: slowest queries (median): "
                + slowest.prefix(5).map { String(format: "%@ %.1f ms", $0.0, $0.1 * 1000) }.joined(separator: ", "))
        times.sort()
        let p50 = times[times.count / 2] * 1000
        let p99 = times[min(times.count - 1, times.count * 99 / 100)] * 1000
        let fullMedian = median(full)
        let validateMedian = median(validate)
        results["library"] = [
            "index_full_ms": PeerBench.rounded(fullMedian * 1000),
            "validate_same_tree_ms": PeerBench.rounded(validateMedian * 1000),
            "index_vs_validate": PeerBench.rounded(fullMedian / validateMedian, places: 2),
            "index_after_one_edit_ms": PeerBench.rounded(median(incremental) * 1000),
            "query_p50_ms": PeerBench.rounded(p50, places: 3),
            "query_p99_ms": PeerBench.rounded(p99, places: 3),
            "queries": times.count,
        ]
        print(
            String(
                format:
                    "library: full index %.0f ms (validate of the same tree %.0f ms, %.2fx); after one edit %.0f ms",
                fullMedian * 1000, validateMedian * 1000, fullMedian / validateMedian, median(incremental) * 1000))
        print(String(format: "library: query p50 %.3f ms, p99 %.3f ms (%d queries)", p50, p99, times.count))
    }

    /// 100 queries: words of the kind support staff type, in three languages, some upper-case,
    /// some without diacritics, some inflected.
    static func queries() -> [(LocaleTag, String)] {
        let turkish = [
            "ilişkiyi kaldır", "İLİŞKİYİ KALDIR", "iliskiyi kaldir", "aboneliklerini askıya al", "müşteri hesabını",
            "fatura", "faturalarım", "kullanıcı ekle", "yönetici ayrıcalıkları", "lisans ata", "rezervasyon iptal",
            "azure planı", "yeni ticaret", "iş ortağı merkezi", "destek talebi", "ödeme yöntemi", "vergi kimliği",
            "teklif", "sepet", "sipariş", "müşteri davet et", "bayi ilişkisi", "dolaylı sağlayıcı", "güvenlik",
            "çok faktörlü kimlik doğrulama", "rol ata", "genel yönetici", "satış aracısı", "yazılım satın alma",
            "abonelik iptali", "kredi limiti", "mutabakat dosyası", "fiyat listesi",
        ]
        let hungarian = [
            "kapcsolat eltávolítása", "KAPCSOLAT ELTÁVOLÍTÁSA", "kapcsolat eltavolitasa", "előfizetések felfüggesztése",
            "ügyfélfiók", "számla", "számlák letöltése", "felhasználó hozzáadása", "rendszergazdai jogosultság",
            "licenc hozzárendelése", "foglalás lemondása", "azure csomag", "új kereskedelem", "partnerközpont",
            "támogatási kérelem", "fizetési mód", "adószám", "ajánlat", "kosár", "megrendelés", "ügyfél meghívása",
            "viszonteladói kapcsolat", "közvetett szolgáltató", "biztonság", "többtényezős hitelesítés",
            "szerepkör hozzárendelése", "globális rendszergazda", "értékesítési ügynök", "szoftvervásárlás",
            "előfizetés lemondása", "hitelkeret", "egyeztetési fájl", "árlista",
        ]
        let english = [
            "remove relationship", "REMOVE RESELLER RELATIONSHIP", "suspend subscriptions", "customer account",
            "invoice", "download invoices", "add user", "admin privileges", "assign licenses", "cancel reservation",
            "azure plan", "new commerce", "partner center", "support request", "payment method", "tax id", "offer",
            "cart", "order", "invite customer", "reseller relationship", "indirect provider", "security",
            "multifactor authentication", "assign role", "global admin", "sales agent", "software purchase",
            "cancel subscription", "credit limit", "reconciliation file", "price list", "integration sandbox",
            "referrals",
        ]
        let tr = LocaleTag("tr-TR")!
        let hu = LocaleTag("hu-HU")!
        return turkish.map { (tr, $0) } + hungarian.map { (hu, $0) } + english.map { (LocaleTag.source, $0) }
    }
}
