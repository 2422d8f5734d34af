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
    let authentication: RequestAuthentication

    static let sessionRequired = APIError(.forbidden, code: "session_required",
                                          message: "API keys are managed from a logged-in dashboard session.")

    func register(on router: Router) {
        router.api(.get, "/api/v1/api-keys") { request, _ in
            let caller = try session(request, write: false)
            let keys = try environment.authenticator.listAPIKeys(tenantId: caller.tenantId)
            return Responses.json(.ok, ["apiKeys": keys.map(APIKeyJSON.json), "total": keys.count])
        }
        router.api(.post, "/api/v1/api-keys") { request, _ in
            let caller = try session(request, write: true)
            let name = try APIKeyJSON.name(from: Responses.body(request))
            let (apiKey, key) = try environment.provisioning.createAPIKey(tenantId: caller.tenantId, name: name)
            return Self.created(apiKey, key: key)
        }
        router.api(.delete, "/api/v1/api-keys/{apiKeyId}") { request, context in
            let caller = try session(request, write: true)
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

    /// The caller, who must be a session (and a writer when `write`).
    private func session(_ request: HTTPRequest, write: Bool) throws -> AuthContext {
        let caller = try authentication.context(for: request)
        guard caller.method == .session else { throw Self.sessionRequired }
        guard !write || caller.canWrite else { throw APIError.forbidden }
        return caller
    }

    /// 201 with the new key, shown this once, never cached.
    static func created(_ apiKey: APIKey, key: String) -> HTTPResponse {
        var response = Responses.json(.created, APIKeyJSON.created(apiKey, key: key))
        response.headers.set(name: "Cache-Control", value: "no-store")
        return response
    }
}
