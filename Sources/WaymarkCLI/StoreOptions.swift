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

    func validate() throws {
        if database?.isEmpty == true { throw ValidationError(Localizer.current.text(SafetyText.dbEmpty)) }
    }

    /// Seconds a write waits for another process's lock: `WAYMARK_BUSY_TIMEOUT`, else 5. Anything
    /// but a number from 0 to 3600 is a usage error.
    static func busyTimeout(_ environment: [String: String]) throws -> TimeInterval {
        guard let text = environment["WAYMARK_BUSY_TIMEOUT"] else { return 5 }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, (0...3600).contains(value)
        else {
            let l = Localizer.current
            StandardError.write(
                l.text(
                    .errorPrefix, ["message": .string(l.text(SafetyText.busyTimeoutInvalid, ["value": .string(text)]))])
            )
            throw ExitStatus.usage
        }
        return value
    }

    /// Opens the store, loading the demo data on first use; errors are printed, localized.
    ///
    /// `forReading`: the command only reads. A store this user cannot write (the file or its
    /// folder read-only) is then opened read-only, creating no file, and gets no demo data.
    func open(forReading: Bool = false) throws -> RelationshipStore {
        let path = database ?? RelationshipStore.defaultPath()
        let timeout = try StoreOptions.busyTimeout(ProcessInfo.processInfo.environment)
        let folder = (path as NSString).deletingLastPathComponent
        let readOnly =
            forReading && FileManager.default.fileExists(atPath: path)
            && (access(path, W_OK) != 0 || access(folder.isEmpty ? "." : folder, W_OK) != 0)
        do {
            let store = try RelationshipStore(path: path, busyTimeout: timeout, readOnly: readOnly)
            if !readOnly, try store.isEmpty, let demo = try? DemoData.load() {
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
    /// `file`: the import file an `importRejected` error is about; `customer`: the customer a
    /// walk was for.
    static func report(_ error: any Error, file: String? = nil, customer: String? = nil) -> ExitCode {
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
        case .vanished(let path): message = l.text(SafetyText.storeVanished, ["path": .string(path)])
        case .sessionHeld(let session, let holder, let host, let since):
            message = l.text(
                SafetyText.walkLeaseHeld,
                [
                    "customer": .string(customer ?? "-"), "holder": .string(holder), "host": .string(host),
                    "since": .string(since), "session": .string(session),
                ])
        case .sessionLost(let session, let state, let by, let since):
            if state == "taken-over" {
                message = l.text(
                    SafetyText.walkLeaseLost,
                    ["session": .string(session), "holder": .string(by ?? "-"), "since": .string(since ?? "-")])
            } else {
                let name =
                    switch state {
                    case "abandoned": l.text(.sessionStateAbandoned)
                    case "finished": l.text(.sessionStateFinished)
                    default: l.text(SafetyText.sessionStateDeleted)
                    }
                message = l.text(SafetyText.walkSessionEnded, ["session": .string(session), "state": .string(name)])
            }
        case .customerNotFound(let id): message = l.text(.storeCustomerNotFound, ["id": .string(id)])
        case .itemNotFound(let id): message = l.text(.storeItemNotFound, ["id": .string(id)])
        case .invalidImport(let detail): message = l.text(.storeInvalidImport, ["detail": .string(detail)])
        case .importRejected(let problem, let position):
            let place = (file ?? "-") + (position.map { ":\($0.line):\($0.column)" } ?? "")
            message = l.text(
                SafetyText.importRejected, ["file": .string(place), "problem": .string(l.describe(problem))])
        case .invalidValue(let field, let value, let problem):
            message = l.text(
                SafetyText.recordInvalid,
                ["field": .string(l.name(of: field)), "value": .string(value), "problem": .string(l.describe(problem))])
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

    /// An audited action as people call it (`remove-relationship` → "Remove the reseller
    /// relationship"); an action this version does not know keeps its name.
    func name(ofAction raw: String) -> String {
        let key = "audit.action." + raw
        return template(key) == key ? raw : text(key: key, [:])
    }

    /// Why an action was refused, or what it warned of, in a few words: a refusal's or warning's
    /// message key (`refusal.active-subscriptions`) as `audit.reason.active-subscriptions`.
    func name(ofReason raw: String) -> String {
        let key = "audit.reason." + (raw.split(separator: ".").last.map(String.init) ?? raw)
        return template(key) == key ? raw : text(key: key, [:])
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

extension Localizer {
    func name(of field: RecordField) -> String {
        switch field {
        case .operatorName: text(SafetyText.fieldOperator)
        case .customerID: text(SafetyText.fieldCustomer)
        case .itemID: text(SafetyText.fieldItem)
        case .name: text(SafetyText.fieldName)
        }
    }

    func describe(_ problem: RecordValueProblem) -> String {
        switch problem {
        case .empty: text(SafetyText.problemEmpty)
        case .controlCharacter: text(SafetyText.problemControl)
        case .tooLong: text(SafetyText.problemTooLong, ["limit": .int(RecordValue.maxBytes)])
        case .surroundingSpace: text(SafetyText.problemSpaces)
        }
    }

    func name(of kind: ImportValueKind) -> String {
        switch kind {
        case .string: text(SafetyText.kindString)
        case .wholeNumber: text(SafetyText.kindWholeNumber)
        case .number: text(SafetyText.kindNumber)
        case .boolean: text(SafetyText.kindBoolean)
        case .object: text(SafetyText.kindObject)
        case .array: text(SafetyText.kindArray)
        case .null: text(SafetyText.kindNull)
        }
    }

    func describe(_ problem: ImportProblem) -> String {
        switch problem {
        case .notJSON(let detail): text(SafetyText.importNotJSON, ["detail": .string(detail)])
        case .notACollection: text(SafetyText.importNotCollection)
        case .missing(let path): text(SafetyText.importMissing, ["path": .string(path)])
        case .wrongType(let path, let expected, let found):
            text(
                SafetyText.importWrongType,
                ["path": .string(path), "expected": .string(name(of: expected)), "found": .string(name(of: found))])
        case .outOfRange(let path, let value, let minimum, let maximum):
            text(
                SafetyText.importOutOfRange,
                [
                    "path": .string(path), "value": .string(value), "minimum": .string(String(minimum)),
                    "maximum": .string(String(maximum)),
                ])
        case .invalidValue(let path, let problem):
            text(SafetyText.importInvalidValue, ["path": .string(path), "problem": .string(describe(problem))])
        case .duplicate(let path, let first, let id):
            text(SafetyText.importDuplicate, ["path": .string(path), "first": .string(first), "id": .string(id)])
        case .unknownStatus(let path, let value):
            text(SafetyText.importUnknownStatus, ["path": .string(path), "value": .string(value)])
        case .relationshipRemoved(let id, let name):
            text(SafetyText.importRelationshipRemoved, ["id": .string(id), "name": .string(name)])
        case .otherPartner(let id, let name, let owner, let partner):
            text(
                SafetyText.importOtherPartner,
                ["id": .string(id), "name": .string(name), "owner": .string(owner), "partner": .string(partner)])
        case .itemOfOtherCustomer(let id, let name, let owner, let ownerName, let customer):
            text(
                SafetyText.importItemOfOtherCustomer,
                [
                    "id": .string(id), "name": .string(name), "owner": .string(owner), "ownerName": .string(ownerName),
                    "customer": .string(customer),
                ])
        }
    }
}
