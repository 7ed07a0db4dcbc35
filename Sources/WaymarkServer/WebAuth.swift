internal import Crypto
import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import HummingbirdBcrypt
import WaymarkCore
import WaymarkRelationships
import WaymarkWebInput

/// The cookie's token and what the store keeps of it.
enum SessionToken {
    /// 32 random bytes in hex, from the system's secure generator.
    static func new() -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The SHA-256 of `token`, in hex: the session's id in the store.
    static func id(of token: String) -> String { hex(Array(SHA256.hash(data: Array(token.utf8)))) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Passwords, as bcrypt hashes.
public enum OperatorPassword {
    /// The work factor of new hashes: `WAYMARK_BCRYPT_COST` (4 to 16, for tests and slow
    /// machines), else 12.
    public static func cost(environment: [String: String] = ProcessInfo.processInfo.environment) -> UInt8 {
        if let text = environment["WAYMARK_BCRYPT_COST"], let n = UInt8(text), (4...16).contains(n) { return n }
        return 12
    }

    public static func hash(_ password: String, cost: UInt8 = OperatorPassword.cost()) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// Checked against when the name is unknown, so that a wrong name takes as long as a wrong
    /// password.
    static let decoy = Bcrypt.hash("waymark-decoy", cost: cost())
}

extension WebApp {
    /// What a sign-in leads to: a session (with the cookie's token) or a refusal.
    enum SignInOutcome {
        case signedIn(token: String, session: WebSessionRecord)
        case failed
        case limited(minutes: Int)
    }

    /// Checks the password (off the event loop), counting failures per name and address.
    func signIn(name: String, password: String, address: String, previous: String?) async throws -> SignInOutcome {
        let store = self.store
        let window = configuration.signInWindow
        let since = AuditClock.string(Date().addingTimeInterval(-window))
        guard RecordValue.problem(name) == nil, !password.isEmpty, password.utf8.count <= 1024 else {
            return .failed
        }
        let state = try await blocking { try store.signInState(operatorName: name, address: address, since: since) }
        if state.recentFailures >= configuration.signInAttempts {
            return .limited(minutes: Int((window / 60).rounded(.up)))
        }
        let hash = state.record?.passwordHash
        let good = try await blocking { OperatorPassword.verify(password, hash: hash ?? OperatorPassword.decoy) }
        guard good, hash != nil, state.record != nil else {
            try await blocking { try store.recordSignInFailure(operatorName: name, address: address) }
            return .failed
        }
        let token = SessionToken.new()
        let now = Date()
        let session = WebSessionRecord(
            id: SessionToken.id(of: token), operatorName: name, formToken: SessionToken.new(), locale: nil,
            created: AuditClock.string(now),
            expires: AuditClock.string(now.addingTimeInterval(configuration.sessionLifetime)))
        try await blocking { try store.startWebSession(session, replacing: previous, address: address) }
        return .signedIn(token: token, session: session)
    }

    /// The session cookie: not readable by scripts, sent only to this site, `Secure` when the
    /// request came over TLS (directly or through a proxy that says so), gone when the session ends.
    func sessionCookie(_ token: String, _ request: Request) -> String {
        var cookie =
            "\(WebApp.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(configuration.sessionLifetime))"
        if WebApp.overTLS(request) { cookie += "; Secure" }
        return cookie
    }

    func clearedCookie(_ request: Request) -> String {
        "\(WebApp.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
            + (WebApp.overTLS(request) ? "; Secure" : "")
    }

    static func overTLS(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    func previousSession(_ request: Request) -> String? {
        request.headers[.cookie].map(WebInput.cookies)?[WebApp.cookieName].map(SessionToken.id(of:))
    }
}
