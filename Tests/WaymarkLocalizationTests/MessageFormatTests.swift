import Testing
import WaymarkCore
import WaymarkLocalization

@Suite struct MessageFormatTests {
    func format(_ text: String, _ locale: String, _ arguments: [String: MessageArgument]) throws -> String {
        MessageFormatter(locale: locale).format(try MessageParser.parse(text), arguments)
    }

    static let subscriptions: [String: String] = [
        "en-US": "{n, plural, =0 {no active subscriptions} one {# active subscription} other {# active subscriptions}}",
        "tr-TR": "{n, plural, =0 {etkin abonelik yok} one {# etkin abonelik} other {# etkin abonelik}}",
        "hu-HU": "{n, plural, =0 {nincs aktív előfizetés} one {# aktív előfizetés} other {# aktív előfizetés}}",
    ]

    static let expectedPlurals: [String: [Int: String]] = [
        "en-US": [
            0: "no active subscriptions", 1: "1 active subscription", 2: "2 active subscriptions",
            5: "5 active subscriptions", 21: "21 active subscriptions",
        ],
        "tr-TR": [
            0: "etkin abonelik yok", 1: "1 etkin abonelik", 2: "2 etkin abonelik", 5: "5 etkin abonelik",
            21: "21 etkin abonelik",
        ],
        "hu-HU": [
            0: "nincs aktív előfizetés", 1: "1 aktív előfizetés", 2: "2 aktív előfizetés", 5: "5 aktív előfizetés",
            21: "21 aktív előfizetés",
        ],
    ]

    @Test(arguments: ["en-US", "tr-TR", "hu-HU"], [0, 1, 2, 5, 21])
    func pluralsAcrossLocales(_ locale: String, _ n: Int) throws {
        let expected = try #require(Self.expectedPlurals[locale]?[n])
        #expect(try format(Self.subscriptions[locale]!, locale, ["n": .int(n)]) == expected)
    }

    @Test(arguments: ["en-US", "tr-TR", "hu-HU"], [0, 1, 2, 5, 21])
    func pluralCategoryOfCountsFollowsCLDR(_ locale: String, _ n: Int) {
        let text = "{n, plural, one {one:#} other {other:#}}"
        let category = n == 1 ? "one" : "other"
        #expect((try? format(text, locale, ["n": .int(n)])) == "\(category):\(n)")
    }

    @Test(arguments: [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (21, "21st"), (113, "113th"),
    ])
    func englishOrdinals(_ n: Int, _ expected: String) throws {
        #expect(
            try format("{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}", "en-US", ["n": .int(n)])
                == expected)
    }

    @Test(arguments: [(1, "az 1-jén"), (5, "az 5-jén"), (2, "a 2-án")])
    func hungarianOrdinalsUseOneForOneAndFive(_ n: Int, _ expected: String) throws {
        #expect(try format("{n, selectordinal, one {az #-jén} other {a #-án}}", "hu-HU", ["n": .int(n)]) == expected)
    }

    @Test func datesNumbersSelectAndNesting() throws {
        let date = try #require(CalendarDate(year: 2020, month: 6, day: 5))
        #expect(try format("{d, date, long}", "en-US", ["d": .date(date)]) == "June 5, 2020")
        #expect(try format("{d, date, long}", "tr-TR", ["d": .date(date)]) == "5 Haziran 2020")
        #expect(try format("{d, date, long}", "hu-HU", ["d": .date(date)]) == "2020. június 5.")
        #expect(try format("{n, number}", "tr-TR", ["n": .int(1234)]) == "1.234")
        let nested = "{role, select, admin {{n, plural, one {one admin} other {# admins}}} other {someone}}"
        #expect(try format(nested, "en-US", ["role": .string("admin"), "n": .int(3)]) == "3 admins")
        #expect(try format(nested, "en-US", ["role": .string("x"), "n": .int(3)]) == "someone")
    }

    @Test func apostropheQuoting() throws {
        #expect(
            try format("It''s '{literal}' and don't {x}", "en-US", ["x": .string("X")]) == "It's {literal} and don't X")
        #expect(try format("{n, plural, other {'#' is #}}", "en-US", ["n": .int(4)]) == "# is 4")
    }

    @Test func missingArgumentsStayVisible() throws {
        #expect(try format("Hello {name}", "en-US", [:]) == "Hello {name}")
    }

    @Test func placeholdersAreListed() throws {
        let m = try MessageParser.parse("{a} {b, number} {c, plural, other {{d}}}")
        #expect(m.placeholders == ["a": "argument", "b": "number", "c": "plural", "d": "argument"])
    }

    @Test(arguments: [
        ("Hello {name", 7, "never closed"),
        ("{n, plural, one {x}}", 1, "'other'"),
        ("{n, plural, several {x} other {y}}", 13, "unknown plural category"),
        ("{n, colour}", 5, "unknown placeholder type"),
        ("a } b", 3, "no matching"),
        ("'{unclosed", 1, "never closed"),
        ("{, x}", 2, "argument name"),
    ])
    func syntaxErrorsNameTheColumn(_ text: String, _ column: Int, _ problem: String) {
        do {
            _ = try MessageParser.parse(text)
            Issue.record("expected a syntax error in \(text)")
        } catch {
            #expect(error.column == column, "\(text): \(error)")
            #expect(error.problem.contains(problem), "\(text): \(error)")
        }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "{a, select, other {", count: 100) + String(repeating: "}}", count: 100)
        #expect(throws: MessageSyntaxError.self) { try MessageParser.parse(deep) }
    }
}

@Suite struct LocaleFormatterTests {
    @Test func turkishCasing() {
        let tr = LocaleFormatter(locale: "tr-TR")
        #expect(tr.uppercase("istanbul") == "İSTANBUL")
        #expect(tr.lowercase("ISPARTA") == "ısparta")
        #expect(tr.titlecase("iş ortağı merkezi") == "İş Ortağı Merkezi")
        #expect(LocaleFormatter(locale: "en-US").uppercase("istanbul") == "ISTANBUL")
    }

    @Test func invariantFoldingMeetsDottedAndPlainI() {
        #expect(LocaleFormatter.fold("İş Ortağı") == LocaleFormatter.fold("iş ortağı"))
        #expect(LocaleFormatter.fold("Iş") == "iş")
    }

    @Test func numbersUseTheLocalesGrouping() {
        #expect(LocaleFormatter(locale: "en-US").number(1_234_567) == "1,234,567")
        #expect(LocaleFormatter(locale: "tr-TR").number(1_234_567) == "1.234.567")
        #expect(LocaleFormatter(locale: "hu-HU").number(1_234_567) == "1\u{00A0}234\u{00A0}567")
    }
}
