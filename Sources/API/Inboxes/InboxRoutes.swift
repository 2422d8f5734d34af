import Foundation
import HTTPServer
import Storage
import WebhookCore

/// `GET/POST /api/v1/inboxes`, `GET/DELETE /api/v1/inboxes/{inboxId}`, `GET .../requests` and
/// `POST .../requests/{requestId}/verify`: a tenant's test inboxes (webhook.site inside the product).
///
/// Every role reads and checks signatures; creating and deleting need a role that may write. Another tenant's
/// inbox, an expired one and a malformed id are all 404. The bounds are ``InboxLimits``.
struct InboxRoutes: Sendable {
    let environment: APIEnvironment

    static let collection = "/api/v1/inboxes"
    static let item = collection + "/{inboxId}"

    func register(on routes: APIRouter) {
        routes.on(.get, Self.collection, access: .authenticated) { request, _, caller in
            let inboxes = try environment.database.read { try $0.inboxes.list(tenantId: caller.tenantId) }
            let origin = origin(of: request)
            return Responses.json(.ok, [
                "inboxes": .array(try inboxes.map { try json($0, origin: origin) }),
                "total": .int(inboxes.count),
                "limit": .int(InboxLimits.inboxesPerTenant),
            ])
        }
        routes.on(.post, Self.collection, access: .writer) { request, _, caller in
            let name = try InboxJSON.name(from: request)
            let id = UUID()
            let token = InboxToken.generate()
            let sealed = environment.secretCipher.seal(token, webhookId: Inbox.sealingLabel(id))
            guard let inbox = try environment.database.transaction({ session in
                try session.inboxes.create(id: id, tenantId: caller.tenantId, name: name, tokenHash: InboxToken.hash(token),
                                           sealedToken: sealed, lifetimeSeconds: InboxLimits.lifetimeSeconds,
                                           limit: InboxLimits.inboxesPerTenant)
            }) else {
                throw APIError(.conflict, code: "inbox_limit_reached",
                               message: "A tenant may hold at most \(InboxLimits.inboxesPerTenant) inboxes; delete one first.")
            }
            return Responses.json(.created, InboxJSON.json(inbox, token: token, origin: origin(of: request)))
        }
        routes.on(.get, Self.item, access: .authenticated) { request, context, caller in
            let inbox = try find(context, caller)
            return Responses.json(.ok, try json(inbox, origin: origin(of: request)))
        }
        routes.on(.delete, Self.item, access: .writer) { _, context, caller in
            let id = try Responses.id(context, "inboxId", notFound: "Inbox")
            guard try environment.database.read({ try $0.inboxes.delete(tenantId: caller.tenantId, id: id) }) else {
                throw APIError.notFound("Inbox")
            }
            return HTTPResponse(status: .noContent)
        }
        routes.on(.get, Self.item + "/requests", access: .authenticated) { request, context, caller in
            let after = try InboxJSON.cursor(request)
            let inbox = try find(context, caller)
            let requests = try environment.database.read {
                try $0.inboxes.requests(tenantId: caller.tenantId, inboxId: inbox.id, after: after,
                                        limit: InboxLimits.requestsPerInbox)
            }
            let cursor = max(requests.first?.sequence ?? 0, after ?? 0)
            return Responses.json(.ok, [
                "requests": .array(requests.map(InboxJSON.json)),
                "cursor": .string(String(cursor)),
            ])
        }
        routes.on(.post, Self.item + "/requests/{requestId}/verify", access: .authenticated) { request, context, caller in
            let inboxId = try Responses.id(context, "inboxId", notFound: "Inbox")
            let requestId = try Responses.id(context, "requestId", notFound: "Request")
            let (secret, schemes) = try InboxJSON.verification(from: request)
            guard try environment.database.read({ try $0.inboxes.find(tenantId: caller.tenantId, id: inboxId) }) != nil else {
                throw APIError.notFound("Inbox")
            }
            guard let received = try environment.database.read({
                try $0.inboxes.request(tenantId: caller.tenantId, inboxId: inboxId, id: requestId)
            }) else { throw APIError.notFound("Request") }
            // The secret lives only in this scope: never stored, never logged.
            let results = schemes.map {
                SignatureCheck.check(scheme: $0, headers: received.headers, body: received.body, secret: secret)
            }
            return Responses.json(.ok, [
                "results": .array(results.map { result in
                    .object([
                        "scheme": .string(result.scheme.rawValue),
                        "verified": .bool(result.verified),
                        "detail": .string(result.detail),
                    ])
                }),
                "verified": .bool(results.contains { $0.verified }),
                "truncated": .bool(received.truncated),
            ])
        }
    }

    /// The caller's live inbox named by the path, or 404.
    private func find(_ context: RequestContext, _ caller: AuthContext) throws -> Inbox {
        let id = try Responses.id(context, "inboxId", notFound: "Inbox")
        guard let inbox = try environment.database.read({ try $0.inboxes.find(tenantId: caller.tenantId, id: id) }) else {
            throw APIError.notFound("Inbox")
        }
        return inbox
    }

    /// The representation of `inbox` with its token opened.
    private func json(_ inbox: Inbox, origin: String) throws -> JSON.Value {
        let token = try environment.secretCipher.open(inbox.sealedToken, webhookId: Inbox.sealingLabel(inbox.id))
        return InboxJSON.json(inbox, token: token, origin: origin)
    }

    /// Where inbox URLs point: `WEBHOOKS_PUBLIC_ORIGIN`, or else the request's own origin (its scheme from a
    /// trusted proxy or this plain-HTTP server, and its `Host`).
    private func origin(of request: HTTPRequest) -> String {
        if let publicOrigin = environment.publicOrigin { return publicOrigin.description }
        let scheme = environment.trustedProxies.scheme(of: request)
        if let host = request.headers["Host"], let origin = WebOrigin(scheme: scheme, host: host) {
            return origin.description
        }
        return scheme + "://localhost"
    }
}
