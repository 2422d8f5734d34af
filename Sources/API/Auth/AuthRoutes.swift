import Foundation
import HTTPServer
import Tenancy
import WebhookCore

/// `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/auth/me`.
struct AuthRoutes: Sendable {
    let environment: APIEnvironment
    let authentication: RequestAuthentication

    func register(on router: Router) {
        router.api(.post, "/api/v1/auth/login") { request, _ in try login(request) }
        router.api(.post, "/api/v1/auth/logout") { request, _ in try logout(request) }
        router.api(.get, "/api/v1/auth/me") { request, _ in
            let context = try authentication.context(for: request)
            guard let me = try environment.authenticator.me(for: context) else { throw APIError.unauthenticated }
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
            "token": result.token,
            "expiresAt": ISODate.string(result.expiresAt),
            "user": Self.json(result.user),
            "tenant": ["id": result.tenant.id.uuidString.lowercased(), "name": result.tenant.name],
        ])
        let maxAge = max(0, Int(result.expiresAt.timeIntervalSinceNow))
        response.headers.add(name: "Set-Cookie", value:
            "\(RequestAuthentication.cookieName)=\(result.token); Path=/; Max-Age=\(maxAge); HttpOnly; Secure; SameSite=Lax")
        response.headers.set(name: "Cache-Control", value: "no-store")
        return response
    }

    private func logout(_ request: HTTPRequest) throws -> HTTPResponse {
        // Authenticate first so a foreign page cannot log a user out through the cookie (CSRF rules apply).
        _ = try authentication.context(for: request)
        if let token = RequestAuthentication.sessionToken(in: request) {
            try environment.authenticator.logout(sessionToken: token)
        }
        var response = Responses.json(.ok, ["message": "Logged out"])
        response.headers.add(name: "Set-Cookie", value:
            "\(RequestAuthentication.cookieName)=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax")
        return response
    }

    static func json(_ user: User) -> [String: Any] {
        ["id": user.id.uuidString.lowercased(), "email": user.email, "role": user.role.rawValue]
    }

    static func json(_ me: Me) -> [String: Any] {
        [
            "user": me.user.map { json($0) as Any } ?? NSNull(),
            "role": me.role.rawValue,
            "authMethod": me.method.rawValue,
            "tenant": ["id": me.tenant.id.uuidString.lowercased(), "name": me.tenant.name],
            "plan": me.plan.rawValue,
            "webhooksAddon": BillingJSON.addon(me.webhooksAddon),
            "features": me.features,
            "limits": BillingJSON.limits(me.limits),
        ]
    }
}
