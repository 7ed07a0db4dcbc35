import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded

@testable import WaymarkServer

/// Requests handed straight to the web app's router, with no socket between: what the route tests
/// need, without a whole HTTP client (and the dozen packages it would add to the test build).
/// The end-to-end path through a real server and a real browser is `WebBrowserTests`'.
struct RouterClient: Sendable {
    let responder: RouterResponder<WebContext>
    let logger: Logger

    /// A response as the tests read it.
    struct Response: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer
    }

    func execute(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil)
        async throws -> Response
    {
        var fields = headers
        if let body { fields[.contentLength] = String(body.readableBytes) }
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: fields),
            body: RequestBody(buffer: body ?? ByteBuffer()))
        let context = WebContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: logger))
        let response: Hummingbird.Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            // An error no middleware turned into a response is a 500 here, as it was through
            // HummingbirdTesting's router client (`ProblemPresenter` answers the app's own errors).
            response = Hummingbird.Response(status: .internalServerError)
        }
        let collected = Collected()
        try await response.body.write(collected)
        return Response(status: response.status, headers: response.headers, body: collected.box.buffer)
    }

    /// Gathers a response body's parts.
    private struct Collected: ResponseBodyWriter {
        final class Box: @unchecked Sendable { var buffer = ByteBuffer() }
        let box = Box()
        mutating func write(_ buffer: ByteBuffer) async throws {
            var part = buffer
            box.buffer.writeBuffer(&part)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
