import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A process of ours running in the background for a test (`waymark serve`, `chromedriver`),
/// stopped with SIGTERM (then SIGKILL) when the test is done.
public final class BackgroundProcess: @unchecked Sendable {
    public let process = Process()
    private let output = Pipe()
    private let lock = NSLock()
    private var collected = Data()

    /// Starts `executable arguments…` with `environment` added.
    public init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] { env[key] = nil }
        env["LANG"] = "en_US.UTF-8"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.collected.append(data) }
        }
        try process.run()
    }

    /// Everything it printed so far (standard output and error together).
    public var printed: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    /// Waits until what it printed matches `pattern` (a regular expression); the first match.
    public func wait(for pattern: String, timeout: TimeInterval = 60) throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = printed
            if let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let range = Range(match.range, in: text)
            {
                return String(text[range])
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw BrowserError(description: "waited for \(pattern); it printed: \(printed)")
    }

    /// SIGTERM, then SIGKILL after `grace` seconds; the exit status.
    @discardableResult
    public func stop(grace: TimeInterval = 10) -> Int32 {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)
        output.fileHandleForReading.readabilityHandler = nil
        return process.terminationStatus
    }

    deinit { if process.isRunning { stop(grace: 2) } }

    /// A TCP port nobody listens on now.
    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct BrowserError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// A small HTTP client for tests: JSON or form bodies, a cookie jar of one cookie.
public final class HTTPTestClient: @unchecked Sendable {
    public let base: String
    public var cookie: String?

    public init(base: String) { self.base = base.hasSuffix("/") ? String(base.dropLast()) : base }

    public struct Answer: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String
        public var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
    }

    public func send(_ method: String, _ path: String, json: Any? = nil, headers: [String: String] = [:]) throws
        -> Answer
    {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer: Answer?
        nonisolated(unsafe) var failure: (any Error)?
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields {
                    headers[String(describing: k).lowercased()] = String(describing: v)
                }
                answer = Answer(
                    status: http.statusCode, headers: headers, body: String(decoding: data ?? Data(), as: UTF8.self))
            } else {
                failure = error ?? BrowserError(description: "no answer from \(path)")
            }
            done.signal()
        }
        task.resume()
        done.wait()
        if let failure { throw failure }
        guard let answer else { throw BrowserError(description: "no answer") }
        if let set = answer.headers["set-cookie"], let first = set.split(separator: ";").first {
            cookie = String(first)
        }
        return answer
    }
}

/// Speaks to chromedriver through `curl`: chromedriver writes its headers without the space
/// after the colon, which Foundation's HTTP client on Linux refuses.
enum DriverHTTP {
    static func send(_ method: String, _ url: String, json: Any?) throws -> (status: Int, body: Any?, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var arguments = ["-s", "-S", "-X", method, "-w", "\n%{http_code}", "--max-time", "120"]
        if json != nil { arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"] }
        process.arguments = arguments + [url]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let json { input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: json)) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let newline = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: newline)...]) else {
            throw BrowserError(description: "curl \(method) \(url): \(text)")
        }
        let body = String(text[..<newline])
        return (status, try? JSONSerialization.jsonObject(with: Data(body.utf8)), body)
    }
}

/// Headless Chromium driven through WebDriver (Debian's `chromedriver`).
public final class Browser: @unchecked Sendable {
    let driver: BackgroundProcess
    let base: String
    let session: String
    /// The browser's profile, a folder of its own that `quit` removes.
    let profile: URL

    /// The paths of Debian's Chromium and its driver, when installed.
    public static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    }

    /// A browser whose preferred languages are `languages` (`Accept-Language`).
    public init(languages: String, width: Int = 1280, height: Int = 900) throws {
        let port = BackgroundProcess.freePort()
        driver = try BackgroundProcess(URL(fileURLWithPath: "/usr/bin/chromedriver"), ["--port=\(port)"])
        _ = try driver.wait(for: "started successfully|ChromeDriver was started")
        base = "http://127.0.0.1:\(port)"
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "waymark-chrome-\(UUID().uuidString)")
        self.profile = profile
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": "/usr/bin/chromium",
                        "args": [
                            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--window-size=\(width),\(height)", "--lang=\(languages.split(separator: ",")[0])",
                            "--user-data-dir=\(profile.path)", "--force-device-scale-factor=1",
                        ],
                        "prefs": ["intl.accept_languages": languages],
                    ],
                ]
            ]
        ]
        let answer = try DriverHTTP.send("POST", base + "/session", json: capabilities)
        guard let value = (answer.body as? [String: Any])?["value"] as? [String: Any],
            let id = value["sessionId"] as? String
        else {
            driver.stop()
            try? FileManager.default.removeItem(at: profile)
            throw BrowserError(description: "no WebDriver session: \(answer.text)")
        }
        session = id
    }

    @discardableResult
    func command(_ method: String, _ path: String, _ body: Any? = nil) throws -> Any? {
        let answer = try DriverHTTP.send(
            method, base + "/session/\(session)" + path, json: body ?? (method == "POST" ? [String: Any]() : nil))
        let value = (answer.body as? [String: Any])?["value"]
        if answer.status >= 400 {
            throw BrowserError(description: "\(method) \(path): \(answer.status) \(answer.text.prefix(400))")
        }
        return value
    }

    public func open(_ url: String) throws { try command("POST", "/url", ["url": url]) }

    public var url: String { get throws { try command("GET", "/url") as? String ?? "" } }

    public var source: String { get throws { try command("GET", "/source") as? String ?? "" } }

    /// Evaluates `script` in the page (WebDriver's own channel, not subject to the page's CSP).
    public func evaluate(_ script: String) throws -> Any? {
        try command("POST", "/execute/sync", ["script": script, "args": []])
    }

    func element(_ css: String) throws -> String {
        guard let value = try command("POST", "/element", ["using": "css selector", "value": css]) as? [String: Any],
            let id = value.values.first as? String
        else { throw BrowserError(description: "no element \(css)") }
        return id
    }

    public func exists(_ css: String) throws -> Bool {
        let found = try command("POST", "/elements", ["using": "css selector", "value": css]) as? [Any]
        return !(found ?? []).isEmpty
    }

    /// Whether an element `css` is in the page within `seconds`: after a click that submits a
    /// form, the next page may not have been loaded when the click returns.
    public func appears(_ css: String, within seconds: Double = 10) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if try exists(css) { return true }
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// The page's address once `matches` accepts it, or the last one seen after `seconds`: as
    /// `appears`, for a click that leads to another page.
    public func url(within seconds: Double = 30, where matches: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let now = try url
            if matches(now) || Date() > deadline { return now }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    public func click(_ css: String) throws { try command("POST", "/element/\(try element(css))/click") }

    public func type(_ css: String, _ text: String) throws {
        try command("POST", "/element/\(try element(css))/value", ["text": text])
    }

    public func text(_ css: String) throws -> String {
        try command("GET", "/element/\(try element(css))/text") as? String ?? ""
    }

    /// Chooses the option with `value` in the select `css`.
    public func select(_ css: String, value: String) throws {
        try click("\(css) option[value=\"\(value)\"]")
    }

    /// Presses a key (`Key.enter`, `Key.right`, …) where the focus is.
    public func press(_ key: String) throws {
        try command(
            "POST", "/actions",
            [
                "actions": [
                    [
                        "type": "key", "id": "keyboard",
                        "actions": [["type": "keyDown", "value": key], ["type": "keyUp", "value": key]],
                    ]
                ]
            ])
    }

    public enum Key {
        public static let enter = "\u{E007}"
        public static let left = "\u{E012}"
        public static let right = "\u{E014}"
        public static let tab = "\u{E004}"
    }

    public func resize(width: Int, height: Int) throws {
        try command("POST", "/window/rect", ["width": width, "height": height])
    }

    /// A PNG of the viewport.
    public func screenshot(to file: URL) throws {
        guard let base64 = try command("GET", "/screenshot") as? String, let data = Data(base64Encoded: base64) else {
            throw BrowserError(description: "no screenshot")
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    public func quit() {
        _ = try? DriverHTTP.send("DELETE", base + "/session/\(session)", json: nil)
        driver.stop()
        try? FileManager.default.removeItem(at: profile)
    }
}
