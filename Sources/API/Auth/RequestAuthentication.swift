import Cryptography
import Foundation
import HTTPServer
import Tenancy
import WebhookCore

/// Finds who is calling: a session token (`Authorization: Bearer sess_...` or the session cookie) or an API key
/// (`Authorization: Bearer sk_...`). Cookie-authenticated writes must also pass a same-origin check.
struct RequestAuthentication: Sendable {
    /// The session cookie's name.
    static let cookieName = "wh_session"

    let authenticator: Authenticator
    /// The provisioning endpoints' bearer token; `nil` disables them.
    let adminToken: String?
    /// The proxies whose `X-Forwarded-Proto` tells the scheme of a request's own origin.
    var trustedProxies = TrustedProxies()
    /// The origin the dashboard is served from (`WEBHOOKS_PUBLIC_ORIGIN`); `nil` takes each request's own.
    var publicOrigin: WebOrigin?

    /// The caller's context, or 401.
    func context(for request: HTTPRequest) throws -> AuthContext {
        if let authorization = request.headers["Authorization"] {
            guard let token = Self.bearerToken(authorization), token.utf8.count <= 256,
                  let context = try authenticator.authenticate(token: token)
            else { throw APIError.unauthenticated }
            return context
        }
        guard let token = Self.cookieToken(in: request), let context = try authenticator.authenticate(token: token)
        else { throw APIError.unauthenticated }
        if !Self.isSafe(request.method) { try checkSameOrigin(request) }
        return context
    }

    /// The caller's context when the read cache alone can tell (see ``Authenticator/cachedContext(token:now:)``),
    /// for answers given on the event loop; `nil` sends the request down the blocking path. Only for safe
    /// methods: a cookie-authenticated write needs its same-origin check.
    func cachedContext(for request: HTTPRequest) -> AuthContext? {
        guard Self.isSafe(request.method) else { return nil }
        let token: String?
        if let authorization = request.headers["Authorization"] {
            token = Self.bearerToken(authorization).flatMap { $0.utf8.count <= 256 ? $0 : nil }
        } else {
            token = Self.cookieToken(in: request)
        }
        return token.flatMap { authenticator.cachedContext(token: $0) }
    }

    /// Checks `Authorization: Bearer <ADMIN_TOKEN>` in constant time; 404 when admin endpoints are disabled.
    func admin(for request: HTTPRequest) throws(APIError) -> AdminCaller {
        guard let adminToken else { throw APIError.notFound("Route") }
        guard let authorization = request.headers["Authorization"], authorization.hasPrefix("Bearer "),
              ConstantTime.equals(Array(authorization.dropFirst(7).utf8), Array(adminToken.utf8))
        else { throw APIError.unauthenticated }
        return AdminCaller()
    }

    /// The session token of the session cookie; an API key is never taken from a cookie.
    private static func cookieToken(in request: HTTPRequest) -> String? {
        guard let token = cookie(cookieName, in: request), token.utf8.count <= 256,
              !token.hasPrefix(APIKeyGenerator.prefix)
        else { return nil }
        return token
    }

    /// The token the request carries, if any: its `Authorization: Bearer` value (a session token or an API key),
    /// else its session cookie (for logout and the cached path).
    static func sessionToken(in request: HTTPRequest) -> String? {
        if let authorization = request.headers["Authorization"] { return bearerToken(authorization) }
        return cookie(cookieName, in: request)
    }

    /// The token of an `Authorization: Bearer <token>` value, or `nil` for any other scheme.
    private static func bearerToken(_ authorization: String) -> String? {
        let parts = authorization.utf8.split(separator: UInt8(ascii: " "), maxSplits: 1)
        guard parts.count == 2, parts[0].count == 6,
              zip(parts[0], "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 })
        else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = parts[1].firstIndex(where: { !isBlank($0) }),
              let last = parts[1].lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(decoding: parts[1][first...last], as: UTF8.self)
    }

    /// The value of cookie `name`.
    static func cookie(_ name: String, in request: HTTPRequest) -> String? {
        for header in request.headers.values(for: "Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    private static func isSafe(_ method: HTTPMethod) -> Bool {
        method == .get || method == .head || method == .options
    }

    /// A cookie-authenticated write must come from our own origin: the `X-Requested-With` header a foreign page
    /// cannot send without a CORS preflight (which this service never approves), `Sec-Fetch-Site: same-origin`, or
    /// an `Origin` equal to ours in scheme, host and port (a page on another port or scheme of the same host is
    /// another origin).
    private func checkSameOrigin(_ request: HTTPRequest) throws(APIError) {
        if request.headers["X-Requested-With"] != nil { return }
        if let site = request.headers["Sec-Fetch-Site"], site == "same-origin" { return }
        if let origin = request.headers["Origin"].flatMap(WebOrigin.init), origin == ownOrigin(of: request) { return }
        throw APIError(.forbidden, code: "csrf_check_failed",
                       message: "Cookie-authenticated writes must come from the dashboard's own origin (send X-Requested-With).")
    }

    /// The service's public origin, or else the request's own: its scheme (from a trusted proxy, or this plain-HTTP
    /// server's) with the `Host` it was addressed by.
    private func ownOrigin(of request: HTTPRequest) -> WebOrigin? {
        Self.origin(of: request, publicOrigin: publicOrigin, trustedProxies: trustedProxies)
    }

    /// `publicOrigin`, or else the origin `request` was addressed to (see ``ownOrigin(of:)``); also where portal
    /// links point.
    static func origin(of request: HTTPRequest, publicOrigin: WebOrigin?, trustedProxies: TrustedProxies) -> WebOrigin? {
        if let publicOrigin { return publicOrigin }
        guard let host = request.headers["Host"] else { return nil }
        return WebOrigin(scheme: trustedProxies.scheme(of: request), host: host)
    }
}
