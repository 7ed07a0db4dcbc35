import WaymarkLocalization

/// Texts of the guarantees against careless and hostile input (store values, imports, the
/// walk's input and its lease, what validation may write), by stable key with their English
/// source text, like `UIString`.
enum SafetyText: String, CaseIterable {
    case dbEmpty = "cli.db-empty"
    case busyTimeoutInvalid = "cli.busy-timeout-invalid"
    case storeVanished = "store.vanished"
    case recordInvalid = "record.invalid"
    case fieldOperator = "record.field.operator"
    case fieldCustomer = "record.field.customer"
    case fieldItem = "record.field.item"
    case fieldName = "record.field.name"
    case problemEmpty = "record.problem.empty"
    case problemControl = "record.problem.control"
    case problemTooLong = "record.problem.too-long"
    case problemSpaces = "record.problem.spaces"
    case importRejected = "import.rejected"
    case importNotJSON = "import.not-json"
    case importNotCollection = "import.not-collection"
    case importMissing = "import.missing"
    case importWrongType = "import.wrong-type"
    case kindString = "import.kind.string"
    case kindWholeNumber = "import.kind.whole-number"
    case kindNumber = "import.kind.number"
    case kindBoolean = "import.kind.boolean"
    case kindObject = "import.kind.object"
    case kindArray = "import.kind.array"
    case kindNull = "import.kind.null"
    case importOutOfRange = "import.out-of-range"
    case importInvalidValue = "import.invalid-value"
    case importDuplicate = "import.duplicate"
    case importUnknownStatus = "import.unknown-status"
    case importRelationshipRemoved = "import.relationship-removed"
    case importOtherPartner = "import.other-partner"
    case importItemOfOtherCustomer = "import.item-of-other-customer"
    case importChanges = "import.changes"
    case validateWritesInput = "validate.writes-input"
    case roleArticle = "validate.role.article"
    case roleConfig = "validate.role.config"
    case roleBaseline = "validate.role.baseline"
    case validateWritesTwice = "validate.writes-twice"
    case validateNotATree = "validate.not-a-tree"
    case reasonNotMarkdown = "validate.reason.not-markdown"
    case reasonNotRegular = "validate.reason.not-regular"
    case helpTakeOver = "cli.help.walk.take-over"
    case helpLimit = "cli.help.limit"
    case helpOffset = "cli.help.offset"
    case negativePaging = "cli.negative-paging"

    var english: String {
        switch self {
        case .dbEmpty: "--db needs the path of a store file; an empty one names none"
        case .busyTimeoutInvalid: "WAYMARK_BUSY_TIMEOUT must be a number of seconds from 0 to 3600, not \"{value}\""
        case .storeVanished: "{path} was deleted or replaced while Waymark was using it; this change was not saved"
        case .recordInvalid: "{field} \"{value}\" cannot be used: {problem}"
        case .fieldOperator: "operator name"
        case .fieldCustomer: "customer id"
        case .fieldItem: "item id"
        case .fieldName: "name"
        case .problemEmpty: "it is empty"
        case .problemControl: "it contains a control character"
        case .problemTooLong: "it is longer than {limit} bytes"
        case .problemSpaces: "it begins or ends with a space"
        case .importRejected: "{file}: {problem}; nothing was imported"
        case .importNotJSON: "not JSON: {detail}"
        case .importNotCollection: "expected a Customer collection: an object with \"items\" or an array"
        case .importMissing: "{path} is required but missing"
        case .importWrongType: "{path}: expected {expected}, found {found}"
        case .kindString: "a string"
        case .kindWholeNumber: "a whole number"
        case .kindNumber: "a number"
        case .kindBoolean: "true or false"
        case .kindObject: "an object"
        case .kindArray: "an array"
        case .kindNull: "null"
        case .importOutOfRange: "{path}: {value} is not a whole number from {minimum} to {maximum}"
        case .importInvalidValue: "{path}: {problem}"
        case .importDuplicate: "{path}: id \"{id}\" is already used at {first}"
        case .importUnknownStatus: "{path}: unknown status \"{value}\""
        case .importRelationshipRemoved:
            "customer {id} ({name}): its reseller relationship was removed; an import does not restore it"
        case .importOtherPartner:
            "customer {id} ({name}) belongs to partner {owner}, not {partner}; an import does not move it"
        case .importItemOfOtherCustomer:
            "subscription {id} ({name}) belongs to customer {owner} ({ownerName}), not to {customer}"
        case .importChanges:
            "customers: {added} added, {updated} updated; subscriptions: {subsAdded} added, {subsUpdated} updated; {unchanged} unchanged"
        case .validateWritesInput: "{path} is {role} of this run; Waymark does not write over it"
        case .roleArticle: "an article"
        case .roleConfig: "the configuration"
        case .roleBaseline: "the baseline it reads"
        case .validateWritesTwice: "{path} is named for both --output and --write-baseline"
        case .validateNotATree: "{path} is not a documentation tree or a Markdown article ({reason})"
        case .reasonNotMarkdown: "not a .md file"
        case .reasonNotRegular: "not a regular file or folder"
        case .helpTakeOver:
            "Take the customer's session over from the walk that holds it; that walk stops before its next change."
        case .helpLimit: "Show at most this many customers."
        case .helpOffset: "Skip this many customers first (with --limit, pages through the list)."
        case .negativePaging: "--limit and --offset take a number of customers, 0 or more"
        }
    }
}

extension Localizer {
    func text(_ key: SafetyText, _ arguments: [String: MessageArgument] = [:]) -> String {
        text(key: key.rawValue, arguments)
    }
}
