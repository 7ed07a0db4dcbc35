import ArgumentParser
import Foundation
import WaymarkCore
import WaymarkLocalization
import WaymarkRelationships
import WaymarkStorePostgres
import WaymarkStoreSQLite
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
        guard let value = busyTimeoutIfValid(environment) else {
            let l = Localizer.current
            Present.error(
                l.text(SafetyText.busyTimeoutInvalid, ["value": .string(environment["WAYMARK_BUSY_TIMEOUT"] ?? "")]), l)
            throw ExitStatus.usage
        }
        return value
    }

    /// `busyTimeout` without a word: `nil` when the setting is not valid.
    static func busyTimeoutIfValid(_ environment: [String: String]) -> TimeInterval? {
        guard let text = environment["WAYMARK_BUSY_TIMEOUT"] else { return 5 }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, (0...3600).contains(value)
        else { return nil }
        return value
    }

    /// The store `--db` names, else `WAYMARK_DB`, else the default SQLite file.
    var location: String { StoreOptions.location(database: database) }

    /// The store `database` names, else `WAYMARK_DB`, else the default SQLite file.
    static func location(database: String?) -> String {
        database ?? WaymarkCommand.environment["WAYMARK_DB"].flatMap { $0.isEmpty ? nil : $0 }
            ?? RelationshipStore.defaultPath(environment: WaymarkCommand.environment)
    }

    /// Opens the store, loading the demo data into a new SQLite store; errors are printed, localized.
    ///
    /// `forReading`: the command only reads. An SQLite store this user cannot write (the file or
    /// its folder read-only) is then opened read-only, creating no file, and gets no demo data. A
    /// PostgreSQL store starts empty: a team's database gets only the data it is given.
    /// `connections`: how many transactions may run at once on a PostgreSQL store (the server's).
    func open(forReading: Bool = false, connections: Int = 1) throws -> RelationshipStore {
        try prepared(StoreOptions.open(location, forReading: forReading, connections: connections))
    }

    /// An opened store, with the demo data loaded into it when it is a new SQLite store.
    func prepared(_ store: RelationshipStore) throws -> RelationshipStore {
        let path = store.location
        do {
            if store.backend is SQLiteBackend, !store.readOnly, try store.isEmpty, let demo = try? DemoData.load(),
                try store.loadIfEmpty(demo, by: DemoData.system)
            {
                let l = Localizer.current
                Present.note(l.text(.storeDemoLoaded, ["path": .string(path), "count": .int(demo.customers.count)]), l)
            }
            return store
        } catch {
            throw StoreFailure.report(error)
        }
    }

    /// Opens the store at `location`, a file path or a `postgres://` URL, without loading anything.
    /// A URL of another scheme is a usage error: it is never taken for a file name.
    static func open(_ location: String, forReading: Bool = false, connections: Int = 1) throws -> RelationshipStore {
        let environment = WaymarkCommand.environment
        let attempts = try StoreOptions.attempts(environment)
        do {
            if PostgresURL.isPostgres(location) {
                let url = try PostgresURL.parse(location)
                return RelationshipStore(
                    backend: try PostgresBackend(url: url, connections: connections), attempts: attempts)
            }
            if let scheme = StoreOptions.urlScheme(location) {
                throw StoreError.invalidLocation(PostgresURL.redact(location), reason: "unknown scheme \(scheme)")
            }
            let timeout = try StoreOptions.busyTimeout(environment)
            let folder = (location as NSString).deletingLastPathComponent
            let readOnly =
                forReading && FileManager.default.fileExists(atPath: location)
                && (access(location, W_OK) != 0 || access(folder.isEmpty ? "." : folder, W_OK) != 0)
            return RelationshipStore(
                backend: try SQLiteBackend(path: location, busyTimeout: timeout, readOnly: readOnly),
                attempts: attempts)
        } catch StoreError.invalidLocation(let shown, let reason) {
            let l = Localizer.current
            Present.error(
                l.text(StoreText.invalidLocation, ["location": .string(shown), "reason": .string(reason)]), l)
            throw ExitStatus.usage
        } catch let error as ExitCode {
            throw error
        } catch {
            throw StoreFailure.report(error)
        }
    }

    /// The scheme of `text` when it is written as a URL (`scheme://…`).
    static func urlScheme(_ text: String) -> String? {
        guard let end = text.range(of: "://") else { return nil }
        let scheme = text[..<end.lowerBound]
        guard let first = scheme.first, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return String(scheme)
    }

    /// How many times a change is tried when the database reports a conflict: `WAYMARK_RETRIES`
    /// (1 to 100), else 8.
    static func attempts(_ environment: [String: String]) throws -> Int {
        guard let value = attemptsIfValid(environment) else {
            let l = Localizer.current
            Present.error(l.text(StoreText.retriesInvalid, ["value": .string(environment["WAYMARK_RETRIES"] ?? "")]), l)
            throw ExitStatus.usage
        }
        return value
    }

    /// `attempts` without a word: `nil` when the setting is not valid.
    static func attemptsIfValid(_ environment: [String: String]) -> Int? {
        guard let text = environment["WAYMARK_RETRIES"] else { return RelationshipStore.defaultAttempts }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), (1...100).contains(value) else { return nil }
        return value
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
                WalkText.leaseHeld,
                [
                    "customer": .string(customer ?? "-"), "holder": .string(holder), "host": .string(host),
                    "since": .string(since), "session": .string(session),
                ])
        case .sessionLost(let session, let state, let by, let since):
            if state == "taken-over" {
                message = l.text(
                    WalkText.leaseLost,
                    ["session": .string(session), "holder": .string(by ?? "-"), "since": .string(since ?? "-")])
            } else {
                let name =
                    switch state {
                    case "abandoned": l.text(.sessionStateAbandoned)
                    case "finished": l.text(.sessionStateFinished)
                    default: l.text(WalkText.sessionStateDeleted)
                    }
                message = l.text(WalkText.sessionEnded, ["session": .string(session), "state": .string(name)])
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
        case .conflict(let location, let attempts):
            message = l.text(StoreText.conflict, ["path": .string(location), "attempts": .int(attempts)])
        case .unreachable(let host, let port, let reason):
            message = l.text(
                StoreText.unreachable,
                ["host": .string(host), "port": .string(String(port)), "reason": .string(reason)])
        case .targetNotEmpty(let location, let counts):
            let held = counts.named.filter { $0.count > 0 }.map {
                l.text(
                    StoreText.checkCount, ["name": .string(StoreCommand.name(of: $0.name)), "count": .int($0.count)])
            }
            message = l.text(
                StoreText.targetNotEmpty, ["path": .string(location), "detail": .string(held.joined(separator: ", "))])
        case .invalidLocation(let location, let reason):
            message = l.text(StoreText.invalidLocation, ["location": .string(location), "reason": .string(reason)])
        case .operatorExists(let name): message = l.text(ServeText.operatorExists, ["name": .string(name)])
        case .operatorNotFound(let name): message = l.text(ServeText.operatorNotFound, ["name": .string(name)])
        case .refused(let reasons):
            for reason in reasons { StandardError.write("  " + l.describe(reason)) }
            return ExitStatus.findings
        case nil: message = "\(error)"
        }
        Present.error(message, l)
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

/// An SQLite store that exists already, opened on another thread while the command does work
/// that does not need it (the walkthrough parses its article meanwhile). Anything unusual (no
/// file yet, a PostgreSQL URL, settings from the environment that are not valid, an error while
/// opening) leaves it to the command's own `open()`, which says what is wrong as it always has.
final class StoreOpening: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once on the opening thread before `done` is signalled; read after waiting for it.
    private var store: RelationshipStore?

    init?(_ location: String) {
        let environment = WaymarkCommand.environment
        guard !PostgresURL.isPostgres(location), StoreOptions.urlScheme(location) == nil,
            StoreOpening.size(of: location) > 0,
            access(location, W_OK) == 0, let busyTimeout = StoreOptions.busyTimeoutIfValid(environment),
            let tries = StoreOptions.attemptsIfValid(environment)
        else { return nil }
        Thread.detachNewThread { [self] in
            store = try? RelationshipStore(
                backend: SQLiteBackend(path: location, busyTimeout: busyTimeout), attempts: tries)
            done.signal()
        }
    }

    /// The size of the file at `path`, 0 when there is none. (`stat` directly: Foundation's file
    /// attributes are a dictionary of `Any` whose cast costs the walkthrough's start a scan of
    /// the program's protocol conformances.)
    static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
    }

    /// The store, once opened; `nil` when opening it failed.
    func wait() -> RelationshipStore? {
        done.wait()
        return store
    }
}
