import Foundation
import HTTPServer
import WebhookCore

/// Who may call a route, and what its handler is given about the caller: every route declares one of these rules
/// (see ``APIRouter``), and the rule runs before the handler, so no handler can forget it.
///
/// | Rule             | Caller        | Refused with                                                          |
/// |------------------|---------------|-----------------------------------------------------------------------|
/// | `.public`        | `Void`        | never                                                                 |
/// | `.authenticated` | `AuthContext` | 401 `unauthenticated` (a session token, session cookie or API key)    |
/// | `.writer`        | `AuthContext` | 401, then 403 `forbidden` for a role that may only read               |
/// | `.session`       | `AuthContext` | 401, then 403 `session_required` for an API key                       |
/// | `.sessionWriter` | `AuthContext` | 401, 403 `session_required`, then 403 `forbidden`                      |
/// | `.admin`         | `AdminCaller` | 404 while `ADMIN_TOKEN` is unset, 401 for a wrong or missing token    |
///
/// Cookie-authenticated writes also pass the same-origin check (403 `csrf_check_failed`); see
/// ``RequestAuthentication``.
///
/// A portal session (opened from a portal link, scoped to one chatbot) is refused by every rule with 403
/// `portal_scope`, deny by default, unless the route says otherwise with a ``PortalRule``:
/// `.authenticated(portal: .ownChatbot)` lets it in when the route's `{chatbotId}` is its chatbot (any other answers
/// 404 like an unknown chatbot).
struct Access<Caller: Sendable>: Sendable {
    /// The caller of `request` (whose path parameters are in the context), or the error that answers it.
    let authenticate: @Sendable (HTTPRequest, RequestContext, RequestAuthentication) throws -> Caller
    /// The caller of `request` when the read cache alone can tell, for answers given on the event loop; `nil`
    /// sends the request down the blocking path, which decides.
    let authenticateFromCache: @Sendable (HTTPRequest, RequestContext, RequestAuthentication) -> Caller?
}

/// What a portal session may do on a route.
enum PortalRule: Sendable {
    /// Refused with 403 `portal_scope`: every route not marked otherwise.
    case refused
    /// Let in: routes about the caller itself (`/auth/me`, `/auth/logout`) or whose handler narrows its answer to
    /// the session's chatbot (`GET /chatbots`).
    case allowed
    /// Let in when the route's `{chatbotId}` is the session's chatbot; another chatbot answers 404 as an unknown one.
    case ownChatbot

    /// Throws unless `caller` may use the route of `context` under this rule; callers that are not portal
    /// sessions always may.
    func check(_ caller: AuthContext, _ context: RequestContext) throws(APIError) {
        guard let scope = caller.portal else { return }
        switch self {
        case .refused:
            throw APIError.portalScope
        case .allowed:
            return
        case .ownChatbot:
            guard let raw = context.parameter("chatbotId"), raw.utf8.count == 36, let id = UUID(uuidString: raw),
                  id == scope.chatbotId
            else { throw APIError.notFound("Chatbot") }
        }
    }
}

/// The caller of an `.admin` route: the holder of the deployment's admin token.
struct AdminCaller: Sendable {}

extension Access where Caller == Void {
    /// Anyone: logging in, the event catalogue.
    static var `public`: Access {
        Access(authenticate: { _, _, _ in () }, authenticateFromCache: { _, _, _ in () })
    }
}

extension Access where Caller == AuthContext {
    /// Any caller with a session or an API key of the tenant; no portal session.
    static var authenticated: Access { authenticated(portal: .refused) }

    /// Any caller with a session or an API key of the tenant, and portal sessions as `portal` says.
    static func authenticated(portal: PortalRule) -> Access { requiring(portal: portal) { _ throws(APIError) in } }

    /// A caller whose role may write (owners, admins and API keys); no portal session.
    static var writer: Access { writer(portal: .refused) }

    /// A caller whose role may write, and portal sessions (which may write within their chatbot) as `portal` says.
    static func writer(portal: PortalRule) -> Access { requiring(portal: portal, mayWrite) }

    /// A logged-in user, not an API key: a leaked key must not be able to manage keys and make itself permanent.
    static var session: Access { requiring(isSession) }

    /// A logged-in user whose role may write.
    static var sessionWriter: Access {
        requiring { caller throws(APIError) in
            try isSession(caller)
            try mayWrite(caller)
        }
    }

    private static func requiring(portal: PortalRule = .refused,
                                  _ rule: @escaping @Sendable (AuthContext) throws(APIError) -> Void) -> Access {
        Access(authenticate: { request, context, authentication in
            let caller = try authentication.context(for: request)
            try portal.check(caller, context)
            try rule(caller)
            return caller
        }, authenticateFromCache: { request, context, authentication in
            guard let caller = authentication.cachedContext(for: request), (try? portal.check(caller, context)) != nil,
                  (try? rule(caller)) != nil
            else { return nil }
            return caller
        })
    }

    private static func mayWrite(_ caller: AuthContext) throws(APIError) {
        guard caller.canWrite else { throw APIError.forbidden }
    }

    private static func isSession(_ caller: AuthContext) throws(APIError) {
        guard caller.method == .session else { throw APIError.sessionRequired }
    }
}

extension Access where Caller == AdminCaller {
    /// The SaaS's provisioning calls, with `Authorization: Bearer <ADMIN_TOKEN>`.
    static var admin: Access {
        Access(authenticate: { request, _, authentication in
            try authentication.admin(for: request)
        }, authenticateFromCache: { _, _, _ in nil })
    }
}

extension APIError {
    /// 401 for a missing or invalid credential.
    static let unauthenticated = APIError(.unauthorized, code: "unauthenticated",
                                          message: "Log in or send a valid session token or API key.",
                                          headers: [("WWW-Authenticate", "Bearer")])

    /// 403 for a role that may not write.
    static let forbidden = APIError(.forbidden, code: "forbidden", message: "Your role may only read.")

    /// 403 for a portal session on a route outside its chatbot's webhooks.
    static let portalScope = APIError(.forbidden, code: "portal_scope",
                                      message: "A portal session reaches only its chatbot's webhooks and deliveries.")

    /// 403 for an API key on a route for logged-in users.
    static let sessionRequired = APIError(.forbidden, code: "session_required",
                                          message: "API keys are managed from a logged-in dashboard session.")
}
