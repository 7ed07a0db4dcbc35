import Foundation
import GRDB
import Testing
import WaymarkRelationships
import WaymarkStorePostgres
import WaymarkStoreSQLite
import WaymarkTestSupport

@Suite struct RelationshipStoreTests {
    static func demo() throws -> ModelData {
        try JSONDecoder().decode(
            ModelData.self, from: Data(contentsOf: RepositoryPaths.file("Resources/Demo/demo.json")))
    }

    let admin = Operator(name: "ayse", role: .globalAdmin)

    func store() throws -> (RelationshipStore, String) {
        let path = try RepositoryPaths.temporaryDirectory().appendingPathComponent("data/waymark.sqlite").path
        let store = try RelationshipStore(path: path)
        try store.replaceAll(with: try Self.demo(), by: Operator(name: "test", role: .globalAdmin))
        return (store, path)
    }

    /// A store with the demo data on `kind`; nil when PostgreSQL is not available here.
    static func store(_ kind: StoreKind, attempts: Int = 8, test: String = #function) throws -> RelationshipStore? {
        let store: RelationshipStore
        switch kind {
        case .sqlite:
            let path = try RepositoryPaths.temporaryDirectory().appendingPathComponent("data/waymark.sqlite").path
            store = RelationshipStore(backend: try SQLiteBackend(path: path), attempts: attempts)
        case .postgres:
            guard let url = try TestPostgres.database(for: test) else { return nil }
            store = RelationshipStore(backend: try PostgresBackend(url: try PostgresURL.parse(url)), attempts: attempts)
        }
        try store.replaceAll(with: try demo(), by: Operator(name: "test", role: .globalAdmin))
        return store
    }

    @Test(arguments: StoreKind.allCases) func demoHasTheCustomersTheProceduresNeed(_ kind: StoreKind) throws {
        guard let store = try Self.store(kind) else { return }
        let wingtip = try store.account("wingtip")
        #expect(wingtip.activeSubscriptions.map(\.offerName) == ["Azure plan", "Office 365 E3"])
        #expect(wingtip.activeReservations.count == 1)
        #expect(wingtip.activeSoftwarePurchases.count == 1)
        #expect(try store.account("northwind").activeSubscriptions.isEmpty)
        let reseller = try #require(try store.partners().first { $0.kind == .indirectReseller })
        #expect(try store.customers().contains { $0.partnerID == reseller.id })
    }

    @Test(arguments: StoreKind.allCases) func removalIsRefusedWhileBlockedAndTheRefusalIsAudited(_ kind: StoreKind)
        throws
    {
        guard let store = try Self.store(kind) else { return }
        #expect(
            throws: StoreError.refused([
                .activeSubscriptions(["Azure plan", "Office 365 E3"]),
                .activeReservations(["Reserved VM Instance, D2s v3, 1 year"]),
                .activeSoftwarePurchases(["Windows Server 2022 Standard"]),
            ])
        ) { try store.removeRelationship("wingtip", by: admin) }
        let last = try #require(try store.auditTrail(customerID: "wingtip").last)
        #expect(last.action == "remove-relationship")
        #expect(last.outcome == "refused")
        #expect(last.items.contains("Office 365 E3"))
        #expect(try store.account("wingtip").customer.relationship == .active)
    }

    @Test(arguments: StoreKind.allCases) func aWrongRoleIsRefusedAndAudited(_ kind: StoreKind) throws {
        guard let store = try Self.store(kind) else { return }
        #expect(
            throws: StoreError.refused([
                .roleNotAllowed(.billingAdmin, allowed: RelationshipRules.defaultRolesAllowedToRemove)
            ])
        ) {
            try store.removeRelationship("northwind", by: Operator(name: "bob", role: .billingAdmin))
        }
        let last = try #require(try store.auditTrail(customerID: "northwind").last)
        #expect(last.operatorName == "bob" && last.role == "billing-admin" && last.outcome == "refused")
        #expect(last.reasons == ["refusal.role-not-allowed"])
    }

    @Test(arguments: StoreKind.allCases) func anAuditEventMustNameASessionThatExists(_ kind: StoreKind) throws {
        guard let store = try Self.store(kind) else { return }
        let context = AuditContext(session: "no-such-session", step: "x/1", locale: "en-US")
        #expect(throws: StoreError.self) {
            try store.suspendSubscription("wingtip-azure-plan", by: admin, context: context)
        }
        #expect(
            try store.account("wingtip").subscriptions.allSatisfy {
                $0.status != .suspended || $0.id == "wingtip-visio"
            })
    }

    @Test(arguments: StoreKind.allCases) func removalSucceedsOnceItemsAreSuspendedOrCancelled(_ kind: StoreKind) throws
    {
        guard let store = try Self.store(kind) else { return }
        // An audit event names a session that exists.
        try store.saveSession(
            WalkSessionRecord(
                id: "s1", customerID: "wingtip", article: "a.md", procedure: "p", locale: "tr-TR",
                operatorName: admin.name, role: admin.role.rawValue, payload: "{}"))
        let context = AuditContext(session: "s1", step: "how-to-remove-a-relationship/1.3", locale: "tr-TR")
        #expect(
            try store.suspendSubscription("wingtip-azure-plan", by: admin, context: context) == [
                .newCommerceKeepsBilling
            ])
        #expect(try store.suspendSubscription("wingtip-o365-e3", by: admin).isEmpty)
        try store.cancelReservation("wingtip-ri-d2s", by: admin)
        try store.cancelPurchase("wingtip-winserver", by: admin)
        let removed = try store.removeRelationship("wingtip", by: admin)
        #expect(removed.relationship == .removed && !removed.delegatedAdminPrivileges && !removed.purchasesAllowed)
        #expect(try store.account("wingtip").customer == removed)
        let trail = try store.auditTrail(customerID: "wingtip")
        #expect(
            trail.map(\.action) == [
                "suspend-subscription", "suspend-subscription", "cancel-reservation", "cancel-purchase",
                "remove-relationship",
            ])
        #expect(
            trail[0].session == "s1" && trail[0].step == "how-to-remove-a-relationship/1.3"
                && trail[0].locale == "tr-TR")
        #expect(trail[0].reasons == ["warning.new-commerce-keeps-billing"])
        #expect(Set(trail.compactMap(\.id)).count == trail.count)
    }

    @Test(arguments: StoreKind.allCases) func actingOnAnInactiveItemIsRefused(_ kind: StoreKind) throws {
        guard let store = try Self.store(kind) else { return }
        #expect(throws: StoreError.refused([.itemNotActive("Visio Plan 2")])) {
            try store.suspendSubscription("wingtip-visio", by: admin)
        }
        #expect(throws: StoreError.itemNotFound("nope")) { try store.cancelReservation("nope", by: admin) }
        #expect(throws: StoreError.customerNotFound("nope")) { try store.removeRelationship("nope", by: admin) }
    }

    @Test func theAuditTrailIsAppendOnly() throws {
        let (_, path) = try store()
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM audit") } }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE audit SET outcome = 'done'") }
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        let path = try RepositoryPaths.temporaryDirectory().appendingPathComponent("notes.sqlite").path
        let bytes = Data("These are my notes, not a database.\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notADatabase(path: path)) { try RelationshipStore(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aCorruptDatabaseIsReportedAndLeftAlone() throws {
        let (_, path) = try store()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in 100..<min(bytes.count, 4096) { bytes[i] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        do {
            let store = try RelationshipStore(path: path)
            _ = try store.customers()
            Issue.record("expected the corrupt database to be refused")
        } catch {
            switch error {
            case .corrupt, .notADatabase, .other: break
            default: Issue.record("unexpected \(error)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aNewerSchemaIsRefusedAndLeftAlone() throws {
        let (_, path) = try store()
        let queue = try DatabaseQueue(path: path)
        try queue.write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        try queue.close()
        #expect(throws: StoreError.newerSchema(path: path, unknown: ["v9-from-the-future"])) {
            try RelationshipStore(path: path)
        }
        #expect(
            try DatabaseQueue(path: path).read {
                try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations")
            }.contains("v9-from-the-future"))
    }

    @Test func anUnwritableLocationIsAClearError() throws {
        let file = try RepositoryPaths.temporaryDirectory().appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let path = file.appendingPathComponent("waymark.sqlite").path
        do {
            _ = try RelationshipStore(path: path)
            Issue.record("expected an error")
        } catch {
            guard case .cannotOpen(let p, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(p == path)
        }
    }

    @Test func aWriterHeldUpTooLongGetsBusy() throws {
        let (_, path) = try store()
        let slow = try RelationshipStore(path: path, busyTimeout: 0.2)
        let blocker = try DatabaseQueue(path: path)
        try blocker.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            #expect(throws: StoreError.busy(path: path)) { try slow.cancelPurchase("wingtip-winserver", by: admin) }
            try db.execute(sql: "ROLLBACK")
        }
        try slow.cancelPurchase("wingtip-winserver", by: admin)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(
            RelationshipStore.defaultPath(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"])
                == "/x/waymark/waymark.sqlite")
        #expect(RelationshipStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/waymark/waymark.sqlite")
    }

    @Test func importsPartnerCenterShapedJSON() throws {
        let json = """
            {"totalCount": 1, "items": [{"id": "c-1", "companyProfile": {"companyName": "Tailspin", "domain": "tailspin.example"},
              "subscriptions": {"items": [
                {"id": "s-1", "offerName": "Microsoft 365 E5", "offerId": "CFQ7TTC0LFLZ:0002", "quantity": 5, "status": "active"},
                {"id": "s-2", "offerName": "Office 365 E1", "offerId": "91FD106F-4B2C-4938-95AC-F54F74E9A239", "status": "deleted"}]}}],
             "attributes": {"objectType": "Collection"}}
            """
        let data = try PartnerCenterImport.parse(
            Data(json.utf8), partner: Partner(id: "p", name: "P", kind: .directPartner))
        #expect(data.customers.map(\.companyName) == ["Tailspin"])
        #expect(data.subscriptions.map(\.commerce) == [.newCommerce, .legacy])
        #expect(data.subscriptions.map(\.status) == [.active, .cancelled])
        #expect(throws: StoreError.self) {
            try PartnerCenterImport.parse(
                Data("{\"items\": [{}]}".utf8), partner: Partner(id: "p", name: "P", kind: .directPartner))
        }
    }
}
