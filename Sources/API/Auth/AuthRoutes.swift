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
        routes.on(.post, "/api/v1/auth/logout", access: .authenticated) { request, _, _ in try logout(request) }
        routes.on(.get, "/api/v1/auth/me", access: .authenticated) { _, _, caller in
            guard let me = try environment.authenticator.me(for: caller) else { throw APIError.unauthenticated }
            return Responses.json(.ok, Self.json(me))
        }
    }

    private func login(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try Responses.body(request)
        try body.rejectUnknownFields(["email", "password"])
        let email = try body.require("email", body.string("email", maxLength: 254))
        let password = try body.require("password", body.string("password", maxLength: 1024))
        let result = try environment.authenticator.login(email: email, password: password,
                                                         clientAddress: request.remoteAddress)
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

    private func logout(_ request: HTTPRequest) throws -> HTTPResponse {
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
        [
            "user": me.user.map { json($0) } ?? .null,
            "role": .string(me.role.rawValue),
            "authMethod": .string(me.method.rawValue),
            "tenant": ["id": .uuid(me.tenant.id), "name": .string(me.tenant.name)],
            "plan": .string(me.plan.rawValue),
            "webhooksAddon": BillingJSON.addon(me.webhooksAddon),
            "features": .array(me.features.map { .string($0) }),
            "limits": BillingJSON.limits(me.limits),
        ]
    }
}
