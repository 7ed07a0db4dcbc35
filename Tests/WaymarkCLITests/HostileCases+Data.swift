import Foundation
import GRDB
import Testing
import WaymarkTestSupport

extension HostileCase {
    static let catalogs: [HostileCase] = [
        HostileCase(
            name: "an XML external entity", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:2:1: error: document type declarations (<!DOCTYPE>) are not accepted"],
            absent: ["root:x:0"]
        ) {
            try Hostile.write(
                $0, "c.xlf",
                Hostile.xliff(
                    "<unit id=\"u\"><segment><source>&e;</source></segment></unit>",
                    prolog: "<!DOCTYPE xliff [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"))
        },
        HostileCase(
            name: "billion laughs", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:2:1: error: document type declarations (<!DOCTYPE>) are not accepted"]
        ) {
            var entities = "<!ENTITY l0 \"lol\">"
            for i in 1...9 { entities += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
            try Hostile.write(
                $0, "c.xlf",
                Hostile.xliff(
                    "<unit id=\"u\"><segment><source>&l9;</source></segment></unit>",
                    prolog: "<!DOCTYPE x [\(entities)]>\n"))
        },
        HostileCase(
            name: "a parameter entity fetched from the network", reader: .xliff,
            arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:2:1: error: document type declarations (<!DOCTYPE>) are not accepted"]
        ) {
            try Hostile.write(
                $0, "c.xlf",
                Hostile.xliff("", prolog: "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]>\n"))
        },
        HostileCase(
            name: "mismatched XML tags", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:3:53: error: Opening and ending tag mismatch"]
        ) {
            try Hostile.write($0, "c.xlf", Hostile.xliff("<unit id=\"u\"><segment><source>a</sourc></segment></unit>"))
        },
        HostileCase(
            name: "an XLIFF 1.2 file", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["error: root element must be <xliff> in the namespace urn:oasis:names:tc:xliff:document:2.0"]
        ) {
            try Hostile.write(
                $0, "c.xlf",
                "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\"/>\n")
        },
        HostileCase(
            name: "invalid UTF-8 in a catalog", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:3:", "not proper UTF-8"]
        ) {
            try Hostile.write(
                $0, "c.xlf",
                Array(Hostile.xliff("<unit id=\"u\"><segment><source>X</source></segment></unit>").utf8).map {
                    $0 == UInt8(ascii: "X") ? 0xFF : $0
                })
        },
        HostileCase(
            name: "a broken ICU message", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:3:", "message syntax error", "never closed"]
        ) {
            try Hostile.write(
                $0, "c.xlf",
                Hostile.xliff("<unit id=\"u\"><segment><source>{n, plural, one {x}</source></segment></unit>"))
        },
        HostileCase(
            name: "a 100 MB catalog", reader: .xliff, arguments: ["strings", "check", "c.xlf"], status: 1,
            expect: ["c.xlf:1:1: error: document is 104857", "more than the 8388608-byte limit"]
        ) {
            try Hostile.write(
                $0, "c.xlf", Array("<?xml version=\"1.0\"?>\n<x>".utf8) + [UInt8](repeating: 0x61, count: 100 << 20))
        },
        HostileCase(
            name: "XML nested 100,000 elements deep", reader: .xliff, arguments: ["strings", "check", "c.xlf"],
            status: 1, expect: ["c.xlf:2:", "error:"]
        ) {
            let depth = 100_000
            try Hostile.write(
                $0, "c.xlf",
                "<?xml version=\"1.0\"?>\n" + String(repeating: "<a>", count: depth)
                    + String(repeating: "</a>", count: depth))
        },
        HostileCase(
            name: "a hostile catalog in the catalog folder", reader: .xliff,
            arguments: ["--locale", "tr-TR", "customers", "list", "--db", "$DIR/s.sqlite"], status: 1,
            expect: ["tr-TR.xlf:2:1: error: document type declarations (<!DOCTYPE>) are not accepted"],
            environment: ["WAYMARK_LOCALIZATIONS": "catalogs"]
        ) {
            try Hostile.write(
                $0, "catalogs/tr-TR.xlf",
                Hostile.xliff("", prolog: "<!DOCTYPE xliff [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"))
        },
    ]

    static let glossaries: [HostileCase] = [
        HostileCase(
            name: "a glossary with an external entity", reader: .glossary,
            arguments: ["validate", "docs", "--today", "2024-06-01"], status: 1,
            expect: ["g.tbx", "document type declarations (<!DOCTYPE>) are not accepted"], absent: ["root:x:0"]
        ) {
            try Hostile.write($0, "docs/.waymark.yml", "profile: minimal\nglossary: ../g.tbx\n")
            try Hostile.write($0, "docs/en-us/a.md", validArticle)
            try Hostile.write(
                $0, "g.tbx",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<tbx>&e;</tbx>\n")
        },
        HostileCase(
            name: "a glossary that is a FIFO", reader: .glossary,
            arguments: ["validate", "docs", "--today", "2024-06-01"], status: 1,
            expect: ["g.tbx", "not a regular file"]
        ) {
            try Hostile.write($0, "docs/.waymark.yml", "profile: minimal\nglossary: ../g.tbx\n")
            try Hostile.write($0, "docs/en-us/a.md", validArticle)
            try Hostile.fifo($0, "g.tbx")
        },
    ]

    static let stores: [HostileCase] = [
        HostileCase(
            name: "a store that is not SQLite", reader: .store, arguments: ["customers", "list", "--db", "s.sqlite"],
            status: 1, expect: ["s.sqlite is not a Waymark database (not SQLite); it was left untouched"],
            unchanged: ["s.sqlite"]
        ) { try Hostile.write($0, "s.sqlite", "These are my notes, not a database.\n") },
        HostileCase(
            name: "a truncated store", reader: .store, arguments: ["customers", "list", "--db", "s.sqlite"],
            status: 1, expect: ["s.sqlite is damaged", "it was left untouched"], unchanged: ["s.sqlite"]
        ) {
            try Hostile.demoStore($0, "s.sqlite")
            truncate($0.appendingPathComponent("s.sqlite").path, 5000)
        },
        HostileCase(
            name: "a store with a damaged schema page", reader: .store,
            arguments: ["customers", "list", "--db", "s.sqlite"], status: 1,
            expect: ["s.sqlite", "it was left untouched"], unchanged: ["s.sqlite"]
        ) {
            try Hostile.demoStore($0, "s.sqlite")
            let url = $0.appendingPathComponent("s.sqlite")
            var bytes = try Data(contentsOf: url)
            for i in 100..<min(bytes.count, 4096) { bytes[i] = 0xA5 }
            try bytes.write(to: url)
        },
        HostileCase(
            name: "a damaged store under the walkthrough", reader: .store,
            arguments: [
                "walk", "partner-center/remove-a-relationship.md", "--customer", "wingtip", "--db", "s.sqlite",
            ],
            status: 1, expect: ["s.sqlite", "it was left untouched"], unchanged: ["s.sqlite"]
        ) {
            try Hostile.demoStore($0, "s.sqlite")
            truncate($0.appendingPathComponent("s.sqlite").path, 5000)
        },
        HostileCase(
            name: "a store another process keeps locked", reader: .store,
            arguments: [
                "customers", "suspend-subscription", "wingtip-azure-plan", "--operator", "ana", "--role",
                "global-admin",
                "--db", "s.sqlite",
            ], status: 1,
            expect: ["s.sqlite is busy: another process kept it locked too long; nothing was changed"],
            lockedDatabase: "s.sqlite"
        ) { try Hostile.demoStore($0, "s.sqlite") },
        HostileCase(
            name: "a store path that is a folder", reader: .store,
            arguments: ["customers", "list", "--db", "s.sqlite"],
            status: 1, expect: ["cannot open s.sqlite: it is a folder"]
        ) {
            try FileManager.default.createDirectory(
                at: $0.appendingPathComponent("s.sqlite"), withIntermediateDirectories: true)
        },
        HostileCase(
            name: "a store from a newer Waymark", reader: .store, arguments: ["customers", "list", "--db", "s.sqlite"],
            status: 1,
            expect: ["s.sqlite was written by a newer Waymark (unknown schema v99-future); it was left untouched"],
            unchanged: ["s.sqlite"]
        ) {
            try Hostile.demoStore($0, "s.sqlite")
            let queue = try DatabaseQueue(path: $0.appendingPathComponent("s.sqlite").path)
            try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
            try queue.close()
            for suffix in ["-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: $0.appendingPathComponent("s.sqlite").path + suffix)
            }
        },
        HostileCase(
            name: "a database URL with a port out of range", reader: .store,
            arguments: ["customers", "list", "--db", "postgres://ops:hunter2@db:70000/team"], status: 64,
            expect: ["cannot be used as a store: the port is not 1 to 65535"], absent: ["hunter2"]
        ) { _ in },
        HostileCase(
            name: "a database URL whose escapes are not UTF-8", reader: .store,
            arguments: ["audit", "--db", "postgres://%ff%fe:hunter2@db/team"], status: 64,
            expect: ["cannot be used as a store: a bad %-escape"], absent: ["hunter2"]
        ) { _ in },
        HostileCase(
            name: "a database URL of 100 KB", reader: .store,
            arguments: [
                "sessions", "list", "--db", "postgres://ops:hunter2@" + String(repeating: "h", count: 100_000),
            ],
            status: 1, expect: ["cannot reach the PostgreSQL server at"], absent: ["hunter2"]
        ) { _ in },
        HostileCase(
            name: "a database URL of another scheme", reader: .store,
            arguments: ["customers", "list", "--db", "sqlite://ops:hunter2@s.sqlite"], status: 64,
            expect: ["cannot be used as a store: unknown scheme sqlite"], absent: ["hunter2"]
        ) { _ in },
        HostileCase(
            name: "a database server that refuses connections", reader: .store,
            arguments: [
                "walk", "partner-center/remove-a-relationship.md", "--customer", "wingtip", "--db",
                "postgres://ops:hunter2@127.0.0.1:1/team",
            ], status: 1,
            expect: ["cannot reach the PostgreSQL server at 127.0.0.1 port 1"], absent: ["hunter2"]
        ) { _ in },
        HostileCase(
            name: "an import file that is not JSON", reader: .store,
            arguments: ["customers", "import", "bad.json", "--db", "s.sqlite"], status: 1,
            expect: ["bad.json:1:12: not JSON: expected a value", "nothing was imported"],
            unchanged: ["s.sqlite"]
        ) {
            try Hostile.demoStore($0, "s.sqlite")
            try Hostile.write($0, "bad.json", Array("{\"items\": [".utf8) + [0xFF, 0x00])
        },
        HostileCase(
            name: "an import file nested 100,000 deep", reader: .store,
            arguments: ["customers", "import", "deep.json", "--db", "s.sqlite"], status: 1,
            expect: ["deep.json:1:513: not JSON: nested deeper than 512 arrays and objects", "nothing was imported"],
            unchanged: ["s.sqlite"]
        ) {
            try Hostile.demoStore($0, "s.sqlite")
            try Hostile.write(
                $0, "deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        },
    ]

    static let locales: [HostileCase] = [
        HostileCase(
            name: "an unknown locale", reader: .locale, arguments: ["--locale", "xx-XX", "customers", "list"],
            status: 64, expect: ["no catalog for xx-XX; available: en-US, hu-HU, tr-TR"]
        ) { _ in },
        HostileCase(
            name: "a path given as a locale", reader: .locale,
            arguments: ["--locale", "../../etc", "customers", "list"],
            status: 64, expect: ["\"../../etc\" is not a locale"]
        ) { _ in },
        HostileCase(
            name: "an unknown locale in the environment falls back to English", reader: .locale,
            arguments: ["customers", "list", "--db", "s.sqlite"], status: 0, expect: ["Wingtip Toys", "active"],
            environment: ["LANG": "zz_ZZ.UTF-8"]
        ) { _ in },
        HostileCase(
            name: "an article in a locale Waymark does not have", reader: .locale,
            arguments: [
                "--locale", "de-DE", "walk", "partner-center/remove-a-relationship.md", "--customer", "wingtip",
            ],
            status: 64, expect: ["no catalog for de-DE; available: en-US, hu-HU, tr-TR"]
        ) { _ in },
    ]
}
