import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkLocalization
import WaymarkRelationships
import WaymarkWalkthrough

extension OperatorRole: ExpressibleByArgument {}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--db`, shared by every command that uses the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(Localizer.current.text(.helpDB)))
    var database: String?

    /// Opens the store, loading the demo data on first use; errors are printed, localized.
    func open() throws -> RelationshipStore {
        let path = database ?? RelationshipStore.defaultPath()
        let timeout = ProcessInfo.processInfo.environment["WAYMARK_BUSY_TIMEOUT"].flatMap(Double.init) ?? 5
        do {
            let store = try RelationshipStore(path: path, busyTimeout: timeout)
            if try store.isEmpty, let demo = try? DemoData.load() {
                try store.replaceAll(with: demo, by: DemoData.system, action: "load-demo")
                let l = Localizer.current
                StandardError.write(
                    l.text(
                        .notePrefix,
                        [
                            "message": .string(
                                l.text(.storeDemoLoaded, ["path": .string(path), "count": .int(demo.customers.count)]))
                        ]))
            }
            return store
        } catch {
            throw StoreFailure.report(error)
        }
    }
}

/// `--operator NAME --role ROLE`.
struct OperatorOptions: ParsableArguments {
    @Option(name: .customLong("operator"), help: ArgumentHelp(Localizer.current.text(.helpOperator)))
    var name: String

    @Option(help: ArgumentHelp(Localizer.current.text(.helpRole)))
    var role: OperatorRole

    var actor: Operator { Operator(name: name, role: role) }
}

/// The shipped demo dataset (`Resources/Demo/demo.json`).
enum DemoData {
    static let system = Operator(name: "waymark", role: .globalAdmin)

    static func load() throws -> ModelData {
        guard
            let folder = ResourceLocator.directory(
                named: "Resources", containing: "Demo/demo.json", environmentKey: "WAYMARK_RESOURCES")
        else { throw StoreError.invalidImport("Resources/Demo/demo.json not found") }
        let data = try Data(contentsOf: folder.appendingPathComponent("Demo/demo.json"))
        return try JSONDecoder().decode(ModelData.self, from: data)
    }
}

/// Prints a store error in the user's language and turns it into exit status 1.
enum StoreFailure {
    static func report(_ error: any Error) -> ExitCode {
        let l = Localizer.current
        let message: String
        switch error as? StoreError {
        case .notADatabase(let path): message = l.text(.storeNotADatabase, ["path": .string(path)])
        case .corrupt(let path, let detail):
            message = l.text(.storeCorrupt, ["path": .string(path), "detail": .string(detail)])
        case .newerSchema(let path, let unknown):
            message = l.text(
                .storeNewerSchema, ["path": .string(path), "unknown": .string(unknown.joined(separator: ", "))])
        case .cannotOpen(let path, let reason):
            message = l.text(.storeCannotOpen, ["path": .string(path), "reason": .string(reason)])
        case .busy(let path): message = l.text(.storeBusy, ["path": .string(path)])
        case .customerNotFound(let id): message = l.text(.storeCustomerNotFound, ["id": .string(id)])
        case .itemNotFound(let id): message = l.text(.storeItemNotFound, ["id": .string(id)])
        case .invalidImport(let detail): message = l.text(.storeInvalidImport, ["detail": .string(detail)])
        case .other(let path, let detail):
            message = l.text(.storeOther, ["path": .string(path), "detail": .string(detail)])
        case .refused(let reasons):
            for reason in reasons { StandardError.write("  " + l.describe(reason)) }
            return ExitStatus.findings
        case nil: message = "\(error)"
        }
        StandardError.write(l.text(.errorPrefix, ["message": .string(message)]))
        return ExitStatus.findings
    }
}

extension Localizer {
    /// A refusal reason in the user's language (the walkthrough's wording, through the catalogs).
    func describe(_ reason: RefusalReason) -> String {
        ReasonText(strings: CatalogStrings(catalogs: catalogs)).describe(reason, locale: locale.description)
    }

    func name(of role: OperatorRole) -> String {
        ReasonText(strings: CatalogStrings(catalogs: catalogs)).role(role, locale: locale.description)
    }

    func name(ofRole raw: String) -> String {
        OperatorRole(rawValue: raw).map(name(of:)) ?? raw
    }

    func name(of status: SubscriptionStatus) -> String {
        switch status {
        case .active: text(.statusActive)
        case .suspended: text(.statusSuspended)
        case .cancelled: text(.statusCancelled)
        }
    }

    func name(of status: ItemStatus) -> String {
        status == .active ? text(.statusActive) : text(.statusCancelled)
    }

    func name(of state: RelationshipState) -> String {
        state == .active ? text(.stateActive) : text(.stateRemoved)
    }

    func yesNo(_ value: Bool) -> String { value ? text(.yes) : text(.no) }
}
