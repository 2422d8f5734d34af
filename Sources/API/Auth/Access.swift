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
struct Access<Caller: Sendable>: Sendable {
    /// The caller of `request`, or the error that answers it.
    let authenticate: @Sendable (HTTPRequest, RequestAuthentication) throws -> Caller
    /// The caller of `request` when the read cache alone can tell, for answers given on the event loop; `nil`
    /// sends the request down the blocking path, which decides.
    let authenticateFromCache: @Sendable (HTTPRequest, RequestAuthentication) -> Caller?
}

/// The caller of an `.admin` route: the holder of the deployment's admin token.
struct AdminCaller: Sendable {}

extension Access where Caller == Void {
    /// Anyone: logging in, the event catalogue.
    static var `public`: Access {
        Access(authenticate: { _, _ in () }, authenticateFromCache: { _, _ in () })
    }
}

extension Access where Caller == AuthContext {
    /// Any caller with a session or an API key of the tenant.
    static var authenticated: Access { requiring { _ throws(APIError) in } }

    /// A caller whose role may write (owners, admins and API keys).
    static var writer: Access { requiring(mayWrite) }

    /// A logged-in user, not an API key: a leaked key must not be able to manage keys and make itself permanent.
    static var session: Access { requiring(isSession) }

    /// A logged-in user whose role may write.
    static var sessionWriter: Access {
        requiring { caller throws(APIError) in
            try isSession(caller)
            try mayWrite(caller)
        }
    }

    private static func requiring(_ rule: @escaping @Sendable (AuthContext) throws(APIError) -> Void) -> Access {
        Access(authenticate: { request, authentication in
            let caller = try authentication.context(for: request)
            try rule(caller)
            return caller
        }, authenticateFromCache: { request, authentication in
            guard let caller = authentication.cachedContext(for: request), (try? rule(caller)) != nil else { return nil }
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
        Access(authenticate: { request, authentication in
            try authentication.admin(for: request)
        }, authenticateFromCache: { _, _ in nil })
    }
}

extension APIError {
    /// 401 for a missing or invalid credential.
    static let unauthenticated = APIError(.unauthorized, code: "unauthenticated",
                                          message: "Log in or send a valid session token or API key.",
                                          headers: [("WWW-Authenticate", "Bearer")])

    /// 403 for a role that may not write.
    static let forbidden = APIError(.forbidden, code: "forbidden", message: "Your role may only read.")

    /// 403 for an API key on a route for logged-in users.
    static let sessionRequired = APIError(.forbidden, code: "session_required",
                                          message: "API keys are managed from a logged-in dashboard session.")
}
