import Foundation
import HTTPServer
import Tenancy
import WebhookCore

/// `GET/POST /api/v1/api-keys`, `DELETE /api/v1/api-keys/{apiKeyId}`: the tenant's API keys, managed from a
/// dashboard session.
///
/// An API key cannot list, mint or revoke keys (403 `session_required`): a leaked key must not be able to make
/// itself permanent. Members may list; creating and revoking need a role that may write.
struct APIKeyRoutes: Sendable {
    let environment: APIEnvironment

    func register(on routes: APIRouter) {
        routes.on(.get, "/api/v1/api-keys", access: .session) { _, _, caller in
            let keys = try environment.authenticator.listAPIKeys(tenantId: caller.tenantId)
            return Responses.json(.ok, ["apiKeys": .array(keys.map(APIKeyJSON.json)), "total": .int(keys.count)])
        }
        routes.on(.post, "/api/v1/api-keys", access: .sessionWriter) { request, _, caller in
            let name = try APIKeyJSON.name(from: Responses.body(request))
            let (apiKey, key) = try environment.provisioning.createAPIKey(tenantId: caller.tenantId, name: name)
            return Responses.json(.created, .object(APIKeyJSON.created(apiKey, key: key)))
        }
        routes.on(.delete, "/api/v1/api-keys/{apiKeyId}", access: .sessionWriter) { _, context, caller in
            let id = try Responses.id(context, "apiKeyId", notFound: "API key")
            if try environment.authenticator.revokeAPIKey(tenantId: caller.tenantId, id: id) {
                return HTTPResponse(status: .noContent)
            }
            // Revoking twice is not an error; a key of another tenant, or none at all, is a 404.
            let alreadyRevoked = try environment.authenticator.listAPIKeys(tenantId: caller.tenantId)
                .contains { $0.id == id && $0.revokedAt != nil }
            guard alreadyRevoked else { throw APIError.notFound("API key") }
            return HTTPResponse(status: .noContent)
        }
    }
}
