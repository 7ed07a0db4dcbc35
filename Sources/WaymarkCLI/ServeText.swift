import WaymarkLocalization

/// Texts of `waymark serve` and `waymark operators`, by stable key with their English source
/// text, like `UIString`. The web app's own pages say theirs through `WebText`.
enum ServeText: String, CaseIterable {
    case helpServeAbstract = "cli.help.serve.abstract"
    case helpHost = "cli.help.serve.host"
    case helpPort = "cli.help.serve.port"
    case portInvalid = "cli.serve.port-invalid"
    case listening = "cli.serve.listening"
    case stopped = "cli.serve.stopped"
    case cannotListen = "cli.serve.cannot-listen"
    case helpOperatorsAbstract = "cli.help.operators.abstract"
    case helpOperatorsAdd = "cli.help.operators.add"
    case helpOperatorsList = "cli.help.operators.list"
    case helpOperatorsRemove = "cli.help.operators.remove"
    case helpOperatorName = "cli.help.operators.name"
    case helpPasswordStdin = "cli.help.operators.password-stdin"
    case passwordStdinNeeded = "cli.operators.password-stdin-needed"
    case passwordUnreadable = "cli.operators.password-unreadable"
    case passwordLength = "cli.operators.password-length"
    case operatorAdded = "cli.operators.added"
    case operatorRemoved = "cli.operators.removed"
    case operatorLine = "cli.operators.line"
    case operatorsNone = "cli.operators.none"
    case operatorExists = "store.operator-exists"
    case operatorNotFound = "store.operator-not-found"

    var english: String {
        switch self {
        case .helpServeAbstract:
            "Serve the guided walkthrough, the customers and the docs search to browsers, with a JSON API."
        case .helpHost: "The address to listen on (loopback unless you say otherwise)."
        case .helpPort: "The port to listen on; 0 picks a free one."
        case .portInvalid: "The port must be from 0 to 65535, not {port}."
        case .listening: "Waymark is listening on {url} (store: {store}). Ctrl-C stops it."
        case .stopped: "Waymark stopped; every request in flight was answered."
        case .cannotListen: "cannot serve on {host} port {port}: {reason}"
        case .helpOperatorsAbstract: "Add, list and remove the operators who may sign in to the web app."
        case .helpOperatorsAdd: "Add an operator with a role and a password read from standard input."
        case .helpOperatorsList: "List the operators and their roles."
        case .helpOperatorsRemove: "Remove an operator and sign out their browsers."
        case .helpOperatorName: "The operator's name, as they sign in with it."
        case .helpPasswordStdin: "Read the password from standard input (one line), never from the command line."
        case .passwordStdinNeeded:
            "Give the password on standard input with --password-stdin (a password on the command line would stay in the shell's history)."
        case .passwordUnreadable: "The password on standard input is not UTF-8 text."
        case .passwordLength: "A password must be at least 8 characters and at most 72 bytes."
        case .operatorAdded: "Added operator {name} ({role})."
        case .operatorRemoved: "Removed operator {name}; their browsers are signed out."
        case .operatorLine: "{name}  {role}  since {created}"
        case .operatorsNone: "No operators yet: add one with `waymark operators add NAME --role ROLE --password-stdin`."
        case .operatorExists:
            "There is already an operator named {name}; remove them first to change the role or password."
        case .operatorNotFound: "There is no operator named {name}."
        }
    }
}

extension Localizer {
    func text(_ key: ServeText, _ arguments: [String: MessageArgument] = [:]) -> String {
        text(key: key.rawValue, arguments)
    }
}
