import Foundation

/// A `postgres://user[:password]@host[:port]/database[?sslmode=…&host=/socket/folder]` URL, as libpq
/// reads it (also `postgresql://`). The password is kept for connecting and never shown:
/// `redacted` is what messages, logs and the audit name.
public struct PostgresURL: Sendable, Hashable {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// A folder holding the server's Unix socket (`?host=/run/postgresql` or a host starting with
    /// `/`): the connection goes there instead of to `host`:`port`.
    public var socketFolder: String?

    /// The URL without its password.
    public var redacted: String {
        var text = "postgres://" + Self.encode(user) + "@" + (socketFolder == nil ? host : "")
        if socketFolder == nil, port != 5432 { text += ":\(port)" }
        text += "/" + Self.encode(database)
        var query: [String] = []
        if let socketFolder { query.append("host=" + socketFolder) }
        if sslMode != .prefer { query.append("sslmode=" + sslMode.rawValue) }
        return query.isEmpty ? text : text + "?" + query.joined(separator: "&")
    }

    /// Whether `text` names a PostgreSQL database rather than a file.
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Reads `text`; a malformed URL is `.invalidLocation` naming what is wrong (never the password).
    public static func parse(_ text: String) throws(StoreError) -> PostgresURL {
        func invalid(_ reason: String) -> StoreError { .invalidLocation(Self.redact(text), reason: reason) }
        guard let schemeEnd = text.range(of: "://") else { throw invalid("no scheme") }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else { throw invalid("unknown scheme \(scheme)") }
        var rest = Substring(text[schemeEnd.upperBound...])
        var queryText: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            queryText = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        if rest.contains("#") { throw invalid("a fragment (#) is not allowed") }
        var authority = rest
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }
        var user = ""
        var password: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = info.firstIndex(of: ":") {
                user = try decode(info[..<colon], invalid)
                password = try decode(info[info.index(after: colon)...], invalid)
            } else {
                user = try decode(info, invalid)
            }
        }
        var host = ""
        var port = 5432
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw invalid("an unclosed [ in the host") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                port = try Self.port(after.dropFirst(), invalid)
            } else if !after.isEmpty {
                throw invalid("text after the host")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = try decode(hostPort[..<colon], invalid)
            port = try Self.port(hostPort[hostPort.index(after: colon)...], invalid)
        } else {
            host = try decode(hostPort, invalid)
        }
        var url = PostgresURL(
            user: user, password: password, host: host, port: port, database: try decode(path, invalid),
            sslMode: .prefer, socketFolder: host.hasPrefix("/") ? host : nil)
        for pair in queryText.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decode(parts[0], invalid)
            let value = parts.count > 1 ? try decode(parts[1], invalid) : ""
            switch key {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else { throw invalid("unknown sslmode \(value)") }
                url.sslMode = mode
            case "host":
                if value.hasPrefix("/") { url.socketFolder = value } else { url.host = value }
            case "port": url.port = try Self.port(Substring(value), invalid)
            case "user": url.user = value
            case "password": url.password = value
            case "dbname": url.database = value
            case "application_name", "connect_timeout": break
            default: throw invalid("unknown parameter \(key)")
            }
        }
        if url.host.isEmpty && url.socketFolder == nil { url.host = "localhost" }
        if url.user.isEmpty {
            url.user =
                ProcessInfo.processInfo.environment["PGUSER"] ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        }
        if url.password == nil { url.password = ProcessInfo.processInfo.environment["PGPASSWORD"] }
        guard !url.user.isEmpty else { throw invalid("no user") }
        if url.database.isEmpty { url.database = url.user }
        return url
    }

    private static func port(_ text: Substring, _ invalid: (String) -> StoreError) throws(StoreError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else { throw invalid("the port is not 1 to 65535") }
        return port
    }

    private static func decode(_ text: Substring, _ invalid: (String) -> StoreError) throws(StoreError) -> String {
        guard let decoded = String(text).removingPercentEncoding else { throw invalid("a bad %-escape") }
        guard !decoded.contains("\0") else { throw invalid("a NUL character") }
        return decoded
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/"))) ?? text
    }

    /// `text` with its password (between `://user:` and `@`, or a `password=` parameter) replaced
    /// by `***`, for a message about a URL that could not be read; with `marker` nil, left out.
    public static func redact(_ text: String, marker: String? = "***") -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        var rest = Substring(text[schemeEnd.upperBound...])
        var shown = String(text[..<schemeEnd.upperBound])
        // The user part ends at the last @: a password written unescaped may hold / ? or @.
        if let at = rest.lastIndex(of: "@") {
            let info = rest[..<at]
            if let colon = info.firstIndex(of: ":") {
                shown += String(info[..<colon]) + (marker.map { ":" + $0 } ?? "")
            } else {
                shown += String(info)
            }
            rest = rest[at...]
        }
        guard let question = rest.firstIndex(of: "?") else { return shown + rest }
        shown += rest[..<question]
        var kept: [String] = []
        for pair in rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false) {
            if pair.hasPrefix("password=") {
                if let marker { kept.append("password=" + marker) }
            } else {
                kept.append(String(pair))
            }
        }
        return kept.isEmpty ? shown : shown + "?" + kept.joined(separator: "&")
    }

}
