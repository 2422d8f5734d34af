import Foundation
import HTTPServer
import Tenancy
import WebhookCore

/// `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/auth/me`.
struct AuthRoutes: Sendable {
    let environment: APIEnvironment

    func register(on routes: APIRouter) {
        routes.on(.post, "/api/v1/auth/login", access: .public) { request, _, _ in try login(request) }
        // Authenticated, so a foreign page cannot log a user out through the cookie (CSRF rules apply).
        routes.on(.post, "/api/v1/auth/logout", access: .authenticated(portal: .allowed)) { request, _, caller in
            try logout(request, caller)
        }
        routes.on(.get, "/api/v1/auth/me", access: .authenticated(portal: .allowed)) { _, _, caller in
            guard let me = try environment.authenticator.me(for: caller) else { throw APIError.unauthenticated }
            return Responses.json(.ok, Self.json(me))
        }
    }

    private func login(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try Responses.body(request)
        try body.rejectUnknownFields(["email", "password"])
        let email = try body.require("email", body.string("email", maxLength: 254))
        let password = try body.require("password", body.string("password", maxLength: 1024))
        let client = environment.trustedProxies.clientAddress(of: request)
        let result = try environment.authenticator.login(email: email, password: password, clientAddress: client)
        var response = Responses.json(.ok, [
            "token": .string(result.token),
            "expiresAt": .date(result.expiresAt),
            "user": Self.json(result.user),
            "tenant": ["id": .uuid(result.tenant.id), "name": .string(result.tenant.name)],
        ])
        let maxAge = max(0, Int(result.expiresAt.timeIntervalSinceNow))
        response.headers.add(name: "Set-Cookie", value:
            "\(RequestAuthentication.cookieName)=\(result.token); Path=/; Max-Age=\(maxAge); HttpOnly; Secure; SameSite=Lax")
        return response
    }

    /// Ends the caller's session. An API key has none: answering 200 would say it stopped working when it did not,
    /// and revoking it would break whatever else uses it, so the answer says how keys are revoked.
    private func logout(_ request: HTTPRequest, _ caller: AuthContext) throws -> HTTPResponse {
        guard caller.method == .session else { throw APIError.apiKeyLogout }
        if let token = RequestAuthentication.sessionToken(in: request) {
            try environment.authenticator.logout(sessionToken: token)
        }
        var response = Responses.json(.ok, ["message": "Logged out"])
        response.headers.add(name: "Set-Cookie", value:
            "\(RequestAuthentication.cookieName)=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax")
        return response
    }

    static func json(_ user: User) -> JSON.Value {
        ["id": .uuid(user.id), "email": .string(user.email), "role": .string(user.role.rawValue)]
    }

    static func json(_ me: Me) -> JSON.Value {
        var members: [String: JSON.Value] = [
            "user": me.user.map { json($0) } ?? .null,
            "role": .string(me.role.rawValue),
            "authMethod": .string(me.method.rawValue),
            "tenant": ["id": .uuid(me.tenant.id), "name": .string(me.tenant.name)],
            "plan": .string(me.plan.rawValue),
            "webhooksAddon": BillingJSON.addon(me.webhooksAddon),
            "features": .array(me.features.map { .string($0) }),
            "limits": BillingJSON.limits(me.limits),
        ]
        // Only a portal session has the member: its chatbot and its link's theme, so a reload keeps the theme.
        if let portal = me.portal { members["portal"] = PortalRoutes.json(portal) }
        return .object(members)
    }
}

extension APIError {
    /// 403 for logging out with an API key, which stays valid.
    static let apiKeyLogout = APIError(
        .forbidden, code: "session_required",
        message: "API keys are not logged out and this one still works; revoke it with DELETE /api/v1/api-keys/{id} "
            + "from a dashboard session.")
}
