import Foundation
import Testing
import WaymarkRelationships
import WaymarkStorePostgres
import WaymarkStoreSQLite
import WaymarkTestSupport

/// The store as a team shares it: the guarantees PostgreSQL must give as SQLite does, and the
/// races between operators, on both backends.
@Suite struct TeamStoreTests {
    let admin = Operator(name: "ayse", role: .globalAdmin)

    /// A second store on the same database as `store`: another operator's process.
    static func another(_ store: RelationshipStore, attempts: Int = 8, busyTimeout: TimeInterval = 5) throws
        -> RelationshipStore
    {
        if let sqlite = store.backend as? SQLiteBackend {
            return RelationshipStore(
                backend: try SQLiteBackend(path: sqlite.path, busyTimeout: busyTimeout), attempts: attempts)
        }
        let postgres = try #require(store.backend as? PostgresBackend)
        return RelationshipStore(backend: try PostgresBackend(url: postgres.url), attempts: attempts)
    }

    /// Runs `bodies` at once, each on its own thread, started together.
    static func together(_ bodies: [@Sendable () -> Void]) {
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for body in bodies {
            group.enter()
            Thread.detachNewThread {
                start.wait()
                body()
                group.leave()
            }
        }
        for _ in bodies { start.signal() }
        group.wait()
    }

    // MARK: - Locations

    @Test func postgresURLsAreReadAndTheirPasswordsNeverShown() throws {
        let url = try PostgresURL.parse("postgresql://ops:s3cr%40t@db.example:6543/team?sslmode=require")
        #expect(url.user == "ops" && url.password == "s3cr@t" && url.host == "db.example" && url.port == 6543)
        #expect(url.database == "team" && url.sslMode == .require)
        #expect(url.redacted == "postgres://ops@db.example:6543/team?sslmode=require")
        #expect(!url.redacted.contains("s3cr"))
        let socket = try PostgresURL.parse("postgres://ops@/team?host=/run/postgresql")
        #expect(socket.socketFolder == "/run/postgresql" && socket.redacted.contains("host=/run/postgresql"))
        let ipv6 = try PostgresURL.parse("postgres://ops@[::1]:5433/team")
        #expect(ipv6.host == "::1" && ipv6.port == 5433)
        for bad in [
            "postgres://ops:pw@host:99999/db", "postgres://ops:pw@host/db?sslmode=sometimes",
            "postgres://ops:pw@host/db?colour=blue", "postgres://ops:p%zzw@host/db", "mysql://ops:pw@host/db",
        ] {
            #expect {
                try PostgresURL.parse(bad)
            } throws: { error in
                guard case .invalidLocation(let shown, _) = error as? StoreError else { return false }
                return !shown.contains(":pw@") && !shown.contains("p%zzw")
            }
        }
        #expect(PostgresURL.redact("postgres://a:b@h/d?password=c") == "postgres://a:***@h/d?password=***")
        #expect(
            PostgresURL.redact("postgres://a:b@h/d?password=c&sslmode=disable", marker: nil)
                == "postgres://a@h/d?sslmode=disable")
    }

    @Test func anUnreachableServerNamesItsHostAndPort() throws {
        // A port nobody listens on: bound, then closed.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        close(fd)
        let url = try PostgresURL.parse("postgres://ops:hunter2@127.0.0.1:\(port)/team")
        #expect {
            try PostgresBackend(url: url, connectTimeout: 5)
        } throws: { error in
            guard case .unreachable(let host, let found, let reason) = error as? StoreError else { return false }
            return host == "127.0.0.1" && found == port && !reason.contains("hunter2")
        }
    }

    // MARK: - What the database itself enforces

    @Test(.enabled(if: TestPostgres.runs, "needs a PostgreSQL test cluster (make test starts one)"))
    func theAuditTrailIsAppendOnlyInPostgreSQL() throws {
        guard let url = try TestPostgres.database(for: #function) else { return }
        let store = RelationshipStore(backend: try PostgresBackend(url: try PostgresURL.parse(url)))
        try store.replaceAll(with: try RelationshipStoreTests.demo(), by: admin)
        for statement in ["DELETE FROM audit", "UPDATE audit SET outcome = 'refused'", "TRUNCATE audit"] {
            #expect(throws: TestPostgres.Missing.self) { try TestPostgres.psql(url, statement) }
        }
        #expect(try store.auditTrail().count == 1)
        // An event must name a session that exists.
        #expect(throws: TestPostgres.Missing.self) {
            try TestPostgres.psql(
                url,
                "INSERT INTO audit (time, operatorname, role, action, items, outcome, reasons, session) VALUES ('t', 'x', 'global-admin', 'x', '[]', 'done', '[]', 'nope')"
            )
        }
    }

    @Test(.enabled(if: TestPostgres.runs, "needs a PostgreSQL test cluster (make test starts one)"))
    func oneOpenSessionPerCustomerIsAConstraintInPostgreSQL() throws {
        guard let url = try TestPostgres.database(for: #function) else { return }
        let store = RelationshipStore(backend: try PostgresBackend(url: try PostgresURL.parse(url)))
        try store.replaceAll(with: try RelationshipStoreTests.demo(), by: admin)
        func session(_ id: String, _ state: WalkSessionRecord.State) -> WalkSessionRecord {
            WalkSessionRecord(
                id: id, customerID: "wingtip", article: "a.md", procedure: "p", state: state, locale: "en-US",
                operatorName: "ayse", role: "global-admin", payload: "{}")
        }
        try store.saveSession(session("s1", .open))
        try store.saveSession(session("s0", .finished))
        #expect(throws: StoreError.self) { try store.saveSession(session("s2", .open)) }
        #expect(throws: TestPostgres.Missing.self) {
            try TestPostgres.psql(url, "UPDATE walksession SET state = 'open' WHERE id = 's0'")
        }
        #expect(try store.sessions().map(\.id).sorted() == ["s0", "s1"])
    }

    @Test(.enabled(if: TestPostgres.runs, "needs a PostgreSQL test cluster (make test starts one)"))
    func aPostgreSQLSchemaFromANewerWaymarkIsRefusedAndLeftAlone() throws {
        guard let url = try TestPostgres.database(for: #function) else { return }
        let store = RelationshipStore(backend: try PostgresBackend(url: try PostgresURL.parse(url)))
        #expect(try store.appliedMigrations() == ["v1-relationships", "v5-web"])
        try TestPostgres.psql(url, "INSERT INTO waymark_migrations (identifier, applied) VALUES ('v9-future', 'x')")
        #expect(throws: StoreError.newerSchema(path: try PostgresURL.parse(url).redacted, unknown: ["v9-future"])) {
            try PostgresBackend(url: try PostgresURL.parse(url))
        }
        #expect(try TestPostgres.psql(url, "SELECT count(*) FROM waymark_migrations") == "3")
    }

    // MARK: - Races

    /// The rules read a whole account and write one row; another operator writes another row the
    /// rules read. Serializable transactions (SQLite's one writer, PostgreSQL's SSI) keep the
    /// outcome one that some order of the two could give.
    @Test(arguments: StoreKind.allCases)
    func aRemovalRacingOtherChangesNeverLeavesARemovedRelationshipWithAnActiveItem(_ kind: StoreKind) throws {
        guard let store = try RelationshipStoreTests.store(kind) else { return }
        let other = try Self.another(store)
        let partner = Partner(id: "race-partner", name: "Race", kind: .directPartner)
        let rounds = 12
        var data = ModelData(
            partners: [partner], customers: [], subscriptions: [], reservations: [], softwarePurchases: [])
        for i in 0..<rounds {
            data.customers.append(
                Customer(
                    id: "race-\(i)", partnerID: partner.id, companyName: "Race \(i)", domain: "race\(i).example",
                    relationship: .active, inPartnerCustomerList: true, partnerIsSupportContact: true,
                    delegatedAdminPrivileges: true, purchasesAllowed: true))
            // Even rounds: the one subscription is active, and an operator suspends it while another
            // removes the relationship. Odd rounds: it is suspended, and an import makes it active.
            data.subscriptions.append(
                Subscription(
                    id: "race-\(i)-sub", customerID: "race-\(i)", offerName: "Plan \(i)", quantity: 1,
                    status: i % 2 == 0 ? .active : .suspended, commerce: .legacy))
        }
        try store.importData(data, by: admin)
        let agent = Operator(name: "bo", role: .adminAgent)
        for i in 0..<rounds {
            let customer = "race-\(i)"
            let sub = "race-\(i)-sub"
            var reactivate = ModelData(
                partners: [partner], customers: [data.customers[i]], subscriptions: [data.subscriptions[i]],
                reservations: [], softwarePurchases: [])
            reactivate.subscriptions[0].status = .active
            let change = reactivate
            Self.together([
                { _ = try? store.removeRelationship(customer, by: agent) },
                {
                    if i % 2 == 0 {
                        _ = try? other.suspendSubscription(sub, by: Operator(name: "cem", role: .adminAgent))
                    } else {
                        _ = try? other.importData(change, by: Operator(name: "cem", role: .adminAgent))
                    }
                },
            ])
            let account = try store.account(customer)
            #expect(
                !(account.customer.relationship == .removed && !account.activeSubscriptions.isEmpty),
                "round \(i): the relationship is removed and \(account.activeSubscriptions.map(\.id)) is active")
        }
        #expect(try store.ruleProblems().isEmpty)
        // Every attempt is audited, done or refused.
        let removals = try store.auditTrail().filter { $0.action == "remove-relationship" }
        #expect(removals.count == rounds)
    }

    @Test(arguments: StoreKind.allCases)
    func aChangeThatConflictsIsTriedAgainThenReported(_ kind: StoreKind) throws {
        guard let store = try RelationshipStoreTests.store(kind) else { return }
        let id = "wingtip-azure-plan"
        // Another operator changes the same subscription and keeps its transaction open a while.
        func holdTheRow(_ holder: RelationshipStore, seconds: TimeInterval) -> DispatchSemaphore {
            let started = DispatchSemaphore(value: 0)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                _ = try? holder.backend.write { tx in
                    var s = try #require(try tx.subscription(id))
                    s.quantity += 1
                    try tx.save(s)
                    started.signal()
                    Thread.sleep(forTimeInterval: seconds)
                }
                done.signal()
            }
            started.wait()
            return done
        }
        let patient = try Self.another(store, attempts: 8, busyTimeout: 5)
        var done = holdTheRow(try Self.another(store), seconds: 0.4)
        #expect(try patient.suspendSubscription(id, by: admin) == [.newCommerceKeepsBilling])
        done.wait()
        let account = try store.account("wingtip")
        let plan = try #require(account.subscriptions.first { $0.id == id })
        // Neither change was lost: the quantity the other operator wrote, and the suspension.
        #expect(plan.status == .suspended && plan.quantity == 2)
        if kind == .postgres { #expect(patient.retries >= 1) }

        // With one try (PostgreSQL) or a short wait for the lock (SQLite), the conflict is reported
        // and nothing is written.
        try store.replaceAll(with: try RelationshipStoreTests.demo(), by: admin)
        let before = try store.auditTrail().count
        let hasty = try Self.another(store, attempts: 1, busyTimeout: 0.1)
        done = holdTheRow(try Self.another(store), seconds: 0.6)
        #expect {
            try hasty.suspendSubscription(id, by: admin)
        } throws: { error in
            switch error as? StoreError {
            case .conflict(_, let attempts): kind == .postgres && attempts == 1
            case .busy: kind == .sqlite
            default: false
            }
        }
        done.wait()
        #expect(try store.auditTrail().count == before)
        #expect(try store.account("wingtip").subscriptions.first { $0.id == id }?.status == .active)
    }

    // MARK: - Moving a store

    @Test(.enabled(if: TestPostgres.runs, "needs a PostgreSQL test cluster (make test starts one)"))
    func aStoreMovesWithItsHistoryToPostgreSQLAndBack() throws {
        guard let url = try TestPostgres.database(for: #function) else { return }
        let source = try #require(try RelationshipStoreTests.store(.sqlite))
        try source.saveSession(
            WalkSessionRecord(
                id: "s1", customerID: "wingtip", article: "a.md", procedure: "p", locale: "hu-HU",
                operatorName: admin.name, role: admin.role.rawValue, payload: "{\"position\": 3}"))
        _ = try source.suspendSubscription(
            "wingtip-azure-plan", by: admin, context: AuditContext(session: "s1", step: "x/1", locale: "hu-HU"))
        try source.removeRelationship("northwind", by: admin)
        #expect(throws: StoreError.self) { try source.removeRelationship("wingtip", by: admin) }
        let postgres = RelationshipStore(backend: try PostgresBackend(url: try PostgresURL.parse(url)))
        let copied = try source.copy(into: postgres)
        #expect(copied == (try source.counts()))
        #expect(try postgres.auditTrail() == (try source.auditTrail()))
        #expect(try postgres.sessions() == (try source.sessions()))
        #expect(try postgres.accounts() == (try source.accounts()))
        #expect(try postgres.partners() == (try source.partners()))

        // And back, into a new SQLite file.
        let back = RelationshipStore(
            backend: try SQLiteBackend(
                path: try RepositoryPaths.temporaryDirectory().appendingPathComponent("back.sqlite").path))
        try postgres.copy(into: back)
        #expect(try back.auditTrail() == (try source.auditTrail()))
        // New events continue after the copied ones on both.
        try postgres.recordRefusal(action: "walk-start", customerID: "wingtip", reasons: [], by: admin)
        try back.recordRefusal(action: "walk-start", customerID: "wingtip", reasons: [], by: admin)
        let last = try source.auditTrail().last?.id ?? 0
        #expect(try postgres.auditTrail().last?.id == last + 1)
        #expect(try back.auditTrail().last?.id == last + 1)

        // A store that holds anything is never copied into.
        #expect {
            try source.copy(into: postgres)
        } throws: { error in
            guard case .targetNotEmpty(_, let counts) = error as? StoreError else { return false }
            return counts.customers == 3
        }
    }
}
