import Foundation
import HTTPServer
import WebhookCore

/// `POST|PUT|PATCH /inbox/{token}`: anyone holding an inbox's URL may send it a request, which is stored
/// (bounded by ``InboxLimits``) and answered `200 OK` at once. An unknown, malformed or expired token is 404.
///
/// The `Cookie` header is stored masked: a browser on this origin would send the dashboard's session cookie along,
/// and the inbox's owner must never read another user's session. GET is not a receiving method (405), so opening
/// the URL in a browser stores nothing.
struct InboxReceiveRoute: Sendable {
    let environment: APIEnvironment

    static let path = "/inbox/{token}"

    func register(on routes: APIRouter) {
        for method in [HTTPMethod.post, .put, .patch] {
            routes.on(method, Self.path, access: .public) { request, context, _ in
                guard let token = context.parameter("token"), InboxToken.isWellFormed(token) else {
                    throw APIError.notFound("Inbox")
                }
                let (headers, headersCut) = Self.keptHeaders(request.headers)
                let body = Array(request.body.prefix(InboxLimits.bodyBytes))
                let truncated = headersCut || body.count < request.body.count
                let stored = try environment.database.transaction { session in
                    try session.inboxes.receive(
                        tokenHash: InboxToken.hash(token), method: request.method.rawValue, path: request.path,
                        query: request.query, headers: headers, body: body, size: request.body.count,
                        truncated: truncated, keep: InboxLimits.requestsPerInbox)
                }
                guard stored != nil else { throw APIError.notFound("Inbox") }
                return HTTPResponse.text(.ok, "OK")
            }
        }
    }

    /// The headers as kept: at most ``InboxLimits/headerCount`` of them, `Cookie` masked; whether any was cut.
    static func keptHeaders(_ headers: HTTPHeaders) -> ([(name: String, value: String)], Bool) {
        var cut = headers.count > InboxLimits.headerCount
        let kept = headers.prefix(InboxLimits.headerCount).map { header -> (name: String, value: String) in
            if header.name.lowercased() == "cookie" { return (header.name, WebhookHeader.maskedValue) }
            if header.value.utf8.count > InboxLimits.headerValueBytes { cut = true }
            return (header.name, header.value)
        }
        return (kept, cut)
    }
}
