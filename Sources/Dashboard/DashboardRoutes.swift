public import HTTPServer

/// The dashboard's pages: `GET /` leads to `/dashboard/`, whose files are embedded in the binary.
///
/// Every path under `/dashboard/` outside `assets/` answers `index.html`, whose JavaScript shows the view the path
/// names (client-side routing), so a link to any view opens it. Files under `/dashboard/assets/` answer as
/// themselves, or 404 so a missing script never receives HTML. Every answer carries the security headers of
/// ``DashboardRoutes/withSecurityHeaders(_:)``.
public struct DashboardRoutes: Sendable {
    /// The path every dashboard URL starts with.
    public static let prefix = "/dashboard"

    /// The deepest view path (`chatbots/{id}/webhooks/{id}/deliveries/{id}` is six segments) with room to grow;
    /// the router has no wildcard, so each depth is one route.
    static let maximumDepth = 8

    /// No script, style or connection from anywhere but the service, no inline script or style. Images may also
    /// come from any `https:` address, for the logo a portal link names (an image cannot run anything); framing
    /// is ``frameAncestors``'s.
    public static func contentSecurityPolicy(frameAncestors: [String]) -> String {
        "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors " + (frameAncestors.isEmpty ? "'none'" : (["'self'"] + frameAncestors).joined(separator: " "))
    }

    private let assets: [String: DashboardAsset]
    /// The origins that may frame the dashboard (`WEBHOOKS_PORTAL_FRAME_ORIGINS`, to embed portal links); empty,
    /// nobody may.
    public let frameAncestors: [String]
    private let contentSecurityPolicy: String

    /// Creates the routes over the embedded files. `frameAncestors` are exact origins (`https://app.example.com`),
    /// already validated: with any, the page may be framed by them and by itself; without, by nobody.
    public init(frameAncestors: [String] = []) {
        assets = Dictionary(uniqueKeysWithValues: EmbeddedAssets.files.map { path, text in
            (path, DashboardAsset(path: path, text: text))
        })
        self.frameAncestors = frameAncestors
        contentSecurityPolicy = Self.contentSecurityPolicy(frameAncestors: frameAncestors)
    }

    /// Registers `GET /` and `GET /dashboard/...` (HEAD follows GET). They never block, so they run on the event loop.
    public func register(on router: Router) {
        router.get("/", runsOnEventLoop: true) { _, _ in
            HTTPResponse(status: .found, headers: ["Location": "\(Self.prefix)/", "Cache-Control": "no-cache"])
        }
        var pattern = Self.prefix
        for depth in 0...Self.maximumDepth {
            router.get(pattern, runsOnEventLoop: true) { request, _ in self.respond(to: request) }
            pattern += "/{p\(depth)}"
        }
    }

    /// The answer to `GET request.path` under `/dashboard`.
    func respond(to request: HTTPRequest) -> HTTPResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).dropFirst()
        // The path is already percent-decoded: `..`, `.` or an encoded slash or backslash is never a dashboard file.
        let target = request.rawTarget.prefix { $0 != "?" }.lowercased()
        guard segments.allSatisfy({ $0 != ".." && $0 != "." && !$0.contains("\\") }),
              !target.contains("%2f"), !target.contains("%5c")
        else {
            return withSecurityHeaders(.error(.badRequest, code: "invalid_path", message: "Not a dashboard path."))
        }
        if segments.first == "assets" {
            guard let asset = assets[segments.dropFirst().joined(separator: "/")] else {
                return withSecurityHeaders(.error(.notFound, code: "not_found", message: "No dashboard file here."))
            }
            return answer(asset, request: request)
        }
        guard let index = assets["index.html"] else {
            return withSecurityHeaders(.error(.notFound, code: "not_found", message: "No dashboard built in."))
        }
        return answer(index, request: request)
    }

    /// The asset, or 304 when the client's copy is current. `no-cache`: the browser may keep a copy but asks each
    /// time, so a new version of the service is never mixed with an old script; the ETag makes asking cheap.
    private func answer(_ asset: DashboardAsset, request: HTTPRequest) -> HTTPResponse {
        var headers: HTTPHeaders = ["ETag": asset.entityTag, "Cache-Control": "no-cache"]
        let clientTags = request.headers.values(for: "If-None-Match").flatMap { $0.split(separator: ",") }
            .map { tag in String(tag.filter { $0 != " " && $0 != "\t" }) }
        // If-None-Match compares weakly (RFC 9110 §13.1.2), so `W/"tag"` matches too.
        if clientTags.contains(where: { $0 == asset.entityTag || $0 == "W/" + asset.entityTag || $0 == "*" }) {
            return withSecurityHeaders(HTTPResponse(status: .notModified, headers: headers))
        }
        headers.add(name: "Content-Type", value: asset.contentType)
        return withSecurityHeaders(HTTPResponse(status: .ok, headers: headers, body: asset.body))
    }

    /// Adds the headers every dashboard answer carries. `X-Frame-Options` cannot name a list of origins, so it is
    /// sent only when nobody may frame the page (CSP's `frame-ancestors` decides in every current browser).
    func withSecurityHeaders(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.set(name: "Content-Security-Policy", value: contentSecurityPolicy)
        response.headers.set(name: "X-Content-Type-Options", value: "nosniff")
        if frameAncestors.isEmpty { response.headers.set(name: "X-Frame-Options", value: "DENY") }
        response.headers.set(name: "Referrer-Policy", value: "same-origin")
        return response
    }
}
