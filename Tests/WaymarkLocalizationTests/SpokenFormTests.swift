import Testing

@testable import WaymarkLocalization

/// The Hungarian article and Turkish case suffixes that depend on how a placeholder's value sounds,
/// checked against numbers spelled out in full (here, independently of `SpokenForm`) and a list
/// of the words and codes Waymark's messages carry.
@Suite struct SpokenFormTests {
    /// Hungarian numbers as they are said (0 to 999 999, and whole millions).
    static func hungarian(_ n: Int) -> String {
        let units = ["", "egy", "kettő", "három", "négy", "öt", "hat", "hét", "nyolc", "kilenc"]
        let tensAlone = ["", "tíz", "húsz", "harminc", "negyven", "ötven", "hatvan", "hetven", "nyolcvan", "kilencven"]
        let tensJoined = [
            "", "tizen", "huszon", "harminc", "negyven", "ötven", "hatvan", "hetven", "nyolcvan", "kilencven",
        ]
        func below1000(_ n: Int, inCompound: Bool) -> String {
            let h = n / 100
            let t = n / 10 % 10
            let u = n % 10
            var out = ""
            if h == 1 { out += "száz" } else if h > 1 { out += (h == 2 ? "két" : units[h]) + "száz" }
            if t > 0 { out += u == 0 ? tensAlone[t] : tensJoined[t] }
            if u > 0 { out += (inCompound && u == 2) ? "két" : units[u] }
            return out
        }
        if n == 0 { return "nulla" }
        if n >= 1_000_000 {
            return (n / 1_000_000 == 1 ? "egy" : below1000(n / 1_000_000, inCompound: true)) + "millió"
        }
        let thousands = n / 1000
        let rest = n % 1000
        var out = ""
        if thousands == 1 {
            out = "ezer"
        } else if thousands > 1 {
            out = below1000(thousands, inCompound: true) + "ezer"
        }
        if rest > 0 { out += (out.isEmpty ? "" : "-") + below1000(rest, inCompound: false) }
        return out
    }

    @Test func theHungarianArticleFollowsTheNumberAsItIsSaid() {
        let vowels = Set("aáeéiíoóöőuúüű")
        for n in Array(0...1000) + [
            1500, 1999, 2000, 5000, 5555, 10_000, 50_000, 51_596, 100_000, 1_000_000, 2_000_000,
        ] {
            let said = Self.hungarian(n)
            let expected = vowels.contains(said.first!) ? "az" : "a"
            #expect(SpokenForm.hungarianArticle(before: String(n)) == expected, "\(n) (\(said))")
        }
        // Grouped as Hungarian writes large numbers, and as an ordinal or a step path.
        #expect(SpokenForm.hungarianArticle(before: "1\u{A0}000") == "az")
        #expect(SpokenForm.hungarianArticle(before: "2 000") == "a")
        #expect(SpokenForm.hungarianArticle(before: "5.") == "az")
        #expect(SpokenForm.hungarianArticle(before: "2.c") == "a")
    }

    @Test(arguments: [
        ("Azure", "az"), ("Wingtip Toys", "a"), ("en-US", "az"), ("hu-HU", "a"), ("tr-TR", "a"),
        ("51596a43", "az"), ("3f2a9c", "a"), ("a3f2", "az"), ("CSP", "a"), ("SMS", "az"), ("URL", "az"),
        ("ID", "az"), ("Fabrikam", "a"), ("„Contoso”", "a"), ("ügyfél", "az"), ("Ügyfél", "az"),
        ("Előfizetés", "az"), ("", "a"), ("NOTE", "a"), ("IMPORTANT", "az"), ("WARNING", "a"), ("ms.date", "az"),
    ])
    func theHungarianArticleFollowsTheFirstSound(_ value: String, _ article: String) {
        #expect(SpokenForm.hungarianArticle(before: value) == article, "\(value)")
        #expect(
            SpokenForm.hungarianArticle(before: value, capital: true) == article.prefix(1).uppercased()
                + article.dropFirst())
    }

    /// The last word Turkish says for a number (0 to 999 999 and round larger ones).
    static func turkishLastWord(_ n: Int) -> String {
        let units = ["", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"]
        let tens = ["", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"]
        if n == 0 { return "sıfır" }
        if n % 1_000_000 == 0 { return "milyon" }
        if n % 1000 == 0 { return "bin" }
        if n % 100 == 0 { return "yüz" }
        if n % 10 == 0 { return tens[n / 10 % 10] }
        return units[n % 10]
    }

    /// Each number word with its dative, locative and accusative endings, as Turkish writes them.
    static let endings: [String: (dative: String, locative: String, accusative: String)] = [
        "sıfır": ("a", "da", "ı"), "bir": ("e", "de", "i"), "iki": ("ye", "de", "yi"), "üç": ("e", "te", "ü"),
        "dört": ("e", "te", "ü"), "beş": ("e", "te", "i"), "altı": ("ya", "da", "yı"), "yedi": ("ye", "de", "yi"),
        "sekiz": ("e", "de", "i"), "dokuz": ("a", "da", "u"), "on": ("a", "da", "u"), "yirmi": ("ye", "de", "yi"),
        "otuz": ("a", "da", "u"), "kırk": ("a", "ta", "ı"), "elli": ("ye", "de", "yi"), "altmış": ("a", "ta", "ı"),
        "yetmiş": ("e", "te", "i"), "seksen": ("e", "de", "i"), "doksan": ("a", "da", "ı"), "yüz": ("e", "de", "ü"),
        "bin": ("e", "de", "i"), "milyon": ("a", "da", "u"),
    ]

    @Test func turkishSuffixesFollowTheNumberAsItIsSaid() throws {
        for n in Array(0...1000) + [1500, 2000, 10_000, 10_001, 40_000, 1_000_000, 3_000_000] {
            let word = Self.turkishLastWord(n)
            let ending = try #require(Self.endings[word])
            #expect(SpokenForm.turkishSuffix(.dative, after: String(n)) == "'" + ending.dative, "\(n) (\(word))")
            #expect(SpokenForm.turkishSuffix(.locative, after: String(n)) == "'" + ending.locative, "\(n) (\(word))")
            #expect(
                SpokenForm.turkishSuffix(.accusative, after: String(n)) == "'" + ending.accusative, "\(n) (\(word))")
        }
    }

    @Test(arguments: [
        ("Azure plan", SpokenForm.TurkishCase.accusative, "'ı"), ("Azure plan", .dative, "'a"),
        ("Wingtip Toys", .dative, "'a"), ("Wingtip Toys", .locative, "'ta"), ("Wingtip Toys", .ablative, "'tan"),
        ("Contoso", .accusative, "'yu"), ("Contoso", .genitive, "'nun"), ("Contoso", .instrumental, "'yla"),
        ("CSP", .dative, "'ye"), ("2.c", .dative, "'ye"), ("hu-HU", .dative, "'ya"), ("İstanbul", .dative, "'a"),
        ("Fabrikam", .genitive, "'ın"), ("Office 365", .locative, "'te"), ("Wingtip", .genitive, "'in"),
        ("Görev", .ablative, "'den"), ("kırk", .locative, "'ta"), ("2", .instrumental, "'yle"), ("5", .genitive, "'in"),
    ])
    func turkishSuffixesFollowVowelHarmonyOfWordsAndCodes(
        _ value: String, _ grammaticalCase: SpokenForm.TurkishCase, _ suffix: String
    ) {
        #expect(SpokenForm.turkishSuffix(grammaticalCase, after: value) == suffix, "\(value) \(grammaticalCase)")
    }

    @Test func messagesChooseTheArticleAndSuffixFromTheirArguments() throws {
        let hungarian = MessageFormatter(locale: "hu-HU")
        let article = try MessageParser.parse("{step, article, capital} {step}. lépés és {n, article} {n} tétel")
        #expect(hungarian.format(article, ["step": .string("2"), "n": .int(5)]) == "A 2. lépés és az 5 tétel")
        #expect(hungarian.format(article, ["step": .string("1"), "n": .int(1000)]) == "Az 1. lépés és az 1000 tétel")
        let turkish = MessageFormatter(locale: "tr-TR")
        let suffix = try MessageParser.parse("{n}{n, suffix, dative} ve {plan}{plan, suffix, accusative}")
        // The number is read as itself, whatever the locale's grouping (`1.000` in Turkish).
        #expect(turkish.format(suffix, ["n": .int(1000), "plan": .string("Azure plan")]) == "1.000'e ve Azure plan'ı")
        #expect(throws: MessageSyntaxError.self) { try MessageParser.parse("{n, suffix, vocative}") }
        #expect(throws: MessageSyntaxError.self) { try MessageParser.parse("{n, article, small}") }
    }
}
