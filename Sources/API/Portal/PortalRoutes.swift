import Foundation
import HTTPServer
import Tenancy
import WebhookCore

/// Portal links: `POST /api/v1/chatbots/{chatbotId}/portal-links` makes a single-use link that opens the dashboard
/// scoped to one chatbot's webhooks, and `POST /api/v1/auth/portal-sessions` (public: the link's token is the
/// credential) redeems it for a session scoped the same way.
///
/// The link is redeemed by a POST from the page, never by opening the URL: a link preview that fetches the URL
/// gets the page, not the session, so it cannot use the link up.
struct PortalRoutes: Sendable {
    let environment: APIEnvironment

    /// The dashboard path that redeems a link.
    static let pagePath = "/dashboard/portal"

    func register(on routes: APIRouter) {
        // A portal session cannot make links: `.writer` refuses it, so a link cannot outlive the session it came from.
        routes.on(.post, "/api/v1/chatbots/{chatbotId}/portal-links", access: .writer) { request, context, caller in
            try createLink(request, context, caller)
        }
        routes.on(.post, "/api/v1/auth/portal-sessions", access: .public) { request, _, _ in
            try openSession(request)
        }
    }

    private func createLink(_ request: HTTPRequest, _ context: RequestContext, _ caller: AuthContext) throws -> HTTPResponse {
        let chatbotId = try Responses.id(context, "chatbotId", notFound: "Chatbot")
        var lifetime = Authenticator.defaultPortalLinkLifetime
        var theme = PortalTheme.none
        if !request.body.isEmpty {
            let body = try Responses.body(request)
            try body.rejectUnknownFields(["expiresIn", "theme"])
            if let seconds = try body.integer("expiresIn") {
                guard Authenticator.portalLinkLifetimes.contains(seconds) else {
                    throw APIError(.unprocessableContent, code: "invalid_field",
                                   message: "Must be from \(Authenticator.portalLinkLifetimes.lowerBound) to "
                                       + "\(Authenticator.portalLinkLifetimes.upperBound) seconds.",
                                   field: "expiresIn")
                }
                lifetime = TimeInterval(seconds)
            }
            if let object = try body.object("theme") {
                theme = try Self.theme(object)
            }
        }
        let origin = try Self.origin(of: request, environment: environment)
        // Checked after the input, so a tenant without the feature still learns about a malformed request first,
        // like webhook creation.
        guard caller.subscription.hasWebhooksFeature else { throw WebhookManagement.planRequired }
        guard let link = try environment.authenticator.createPortalLink(
            tenantId: caller.tenantId, chatbotId: chatbotId, theme: theme, lifetime: lifetime)
        else { throw APIError.notFound("Chatbot") }
        return Responses.json(.created, [
            "url": .string("\(origin)\(Self.pagePath)?token=\(link.token)"),
            "expiresAt": .date(link.expiresAt),
        ])
    }

    private func openSession(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try Responses.body(request)
        try body.rejectUnknownFields(["token"])
        let token = try body.require("token", body.string("token", maxLength: 256))
        let client = environment.trustedProxies.clientAddress(of: request)
        guard let session = try environment.authenticator.openPortalSession(linkToken: token, clientAddress: client) else {
            throw APIError.portalLinkGone
        }
        return Responses.json(.created, [
            "token": .string(session.token),
            "expiresAt": .date(session.expiresAt),
            "portal": Self.json(session.scope),
        ])
    }

    /// `{"chatbotId", "theme"}`, as `/auth/me` shows it too.
    static func json(_ scope: PortalScope) -> JSON.Value {
        var theme: [String: JSON.Value] = [:]
        if let accent = scope.theme.accent { theme["accent"] = .string(accent) }
        if let logoUrl = scope.theme.logoUrl { theme["logoUrl"] = .string(logoUrl) }
        if let dark = scope.theme.dark { theme["dark"] = .bool(dark) }
        return ["chatbotId": .uuid(scope.chatbotId), "theme": .object(theme)]
    }

    /// The theme of a link request, 422 naming `theme.accent` or `theme.logoUrl` when one is malformed.
    private static func theme(_ object: JSONObject) throws(APIError) -> PortalTheme {
        try object.rejectUnknownFields(["accent", "logoUrl", "dark"])
        let accent = try object.string("accent", maxLength: 100)
        let logoUrl = try object.string("logoUrl", maxLength: 10_000)
        let dark = try object.bool("dark")
        do {
            return try PortalTheme.validated(accent: accent, logoUrl: logoUrl, dark: dark)
        } catch {
            throw APIError(.unprocessableContent, code: "invalid_field", message: error.problem,
                           field: "theme.\(error.field)")
        }
    }

    /// Where the link points: `WEBHOOKS_PUBLIC_ORIGIN`, else the origin the request was addressed to.
    private static func origin(of request: HTTPRequest, environment: APIEnvironment) throws(APIError) -> WebOrigin {
        guard let origin = RequestAuthentication.origin(of: request, publicOrigin: environment.publicOrigin,
                                                        trustedProxies: environment.trustedProxies)
        else {
            throw APIError(.badRequest, code: "invalid_host",
                           message: "Send a valid Host header, or set WEBHOOKS_PUBLIC_ORIGIN.")
        }
        return origin
    }
}

extension APIError {
    /// 410 for a portal link that is unknown, expired or already used: one answer for all three.
    static let portalLinkGone = APIError(.gone, code: "portal_link_gone",
                                         message: "This portal link is expired or was already used; ask for a new one.")
}
